"""Berichtsarchiv: the closed reports, each as sent beside today's figures.

The list on top; below, the chosen report's figures as archived and as computed today for
the same period, filters and audience, every difference highlighted (by default only the
figures that differ: "nur Unterschiede"), and the records entered, changed or deleted
since it was closed (kind and date, never a name). Loading and comparing run in the
background; the archived PDF can be opened or saved again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import ContactKind
from hamm_field.i18n import N_, ngettext
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day, format_moment, format_number
from hamm_field.reports.pdf_figures import HEADLINE, SHARES
from hamm_field.reports.pdf_values import filters_text, period_text, signed
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pdf_viewer import PdfPreviewDialog

HIGHLIGHT = QColor("#fff2b3")
KINDS = {
    "handout": N_("Starterpaket"),
    "goal": N_("Integrationsziel"),
    "observation": N_("Beobachtung Kindeswohl"),
    "household": N_("Familie aufgenommen"),
}
CHANGES = {"late": N_("nachgetragen"), "changed": N_("geändert"), "deleted": N_("gelöscht")}


GROUPS = {"kontakte_nach_art": N_("Kontakte nach Art"), "ziele": N_("Integrationsziele")}


CELL_NAMES = {"kontakte": N_("Kontakte"), "begleitungen": N_("Begleitungen"),
              "familien": N_("Familien")}  # fmt: skip


def figure_label(path: tuple[str, ...]) -> str:
    """German names where the report has them; breakdown keys are names already."""
    names = {**dict(HEADLINE), **dict(SHARES), **GROUPS}
    head = _(names[path[0]]) if path[0] in names else path[0]
    rest = list(path[1:])
    if path[0] == "kontakte_nach_art" and rest and rest[0] in {k.value for k in ContactKind}:
        rest[0] = ContactKind(rest[0]).label
    if len(rest) == 2 and rest[1] in CELL_NAMES:  # a breakdown's row and column
        rest[1] = _(CELL_NAMES[rest[1]])
    return " / ".join((head, *rest))


def cause_text(cause: Any) -> str:
    kind = ContactKind(cause.detail).label if cause.kind == "contact" else _(KINDS[cause.kind])
    return _("{kind} am {date}: {change}").format(
        kind=kind, date=format_day(cause.date), change=_(CHANGES[cause.change]))


def _value(value: Any) -> str:
    """A figure as the reader's language writes numbers; "< 5" and the like as they are."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return format_number(round(value, 2))


def _difference(archived: Any, today: Any) -> str:
    """Today's value against the one sent ("+1", "−2,5"); blank where either is no number."""
    numbers = [v for v in (archived, today) if isinstance(v, int | float)
               and not isinstance(v, bool)]  # fmt: skip
    if len(numbers) != 2 or archived == today:
        return ""
    return signed(today - archived)


class ReportArchiveDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.entries: list[Any] = []
        self.comparison: Any = None
        self._paths: list[tuple[str, ...]] = []  # the figure of each row of ``figures``
        self.preview: PdfPreviewDialog | None = None
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self.open_selected)
        self.figures = QTableWidget(0, 4)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().hide()
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.only_differences = QCheckBox()
        self.only_differences.setChecked(True)  # the differences are what one looks for
        self.only_differences.toggled.connect(self._show_rows)
        self.causes_title = QLabel()
        self.causes = QListWidget()
        self.save_button, self.open_button = QPushButton(), QPushButton()
        self.save_button.clicked.connect(self.save_pdf)
        self.open_button.clicked.connect(self.open_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._set_files_enabled(False)
        self.retranslate()
        self.resize(1000, 560)
        self.reload()

    def _layout(self) -> None:
        detail = QWidget()
        left = QVBoxLayout(detail)
        left.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.only_differences)
        left.addLayout(heading)
        left.addWidget(self.figures, 1)
        right_box = QWidget()
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.causes_title)
        right.addWidget(self.causes, 1)
        files = QHBoxLayout()
        files.addWidget(self.open_button)
        files.addWidget(self.save_button)
        right.addLayout(files)
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(detail)
        below.addWidget(right_box)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Berichtsarchiv"))
        self.table.setHorizontalHeaderLabels(
            [_("Zeitraum"), _("Filter"), _("Abgeschlossen"), _("von"), _("extern")])
        self.figures.setHorizontalHeaderLabels([_("Kennzahl"), _("wie gesendet"), _("heute"),
                                                _("Unterschied")])  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Schließen"))
        self.table.setAccessibleName(_("Abgeschlossene Berichte"))
        self.figures.setAccessibleName(_("Kennzahlen wie gesendet und heute"))
        self.causes_title.setText(_("Seit dem Abschluss geändert:"))
        self.only_differences.setText(_("&nur Unterschiede"))
        self.only_differences.setToolTip(
            _("Nur die Kennzahlen zeigen, die heute anders sind als gesendet."))
        self.save_button.setText(_("PDF &speichern …"))
        self.open_button.setText(_("PDF ö&ffnen"))
        if self.comparison is None:
            self.summary.setText(_("Einen abgeschlossenen Bericht auswählen."))

    # The list ---------------------------------------------------------------------

    def reload(self) -> None:
        self.ui.submit(self.ui.services.report_archive.list, parent=self,
                       on_success=self._listed)  # fmt: skip

    def _listed(self, entries: list[Any]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (period_text(entry.period),
                     filters_text(entry.filters, entry.filter_worker_name),
                     format_moment(entry.archived_at.astimezone()), entry.worker_name,
                     _("ja") if entry.external else _("nein"))  # fmt: skip
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if not entries:
            self.summary.setText(_("Noch kein Bericht abgeschlossen."))

    # One entry ---------------------------------------------------------------------

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.entries[rows[0].row()]
        self.summary.setText(_("Wird mit den heutigen Zahlen verglichen …"))
        self.ui.submit(self.ui.services.report_archive.compare, entry.id, parent=self,
                       on_success=self._compared, on_error=self._failed)  # fmt: skip

    def _compared(self, comparison: Any) -> None:
        self.comparison = comparison
        differing = {d.path: d for d in comparison.differences}
        rows = list(_flat(comparison.archived_figures))
        known = {path for path, _v in rows}
        rows += [(d.path, None) for d in comparison.differences if d.path not in known]
        self._paths = [path for path, _archived in rows]
        self.figures.setRowCount(len(rows))
        bold = QFont(self.figures.font())
        bold.setBold(True)
        for index, (path, archived) in enumerate(rows):
            today = differing[path].today if path in differing else archived
            items = [QTableWidgetItem(figure_label(path)), QTableWidgetItem(_value(archived)),
                     QTableWidgetItem(_value(today)),
                     QTableWidgetItem(_difference(archived, today))]  # fmt: skip
            for column, item in enumerate(items):
                if path in differing:
                    item.setBackground(QBrush(HIGHLIGHT))
                    item.setFont(bold)
                self.figures.setItem(index, column, item)
        self._show_rows()
        self.figures.resizeColumnToContents(1)
        self.figures.resizeColumnToContents(2)
        self.figures.resizeColumnToContents(3)
        count = len(comparison.differences)
        self.summary.setText(
            _("Keine Abweichung: die heutigen Zahlen sind die gesendeten.") if not count
            else ngettext("{count} Kennzahl weicht heute ab (markiert).",
                          "{count} Kennzahlen weichen heute ab (markiert).", count
                          ).format(count=count))  # fmt: skip
        self.causes.clear()
        self.causes.addItems([cause_text(cause) for cause in comparison.causes]
                             or [_("keine Einträge")])  # fmt: skip
        self._set_files_enabled(True)

    def _show_rows(self) -> None:
        """With "nur Unterschiede", hide every figure that is the same today."""
        if self.comparison is None:
            return
        differing = {d.path for d in self.comparison.differences}
        hide = self.only_differences.isChecked()
        for row, path in enumerate(self._paths):
            self.figures.setRowHidden(row, hide and path not in differing)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText("")
        show_error(self, error, self.ui.log_file)

    # The archived PDF -------------------------------------------------------------------

    def _set_files_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.open_button.setEnabled(enabled)

    def _file_name(self) -> str:
        period = self.comparison.archived.period
        return "{name}_{start}_{end}.pdf".format(
            name=_("Kennzahlen"), start=period.start.isoformat(), end=period.end.isoformat())

    def open_pdf(self) -> PdfPreviewDialog | None:
        if self.comparison is None:
            return None
        archived = self.comparison.archived
        self.preview = PdfPreviewDialog(
            archived.pdf, _("Abgeschlossener Bericht {period}").format(
                period=period_text(archived.period)), self,
            file_name=self._file_name(), log_file=self.ui.log_file)  # fmt: skip
        self.preview.open()
        return self.preview

    def save_pdf(self) -> None:
        if self.comparison is None:
            return
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("PDF speichern"), self._file_name(), _("PDF-Dokument (*.pdf)"))
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(f"{name}.pdf")
        self.ui.submit(self.ui.services.reports.save, self.comparison.archived.pdf, "pdf", path,
                       parent=self, on_success=self._saved, on_error=self._failed)  # fmt: skip

    def _saved(self, path: Path) -> None:
        self.summary.setText(_("Gespeichert: {path}").format(path=str(path)))


def _flat(data: Any, path: tuple[str, ...] = ()) -> Any:
    """The figures of a JSON report in its order, without what describes the report."""
    skip = ("period", "app_version", "data_hash", "filter")
    for key, value in data.items():
        if not path and key in skip:
            continue
        if isinstance(value, dict):
            yield from _flat(value, (*path, str(key)))
        else:
            yield (*path, str(key)), value
