"""Run every benchmark: ``python -m benchmarks [--families N]``.

The default is the budget's size, 100,000 families (about 1M contacts); it takes several
minutes. ``--families 10000`` gives a quick run. Prints a table and writes
``benchmarks/out/store.json``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks import bench_gui, bench_store
from benchmarks.common import OUT_DIR, print_table, write_json


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--families", type=int, default=100_000,
                        help="demo families to load (default 100000, about 1M contacts)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark stores")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=OUT_DIR))
    started = time.perf_counter()
    try:
        figures, extra = bench_store.run(args.families, work)
        opened = next(f.value for f in figures if f.name.startswith("open store"))
        figures += bench_gui.run(work, opened)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(figures)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "system": platform.system(), "cpus": os.cpu_count()}
    path = write_json("store", {
        "figures": [figure.to_json() for figure in figures], "machine": machine,
        "total_seconds": time.perf_counter() - started, **extra,
    })
    print(f"\nwritten: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
