"""The payload of a package: changed rows in a SQLCipher file with its own fresh key.

Rows travel as JSON per record (table, id, columns), not as copies of every table's
schema, so a newer central store can read an older laptop's package column by column.
The payload is encrypted by SQLCipher itself with a random key that only the envelope
carries; a temporary payload file on disk is therefore never plaintext.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from hamm_field.store.engine import KEY_BYTES, connect_raw

Row = dict[str, Any]
BATCH = 5_000


def write_payload(path: Path, rows: Iterable[tuple[str, Row]]) -> tuple[bytes, dict[str, int]]:
    """Write ``(table, row)`` pairs to a new encrypted file; returns its key and counts."""
    key = os.urandom(KEY_BYTES)
    connection = connect_raw(path, key)
    counts: dict[str, int] = {}
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute(
            "CREATE TABLE rows (tbl TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, "
            "PRIMARY KEY (tbl, id))"
        )
        connection.execute("BEGIN")
        batch: list[tuple[str, str, str]] = []
        for table, row in rows:
            batch.append((table, row["id"], json.dumps(row, separators=(",", ":"))))
            counts[table] = counts.get(table, 0) + 1
            if len(batch) >= BATCH:
                connection.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)", batch)
                batch.clear()
        connection.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)", batch)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return key, counts


def read_payload(path: Path, key: bytes, batch: int = BATCH) -> Iterator[list[tuple[str, Row]]]:
    """Rows in batches; the connection is validated (a wrong key fails at once)."""
    connection = connect_raw(path, key)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()
        if check != ("ok",):
            raise ValueError("payload integrity check failed")
        cursor = connection.execute("SELECT tbl, data FROM rows ORDER BY tbl, id")
        while chunk := cursor.fetchmany(batch):
            yield [(table, json.loads(data)) for table, data in chunk]
    finally:
        connection.close()


def read_table(path: Path, key: bytes, table: str) -> list[Row]:
    """The rows of one table, read ahead of the merge (a return's master data)."""
    connection = connect_raw(path, key)
    try:
        cursor = connection.execute("SELECT data FROM rows WHERE tbl = ? ORDER BY id", (table,))
        return [json.loads(data) for (data,) in cursor]
    finally:
        connection.close()
