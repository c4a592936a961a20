"""The Kennzahlen as CSV for Excel: UTF-8 with BOM, ``;`` between cells, decimal commas.

German Excel opens such a file by double-click with umlauts and Cyrillic intact and reads
"1,5" as a number, so numbers are always written in German format (no thousands
separator, which other programs would misread); headings follow the chosen language.
Sections, separated by an empty line: what the report covers, the headline figures (with
the previous period and the plan where there are some), contacts by kind, Starterpakete
by edition, and every breakdown with each key's share of the Begleitungen ("o. A." and
"entfällt" last). External reports write what ``reports/suppression.py`` publishes
("< 5", "x"), leave the share of a hidden cell blank, and have no table by worker (it
would name people to outsiders).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from babel.numbers import format_decimal

from hamm_field.domain.masterdata import display_stored_name
from hamm_field.domain.vocab import PAKET_LABELS, ContactKind, MasterKind
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day, format_moment
from hamm_field.reports.model import NOT_APPLICABLE, NOT_REPORTED, Period, Report
from hamm_field.reports.pdf_figures import HEADLINE as OVERVIEW
from hamm_field.reports.pdf_values import BREAKDOWN_KINDS, UNKNOWN_KEYS, filters_text
from hamm_field.reports.suppression import Published, PublishedCell, Shown, publish, share

NUMBER_LOCALE = "de"
FORMULA_START = ("=", "+", "-", "@")

PRESETS = {
    "monat": N_("Monat"), "quartal": N_("Quartal"), "halbjahr": N_("Halbjahr"),
    "jahr": N_("Jahr"), "schuljahr": N_("Schuljahr"), "zeitraum": N_("Zeitraum"),
}  # fmt: skip

GOALS = (("ziele_gesamt", N_("Integrationsziele gesamt")),
         ("ziele_erreicht", N_("Integrationsziele erreicht")))  # fmt: skip
# The overview's figures; the goals as two numbers, since a spreadsheet adds up numbers,
# not "erreicht / gesamt".
HEADLINE: tuple[tuple[str, str], ...] = tuple(
    pair for key, label in OVERVIEW
    for pair in (GOALS if key == "ziele_erreicht" else ((key, label),))
)  # fmt: skip

SECTIONS: tuple[tuple[str, str], ...] = (
    ("nach_sozialraum", N_("Sozialraum")),
    ("nach_integrationspaket", N_("Integrationspaket")),
    ("nach_herkunftsland", N_("Herkunftsland")),
    ("nach_sprache", N_("Sprache")),
    ("nach_institution", N_("Institution")),
    ("nach_monat", N_("Monat")),
    ("nach_mitarbeitenden", N_("Mitarbeiter/in")),
)

Row = Sequence[object]


def number(value: float) -> str:
    """German decimal format without grouping: 1234 -> "1234", 1.5 -> "1,5"."""
    return format_decimal(value, format="0.##", locale=NUMBER_LOCALE)


def text(value: str) -> str:
    """A text cell Excel does not take for a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell_value(value: Shown) -> str:
    return value if isinstance(value, str) else number(value)


def period_text(period: Period) -> str:
    preset = _(PRESETS.get(period.preset, PRESETS["zeitraum"]))
    return _("{start} – {end} ({preset})").format(
        start=format_day(period.start), end=format_day(period.end), preset=preset)


def paket_name(german: str) -> str:
    """A Paket's German name (the breakdown key) in the chosen language, with its number."""
    for number_, name in PAKET_LABELS.items():
        if name == german:
            return f"{number_} · {_(name)}"
    return german


