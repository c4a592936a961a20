"""The Kennzahlen report as PDF: title page, overview, charts, breakdown tables, measure card,
and last a page of definitions (``pdf_definitions.py``).

Written in the current UI language (the command line's ``--lang``), numbers and dates
by Babel. Every page names the period and the filters in its header; its footer has
the page number, the app version, when the figures were computed and the first 16 hex
digits of the hash of the data they were computed from. The PDF is built in memory.
An external report has no table by worker: it would name people to outsiders.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from hamm_field.domain.vocab import ContactKind
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment
from hamm_field.reports.chart_bars import Bar, month_bars
from hamm_field.reports.model import CONTACT_KINDS, Kennzahlen, Report
from hamm_field.reports.pdf_card import measure_card
from hamm_field.reports.pdf_charts import horizontal_chart, vertical_chart
from hamm_field.reports.pdf_definitions import definitions_page
from hamm_field.reports.pdf_figures import card_lines, has_plan, headline_rows, share_lines
from hamm_field.reports.pdf_layout import WIDTH, Styles, build_pdf, grid_table, header_cells
from hamm_field.reports.pdf_layout import styles as make_styles
from hamm_field.reports.pdf_values import (
    EDITIONS,
    LEGEND,
    MARKERS,
    Counts,
    filters_text,
    key_label,
    period_text,
    rank,
    sorted_rows,
)
from hamm_field.reports.suppression import is_hidden, publish_report

HASH_DIGITS = 16
TABLES = (
    ("nach_sozialraum", N_("Nach Sozialraum"), N_("Sozialraum")),
    ("nach_integrationspaket", N_("Nach Integrationspaket"), N_("Integrationspaket")),
    ("nach_herkunftsland", N_("Nach Herkunftsland"), N_("Herkunftsland")),
    ("nach_sprache", N_("Nach Sprache"), N_("Sprache")),
    ("nach_institution", N_("Nach Institution"), N_("Institution")),
    ("nach_monat", N_("Nach Monat"), N_("Monat")),
    ("nach_mitarbeitenden", N_("Nach Mitarbeitenden"), N_("Mitarbeiter/in")),
)


class _Document:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.figures: Kennzahlen = report.current
        self.shown, self.before = publish_report(report)
        self.counts = Counts()
        self.style: Styles = make_styles()

    def paragraph(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), getattr(self.style, style))

    # Title page ------------------------------------------------------------------

    def title_page(self) -> list[Flowable]:
        figures = self.figures
        kind = _("extern") if self.report.external else _("intern")
        facts = [
            (_("Zeitraum"), period_text(figures.period)),
            (_("Filter"), filters_text(figures.filters, figures.worker_name)),
            (_("Bericht"), kind),
            (_("Erstellt am"), format_moment(figures.generated_at)),
            (_("Programmversion"), f"Hamm Field {figures.app_version}"),
            (_("Daten-Hash"), figures.data_hash),
        ]
        rows = [[self.paragraph(k, "cell_bold"), self.paragraph(v, "cell")] for k, v in facts]
        story: list[Flowable] = [
            Spacer(1, 40 * mm),
            self.paragraph(_("Kennzahlen"), "title"),
            Spacer(1, 4 * mm),
            self.paragraph(period_text(figures.period), "subtitle"),
            Spacer(1, 14 * mm),
            grid_table(rows, [45 * mm, WIDTH - 45 * mm], self.style, header_rows=0,
                       numeric_from=2),
        ]
        if self.report.external:
            note = _(
                "Externer Bericht: Werte von 1 bis 4 sind als „< 5“ ausgewiesen, damit "
                "niemand erkennbar wird. Mit „x“ verborgen sind Werte, aus denen sich sonst "
                "ein solcher kleiner Wert errechnen ließe; mit einem verborgenen Wert "
                "entfallen auch die daraus abgeleiteten Angaben (Begleitungsstunden, "
                "Anteile, Veränderungen, Balken). 0 wird als 0 ausgewiesen."
            )
            story += [Spacer(1, 6 * mm), self.paragraph(note, "small")]
        story.append(PageBreak())
        return story

    # Overview --------------------------------------------------------------------

    def overview(self) -> list[Flowable]:
        report = self.report
        labels = [_("Kennzahl"), _("Zeitraum"), _("Vorperiode"), _("Veränderung"), _("Plan")]
        keep = [0, 1]
        if report.previous is not None:
            keep += [2, 3]
        if has_plan(report):
            keep.append(4)
        rows = [[row[i] for i in keep]
                for row in headline_rows(report, self.shown, self.before, self.counts)]
        rows = [[self.paragraph(row[0], "cell"), *row[1:]] for row in rows]
        first = 60 * mm
        rest = (WIDTH - first) / (len(keep) - 1)
        head = header_cells([labels[i] for i in keep], self.style)
        story: list[Flowable] = [
            self.paragraph(_("Überblick"), "h1"),
            grid_table([head, *rows], [first] + [rest] * (len(keep) - 1), self.style),
            *self.legend(cell for row in rows for cell in row[1:]),
        ]
        if report.previous is not None:
            line = _("Vorperiode: {period}").format(period=period_text(report.previous.period))
            story += [Spacer(1, 1.5 * mm), self.paragraph(line, "small")]
        shares = share_lines(self.shown, self.counts)
        if shares:
            story.append(self.paragraph(_("Anteile der Begleitungen"), "h2"))
            share_rows = [[self.paragraph(d, "cell"), self.paragraph(t, "cell")]
                          for d, t in shares]  # fmt: skip
            story.append(grid_table(share_rows, [45 * mm, WIDTH - 45 * mm], self.style,
                                    header_rows=0, numeric_from=2))  # fmt: skip
        return [*story, *self.contact_kinds(), *self.starterpakete(), PageBreak()]

    def contact_kinds(self) -> list[Flowable]:
        shown, previous, counts = self.shown, self.before, self.counts
        labels = [_("Art"), _("Anzahl"), _("Anteil")]
        if previous is not None:
            labels += [_("Vorperiode"), _("Veränderung")]
        rows: list[list[object]] = [header_cells(labels, self.style)]
        kinds, total = shown.kinds(), shown.figure("kontakte")
        before_kinds = previous.kinds() if previous is not None else {}
        for kind in (*CONTACT_KINDS, None):
            value = total if kind is None else kinds[kind]
            label = _("Kontakte gesamt") if kind is None else ContactKind(kind).label
            row: list[object] = [self.paragraph(label, "cell"), counts.text(value),
                                 counts.share(value, total)]  # fmt: skip
            if previous is not None:
                before = (previous.figure("kontakte") if kind is None
                          else before_kinds[kind])  # fmt: skip
                row += [counts.text(before), counts.change(value, before)]
            rows.append(row)
        rest = (WIDTH - 50 * mm) / (len(labels) - 1)
        table = grid_table(rows, [50 * mm] + [rest] * (len(labels) - 1), self.style,
                           bold_last=True)  # fmt: skip
        return [self.paragraph(_("Kontakte nach Art"), "h2"), table,
                *self.legend(cell for row in rows[1:] for cell in row[1:])]  # fmt: skip

    def starterpakete(self) -> list[Flowable]:
        editions = self.shown.editions()
        if not editions:
            return []
        head = header_cells([_("Sprachausgabe"), _("Starterpakete")], self.style)
        ordered = sorted(editions.items(), key=lambda item: (-rank(item[1]), item[0]))
        rows = [[self.paragraph(key_label(EDITIONS, k), "cell"), self.counts.text(v)]
                for k, v in ordered]  # fmt: skip
        table = grid_table([head, *rows], [62 * mm, 40 * mm], self.style)
        return [self.paragraph(_("Starterpakete nach Sprachausgabe"), "h2"), table,
                *self.legend(editions.values())]  # fmt: skip

    def legend(self, values: Iterable[object]) -> list[Flowable]:
        """The line under a table that shows a hidden value, saying what its marker means."""
        def marked(value: object) -> bool:  # also "x / 12" of the Integrationsziele
            return is_hidden(value) and any(part.strip() in MARKERS
                                            for part in str(value).split("/"))  # fmt: skip

        if not any(marked(value) for value in values):
            return []
        return [Spacer(1, 1 * mm), self.paragraph(_(LEGEND), "small")]

    # Charts ----------------------------------------------------------------------

    def charts(self) -> list[Flowable]:
        shown, font = self.shown, self.style.regular
        month_caption, months = self.month_bars()
        story: list[Flowable] = [self.paragraph(_("Diagramme"), "h1")]
        for caption, name, bars, draw in (
            (month_caption, "nach_monat", months, vertical_chart),
            (_("Kontakte und Begleitungen nach Sozialraum"), "nach_sozialraum", None,
             horizontal_chart),
            (_("Kontakte und Begleitungen nach Integrationspaket"), "nach_integrationspaket",
             None, horizontal_chart),
        ):  # fmt: skip
            if bars is None:
                bars = [Bar(key_label(name, key), cell.kontakte, cell.begleitungen)
                        for key, cell in sorted_rows(name, shown.breakdown(name))]  # fmt: skip
            body: Flowable = (
                draw(bars, self.counts, font, WIDTH) if bars
                else self.paragraph(_("Keine Einträge im Zeitraum."), "small")
            )  # fmt: skip
            legend = self.legend(value for bar in bars for value in (bar.kontakte,
                                                                   bar.begleitungen))
            story.append(KeepTogether([self.paragraph(caption, "h2"), body, *legend,
                                       Spacer(1, 3 * mm)]))  # fmt: skip
        story.append(PageBreak())
        return story

    def month_bars(self) -> tuple[str, list[Bar]]:
        years, bars = month_bars(sorted_rows("nach_monat", self.shown.breakdown("nach_monat")))
        if years:
            return _("Kontakte und Begleitungen nach Jahr"), bars
        return _("Kontakte und Begleitungen nach Monat"), bars

    # Breakdown tables ------------------------------------------------------------

    def breakdowns(self) -> list[Flowable]:
        story: list[Flowable] = [self.paragraph(_("Aufschlüsselungen"), "h1")]
        for name, caption, column in TABLES:
            if self.report.external and name == "nach_mitarbeitenden":
                continue
            story += [self.paragraph(_(caption), "h2"), *self.breakdown_table(name, _(column))]
        return story

    def breakdown_table(self, name: str, column: str) -> list[Flowable]:
        cells = self.shown.breakdown(name)
        if not cells:
            return [self.paragraph(_("Keine Einträge im Zeitraum."), "small")]
        counts, total = self.counts, self.shown.figure("begleitungen")
        labels = [column, _("Kontakte"), _("Begleitungen"), _("Familien"),
                  _("Anteil Begleitungen")]  # fmt: skip
        rows: list[list[object]] = [header_cells(labels, self.style)]
        for key, cell in sorted_rows(name, cells):
            rows.append([
                self.paragraph(key_label(name, key), "cell"),
                counts.text(cell.kontakte),
                counts.text(cell.begleitungen),
                counts.text(cell.familien),
                counts.share(cell.begleitungen, total),
            ])  # fmt: skip
        widths = [72 * mm, 22 * mm, 26 * mm, 22 * mm, WIDTH - 142 * mm]
        return [grid_table(rows, widths, self.style),
                *self.legend(cell for row in rows[1:] for cell in row[1:])]  # fmt: skip

    # Whole document --------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story = [*self.title_page(), *self.overview(), *self.charts(), *self.breakdowns()]
        if self.report.card is not None:
            story.append(PageBreak())
            story += measure_card(self.report.card,
                                  card_lines(self.report, self.shown, self.counts),
                                  self.style)  # fmt: skip
        return [*story, PageBreak(), *definitions_page(self.style)]

    def decorate(self, page: int, total: int) -> tuple[str, str, str]:
        figures = self.figures
        header = _("{title} · {period} · Filter: {filters}").format(
            title=_("Kennzahlen"),
            period=period_text(figures.period),
            filters=filters_text(figures.filters, figures.worker_name),
        )
        if self.report.external:
            header += " · " + _("extern")
        footer = _("Hamm Field {version} · erstellt {moment} · Daten-Hash {hash}").format(
            version=figures.app_version,
            moment=format_moment(figures.generated_at),
            hash=figures.data_hash[:HASH_DIGITS],
        )
        return header, footer, _("Seite {page} von {total}").format(page=page, total=total)


def render_pdf(report: Report) -> bytes:
    """The Kennzahlen report as PDF bytes, in the current language."""
    document = _Document(report)
    story = document.story()
    return build_pdf(story, title=_("Kennzahlen"), decorate=document.decorate)

