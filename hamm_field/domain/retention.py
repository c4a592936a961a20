"""Löschfristen: how long each kind of record is kept, and from which date it counts.

The coordination sets one period per kind (``RetentionRule`` rows, which travel to the
laptops like master data). A family counts from its latest sign of work: its last
contact, its closing (the stamp of ``status``) or, without either, its creation. A
Kindeswohl observation counts from its own date. Drafts and quarantined package copies
are kept a number of days.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from hamm_field.i18n import N_


@dataclass(frozen=True)
class Period:
    default: int
    low: int
    high: int
    unit: str  # "months" or "days"
    label: str


FAMILY = "family_months"
KINDESWOHL = "kindeswohl_months"
DRAFTS = "draft_days"
QUARANTINE = "quarantine_days"

PERIODS: dict[str, Period] = {
    FAMILY: Period(36, 6, 120, "months", N_("Familien nach letztem Kontakt oder Abschluss")),
    KINDESWOHL: Period(24, 6, 120, "months", N_("Beobachtungen Kindeswohl nach ihrem Datum")),
    DRAFTS: Period(30, 1, 365, "days", N_("Entwürfe nach dem Speichern")),
    QUARANTINE: Period(30, 1, 365, "days", N_("Abgewiesene Pakete in Quarantäne")),
}

# A rule's row id is derived from its name: the coordination writes one row per rule.
_NAMESPACE = uuid.UUID("5b1f7a52-3c1e-4e8a-9a57-0f6c1c8d2e11")


def rule_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def clamp(name: str, value: object) -> int:
    period = PERIODS[name]
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return period.default
    return min(period.high, max(period.low, number))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative: back), kept within a
    shorter month (31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in range(day.day, 0, -1):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def months_before(today: dt.date, months: int) -> dt.date:
    """``today`` minus ``months`` calendar months."""
    return add_months(today, -months)


def months_after(start: dt.date, months: int) -> dt.date:
    """The day a period of ``months`` that began on ``start`` ends."""
    return add_months(start, months)


# Four eyes in the audit chain. An entry holds names of fields, never values; these two
# entries hold the names the coordinators typed instead, as "marked_by=…"/"confirmed_by=…"
# (the chain sorts its fields, so each part says what it is).
MARK_ACTION = "retention_mark"
CONFIRM_ACTION = "retention_confirm"
_MARKED, _CONFIRMED = "marked_by=", "confirmed_by="


def four_eyes_fields(marked_by: str, confirmed_by: str = "") -> list[str]:
    return [_MARKED + marked_by] + ([_CONFIRMED + confirmed_by] if confirmed_by else [])


def four_eyes_names(fields: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """(who marked, who confirmed) from an entry's fields; empty where absent."""
    marked = next((f.removeprefix(_MARKED) for f in fields if f.startswith(_MARKED)), "")
    confirmed = next((f.removeprefix(_CONFIRMED) for f in fields
                      if f.startswith(_CONFIRMED)), "")  # fmt: skip
    return marked, confirmed
