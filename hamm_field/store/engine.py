"""SQLCipher 4 under SQLAlchemy, keyed with a raw 256-bit data key.

The key is handed to SQLCipher as a raw hex key (``x'…'``), so no password ever
reaches SQL and SQLCipher's own KDF is skipped (the key is already random). The key
is checked by reading ``sqlite_master`` before anything else, so a wrong key fails
at once with :class:`StoreDamaged` instead of later with SQL noise.

A full disk or a folder it may not write to is not damage: SQLite's error is then traced
to its cause by a write into the folder (:func:`~hamm_field.store.paths.folder_problem`) and
raised as :class:`DiskFull` or :class:`FolderNotWritable`, when connecting and on every
statement. Parameters never appear in SQLAlchemy's error texts (they are rows of people).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from hamm_field.domain.errors import DiskFull, StoreDamaged, UserError
from hamm_field.store.paths import PRIVATE_FILE, folder_problem

log = logging.getLogger(__name__)

KEY_BYTES = 32
# Primary SQLite result codes that a full disk or an unwritable folder can cause.
_MAYBE_DISK = frozenset(
    getattr(sqlcipher, name, -1)
    for name in ("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")
)

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
    _create_private(path)
    conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # Keep SQLCipher's own log (e.g. "hmac check failed") off stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        conn.close()
        problem = disk_problem(error, path)
        if problem is not None:
            raise problem from None
        log.warning("store key check failed: wrong key or damaged file")
        raise StoreDamaged() from None
    try:
        for pragma in _PRAGMAS[1:]:
            conn.execute(pragma)
    except sqlcipher.DatabaseError as error:
        conn.close()
        problem = disk_problem(error, path)
        if problem is None:
            raise
        raise problem from None
    return conn


def _create_private(path: Path) -> None:
    """Make a new database file owner-only before SQLite writes to it.

    SQLite gives the ``-wal`` and ``-shm`` files the mode of their database, so they are
    private too, whatever the umask of the process.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except OSError:  # there already, or SQLite meets the same problem and reports it
        return
    os.close(fd)


def disk_problem(error: BaseException, database: Path) -> UserError | None:
    """The full disk or unwritable folder behind an SQLite error, or None for anything else."""
    if not isinstance(error, sqlcipher.Error):
        return None
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # primary code
    if code == sqlcipher.SQLITE_FULL:
        return DiskFull()
    if code in _MAYBE_DISK:
        return folder_problem(database.parent)
    return None


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
        hide_parameters=True,
    )

    @event.listens_for(engine, "handle_error")
    def _disk_full_or_read_only(context):  # type: ignore[no-untyped-def]
        return disk_problem(context.original_exception, path)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - trivial
        conn.exec_driver_sql("BEGIN")

    return engine
