"""Show, print and (only when asked) save a PDF that exists only in memory.

Decision: DESIGN.md forbids plaintext files with names. Handing the receipt or the
Notfallblatt to the system's PDF viewer would need a temp file that outlives us (the
viewer reads it whenever it likes, and it may stay in the temp folder or a viewer's
"recent files"). So the document is shown here from a QBuffer with Qt's own PDF
renderer and printed from memory through the system print dialog. Saving is an explicit
act of the user ("Speichern unter…") and writes only the file they named, atomically,
in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import gettext as _
from hamm_field.services.documents import save_document
from hamm_field.ui.background import Runner
from hamm_field.ui.errors import show_error

MAX_PRINT_DPI = 300  # enough for text; a 1200 dpi A4 page would be a 500 MB image


class PdfPreviewDialog(QDialog):
    """A modal preview with "Drucken…" and "Speichern unter…".

    ``file_name`` is only the suggestion in the save dialog (it must not contain a
    family's name); ``note`` is shown above the document (e.g. a warning).
    """

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        file_name: str = "",
        note: str = "",
        log_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf, self._title, self.log_file = pdf, title, log_file
        self.file_name = file_name or _("Dokument.pdf")
        self.runner = Runner(self)
        self.saved_to: Path | None = None
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self._build(note)
        self.retranslate()
        self._size_to_screen()

    def _build(self, note: str) -> None:
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.status = QLabel()
        self.status.setAccessibleName(_("Status"))
        self.print_button = QPushButton()
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.ask_print)
        self.save_button = QPushButton()
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.ask_save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self._title)
        self.view.setAccessibleName(_("Vorschau: {title}").format(title=self._title))
        self.print_button.setText(_("&Drucken…"))
        self.print_button.setAccessibleName(_("Drucken"))
        self.save_button.setText(_("&Speichern unter…"))
        self.save_button.setAccessibleName(_("Speichern unter"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Schließen"))

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else QRect(0, 0, 1366, 768)
        self.resize(min(820, available.width() - 40), min(980, available.height() - 40))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # Printing --------------------------------------------------------------------

    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Drucken"))
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.print_to(printer)
            finally:
                QGuiApplication.restoreOverrideCursor()

    def print_to(self, printer: QPrinter) -> None:
        """Render each page from memory at up to 300 dpi, scaled to the printable area."""
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(_("Der Drucker ist nicht bereit. Bitte erneut versuchen."))
            return
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        try:
            for page in range(self.page_count):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                area = painter.viewport()
                scale = min(area.width() / points.width(), area.height() / points.height())
                target = QRect(area.x(), area.y(), int(points.width() * scale),
                               int(points.height() * scale))  # fmt: skip
                pixels = QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
                painter.drawImage(target, self.document.render(page, pixels))
        finally:
            painter.end()
        self.status.setText(_("An den Drucker geschickt."))

    # Saving ----------------------------------------------------------------------

    def ask_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Speichern unter"), self.file_name, _("PDF-Dokument (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.save_button.setEnabled(False)
        self.status.setText(_("Wird gespeichert …"))

        def saved(_result: object) -> None:
            self.saved_to = path
            self.save_button.setEnabled(True)
            self.status.setText(_("Gespeichert: {path}").format(path=str(path)))

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText("")
            if isinstance(error, OSError):
                self.status.setText(
                    _("Die Datei konnte nicht gespeichert werden. Bitte einen anderen Ort wählen.")
                )
            else:
                show_error(self, error, self.log_file)

        self.runner.submit(save_document, path, self.pdf, on_success=saved, on_error=failed)

    def done(self, result: int) -> None:
        """Closing forgets the document: names and keys stay in memory no longer than shown."""
        self.runner.wait()
        self.document.close()
        self.buffer.close()
        self.buffer.setData(QByteArray())
        self.pdf = b""
        super().done(result)
