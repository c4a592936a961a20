"""Store benchmarks: demo bulk load, opening the store, the KDF, size on disk, memory.

Budgets (DESIGN.md): the bulk load within 2x of a raw ``sqlcipher3`` executemany of the same
rows; opening a store of 100k families / 1M contacts and showing the main window's first
query within 1.5 s (the deliberate KDF apart, timed on its own). The full demo load runs in
a child process so its peak memory (``ru_maxrss``) is its own; the contact comparison runs
the SAME generated contact rows through the bulk path, raw ``sqlcipher3`` and plain
``sqlite3``, each into a fresh file with the store's schema (same indexes and foreign keys,
households preloaded), one transaction per batch, timing only the inserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from benchmarks import bench_caseload
from benchmarks.common import (
    PASSWORD,
    ROOT,
    Figure,
    file_size,
    fresh_store,
    median_of,
    raw_cipher,
    raw_sqlite,
    schema_sql,
    timed,
)  # fmt: skip
from hamm_field.domain.tables import Contact, Household
from hamm_field.services import demo
from hamm_field.store import bulk, migrate
from hamm_field.store.engine import make_engine
from hamm_field.store.keyfile import KeyFile, calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.store.search import FamilyFilter, count_households, search_households
from hamm_field.store.unit import Store

SEED = 1


def _child(mode: str, root: Path, families: int, year: int) -> dict[str, Any]:
    """Run one load in a fresh interpreter; returns what it printed as JSON."""
    command = [sys.executable, "-m", "benchmarks.bench_store", "--child", mode,
               "--dir", str(root), "--families", str(families), "--year", str(year)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_main(args: argparse.Namespace) -> None:
    root = Path(args.dir)
    store = fresh_store(root)
    result: dict[str, Any] = {}
    if args.child == "load":
        seconds, summary = timed(lambda: demo.load_demo(
            store, families=args.families, seed=SEED, year=args.year))  # fmt: skip
        result = {"seconds": seconds, "summary": asdict(summary)}
        result["rows"] = sum(asdict(summary).values())
        result["open_bytes"] = file_size(StorePaths(root).database)
    store.close()
    result["closed_bytes"] = file_size(StorePaths(root).database)
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


def bench_load(families: int, year: int, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    idle = _child("idle", work / "idle", 0, year)
    load = _child("load", work / "store", families, year)
    rows, seconds = load["rows"], load["seconds"]
    gen_seconds, (gen_rows, batches) = timed(lambda: _generate(families, year))
    figures = [
        Figure(f"demo load, {families:,} families ({rows:,} rows)", seconds, "s",
               note=f"{rows / seconds:,.0f} rows/s incl. generation, one child process"),
        Figure("  generation of the same rows alone", gen_seconds, "s",
               note=f"{gen_rows / gen_seconds:,.0f} rows/s; no store touched"),
        Figure("  size on disk after load (db + wal)", load["open_bytes"], "B",
               "after close", load["closed_bytes"]),
        Figure("  peak memory of the load (ru_maxrss)", load["maxrss_kib"], "KiB",
               "idle child: empty store", idle["maxrss_kib"]),
    ]  # fmt: skip
    figures += _contact_inserts(batches, work)
    return figures, {"load": load, "idle": idle}


def _generate(families: int, year: int) -> tuple[int, list[list[bulk.Rows]]]:
    """Generate the demo rows; keep households and contacts only (memory)."""
    count, kept = 0, []
    for _n, batch in demo.generate(families, seed=SEED, year=year):
        count += sum(len(rows.values) for rows in batch)
        kept.append([rows for rows in batch if rows.table in (Household, Contact)])
    return count, kept


def _contact_inserts(batches: list[list[bulk.Rows]], work: Path) -> list[Figure]:
    households = [next(r for r in batch if r.table is Household) for batch in batches]
    contacts = [next(r for r in batch if r.table is Contact) for batch in batches]
    total = sum(len(rows.values) for rows in contacts)
    store = fresh_store(work / "bulk")
    for batch in [[demo.team_rows()], *([rows] for rows in households)]:
        bulk.insert(store, batch)
    bulk_seconds = sum(timed(lambda rows=rows: bulk.insert(store, [rows]))[0] for rows in contacts)
    schema = schema_sql(store)
    hlc, device = store.clock.now(), store.device_id
    store.close()
    raw_seconds, raw_size = _raw_inserts(
        raw_cipher(work / "raw_cipher.db", schema), work / "raw_cipher.db", households, contacts,
        hlc, device)  # fmt: skip
    lite_seconds, lite_size = _raw_inserts(
        raw_sqlite(work / "plain.db", schema), work / "plain.db", households, contacts, hlc,
        device)  # fmt: skip
    return [
        Figure(f"bulk path: {total:,} contacts", bulk_seconds, "s", "raw sqlcipher3 executemany",
               raw_seconds, "<= 2x raw sqlcipher3",
               f"{total / bulk_seconds:,.0f} rows/s; raw {total / raw_seconds:,.0f} rows/s"),
        Figure("  raw sqlcipher3 vs plain sqlite3", raw_seconds, "s", "plain sqlite3 executemany",
               lite_seconds, note=f"plain sqlite3 {total / lite_seconds:,.0f} rows/s"),
        Figure("  bulk path vs plain sqlite3", bulk_seconds, "s", "plain sqlite3 executemany",
               lite_seconds),
        Figure("  contacts-only file, encrypted", raw_size, "B", "plain sqlite3", lite_size),
    ]  # fmt: skip


def _raw_inserts(
    connection: Any, path: Path, households: list[bulk.Rows], contacts: list[bulk.Rows],
    hlc: int, device: str,
) -> tuple[float, int]:  # fmt: skip
    """Preload team and households, then time one transaction of executemany per batch."""

    def load(rows: bulk.Rows) -> float:
        values = list(bulk.sql_rows(rows, hlc, device))  # the same rows, as SQLite values
        seconds, _ = timed(lambda: _transaction(connection, rows, values))
        return seconds

    for rows in [demo.team_rows(), *households]:
        load(rows)
    seconds = sum(load(rows) for rows in contacts)
    connection.close()
    return seconds, file_size(path)


def _transaction(connection: Any, rows: bulk.Rows, values: list[Any]) -> None:
    connection.execute("BEGIN")
    connection.executemany(bulk.insert_sql(rows.table, rows.columns), values)
    connection.execute("COMMIT")


def bench_open(work: Path, repeat: int = 5) -> list[Figure]:
    paths = StorePaths(work / "store")
    data_key, worker_id = KeyFile.load(paths.keyfile).unlock_with_password(PASSWORD)

    def open_and_show() -> None:
        engine = make_engine(paths.database, data_key)
        migrate.upgrade(engine)
        store = Store(engine, paths, data_key, worker_id)
        with store.read() as session:
            count_households(session, FamilyFilter())
            search_households(session, FamilyFilter(), limit=100)
        store.close()

    def raw_open() -> None:
        connection = raw_cipher_open(paths.database, data_key)
        connection.close()

    open_median, _ = median_of(repeat, open_and_show)
    raw_median, _ = median_of(repeat, raw_open)
    kdf = calibrate_kdf(0.5)
    keys = KeyFile.new("benchmark")
    keys.add_password("worker", PASSWORD, os.urandom(32), kdf)
    kdf_median, _ = median_of(3, lambda: keys.unlock_with_password(PASSWORD))
    return [
        Figure(f"open store + first query (median of {repeat})", open_median, "s",
               "raw sqlcipher3 open + count(sqlite_master)", raw_median, "<= 1.5 s",
               "engine, migration check, count families, first 100 by name; warm OS cache"),
        Figure("KDF: Argon2id unlock (median of 3)", kdf_median, "s", "calibration target",
               0.5, "about 0.5 s",
               f"m={kdf.memory_cost} KiB, t={kdf.iterations}, p={kdf.lanes}"),
    ]  # fmt: skip


def raw_cipher_open(path: Path, data_key: bytes) -> Any:
    """The bare minimum: connect, key, read ``sqlite_master``."""
    connection = sqlcipher.connect(str(path))
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    connection.execute("PRAGMA cipher_compatibility = 4")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return connection


def run(families: int, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    year = dt.date.today().year - 1
    figures, extra = bench_load(families, year, work)
    figures += bench_open(work)
    figures += bench_caseload.run(work, raw_cipher_open)
    return figures, {**extra, "families": families, "year": year, "seed": SEED}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=("load", "idle"), required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--families", type=int, default=0)
    parser.add_argument("--year", type=int, required=True)
    _child_main(parser.parse_args())
