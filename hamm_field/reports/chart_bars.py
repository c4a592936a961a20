"""The bars of the Kennzahlen charts, shared by the PDF and the Berichte screen.

Both draw the same categories with the same labels; only the drawing differs
(``pdf_charts.py`` with reportlab, ``ui/pages/reports_charts.py`` with QPainter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hamm_field.reports.model import Cell
from hamm_field.reports.pdf_values import key_label, month_date, month_label

MAX_MONTH_BARS = 24


@dataclass(frozen=True)
class Bar:
    """One category: its label and the two values drawn for it."""

    label: str
    kontakte: int
    begleitungen: int


def month_bars(rows: Sequence[tuple[str, Cell]]) -> tuple[bool, list[Bar]]:
    """Bars per month ("Jan." with the year under the first month of each year); over a
    range of more than two years, per year, so they stay readable (the table keeps every
    month). Returns whether the bars are years."""
    dated = [(month_date(key), cell) for key, cell in rows]
    if len(rows) > MAX_MONTH_BARS and all(day for day, _cell in dated):
        years: dict[int, list[int]] = {}
        for day, cell in dated:
            total = years.setdefault(day.year, [0, 0])  # type: ignore[union-attr]
            total[0] += cell.kontakte
            total[1] += cell.begleitungen
        return True, [Bar(str(year), k, b) for year, (k, b) in sorted(years.items())]
    bars, year = [], None
    for (key, cell), (day, _cell) in zip(rows, dated, strict=True):
        text = month_label(key, short=True) if day else key_label("nach_monat", key)
        if day is not None and day.year != year:
            text, year = f"{text}\n{day.year}", day.year
        bars.append(Bar(text, cell.kontakte, cell.begleitungen))
    return False, bars
