"""SQLCipher 4 under SQLAlchemy, keyed with a raw 256-bit data key.

The key is handed to SQLCipher as a raw hex key (``x'…'``), so no password ever
reaches SQL and SQLCipher's own KDF is skipped (the key is already random). The key
is checked by reading ``sqlite_master`` before anything else, so a wrong key fails
at once with :class:`StoreDamaged` instead of later with SQL noise.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from hamm_field.domain.errors import StoreDamaged

log = logging.getLogger(__name__)

KEY_BYTES = 32

_PRAGMAS = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA cache_size = -65536",
    # Without a limit the WAL keeps the size of the largest transaction (a demo load).
    "PRAGMA journal_size_limit = 67108864",
)


def connect_raw(path: Path, data_key: bytes) -> sqlcipher.Connection:
    """One keyed, validated DB-API connection (also used by benchmarks and sync)."""
    if len(data_key) != KEY_BYTES:
        raise ValueError("data key must be 32 bytes")
    conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # Keep SQLCipher's own log (e.g. "hmac check failed") off stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        log.warning("store key check failed: wrong key or damaged file")
        raise StoreDamaged() from None
    for pragma in _PRAGMAS[1:]:
        conn.execute(pragma)
    return conn


def make_engine(path: Path, data_key: bytes) -> Engine:
    """An SQLAlchemy engine whose every connection is keyed and validated.

    SQLAlchemy's own transaction handling is kept (``isolation_level=None`` on the
    driver plus explicit BEGIN below), so a unit of work is one SQLite transaction.
    """
    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher,
        creator=lambda: connect_raw(path, data_key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - trivial
        conn.exec_driver_sql("BEGIN")

    return engine
