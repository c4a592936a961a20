"""Berichte: the Kennzahlen of a period at a glance, compared, planned, and exported.

Every figure is computed in the background (``ui.submit``); while the period or a filter
is being changed, the computation waits a moment so a run of clicks costs one query, and a
result that arrives after a newer request is dropped. The exports are in
``reports_export.py``, the tiles and charts in ``reports_tiles.py`` and ``reports_charts.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day, format_moment
from hamm_field.reports.chart_bars import month_bars
from hamm_field.reports.model import Filters, Period, Report
from hamm_field.reports.pdf_values import LEGEND, Counts, period_text, sorted_rows
from hamm_field.reports.suppression import Published, publish
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.report_archive import ReportArchiveDialog
from hamm_field.ui.dialogs.report_card import MeasureCardDialog
from hamm_field.ui.dialogs.report_plan import PlanDialog
from hamm_field.ui.errors import show_error
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.pages.base import Page, heading, scrolling
from hamm_field.ui.pages.reports_charts import BarChart, breakdown_bars, paket_label
from hamm_field.ui.pages.reports_controls import FilterBar, PeriodPicker
from hamm_field.ui.pages.reports_export import ExportBar
from hamm_field.ui.pages.reports_tiles import FigureTiles

DELAY_MS = 250


class ReportsPage(Page):
    watches = ("contact", "household", "handout", "goal", "observation", "report_plan")

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.report: Report | None = None
        self._asked = self._shown = 0  # the newest request; older results are dropped
        self.coordination = ui.is_coordination
        self.central = not ui.services.reports.is_laptop  # only it closes reports
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self._build()
        self.retranslate()

    # Construction ----------------------------------------------------------------

    def _build(self) -> None:
        master = self.ui.services.context.master
        self.heading = heading("")
        self.period_picker = PeriodPicker(self.ui.services.context.today())
        self.external = QCheckBox()
        self.external.setObjectName("external")
        self.filter_bar = FilterBar(
            [(e.key, e.label) for e in master.active(MasterKind.SOZIALRAUM)], self.coordination)
        for signal in (self.period_picker.changed, self.filter_bar.changed, self.external.toggled):
            signal.connect(self.schedule)
        self.compared = QLabel()
        self.compared.setStyleSheet("color: #5b6775;")
        self.compared.setWordWrap(True)
        self.tiles = FigureTiles()
        self.month_box, self.month_chart = QGroupBox(), BarChart(vertical=True)
        self.area_box, self.area_chart = QGroupBox(), BarChart()
        self.paket_box, self.paket_chart = QGroupBox(), BarChart()
        charts = QHBoxLayout()
        for box, chart, stretch in ((self.month_box, self.month_chart, 5),
                                    (self.area_box, self.area_chart, 4),
                                    (self.paket_box, self.paket_chart, 4)):  # fmt: skip
            QVBoxLayout(box).addWidget(chart)
            charts.addWidget(box, stretch)

        top = FlowLayout(spacing=12, left=True)  # on a 1024 px laptop the check box wraps
        top.addWidget(self.period_picker)
        top.addWidget(self.external)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        column.addLayout(top)
        column.addWidget(self.filter_bar)
        column.addWidget(self.compared)
        column.addWidget(self.tiles)
        column.addLayout(charts, 1)
        self.scroll = scrolling(body)

        self.exports = ExportBar(self.ui, lambda: (self.period(), self.filters(),
                                                   self.is_external))  # fmt: skip
        self.plan_button, self.card_button = QPushButton(), QPushButton()
        self.plan_button.clicked.connect(self.edit_plan)
        self.card_button.clicked.connect(self.edit_card)
        self.close_button, self.archive_button = QPushButton(), QPushButton()
        self.close_button.clicked.connect(self.close_report)
        self.archive_button.clicked.connect(self.open_archive)
        # The card, the plan and the archive belong to the report, not to one export. The
        # buttons wrap below each other where a 1024 px window has no room for all four.
        buttons = QWidget()
        flow = FlowLayout(buttons, spacing=6)
        for button in (self.close_button, self.archive_button):
            button.setVisible(self.central)
            flow.addWidget(button)
        flow.addWidget(self.plan_button)
        flow.addWidget(self.card_button)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(buttons, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.exports)

    def title(self) -> str:
        return _("Berichte")

    def retranslate(self) -> None:
        self.heading.setText(_("Berichte"))
        self.scroll.setAccessibleName(_("Berichte"))
        self.period_picker.retranslate()
        self.filter_bar.retranslate()
        self.external.setText(_("für au&ßen (Werte unter 5 verbergen)"))
        self.external.setToolTip(_(
            "Für Berichte, die das Amt verlassen: jede Zahl von 1 bis 4 erscheint als "
            "„< 5“, damit niemand zu erkennen ist; „x“ verbirgt Werte, aus denen sich "
            "eine solche Zahl errechnen ließe. 0 bleibt 0."))  # fmt: skip
        self.month_box.setTitle(_("Nach Monat"))
        self.area_box.setTitle(_("Nach Sozialraum"))
        self.paket_box.setTitle(_("Nach Integrationspaket"))
        self.month_chart.setAccessibleName(_("Kontakte und Begleitungen nach Monat"))
        self.area_chart.setAccessibleName(_("Kontakte und Begleitungen nach Sozialraum"))
        self.paket_chart.setAccessibleName(_("Kontakte und Begleitungen nach Integrationspaket"))
        self.exports.retranslate()
        self.plan_button.setText(_("Plan&werte …"))
        self.card_button.setText(_("&Maßnahmenkarte bearbeiten …"))
        self.close_button.setText(_("Bericht a&bschließen …"))
        self.close_button.setToolTip(_("Den Bericht als gesendet festhalten: Zahlen, PDF und "
                                       "JSON, signiert, im Berichtsarchiv"))
        self.archive_button.setText(_("Berichts&archiv …"))
        if self.report is not None:
            self._show(self.report)

    # What is asked ----------------------------------------------------------------

    def period(self) -> Period:
        return self.period_picker.period()

    def filters(self) -> Filters:
        return self.filter_bar.filters()

    @property
    def is_external(self) -> bool:
        return self.external.isChecked()

    def schedule(self) -> None:
        """A control changed: compute once the clicks have stopped."""
        self.timer.start()

    @property
    def is_pending(self) -> bool:
        """A change of the controls whose figures are not shown yet."""
        return self.timer.isActive() or self._asked != self._shown

    def refresh(self) -> None:
        self.timer.stop()
        self._asked += 1
        asked, reports = self._asked, self.ui.services.reports
        period, filters, external = self.period(), self.filters(), self.is_external
        coordination = self.coordination

        def load() -> tuple[tuple[list[tuple[str, str]], list[str]] | None, Report]:
            team = (reports.workers(), reports.teams()) if coordination else None
            return team, reports.report(period, filters, compare=True, external=external)

        self.ui.submit(load, parent=self, on_success=lambda result: self._loaded(asked, result))

    def _loaded(self, asked: int,
                result: tuple[tuple[list[tuple[str, str]], list[str]] | None, Report]) -> None:
        if asked != self._asked:
            return
        team, report = result
        if team is not None:
            self.filter_bar.set_workers(*team)
        self._shown = asked
        self._show(report)

    # Showing ------------------------------------------------------------------------

    def _show(self, report: Report) -> None:
        self.report = report
        figures = report.current
        shown, counts = publish(figures, report.external), Counts()
        self.tiles.show_report(report)
        parts = [_("Stand: {moment}").format(moment=format_moment(figures.generated_at))]
        if report.previous is not None:
            previous = report.previous.period
            parts.insert(0, _("Vorperiode: {start} – {end}").format(
                start=format_day(previous.start), end=format_day(previous.end)))  # fmt: skip
        text = " · ".join(parts)
        if self._any_hidden(report, shown):
            text += "\n" + _(LEGEND)  # what "< 5" and "x" on the tiles and bars mean
        self.compared.setText(text)
        empty = _("Keine Einträge im Zeitraum.")
        years, bars = month_bars(list(shown.breakdown("nach_monat").items()))
        self.month_box.setTitle(_("Nach Jahr") if years else _("Nach Monat"))
        self.month_chart.set_bars(bars, counts, empty)
        area_rows = sorted_rows("nach_sozialraum", shown.breakdown("nach_sozialraum"))
        self.area_chart.set_bars(breakdown_bars(area_rows), counts, empty)
        paket_rows = sorted_rows("nach_integrationspaket",
                                 shown.breakdown("nach_integrationspaket"))
        self.paket_chart.set_bars(breakdown_bars(paket_rows, paket_label), counts, empty)

    @staticmethod
    def _any_hidden(report: Report, shown: Published) -> bool:
        before = report.previous
        return bool(shown.marks) or (
            before is not None and bool(publish(before, report.external).marks))

    # Plan and measure card ----------------------------------------------------------

    def edit_plan(self) -> PlanDialog:
        dialog = PlanDialog(self.ui, self.period(), self)
        dialog.open()
        return dialog

    def edit_card(self) -> MeasureCardDialog:
        dialog = MeasureCardDialog(self.ui, self)
        dialog.open()
        return dialog

    # Closing a report -----------------------------------------------------------------

    def confirm_close(self, period: Period) -> bool:
        answer = QMessageBox.question(self, _("Bericht abschließen"), _(
            "Den Bericht {period} so, wie er jetzt berechnet wird, als gesendet abschließen? "
            "Er wird signiert im Berichtsarchiv aufbewahrt und lässt sich später mit den "
            "heutigen Zahlen vergleichen.").format(period=period_text(period)))  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def close_report(self) -> None:
        """Archive the report the controls ask for, computed afresh in the background."""
        period, filters, external = self.period(), self.filters(), self.is_external
        if not self.confirm_close(period):
            return
        reports, archive = self.ui.services.reports, self.ui.services.report_archive

        def run() -> object:
            return archive.close(reports.report(period, filters, compare=True,
                                                external=external))  # fmt: skip

        self.close_button.setEnabled(False)
        self.exports.status.setStyleSheet("")
        self.exports.status.setText(_("Der Bericht wird abgeschlossen …"))
        self.ui.submit(run, parent=self, on_success=self._closed, on_error=self._close_failed)

    def _closed(self, archived: object) -> None:
        self.close_button.setEnabled(True)
        self.exports.status.setText(_("Bericht abgeschlossen: {period}").format(
            period=period_text(archived.period)))  # type: ignore[attr-defined]  # fmt: skip

    def _close_failed(self, error: BaseException) -> None:
        self.close_button.setEnabled(True)
        self.exports.status.clear()
        show_error(self, error, self.ui.log_file)

    def open_archive(self) -> ReportArchiveDialog:
        dialog = ReportArchiveDialog(self.ui, self)
        dialog.open()
        return dialog
