"""The bars of the Kennzahlen charts, shared by the PDF and the Berichte screen.

Both draw the same categories with the same labels; only the drawing differs
(``pdf_charts.py`` with reportlab, ``ui/pages/reports_charts.py`` with QPainter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hamm_field.reports.pdf_values import key_label, month_date, month_label
from hamm_field.reports.suppression import SECONDARY, PublishedCell

MAX_MONTH_BARS = 24


@dataclass(frozen=True)
class Bar:
    """One category: its label and the two values drawn for it."""

    label: str
    kontakte: int | str
    begleitungen: int | str
    """Published values: a hidden one is its marker and gets no bar."""


def _year_total(values: list[int | str]) -> int | str:
    """A year's sum of its months; hidden when one of them is, since the year less the
    shown months would give that month away."""
    if any(isinstance(value, str) for value in values):
        return SECONDARY
    return sum(int(value) for value in values)


def month_bars(rows: Sequence[tuple[str, PublishedCell]]) -> tuple[bool, list[Bar]]:
    """Bars per month ("Jan." with the year under the first month of each year); over a
    range of more than two years, per year, so they stay readable (the table keeps every
    month). Returns whether the bars are years."""
    dated = [(month_date(key), cell) for key, cell in rows]
    if len(rows) > MAX_MONTH_BARS and all(day for day, _cell in dated):
        years: dict[int, tuple[list[int | str], list[int | str]]] = {}
        for day, cell in dated:
            kontakte, begleitungen = years.setdefault(day.year, ([], []))  # type: ignore[union-attr]
            kontakte.append(cell.kontakte)
            begleitungen.append(cell.begleitungen)
        return True, [Bar(str(year), _year_total(k), _year_total(b))
                      for year, (k, b) in sorted(years.items())]  # fmt: skip
    bars, year = [], None
    for (key, cell), (day, _cell) in zip(rows, dated, strict=True):
        text = month_label(key, short=True) if day else key_label("nach_monat", key)
        if day is not None and day.year != year:
            text, year = f"{text}\n{day.year}", day.year
        bars.append(Bar(text, cell.kontakte, cell.begleitungen))
    return False, bars
