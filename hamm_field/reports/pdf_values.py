"""How the Kennzahlen PDF writes its values: counts, shares, changes, keys and the period.

The values are the published ones of ``reports/suppression.py``, which alone decides what
an external report hides; a hidden value arrives as its marker ("< 5", "x") and is written
as it is, and a share or change with a hidden side is left blank.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_percent

from hamm_field.domain.masterdata import display_stored_name
from hamm_field.domain.vocab import PAKET_LABELS, MasterKind, WorkerRole
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import babel_locale, format_day, format_number
from hamm_field.reports.model import NOT_APPLICABLE, NOT_REPORTED, Filters, Period
from hamm_field.reports.suppression import SECONDARY, SMALL, PublishedCell, Shown, is_hidden
from hamm_field.reports.suppression import change as difference_of
from hamm_field.reports.suppression import share as ratio_of

BLANK = "–"
MINUS = "−"

PRESETS = {
    "monat": N_("Monat"),
    "quartal": N_("Quartal"),
    "halbjahr": N_("Halbjahr"),
    "jahr": N_("Jahr"),
    "schuljahr": N_("Schuljahr"),
    "zeitraum": N_("Zeitraum"),
}
NOT_REPORTED_LABEL = N_("o. A.")
NOT_APPLICABLE_LABEL = N_("entfällt")
UNKNOWN_KEYS = (NOT_REPORTED, NOT_APPLICABLE)
"""Keys that are no value of the dimension: always last, in this order, never "largest"."""
MARKERS = (SMALL, SECONDARY)


LEGEND = N_("„< 5“: 1 bis 4. „x“: verborgen, damit kein kleiner Wert errechnet werden "
            "kann. 0 bleibt 0.")
"""The line under a table with a hidden value (the PDF and the Berichte screen)."""


class Counts:
    """Writes published values, shares and changes; a hidden value stays its marker."""

    @staticmethod
    def hidden(value: Shown | None) -> bool:
        return is_hidden(value)

    @staticmethod
    def text(value: Shown | None) -> str:
        if value is None:
            return BLANK
        return value if isinstance(value, str) else format_number(value)

    @staticmethod
    def share(part: Shown, whole: Shown) -> str:
        """``part`` of ``whole`` in percent, blank when either is hidden."""
        ratio = ratio_of(part, whole)
        return BLANK if ratio is None else percent(ratio)

    @staticmethod
    def change(current: Shown, previous: Shown | None) -> str:
        """"+12 (+5 %)" against the previous period; blank when either is hidden."""
        difference = difference_of(current, previous)
        if difference is None or previous is None or isinstance(previous, str):
            return BLANK
        text = signed(difference)
        if previous:
            text += f" ({signed_percent(difference / previous)})"
        return text


def percent(ratio: float) -> str:
    """A share in whole percent; a small share that is not zero reads "< 1 %", not "0 %"."""
    if 0 < ratio < 0.005:
        return "< " + format_percent(0.01, locale=babel_locale())
    return format_percent(ratio, locale=babel_locale())


def signed(value: float) -> str:
    if value == 0:
        return "±0"
    text = format_number(round(abs(value), 1))
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


def signed_percent(ratio: float) -> str:
    text = percent(abs(ratio))
    if round(ratio * 100) == 0:
        return f"±{percent(0)}"
    return f"+{text}" if ratio > 0 else f"{MINUS}{text}"


def hours(value: float) -> str:
    return format_number(round(value, 1))


def month_date(key: str) -> dt.date | None:
    try:
        return dt.date(int(key[:4]), int(key[5:7]), 1)
    except (ValueError, IndexError):
        return None


def month_label(key: str, *, short: bool = False) -> str:
    """"2026-01" as "Januar 2026" (or "Jan." for a chart axis) in the current language."""
    day = month_date(key)
    if day is None:
        return key
    return format_date(day, "LLL" if short else "LLLL y", locale=babel_locale())


def key_label(breakdown: str, key: str) -> str:
    """The row label of a breakdown key: months spelled out, Pakete with their name."""
    if key == NOT_REPORTED:
        return _(NOT_REPORTED_LABEL)
    if key == NOT_APPLICABLE:
        return _(NOT_APPLICABLE_LABEL)
    if breakdown == "nach_monat":
        return month_label(key)
    number = paket_number(key) if breakdown == "nach_integrationspaket" else None
    if number is not None:
        return f"{number} · {_(PAKET_LABELS[number])}"
    kind = BREAKDOWN_KINDS.get(breakdown)
    return display_stored_name(kind, key) if kind else key


EDITIONS = "starterpakete_nach_ausgabe"
BREAKDOWN_KINDS = {"nach_herkunftsland": MasterKind.HERKUNFTSLAND,
                   "nach_sprache": MasterKind.SPRACHE,
                   "nach_institution": MasterKind.INSTITUTION,
                   EDITIONS: MasterKind.STARTERPAKET_EDITION}
"""Breakdowns keyed by master data that is shipped translated (DOMAIN: the JSON keeps the
stored German names; the PDF, CSV and screen show them in the reader's language)."""


def paket_number(key: str) -> int | None:
    """The Paket a breakdown key names: its number ("1") or its German name."""
    if key.isdigit() and int(key) in PAKET_LABELS:
        return int(key)
    return next((number for number, label in PAKET_LABELS.items() if label == key), None)


def rank(value: Shown) -> float:
    """A value's place when sorting largest first: a hidden one after every shown one
    above zero, so the order gives nothing of it away."""
    return 0.5 if isinstance(value, str) else float(value)


def sorted_rows(breakdown: str, cells: dict[str, PublishedCell]
                ) -> list[tuple[str, PublishedCell]]:  # fmt: skip
    """Months and Pakete in their order, the rest largest (as published) first; then
    "o. A." and "entfällt" last."""
    rows = [(key, cell) for key, cell in cells.items() if key not in UNKNOWN_KEYS]
    if breakdown == "nach_monat":
        rows.sort(key=lambda row: row[0])
    elif breakdown == "nach_integrationspaket":
        rows.sort(key=lambda row: (paket_number(row[0]) or len(PAKET_LABELS) + 1, row[0]))
    else:
        rows.sort(key=lambda row: (-rank(row[1].kontakte), -rank(row[1].begleitungen), row[0]))
    rows += [(key, cells[key]) for key in UNKNOWN_KEYS if key in cells]
    return rows


def period_text(period: Period) -> str:
    preset = _(PRESETS.get(period.preset, PRESETS["zeitraum"]))
    return _("{start} – {end} ({preset})").format(
        start=format_day(period.start), end=format_day(period.end), preset=preset
    )


def filter_parts(filters: Filters, worker_name: str = "") -> list[str]:
    parts: list[str] = []
    if filters.sozialraum:
        parts.append(_("Sozialraum: {name}").format(name=filters.sozialraum))
    if filters.paket is not None:
        parts.append(_("Integrationspaket: {name}").format(
            name=key_label("nach_integrationspaket", str(filters.paket))
        ))  # fmt: skip
    if filters.team:
        parts.append(_("Träger: {name}").format(name=filters.team))
    if filters.role:
        try:
            role = WorkerRole(filters.role).label
        except ValueError:
            role = filters.role
        parts.append(_("Rolle: {name}").format(name=role))
    if filters.worker_id:
        parts.append(_("Mitarbeiter/in: {name}").format(name=worker_name or filters.worker_id))
    return parts


def filters_text(filters: Filters, worker_name: str = "") -> str:
    """The filters of a report in words, the same in the PDF, the CSV and on screen."""
    parts = filter_parts(filters, worker_name)
    return "; ".join(parts) if parts else _("alle")


def largest(cells: dict[str, PublishedCell], field: str) -> tuple[str, int] | None:
    """The reported key with the most of ``field`` (``begleitungen`` …) among the shown
    values, if any."""
    best: tuple[str, int] | None = None
    for key, cell in cells.items():
        value = getattr(cell, field)
        if isinstance(value, str):
            continue
        if key not in UNKNOWN_KEYS and value > 0 and (best is None or value > best[1]):
            best = (key, value)
    return best
