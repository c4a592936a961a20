"""Sync benchmarks: a laptop's export of 10k changes; the central import of 1M changes.

Budgets (DESIGN.md): export of 10k changes <= 2 s; import + merge of 1M changes from 30
packages <= 120 s; memory <= 500 MB (peak resident memory of the process doing it).

The world is built through the real code paths: a coordination store, laptops invited by
it and set up from their invitation files (Argon2id at the floor: the KDF is measured by
``bench_store``), one package per laptop written by the real export, whose first package
carries the enrolment proof the central store checks. Each laptop holds demo families of
its own seed (``services/demo.py``), loaded by the bulk path as the laptop's own writes,
every record its own worker's (as on a real laptop). What is realistic about them: the mix
of a season's field work (per family a household, about four persons, nine to ten
contacts, consents, Starterpaket handouts, and on a Sozialbetreuer's laptop case phases and
goals, in the proportions of DOMAIN.md), names in Cyrillic and Latin (the merge recomputes
Latin names and search texts), 30 laptops of one team whose packages reach the
coordination together, each checked row by row by the write authority (its cost is timed
inside the import, ``_time_authority``). What is not: every row is
new at the central store (a first sync), so the merge meets no older version of a row
and records no conflict; it does load the stored version of every incoming row first,
as any merge does.

Import and export each run in a child process, so their peak memory is their own: the
child reads its ``VmHWM`` (peak resident set of its own image; ``ru_maxrss`` of a child
would start at the size of this parent, which holds the baseline rows). An idle child
that only unlocks the same store is the floor. Other work on the machine stretches wall
times, so the import also reports its CPU time beside the baseline's.

The baselines write the SAME rows (read back from the laptops with the export's own
query, in the payload's order): raw ``sqlcipher3`` ``executemany`` into a fresh keyed
file with the store's schema and the central store's rows before the import, and plain
``sqlite3`` with the same settings; one transaction per package, as the import has. They
keep the store's everyday page cache (64 MB); the import raises its own for each merge
(``sync/importer.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    PASSWORD,
    ROOT,
    Figure,
    file_size,
    raw_cipher,
    raw_sqlite,
    schema_sql,
    timed,
)  # fmt: skip
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.services import Services, demo, setup
from hamm_field.store import sync_rows
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from hamm_field.sync.authority import LaptopAuthority

SEED = 1
LAPTOPS = 30
# A laptop's demo family makes about 16.3 rows (no case phases or goals on a
# Schlüsselfigur's laptop): 30 x 2,050 families are about 1M changes.
FAMILIES_PER_LAPTOP = 2_050
EXPORT_FAMILIES = 597  # about 10k changes
EXPORT_RUNS = 5
CPU = {"seconds": 0.0}  # CPU time of the baseline inserts
Rows = dict[str, list[tuple[Any, ...]]]


def _child(mode: str, store_dir: Path, files: list[Path]) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; returns what it printed as JSON."""
    command = [sys.executable, "-m", "benchmarks.bench_sync", "--child", mode,
               "--dir", str(store_dir), *(str(path) for path in files)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_main(args: argparse.Namespace) -> None:
    store = setup.unlock(StorePaths(Path(args.dir)), PASSWORD)
    services = Services.for_store(store)
    result: dict[str, Any] = {}
    if args.child == "export":
        times = []
        for target in args.files:
            seconds, done = timed(lambda target=target: services.sync.export(Path(target)))
            times.append(seconds)
            result["changes"] = done.changes
        result["times"] = times
    elif args.child == "import":
        files = [Path(name) for name in args.files]
        checks = _time_authority()
        cpu = time.process_time()
        seconds, results = timed(lambda: services.sync.import_files(files))
        result["cpu_seconds"] = time.process_time() - cpu
        result["authority_seconds"] = checks["seconds"]
        refused = [type(r.refused).__name__ for r in results if r.refused is not None]
        result |= {"seconds": seconds, "changes": sum(r.changes for r in results),
                   "conflicts": sum(r.conflicts for r in results), "refused": refused,
                   "stored": _count_rows(store)}  # fmt: skip
    store.close()
    result["peak_kib"] = peak_rss_kib()
    print(json.dumps(result))


def _time_authority() -> dict[str, float]:
    """Add up the time the write-authority checks take inside the import's merges.

    The checks run interleaved with the merge, row batch by row batch, so their cost is
    measured where they run: each entry point of ``LaptopAuthority`` is timed.
    """
    spent = {"seconds": 0.0}
    for name in ("at_arrival", "admit", "check_changes", "finish"):
        method = getattr(LaptopAuthority, name)

        def timed_method(*args: Any, _method: Any = method, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _method(*args, **kwargs)
            finally:
                spent["seconds"] += time.perf_counter() - start

        # ``at_arrival`` is a classmethod: its bound method is wrapped as a plain function.
        setattr(LaptopAuthority, name,
                staticmethod(timed_method) if name == "at_arrival" else timed_method)
    return spent


def peak_rss_kib() -> int:
    """Peak resident memory of this process image, in KiB (``VmHWM``; else ``ru_maxrss``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _count_rows(store: Store) -> int:
    with store.engine.connect() as connection:
        return sum(
            connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar_one()
            for name in sync_rows.BY_NAME
        )


# The world -------------------------------------------------------------------------------


def build_world(work: Path, families: int, year: int) -> tuple[Path, list[Path], Path]:
    """The central store, one package per laptop, and the export laptop's store."""
    kdf = calibrate_kdf(0)
    central = setup.initialize(StorePaths(work / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf).store
    coordination = Services.for_store(central)
    packages = work / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(LAPTOPS + 1):
        role = WorkerRole.SCHLUESSELFIGUR if number % 2 == 0 else WorkerRole.SOZIALBETREUER
        invitation = coordination.sync.invite(f"Mitarbeiterin {number + 1}", role,
                                              work / f"laptop{number}.invite")
        laptop = setup.join(StorePaths(work / f"laptop{number}"),
                            invitation=invitation.read_bytes(), name=f"Mitarbeiterin {number + 1}",
                            password=PASSWORD, kdf=kdf).store  # fmt: skip
        count = EXPORT_FAMILIES if number == LAPTOPS else families
        demo.load_demo(laptop, families=count, seed=SEED + number, year=year, mine=True)
        if number < LAPTOPS:
            path = packages / f"laptop{number}.hfsync"
            Services.for_store(laptop).sync.export(path)
            files.append(path)
        laptop.close()
    central.close()
    return work / "central", files, work / f"laptop{LAPTOPS}"


def own_rows(store_dir: Path, *, everything: bool = False) -> tuple[Rows, list[str]]:
    """What the store's package carries (``everything``: all it holds) as SQLite values, in
    payload order; and the store's schema."""
    store = setup.unlock(StorePaths(store_dir), PASSWORD)
    rows: Rows = {}
    device = None if everything else store.device_id
    with store.engine.connect() as connection:
        for table, row in sync_rows.changed_since(connection, 0, device):
            rows.setdefault(table, []).append(_values(table, row))
    schema = schema_sql(store)
    store.close()
    for values in rows.values():
        values.sort(key=lambda row: row[0])  # by id, as the payload is read
    return rows, schema


def _values(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    names = sync_rows.columns(sync_rows.BY_NAME[table])
    return tuple(json.dumps(row[n]) if n == "stamps" else row[n] for n in names)


def _insert(connection: Any, rows: Rows) -> float:
    """One transaction of ``executemany`` per table; returns its wall time (CPU time is
    added to ``CPU["seconds"]``)."""

    def write() -> None:
        connection.execute("BEGIN")
        for table, values in rows.items():
            names = sync_rows.columns(sync_rows.BY_NAME[table])
            connection.executemany(
                f'INSERT OR IGNORE INTO "{table}" ({", ".join(names)}) '
                f'VALUES ({", ".join("?" * len(names))})', values)  # fmt: skip
        connection.execute("COMMIT")

    cpu = time.process_time()
    seconds = timed(write)[0]
    CPU["seconds"] += time.process_time() - cpu
    return seconds


def _count(rows: Rows) -> int:
    return sum(len(values) for values in rows.values())


# Export ----------------------------------------------------------------------------------


def bench_export(work: Path, laptop: Path) -> list[Figure]:
    rows, schema = own_rows(laptop)
    files = [work / f"export-{run}.hfsync" for run in range(EXPORT_RUNS)]
    export = _child("export", laptop, files)
    idle = _child("idle", laptop, [])
    raw, lite = [], []
    for run in range(EXPORT_RUNS):
        raw.append(_insert(raw_cipher(work / f"export-raw-{run}.db", schema), rows))
        lite.append(_insert(raw_sqlite(work / f"export-plain-{run}.db", schema), rows))
    changes, median = export["changes"], statistics.median(export["times"])
    raw_median, lite_median = statistics.median(raw), statistics.median(lite)
    runs = ", ".join(f"{seconds * 1000:.0f}" for seconds in export["times"])
    return [
        Figure(f"export, {changes:,} changes (median of {EXPORT_RUNS})", median, "s",
               "raw sqlcipher3 executemany", raw_median, "<= 2 s",
               f"{changes / median:,.0f} rows/s; runs {runs} ms; read, payload file, envelope, "
               f"signature, atomic write, read back; package {file_size(files[0]) / 1e6:.1f} MB"),
        Figure("  raw sqlcipher3 vs plain sqlite3", raw_median, "s",
               "plain sqlite3 executemany", lite_median),
        Figure("  peak memory of the export (VmHWM)", export["peak_kib"], "KiB",
               "idle child: unlocked laptop", idle["peak_kib"], "<= 500 MB"),
    ]  # fmt: skip


# Import ----------------------------------------------------------------------------------


def bench_import(work: Path, central: Path, files: list[Path]) -> tuple[list[Figure], dict]:
    before, schema = own_rows(central, everything=True)  # preloaded, not timed
    raw = raw_cipher(work / "import-raw.db", schema)
    lite = raw_sqlite(work / "import-plain.db", schema)
    for connection in (raw, lite):
        _insert(connection, before)
    raw_seconds = lite_seconds = raw_cpu = 0.0
    rows = 0
    for number in range(len(files)):
        package, _schema = own_rows(work / f"laptop{number}")
        rows += _count(package)
        CPU["seconds"] = 0.0
        raw_seconds += _insert(raw, package)
        raw_cpu += CPU["seconds"]
        lite_seconds += _insert(lite, package)
    raw.close()
    lite.close()
    idle = _child("idle", central, [])
    load_before = os.getloadavg()[0]
    done = _child("import", central, files)
    load_after = os.getloadavg()[0]
    if done["refused"]:
        raise RuntimeError(f"packages refused: {done['refused']}")
    seconds, changes = done["seconds"], done["changes"]
    size = sum(file_size(path) for path in files)
    figures = [
        Figure(f"import + merge, {len(files)} packages, {changes:,} changes", seconds, "s",
               "raw sqlcipher3 executemany", raw_seconds, "<= 120 s (1M changes)",
               f"{changes / seconds:,.0f} rows/s; raw {rows / raw_seconds:,.0f} rows/s; "
               f"stage, verify, decrypt, checks, merge, search texts, ledger; one "
               f"transaction per package; packages {size / 1e6:.0f} MB; machine load "
               f"{load_before:.1f} before, {load_after:.1f} after"),
        Figure("  import + merge, CPU time of the process", done["cpu_seconds"], "s",
               "raw sqlcipher3 executemany, CPU", raw_cpu,
               note="user + system; not stretched by other work on the machine"),
        Figure("  write-authority checks within the import", done["authority_seconds"], "s",
               "the whole import", seconds, "<= 15 % of the import",
               f"{done['authority_seconds'] / seconds:.1%} of the import: tables, stamps, "
               "caseload, shapes and domain validation of every changed row"),
        Figure("  import + merge vs plain sqlite3", seconds, "s", "plain sqlite3 executemany",
               lite_seconds, note=f"plain sqlite3 {rows / lite_seconds:,.0f} rows/s"),
        Figure("  raw sqlcipher3 vs plain sqlite3", raw_seconds, "s",
               "plain sqlite3 executemany", lite_seconds),
        Figure("  peak memory of the import (VmHWM)", done["peak_kib"], "KiB",
               "idle child: unlocked central store", idle["peak_kib"], "<= 500 MB"),
        Figure("  central store after import (db + wal)",
               file_size(StorePaths(central).database), "B",
               note=f"{done['stored']:,} rows in the replicated tables"),
    ]  # fmt: skip
    return figures, {"import": done, "baseline_rows": rows}


def run(scale: float, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    """``scale`` shrinks the import (1.0: 1M changes); the export is always about 10k."""
    year = dt.date.today().year - 1
    families = max(1, round(FAMILIES_PER_LAPTOP * scale))
    build_seconds, (central, files, laptop) = timed(lambda: build_world(work, families, year))
    figures = bench_export(work, laptop)
    imported, extra = bench_import(work, central, files)
    figures += imported
    return figures, {**extra, "scale": scale, "laptops": LAPTOPS,
                     "families_per_laptop": families, "year": year, "seed": SEED,
                     "build_seconds": build_seconds}  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=("export", "import", "idle"), required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("files", nargs="*")
    _child_main(parser.parse_args())
