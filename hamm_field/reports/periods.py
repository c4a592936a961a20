"""Report periods: the presets of DOMAIN.md and the period before one.

A Halbjahr ends on 30.06. or 31.12. (the funder's "Stand 30.06."), a Schuljahr runs from
01.08. to 31.07. A free range (``zeitraum``) compares with the range of the same number
of days directly before it.
"""

from __future__ import annotations

import datetime as dt

from hamm_field.reports.model import Period

PRESETS = ("monat", "quartal", "halbjahr", "jahr", "schuljahr")
FREE = "zeitraum"

_MONTHS = {"monat": 1, "quartal": 3, "halbjahr": 6, "jahr": 12, "schuljahr": 12}


class UnknownPreset(ValueError):
    pass


def _month_start(day: dt.date, months: int, first_month: int = 1) -> dt.date:
    """The first day of the ``months``-long block containing ``day``; blocks start in
    ``first_month`` (August for the Schuljahr)."""
    offset = (day.year * 12 + day.month - first_month) // months * months + first_month
    year, month = divmod(offset - 1, 12)
    return dt.date(year, month + 1, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month (``day`` is a 1st)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, 1)


def period_for(preset: str, day: dt.date) -> Period:
    """The period of kind ``preset`` that contains ``day``."""
    if preset not in _MONTHS:
        raise UnknownPreset(preset)
    months = _MONTHS[preset]
    start = _month_start(day, months, 8 if preset == "schuljahr" else 1)
    end = _add_months(start, months) - dt.timedelta(days=1)
    return Period(start, end, preset)


def free_range(start: dt.date, end: dt.date) -> Period:
    """Any range of days; presets are recognised, so a whole year compares with the year
    before and a month with the month before, whatever its length."""
    for preset in PRESETS:
        candidate = period_for(preset, start)
        if candidate.start == start and candidate.end == end:
            return candidate
    return Period(start, end, FREE)


def previous(period: Period) -> Period:
    """The same preset one step back; for a free range, as many days directly before."""
    if period.preset in _MONTHS:
        return period_for(period.preset, period.start - dt.timedelta(days=1))
    days = (period.end - period.start).days + 1
    end = period.start - dt.timedelta(days=1)
    return Period(end - dt.timedelta(days=days - 1), end, period.preset)


def months_of(period: Period) -> list[str]:
    """Every month the period touches, as ``YYYY-MM``."""
    months, current = [], dt.date(period.start.year, period.start.month, 1)
    while current <= period.end:
        months.append(f"{current.year:04d}-{current.month:02d}")
        current = _add_months(current, 1)
    return months