def key_text(breakdown: str, key: str) -> str:
    if key == NOT_REPORTED:
        return _("o. A.")
    if key == NOT_APPLICABLE:
        return _("entfällt")
    if breakdown == "nach_integrationspaket":
        return paket_name(key)
    kind = BREAKDOWN_KINDS.get(breakdown, MasterKind.STARTERPAKET_EDITION if not breakdown
                               else None)  # fmt: skip
    return display_stored_name(kind, key) if kind else key


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report, self.external = report, report.external
        self.current = publish(report.current, report.external)
        self.previous = (publish(report.previous, report.external)
                         if report.previous is not None else None)  # fmt: skip
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, delimiter=";", lineterminator="\r\n")

    def row(self, *cells: object) -> None:
        self.csv.writerow(cells)

    @staticmethod
    def value(figures: Published, key: str) -> str:
        return _cell_value(figures.figure(key))

    def header(self) -> None:
        current = self.report.current
        self.row(text(_("Kennzahlen")))
        self.row(_("Zeitraum"), period_text(current.period))
        if self.report.previous is not None:
            self.row(_("Vorperiode"), period_text(self.report.previous.period))
        self.row(_("Filter"), text(filters_text(current.filters, current.worker_name)))
        if self.external:
            self.row(_("Weitergabe"), _("extern: Werte von 1 bis 4 als „< 5“, „x“ verborgen, "
                                        "damit kein kleiner Wert errechnet werden kann; 0 "
                                        "bleibt 0"))  # fmt: skip
        self.row(_("Erstellt"), format_moment(current.generated_at))
        self.row(_("Programmversion"), current.app_version)
        self.row(_("Daten-Hash"), current.data_hash)

    def headline(self) -> None:
        previous, plan = self.previous, self.report.plan
        columns = [_("Kennzahl"), _("Wert")]
        columns += [_("Vorperiode")] if previous is not None else []
        columns += [_("Plan")] if plan is not None else []
        self.row(*columns)
        for key, label in HEADLINE:
            cells = [_(label), self.value(self.current, key)]
            if previous is not None:
                cells.append(self.value(previous, key))
            if plan is not None:
                planned = plan.values.get(key)
                cells.append(number(planned) if planned is not None else "")
            self.row(*cells)

    def kinds(self) -> None:
        previous = self.previous
        self.row(_("Kontakte nach Art"), _("Kontakte"),
                 *([_("Vorperiode")] if previous is not None else []))  # fmt: skip
        kinds = self.current.kinds()
        before = previous.kinds() if previous is not None else {}
        for kind in ContactKind:
            cells = [kind.label, _cell_value(kinds[kind.value])]
            if previous is not None:
                cells.append(_cell_value(before[kind.value]))
            self.row(*cells)

    def editions(self) -> None:
        self.row(_("Starterpakete nach Sprachausgabe"), _("Anzahl"))
        for name, value in self.current.editions().items():
            self.row(text(key_text("", name)), _cell_value(value))

    def breakdown(self, name: str, label: str) -> None:
        self.row(_(label), _("Kontakte"), _("Begleitungen"), _("Familien"),
                 _("Anteil an den Begleitungen (%)"))  # fmt: skip
        total = self.current.figure("begleitungen")
        cells = self.current.breakdown(name)
        known = [key for key in cells if key not in UNKNOWN_KEYS]
        for key in known + [key for key in UNKNOWN_KEYS if key in cells]:
            self.row(text(key_text(name, key)), *self._cell(cells[key], total))

    @staticmethod
    def _cell(cell: PublishedCell, begleitungen: Shown) -> list[str]:
        ratio = share(cell.begleitungen, begleitungen)
        shown = "" if ratio is None else format_decimal(100 * ratio, format="0.0",
                                                        locale=NUMBER_LOCALE)  # fmt: skip
        return [_cell_value(cell.kontakte), _cell_value(cell.begleitungen),
                _cell_value(cell.familien), shown]  # fmt: skip

    def write(self) -> str:
        parts: list[Callable[[], None]] = [self.header, self.headline, self.kinds, self.editions]
        parts += [lambda n=name, label=label: self.breakdown(n, label) for name, label in SECTIONS
                  if not (self.external and name == "nach_mitarbeitenden")]
        for index, part in enumerate(parts):
            if index:
                self.row()
            part()
        return self.buffer.getvalue()


def to_csv(report: Report) -> bytes:
    """The report as CSV bytes: UTF-8 with BOM, ``;``, CRLF line ends."""
    return _Writer(report).write().encode("utf-8-sig")
