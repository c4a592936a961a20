"""The Berichte screen's exports: PDF and CSV files, and the PDF preview from memory.

Each export computes the figures afresh for what the controls say (the shown ones may be a
moment old) and writes the file atomically through the service, in the background. The
progress bar names the step: computing, then writing. The preview never touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import Filters, Period
from hamm_field.reports.pdf_values import period_text
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pdf_viewer import PdfPreviewDialog

Request = Callable[[], tuple[Period, Filters, bool]]
"""What to export: the period, the filters and whether the report leaves the office."""
FILE_TYPES = {"pdf": N_("PDF-Dokument (*.pdf)"), "csv": N_("CSV-Tabelle (*.csv)")}
OK_STYLE = "color: #1e7b34;"
_last_folder = {"path": ""}


def file_name(period: Period, fmt: str) -> str:
    """A suggestion without any name in it: "Kennzahlen_2026-01-01_2026-12-31.pdf"."""
    return "{name}_{start}_{end}.{fmt}".format(
        name=_("Kennzahlen"), start=period.start.isoformat(), end=period.end.isoformat(),
        fmt=fmt)  # fmt: skip


class ExportBar(QWidget):
    def __init__(self, ui: UiContext, request: Request, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.request = ui, request
        self.preview: PdfPreviewDialog | None = None
        self.pdf_button, self.csv_button = QPushButton(), QPushButton()
        self.preview_button = QPushButton()
        self.pdf_button.setObjectName("primary")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.preview_button.clicked.connect(self.show_preview)
        self.buttons = (self.pdf_button, self.csv_button, self.preview_button)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons:
            row.addWidget(button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.pdf_button.setText(_("P&DF exportieren …"))
        self.csv_button.setText(_("&CSV exportieren …"))
        self.preview_button.setText(_("V&orschau …"))
        self.preview_button.setToolTip(
            _("Den PDF-Bericht ansehen und drucken, ohne ihn zu speichern"))
        self.progress.setAccessibleName(_("Fortschritt des Exports"))

    # Files ---------------------------------------------------------------------------

    def choose_path(self, fmt: str, period: Period) -> Path | None:
        suggestion = file_name(period, fmt)
        if _last_folder["path"]:
            suggestion = str(Path(_last_folder["path"]) / suggestion)
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("{format} exportieren").format(format=fmt.upper()), suggestion,
            _(FILE_TYPES[fmt]))  # fmt: skip
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        _last_folder["path"] = str(path.parent)
        return path

    def export(self, fmt: str) -> None:
        period, filters, external = self.request()
        path = self.choose_path(fmt, period)
        if path is None:
            return
        reports = self.ui.services.reports

        def run(progress: Callable[[int, int], None]) -> Path:
            progress(0, 2)
            report = reports.report(period, filters, compare=True, external=external)
            progress(1, 2)
            written = reports.write(report, fmt, path)
            progress(2, 2)
            return written

        self._busy(_("Kennzahlen werden berechnet …"))
        self.ui.submit(run, parent=self, on_success=self._exported, on_error=self._failed,
                       on_progress=self._progressed)  # fmt: skip

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if done == 1:
            self.status.setText(_("Datei wird geschrieben …"))

    def _exported(self, path: Path) -> None:
        self._idle()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(_("Gespeichert: {path}").format(path=str(path)))

    # Preview -------------------------------------------------------------------------

    def show_preview(self) -> None:
        period, filters, external = self.request()
        reports = self.ui.services.reports

        def run() -> bytes:
            report = reports.report(period, filters, compare=True, external=external)
            return reports.render(report, "pdf")

        def ready(pdf: Any) -> None:
            self._idle()
            self.preview = PdfPreviewDialog(
                pdf, _("Kennzahlen {period}").format(period=period_text(period)), self,
                file_name=file_name(period, "pdf"), log_file=self.ui.log_file)  # fmt: skip
            self.preview.open()

        self._busy(_("Der Bericht wird erstellt …"))
        self.ui.submit(run, parent=self, on_success=ready, on_error=self._failed)

    # While it runs -------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        for button in self.buttons:
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _idle(self) -> None:
        for button in self.buttons:
            button.setEnabled(True)
        self.progress.hide()
        self.status.clear()

    def _failed(self, error: BaseException) -> None:
        self._idle()
        show_error(self, error, self.ui.log_file)
