"""The contact figures from the kept counts (``report_sum``, ``report_presence``).

The store keeps the contacts counted per month and key, and per family, key and year a
bit mask of the months it was met in (``domain/tables_report.py``). A report of whole
months within two calendar years without filters (every preset, and the coordination's
usual report) reads those: some thousand sums, and per key one row per family and year,
whose mask says whether the family counts. Filters combine keys the presence rows do not
keep together, so a filtered report of whole months (and a laptop's, which is always
narrowed to its worker) reads the counts per family instead (``kennzahlen_family.py``);
every other period counts its contacts directly (``kennzahlen_parts.py``). All give the
same figures (``tests/reports/test_kennzahlen_counts.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from hamm_field.domain.tables_report import ASKED_KINDS, NOT_APPLICABLE_KEY
from hamm_field.reports import kennzahlen_sql as q
from hamm_field.reports.kennzahlen_parts import ContactFigures, Counts
from hamm_field.reports.model import Filters, Period

BEGLEITUNGEN = "sum(CASE WHEN kind = 'begleitung' THEN contacts ELSE 0 END)"
# The key of a dimension that does not apply: an institution the kind does not ask for
# (as report_presence keeps it), the Herkunftsland of a Veranstaltung (it has no family).
INSTITUTION = (f"CASE WHEN institution = '' AND kind NOT IN ({ASKED_KINDS}) "
               f"THEN '{NOT_APPLICABLE_KEY}' ELSE institution END")  # fmt: skip
HERKUNFTSLAND = (f"CASE WHEN kind = 'veranstaltung' THEN '{NOT_APPLICABLE_KEY}' "
                 "ELSE herkunftsland END")  # fmt: skip
# breakdown -> (report_sum column, report_presence dimension, its key as report_sum has it)
KEYED = {
    "nach_sozialraum": ("sozialraum", "sozialraum", "key"),
    "nach_integrationspaket": ("paket", "paket", "CAST(key AS INTEGER)"),  # '' -> 0
    "nach_sprache": ("language", "sprache", "key"),
    "nach_institution": (INSTITUTION, "institution", "key"),
    "nach_mitarbeitenden": ("worker_id", "mitarbeitende", "key"),
    "nach_herkunftsland": (HERKUNFTSLAND, "herkunftsland", "key"),  # the family's
}


def window(period: Period, filters: Filters) -> list[tuple[int, int]] | None:
    """The years whose presence rows cover ``period``, each with the mask of its months,
    or ``None`` when the counts cannot answer (filters, part months, over two years)."""
    if filters != Filters():
        return None
    start, end = period.start, period.end
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return None
    if end.year - start.year > 1:
        return None
    first, last = start.month - 1, (end.year - start.year) * 12 + end.month - 1
    whole = (1 << (last + 1)) - (1 << first)  # bits over both years
    spans = [(start.year, whole & 0xFFF), (start.year + 1, whole >> 12)]
    return [(year, mask) for year, mask in spans if mask]


def usable(cursor: Any, period: Period, filters: Filters) -> bool:
    """True when the counts can answer, and they are up to date (the log is folded at
    every commit; only a store written by hand could leave it full)."""
    if window(period, filters) is None:
        return False
    return not cursor.execute("SELECT EXISTS (SELECT 1 FROM report_log)").fetchone()[0]


def contact_figures(cursor: Any, period: Period, worker_rowids: dict[str, int]
                    ) -> ContactFigures:  # fmt: skip
    """The figures of ``period`` (see :func:`window`) with the same keys the direct count
    gives: stored values, NULL for a missing one, workers by their row id
    (``worker_rowids``: row id by worker id)."""
    spans = window(period, Filters())
    assert spans is not None
    months = (period.start.strftime("%Y-%m"), period.end.strftime("%Y-%m"))
    figures = ContactFigures()
    figures.headline = _headline(cursor, months)
    everyone = cursor.execute(*_families("familie", "key", spans)).fetchall()  # key ''
    figures.families = sum(_number(count) for _key, count in everyone)
    for name, (column, dimension, key) in KEYED.items():
        sums = cursor.execute(
            f"SELECT {column}, sum(contacts), {BEGLEITUNGEN} FROM report_sum "
            f"WHERE month BETWEEN ? AND ? GROUP BY {column}", months).fetchall()  # fmt: skip
        families = cursor.execute(*_families(dimension, key, spans)).fetchall()
        figures.breakdowns[name] = _joined(sums, families)
    figures.breakdowns["nach_monat"] = _by_month(cursor, months, spans)
    _keys_as_stored(figures.breakdowns, worker_rowids)
    figures.digest = _digest(cursor, figures, months)
    return figures


def _families(dimension: str, key: str, spans: list[tuple[int, int]]) -> tuple[str, tuple]:
    """Families per key with a contact in the months of ``spans``. Within one year each
    family is one row per key; over two years a family met in both is counted once."""
    rows = ("SELECT key, household_id FROM report_presence "
            "WHERE dimension = ? AND year = ? AND mask & ? != 0")  # fmt: skip
    union = " UNION ".join(rows for _span in spans)
    params = tuple(value for year, mask in spans for value in (dimension, year, mask))
    return f"SELECT {key}, count(*) FROM ({union}) GROUP BY key", params


def _number(value: Any) -> int:
    return int(value or 0)


def _headline(cursor: Any, months: tuple[str, str]) -> list[int]:
    kinds = ", ".join(f"sum(CASE WHEN kind = '{kind}' THEN contacts ELSE 0 END)"
                      for kind in q.KINDS)  # fmt: skip
    row = cursor.execute(
        f"SELECT sum(contacts), {BEGLEITUNGEN}, "
        "sum(CASE WHEN kind = 'begleitung' THEN minutes ELSE 0 END), sum(participants), "
        f"{kinds} FROM report_sum WHERE month BETWEEN ? AND ?", months).fetchone()  # fmt: skip
    return [_number(value) for value in row]


def _joined(sums: list[Any], families: list[Any]) -> dict[Any, Counts]:
    """Contacts and Begleitungen per key with the families per key."""
    counted = {key: _number(count) for key, count in families}
    return {key: (_number(k), _number(b), counted.get(key, 0))
            for key, k, b in sums if _number(k)}  # fmt: skip


def _by_month(cursor: Any, months: tuple[str, str], spans: list[tuple[int, int]]
              ) -> dict[Any, Counts]:  # fmt: skip
    sums = cursor.execute(
        f"SELECT month, sum(contacts), {BEGLEITUNGEN} FROM report_sum "
        "WHERE month BETWEEN ? AND ? GROUP BY month", months).fetchall()  # fmt: skip
    families = []
    for year, mask in spans:
        bits = [bit for bit in range(12) if mask >> bit & 1]
        columns = ", ".join(f"sum(mask >> {bit} & 1)" for bit in bits)
        counted = cursor.execute(f"SELECT {columns} FROM report_presence "
                                 "WHERE dimension = 'familie' AND year = ?", (year,)).fetchone()
        families += [(f"{year:04d}-{bit + 1:02d}", count)
                     for bit, count in zip(bits, counted, strict=True)]  # fmt: skip
    return _joined(sums, families)


def _keys_as_stored(breakdowns: dict[str, dict[Any, Counts]], rowids: dict[str, int]) -> None:
    """The counts store '' (Paket 0) for a missing value and workers by id; the direct
    count gives NULL, Pakete as numbers and workers by row id."""
    converters = {
        "nach_integrationspaket": lambda key: int(key) if key not in ("", 0, "0") else None,
        "nach_mitarbeitenden": lambda key: rowids.get(key),
    }
    for name, cells in breakdowns.items():
        convert = converters.get(name, lambda key: key)
        converted: dict[Any, Counts] = {}
        for key, counts in cells.items():
            stored = None if key == "" else convert(key)
            before = converted.get(stored, (0, 0, 0))
            converted[stored] = (before[0] + counts[0], before[1] + counts[1],
                                 before[2] + counts[2])  # fmt: skip
        breakdowns[name] = converted


def _digest(cursor: Any, figures: ContactFigures, months: tuple[str, str]) -> list[int]:
    """The counts are the data these figures come from: a digest of the figures and of
    the counts read, the minutes of every kind included (an edited Telefonat counts)."""
    kept = cursor.execute(
        "SELECT count(*), sum(contacts), sum(minutes), sum(participants) "
        "FROM report_sum WHERE month BETWEEN ? AND ?", months).fetchone()  # fmt: skip
    text = repr((list(kept), figures.headline, figures.families, sorted(
        (name, repr(sorted(cells.items(), key=repr))) for name, cells in
        figures.breakdowns.items())))  # fmt: skip
    return [int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")]
