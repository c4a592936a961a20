"""Shared helpers of the benchmarks: timing, fresh stores, raw baselines, the report.

DESIGN.md checks budgets by printing each figure beside a baseline measured in the same
run on the same machine (raw ``sqlcipher3``, plain ``sqlite3``), never by timed unit tests:
absolute times differ between machines, the ratio to the raw driver much less.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import setup
from hamm_field.store.engine import connect_raw
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store

OUT_DIR = Path(__file__).resolve().parent / "out"
ROOT = OUT_DIR.parent.parent
PASSWORD = "benchmark password"  # demo data only
# The store's connection settings, for the plain sqlite3 baseline (no cipher there).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)


@dataclass
class Figure:
    """One measured figure, with the baseline it is compared to."""

    name: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    budget: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.baseline_value:
            return None
        return self.value / self.baseline_value

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, list[float]]:
    """Median and all wall times of ``repeat`` calls."""
    times = [timed(fn)[0] for _ in range(repeat)]
    return statistics.median(times), times


def fresh_store(root: Path) -> Store:
    """A new, empty field store (Argon2id at the floor: the KDF is measured on its own)."""
    paths = StorePaths(root)
    result = setup.initialize(
        paths, device_role=DeviceRole.FIELD, name="Benchmark", password=PASSWORD,
        kdf=calibrate_kdf(0),
    )  # fmt: skip
    return result.store


def schema_sql(store: Store) -> list[str]:
    """The store's DDL (tables, then indexes), to build a baseline file with the same shape."""
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'index', rowid"
        ).fetchall()
    return [row[0] for row in rows]


def raw_cipher(path: Path, schema: list[str]) -> Any:
    """Raw ``sqlcipher3``, keyed with a random raw key and set up like the store's engine."""
    connection = connect_raw(path, os.urandom(32))
    for statement in schema:
        connection.execute(statement)
    return connection


def raw_sqlite(path: Path, schema: list[str]) -> sqlite3.Connection:
    """Plain ``sqlite3`` with the store's settings but no encryption."""
    connection = sqlite3.connect(str(path), isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    for statement in schema:
        connection.execute(statement)
    return connection


def file_size(path: Path) -> int:
    """Database plus WAL, in bytes."""
    wal = path.with_name(path.name + "-wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists())


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "B":
        return f"{value / 1_048_576:.1f} MiB"
    if unit == "KiB":
        return f"{value / 1024:.0f} MiB"
    return f"{value:,.0f} {unit}"


def print_table(figures: list[Figure]) -> None:
    rows = [("figure", "value", "baseline", "baseline value", "ratio", "budget")]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        rows.append((f.name, fmt(f.value, f.unit), f.baseline or "-",
                     fmt(f.baseline_value, f.unit), ratio, f.budget or "-"))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for f in figures:
        if f.note:
            print(f"  * {f.name}: {f.note}")


def write_json(name: str, payload: dict[str, Any]) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path
