"""The headline figures as text: the overview rows, the shares and the card's Kennzahlen.

One list of figures serves the overview table and the measure card, so both always
show the same numbers in the same words: the published ones (``suppression.py``).
"""

from __future__ import annotations

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import Report
from hamm_field.reports.pdf_values import (
    BLANK,
    Counts,
    hours,
    key_label,
    largest,
    period_text,
)
from hamm_field.reports.suppression import Published, Shown

HEADLINE = (
    ("begleitungen", N_("Begleitungen")),
    ("begleitungsstunden", N_("Begleitungsstunden")),
    ("begleitete_familien", N_("begleitete Familien")),
    ("neue_familien", N_("neu aufgenommene Familien")),
    ("kontakte", N_("Kontakte")),
    ("starterpakete", N_("Starterpakete")),
    ("veranstaltungen", N_("Veranstaltungen")),
    ("teilnehmende", N_("Teilnehmende")),
    ("ziele_erreicht", N_("Integrationsziele erreicht / gesamt")),
    ("kindeswohl_hinweise", N_("Kindeswohl-Hinweise (erheblich)")),
)
SHARES = (
    ("nach_herkunftsland", N_("nach Herkunftsland")),
    ("nach_sprache", N_("nach Sprache")),
    ("nach_sozialraum", N_("nach Sozialraum")),
    ("nach_integrationspaket", N_("nach Integrationspaket")),
)
CARD_LEFT_OUT = frozenset({"kindeswohl_hinweise"})
"""Restricted even as a count: it stays in the Kennzahlen, not on the funder's card."""


def number(figures: Published, key: str) -> Shown:
    """The comparable value of a headline figure (Integrationsziele: those reached)."""
    return figures.figure(key)


def value_text(figures: Published, key: str, counts: Counts) -> str:
    if key == "begleitungsstunden":
        value = figures.figure(key)
        return value if isinstance(value, str) else hours(value)
    if key == "ziele_erreicht":
        return (f"{counts.text(figures.figure('ziele_erreicht'))} / "
                f"{counts.text(figures.figure('ziele_gesamt'))}")  # fmt: skip
    return counts.text(figures.figure(key))


def plan_text(report: Report, key: str) -> str:
    if report.plan is None or key not in report.plan.values:
        return BLANK
    return Counts.text(report.plan.values[key])


def has_plan(report: Report) -> bool:
    keys = {key for key, _label in HEADLINE}
    return report.plan is not None and bool(keys & set(report.plan.values))


def headline_rows(report: Report, current: Published, previous: Published | None,
                  counts: Counts) -> list[list[str]]:  # fmt: skip
    """``[label, value, previous, change, plan]`` per figure; the caller drops the
    columns a report has no data for."""
    rows = []
    for key, label in HEADLINE:
        before = value_text(previous, key, counts) if previous else BLANK
        change = counts.change(number(current, key), number(previous, key)) if previous else BLANK
        rows.append([_(label), value_text(current, key, counts), before, change,
                     plan_text(report, key)])  # fmt: skip
    return rows


def share_lines(figures: Published, counts: Counts) -> list[tuple[str, str]]:
    """``(dimension, "Begleitungen: 2.000 (90 % Bulgarisch)")`` for each share dimension
    whose largest shown value has a share (neither it nor the total hidden)."""
    lines = []
    total = figures.figure("begleitungen")
    for name, caption in SHARES:
        best = largest(figures.breakdown(name), "begleitungen")
        if best is None or counts.share(best[1], total) == BLANK:
            continue
        text = _("{figure}: {value} ({share} {name})").format(
            figure=_("Begleitungen"),
            value=counts.text(total),
            share=counts.share(best[1], total),
            name=key_label(name, best[0]),
        )
        lines.append((_(caption), text))
    return lines


def card_lines(report: Report, figures: Published, counts: Counts) -> list[str]:
    """The measure card's Kennzahlen: the period, then every figure with its plan."""
    lines = [_("Zeitraum: {period}").format(period=period_text(figures.figures.period))]
    shares = dict(share_lines(figures, counts))
    for key, label in HEADLINE:
        if key in CARD_LEFT_OUT:
            continue
        line = f"{_(label)}: {value_text(figures, key, counts)}"
        if key == "begleitungen" and shares:
            line = next(iter(shares.values()))
        plan = plan_text(report, key)
        if plan != BLANK:
            line += " · " + _("Plan: {value}").format(value=plan)
        lines.append(line)
    return lines
