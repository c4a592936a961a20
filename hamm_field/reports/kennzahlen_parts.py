"""The contact figures, computed for shares of the families side by side.

Sorting a million contacts is most of a report's time. The families are therefore split
into parts by their row id; a family's contacts all fall into one part, so every figure,
distinct families included, is the sum of the parts' figures. The first part runs on the
caller's connection, the others on connections of their own in threads (SQLite works
without holding Python's lock). Each part still reads the whole encrypted table, but the
sorting, most of the work, is shared out between the cores. On a machine whose cores are
busy anyway it gains nothing (``benchmarks/bench_reports.py`` shows both).

All parts must read the same data: while a short write lock keeps anyone from committing,
each connection takes its read snapshot; then the lock is released. Without an engine to
open more connections (a bare DB-API connection), or while another connection is writing
(an import holds the lock), all families are counted as one part.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from hamm_field.reports import kennzahlen_sql as q
from hamm_field.reports.model import Filters, Period

log = logging.getLogger(__name__)

MAX_PARTS = 2


def default_parts() -> int:
    """One part per idle core, at most ``MAX_PARTS``: on a busy machine more parts only
    read the table more often. (Where the load is unknown, as on Windows, every core
    counts as idle.)"""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return max(1, min(MAX_PARTS, cores - int(load)))
LOCK_WAIT_MS = 200
Counts = tuple[int, int, int]  # kontakte, begleitungen, familien

BREAKDOWN_QUERIES = {
    "nach_sozialraum": q.breakdown_from_groups("sozialraum"),
    "nach_integrationspaket": q.breakdown_from_groups("paket"),
    "nach_herkunftsland": q.by_herkunftsland(),
    "nach_sprache": q.breakdown_from_groups("language"),
    "nach_institution": q.by_institution(),
    "nach_monat": q.by_month(),
    "nach_mitarbeitenden": q.breakdown_from_groups("worker"),
}


@dataclass
class ContactFigures:
    """The raw contact figures of some families: keys are stored values (codes)."""

    headline: list[int] = field(default_factory=lambda: [0] * (4 + len(q.KINDS)))
    """Contacts, Begleitungen, their minutes, participants, then one count per kind."""
    families: int = 0
    breakdowns: dict[str, dict[Any, Counts]] = field(default_factory=dict)
    digest: list[int] = field(default_factory=lambda: [0] * 6)

    def add(self, other: ContactFigures) -> None:
        self.headline = [a + b for a, b in zip(self.headline, other.headline, strict=True)]
        self.families += other.families
        for name, rows in other.breakdowns.items():
            cells = self.breakdowns.setdefault(name, {})
            for key, counts in rows.items():
                before = cells.get(key, (0, 0, 0))
                cells[key] = (before[0] + counts[0], before[1] + counts[1],
                              before[2] + counts[2])  # fmt: skip
        # count, contacts and summed stamps add up; the newest stamps are the maxima
        mine, theirs = self.digest, other.digest
        self.digest = [mine[0] + theirs[0], mine[1] + theirs[1], mine[2] + theirs[2],
                       max(mine[3], theirs[3]), mine[4] + theirs[4], max(mine[5], theirs[5])]


@dataclass(frozen=True)
class Part:
    """Families with a row id in ``(low, high]``; the first part also has the
    Veranstaltungen, which have no family."""

    low: int
    high: int
    first: bool


def parts_of(cursor: Any, count: int) -> list[Part]:
    top = int(cursor.execute("SELECT coalesce(max(rowid), 0) FROM household").fetchone()[0])
    bounds = [top * index // count for index in range(count)] + [top]
    return [Part(bounds[i], bounds[i + 1], i == 0) for i in range(count)]


def _number(value: Any) -> int:
    return int(value or 0)


def drop_temp(cursor: Any) -> None:
    for table in q.TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS temp.{table}")


def part_figures(
    cursor: Any, period: Period, filters: Filters, part: Part, *, use_date_index: bool
) -> ContactFigures:
    """The contact figures of one part's families, read through ``cursor``."""
    drop_temp(cursor)
    try:
        statements = [*q.code_tables(part.low, part.high),
                      q.contact_rows(period, filters, with_events=part.first,
                                     use_date_index=use_date_index),
                      q.grouped(), q.families()]  # fmt: skip
        for sql in statements:
            cursor.execute(sql.text, sql.params)
        figures = ContactFigures()
        figures.headline = [_number(v) for v in cursor.execute(q.headline().text).fetchone()]
        figures.families = _number(cursor.execute(q.family_count().text).fetchone()[0])
        for name, sql in BREAKDOWN_QUERIES.items():
            figures.breakdowns[name] = {
                key: (_number(k), _number(b), _number(f))
                for key, k, b, f in cursor.execute(sql.text).fetchall()
            }
        figures.digest = [_number(v) for v in cursor.execute(q.contact_digest().text).fetchone()]
        return figures
    finally:
        drop_temp(cursor)


