"""The contact figures of a filtered report of whole months, from ``report_family``.

The store keeps the contacts counted per month, every key and family
(``domain/tables_report.py``). A filter is then a condition on those rows: a Sozialraum's
rows (with a Paket) are found through the primary key (month, Sozialraum, Paket, worker),
other filters read the period's rows. The rows that pass are copied once into a table in
memory and grouped there. This reads a narrow table instead of every encrypted contact,
but still sorts about one row per family and month that passes: a filter that keeps most
contacts costs seconds (``benchmarks/bench_reports.py``). Any period of whole months can
be answered (the presence rows of ``kennzahlen_counts.py`` answer unfiltered ones within
two years); the figures equal counting the contacts
(``tests/reports/test_kennzahlen_counts.py``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from hamm_field.domain.tables_report import ASKED_KINDS, NOT_APPLICABLE_KEY
from hamm_field.reports import kennzahlen_sql as q
from hamm_field.reports.kennzahlen_parts import ContactFigures, Counts
from hamm_field.reports.model import Filters, Period
from hamm_field.reports.periods import months_of

TEMP = "kz_kept"
# The keys as the direct count gives them: NULL for a missing value; workers by id here,
# by row id after reading (see ``contact_figures``).
COLUMNS = (
    "kind, kind = 'begleitung' AS b, month, nullif(sozialraum, '') AS sozialraum, "
    "nullif(paket, 0) AS paket, nullif(language, '') AS language, "
    f"CASE WHEN institution != '' THEN institution WHEN kind IN ({ASKED_KINDS}) THEN NULL "
    f"ELSE '{NOT_APPLICABLE_KEY}' END AS institution, nullif(worker_id, '') AS worker, "
    f"CASE WHEN household_id = '' THEN '{NOT_APPLICABLE_KEY}' "
    "ELSE nullif(herkunftsland, '') END AS herkunftsland, "
    "nullif(household_id, '') AS family, contacts, minutes, participants"
)


def months(period: Period) -> list[str] | None:
    """The months ``YYYY-MM`` of a period of whole months, else ``None``."""
    if period.start.day != 1 or (period.end + dt.timedelta(days=1)).day != 1:
        return None
    return months_of(period)


def usable(cursor: Any, period: Period) -> bool:
    """True for whole months while the counts are up to date (the log is empty)."""
    if months(period) is None:
        return False
    return not cursor.execute("SELECT EXISTS (SELECT 1 FROM report_log)").fetchone()[0]


def kept_rows(period: Period, filters: Filters) -> q.Sql:
    """``kz_kept``: the rows of the period's months that pass the filters."""
    chosen = months(period)
    assert chosen is not None
    where = [f"month IN ({', '.join('?' * len(chosen))})"]
    params: list[Any] = list(chosen)
    for column, value in (("sozialraum", filters.sozialraum), ("paket", filters.paket),
                          ("worker_id", filters.worker_id)):  # fmt: skip
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    for column, value in q.worker_conditions(filters):
        where.append(f"worker_id IN (SELECT id FROM worker WHERE {column} = ?)")
        params.append(value)
    return q.Sql(f"CREATE TEMP TABLE {TEMP} AS SELECT {COLUMNS} FROM report_family "
                 f"WHERE {' AND '.join(where)}", tuple(params))  # fmt: skip


def contact_figures(cursor: Any, period: Period, filters: Filters,
                    worker_rowids: dict[str, int]) -> ContactFigures:  # fmt: skip
    """The figures of ``period`` (whole months) and ``filters`` (Sozialraum as its key),
    keyed as the direct count keys them (workers by row id: ``worker_rowids``)."""
    cursor.execute(f"DROP TABLE IF EXISTS temp.{TEMP}")
    try:
        sql = kept_rows(period, filters)
        cursor.execute(sql.text, sql.params)
        return _figures(cursor, worker_rowids)
    finally:
        cursor.execute(f"DROP TABLE IF EXISTS temp.{TEMP}")


def _number(value: Any) -> int:
    return int(value or 0)


def _breakdown(cursor: Any, column: str, table: str, contacts: str, begleitungen: str
               ) -> dict[Any, Counts]:  # fmt: skip
    return {key: (_number(k), _number(b), _number(f)) for key, k, b, f in cursor.execute(
        f"SELECT {column}, sum({contacts}), sum({begleitungen}), count(DISTINCT family) "
        f"FROM {table} GROUP BY {column}").fetchall()}  # fmt: skip


GROUPED = (
    "CREATE TEMP TABLE kz_kept_group AS SELECT family, sozialraum, paket, language, worker, "
    "herkunftsland, sum(contacts) AS n, sum(b * contacts) AS nb, sum(b * minutes) AS minutes, "
    "sum(participants) AS participants, {kinds} FROM kz_kept "
    "GROUP BY family, sozialraum, paket, language, worker, herkunftsland"
)
# breakdown -> (table, key): the slowly changing keys from the rows grouped per family
FROM_GROUPS = {"nach_sozialraum": "sozialraum", "nach_integrationspaket": "paket",
               "nach_sprache": "language", "nach_mitarbeitenden": "worker",
               "nach_herkunftsland": "herkunftsland"}  # fmt: skip


def _figures(cursor: Any, worker_rowids: dict[str, int]) -> ContactFigures:
    """Sorting is the cost: the rows are grouped once per family and the keys that rarely
    change within one, and most breakdowns count those groups."""
    kinds = ", ".join(f"sum(CASE WHEN kind = '{kind}' THEN contacts ELSE 0 END) AS k_{kind}"
                      for kind in q.KINDS)  # fmt: skip
    cursor.execute("DROP TABLE IF EXISTS temp.kz_kept_group")
    cursor.execute(GROUPED.format(kinds=kinds))
    figures = ContactFigures()
    figures.headline = [_number(value) for value in cursor.execute(
        "SELECT sum(n), sum(nb), sum(minutes), sum(participants), "
        f"{', '.join(f'sum(k_{kind})' for kind in q.KINDS)} FROM kz_kept_group").fetchone()]
    figures.families = _number(cursor.execute(
        "SELECT count(DISTINCT family) FROM kz_kept_group").fetchone()[0])  # fmt: skip
    for name, column in FROM_GROUPS.items():
        figures.breakdowns[name] = _breakdown(cursor, column, "kz_kept_group", "n", "nb")
    figures.breakdowns["nach_monat"] = _breakdown(
        cursor, "month", TEMP, "contacts", "b * contacts")
    figures.breakdowns["nach_institution"] = _breakdown(
        cursor, "institution", TEMP, "contacts", "b * contacts")
    cursor.execute("DROP TABLE temp.kz_kept_group")
    workers: dict[Any, Counts] = {}
    for key, counts in figures.breakdowns["nach_mitarbeitenden"].items():
        code = worker_rowids.get(key) if key is not None else None  # unknown: as missing
        before = workers.get(code, (0, 0, 0))
        workers[code] = (before[0] + counts[0], before[1] + counts[1], before[2] + counts[2])
    figures.breakdowns["nach_mitarbeitenden"] = workers
    kept = cursor.execute(f"SELECT count(*), sum(contacts), sum(minutes), sum(participants) "
                          f"FROM {TEMP}").fetchone()  # fmt: skip
    text = repr((list(kept), figures.headline, figures.families, sorted(
        (name, repr(sorted(cells.items(), key=repr))) for name, cells in
        figures.breakdowns.items())))  # fmt: skip
    figures.digest = [int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")]
    return figures
