"""Run the benchmarks: ``python -m benchmarks [group ...] [--families N] [--scale F]``.

The groups are ``store``, ``sync``, ``reports`` and ``startup``.

Without a name every group runs. ``store`` (the store and GUI benchmarks) loads 100,000
families (about 1M contacts) by default; ``--families 10000`` gives a quick run. ``sync``
imports 1M changes from 30 packages by default; ``--scale 0.1`` gives a quick run (the
export is always about 10k changes). ``reports`` computes the Kennzahlen of a year over
``--families`` demo families, on a store kept in ``benchmarks/out``. ``startup`` times
``--version`` and the unlock window in fresh processes (venv, and the frozen bundle when
``dist/hamm-field`` exists). Each group prints a table and writes
``benchmarks/out/<group>.json``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import bench_gui, bench_reports, bench_startup, bench_store, bench_sync
from benchmarks.common import OUT_DIR, Figure, print_table, write_json

GROUPS = ("store", "sync", "reports", "startup")


def _store(args: argparse.Namespace, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    figures, extra = bench_store.run(args.families, work)
    opened = next(f.value for f in figures if f.name.startswith("open store"))
    return figures + bench_gui.run(work, opened), extra


def _sync(args: argparse.Namespace, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    return bench_sync.run(args.scale, work)


def _reports(args: argparse.Namespace, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    return bench_reports.run(args.families, work)


def _startup(args: argparse.Namespace, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    return bench_startup.run(work), {}


RUNNERS: dict[str, Callable[[argparse.Namespace, Path], tuple[list[Figure], dict[str, Any]]]] = {
    "store": _store,
    "sync": _sync,
    "reports": _reports,
    "startup": _startup,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("groups", nargs="*", metavar="group",
                        help=f"which benchmarks: {', '.join(GROUPS)} (default: all)")
    parser.add_argument("--families", type=int, default=100_000,
                        help="store: demo families to load (default 100000, about 1M contacts)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="sync: fraction of the 1M changes to import (default 1.0)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark stores")
    args = parser.parse_args()
    unknown = [name for name in args.groups if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "system": platform.system(), "cpus": os.cpu_count()}
    for group in args.groups or GROUPS:
        work = Path(tempfile.mkdtemp(prefix=f"bench-{group}-", dir=OUT_DIR))
        started = time.perf_counter()
        try:
            figures, extra = RUNNERS[group](args, work)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print_table(figures)
        path = write_json(group, {
            "figures": [figure.to_json() for figure in figures], "machine": machine,
            "total_seconds": time.perf_counter() - started, **extra,
        })
        print(f"\nwritten: {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