def engine_of(source: Any) -> Any:
    """The SQLAlchemy engine behind a session or connection, else ``None``."""
    if hasattr(source, "get_bind"):
        return source.get_bind()
    return getattr(source, "engine", None)


@contextmanager
def _extra_connections(engine: Any, main: Any, count: int) -> Iterator[list[Any]]:
    """``count`` more DB-API connections, each in a read transaction on the snapshot the
    main connection's transaction reads (taken while nobody may commit). While another
    connection is writing (an import) there are none: the parts then run on ``main``."""
    with ExitStack() as stack:
        pooled = [engine.raw_connection() for _ in range(count + 1)]
        for connection in pooled:
            stack.callback(connection.close)
        lock, extras = pooled[0].driver_connection, [c.driver_connection for c in pooled[1:]]
        if not _lock_writers(lock):
            yield []
            return
        try:
            main.execute("SELECT count(*) FROM sqlite_master").fetchone()
            for extra in extras:
                extra.execute("BEGIN")
                extra.execute("SELECT count(*) FROM sqlite_master").fetchone()
                stack.callback(extra.execute, "ROLLBACK")
        finally:
            lock.execute("ROLLBACK")
        yield extras


def _lock_writers(lock: Any) -> bool:
    """Take the write lock (keeping commits out) if it is free within a moment."""
    timeout = lock.execute("PRAGMA busy_timeout").fetchone()[0]
    lock.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        lock.execute("BEGIN IMMEDIATE")
        return True
    except lock.OperationalError:
        log.info("store busy: Kennzahlen counted in one part")
        return False
    finally:
        lock.execute(f"PRAGMA busy_timeout = {int(timeout)}")


@contextmanager
def snapshot_connections(source: Any, main: Any, parts: int) -> Iterator[list[Any]]:
    """Connections for the parts beyond the first, on the main connection's snapshot; none
    without an engine to open them. Enter before the main connection reads anything."""
    engine = engine_of(source)
    if engine is None or parts < 2:
        yield []
        return
    with _extra_connections(engine, main, parts - 1) as extras:
        yield extras


def contact_figures(
    cursor: Any, extras: list[Any], period: Period, filters: Filters, *, use_date_index: bool
) -> ContactFigures:
    """The contact figures of all families: part one through ``cursor``, one more part on
    each of ``extras`` at the same time."""
    split = parts_of(cursor, len(extras) + 1)
    if not extras:
        return part_figures(cursor, period, filters, split[0], use_date_index=use_date_index)
    with ThreadPoolExecutor(max_workers=len(extras)) as pool:
        futures = [
            pool.submit(_on_connection, extra, period, filters, part, use_date_index)
            for extra, part in zip(extras, split[1:], strict=True)
        ]
        total = part_figures(cursor, period, filters, split[0], use_date_index=use_date_index)
        for future in futures:
            total.add(future.result())
    return total


def _on_connection(
    connection: Any, period: Period, filters: Filters, part: Part, use_date_index: bool
) -> ContactFigures:
    cursor = connection.cursor()
    try:
        return part_figures(cursor, period, filters, part, use_date_index=use_date_index)
    finally:
        cursor.close()
