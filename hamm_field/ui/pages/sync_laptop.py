"""Sync on a laptop: how much is waiting, write the package, read the return package, and
whether the coordination runs a newer Hamm Field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_number
from hamm_field.services.status import StoreStatus
from hamm_field.services.sync import handover_lines
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.load_invitation import EnrolBox
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.base import scaled
from hamm_field.ui.pages.sync_common import (
    Section,
    choose_folder,
    choose_packages,
    moment_text,
    progress_bar,
    result_label,
    show_result,
)

BOX_WIDTH = 820
NOTICE_STYLE = ("color: #0b3a66; background: #e7f1fb; border: 2px solid #5b9bd5; "
                "border-radius: 4px; padding: 10px; font-weight: 600;")  # fmt: skip


class LaptopSync(Section):
    written = Signal()  # a package was written or read: the status is stale

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.status: StoreStatus | None = None
        self.enrolled: bool | None = None  # None: not known yet
        # The coordination runs a newer Hamm Field (its last return package said so).
        self.update_notice = QLabel()
        self.update_notice.setObjectName("updateNotice")
        self.update_notice.setWordWrap(True)
        self.update_notice.setMaximumWidth(BOX_WIDTH)
        self.update_notice.setStyleSheet(NOTICE_STYLE)
        self.update_notice.hide()
        self.enrol_box = EnrolBox(ui)  # only while the laptop is not enrolled
        self.enrol_box.setMaximumWidth(BOX_WIDTH)
        self.enrol_box.enrolled.connect(self.written.emit)
        self.unsynced, self.last_export, self.last_ack = QLabel(), QLabel(), QLabel()
        scaled(self.unsynced, 1.2, bold=True)
        self.state_labels = [QLabel(), QLabel(), QLabel()]
        self.state_box = QGroupBox()
        self.state_box.setMaximumWidth(BOX_WIDTH)
        form = QFormLayout(self.state_box)
        for label, value in zip(self.state_labels, (self.unsynced, self.last_export,
                                                    self.last_ack), strict=True):  # fmt: skip
            form.addRow(label, value)

        self.export_intro, self.return_intro = QLabel(), QLabel()
        for intro in (self.export_intro, self.return_intro):
            intro.setWordWrap(True)
        self.export_button, self.return_button = QPushButton(), QPushButton()
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export)
        self.return_button.clicked.connect(self.read_return)
        # Without an enrolment neither package can be made or read: said before any
        # folder is chosen, not after.
        self.export_hint, self.return_hint = QLabel(), QLabel()
        for hint in (self.export_hint, self.return_hint):
            hint.setWordWrap(True)
            hint.setObjectName("notEnrolledHint")
            hint.hide()
        self.export_progress = progress_bar("export progress")
        self.return_progress = progress_bar("return progress")
        self.export_result, self.return_result = result_label(), result_label()
        self.export_box = self._action_box(self.export_intro, self.export_hint,
                                           self.export_button, self.export_progress,
                                           self.export_result)  # fmt: skip
        self.return_box = self._action_box(self.return_intro, self.return_hint,
                                           self.return_button, self.return_progress,
                                           self.return_result)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.update_notice)
        layout.addWidget(self.enrol_box)
        layout.addWidget(self.state_box)
        layout.addWidget(self.export_box)
        layout.addWidget(self.return_box)
        layout.addStretch()
        self.retranslate()

    @staticmethod
    def _action_box(intro: QLabel, hint: QLabel, button: QPushButton, bar: QWidget,
                    result: QLabel) -> QGroupBox:  # fmt: skip
        box = QGroupBox()
        box.setMaximumWidth(BOX_WIDTH)
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addWidget(bar, 1)
        row.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(result)
        return box

    def retranslate(self) -> None:
        self.state_box.setTitle(_("Stand dieses Laptops"))
        for label, text in zip(self.state_labels, (
                _("Noch nicht bestätigte Änderungen:"), _("Letztes Paket geschrieben:"),
                _("Letzte Bestätigung der Koordination:")), strict=True):  # fmt: skip
            label.setText(text)
        self.export_box.setTitle(_("Paket für die Koordination"))
        self.export_intro.setText(_(
            "Schreibt alle Änderungen, die die Koordination noch nicht bestätigt hat, "
            "verschlüsselt in eine Datei – zum Beispiel auf einen USB-Stick. Ein zweites "
            "Paket schadet nicht: Doppeltes wird beim Einlesen erkannt."))  # fmt: skip
        self.export_button.setText(_("&Paket schreiben …"))
        self.export_progress.setAccessibleName(_("Fortschritt beim Schreiben des Pakets"))
        self.return_box.setTitle(_("Rückpaket der Koordination"))
        self.return_intro.setText(_(
            "Das Rückpaket bestätigt Ihre Pakete und bringt Stammdaten und die Familien, die "
            "Sie begleiten. Danach werden Ihre Pakete wieder klein."))  # fmt: skip
        self.return_button.setText(_("&Rückpaket einlesen …"))
        self.return_progress.setAccessibleName(_("Fortschritt beim Einlesen des Rückpakets"))
        self.export_hint.setText(_(
            "Ein Paket kann erst geschrieben werden, wenn dieser Laptop bei der Koordination "
            "angemeldet ist (oben: „Einladung laden“)."))  # fmt: skip
        self.return_hint.setText(_(
            "Ein Rückpaket kann erst eingelesen werden, wenn dieser Laptop bei der "
            "Koordination angemeldet ist."))  # fmt: skip
        if self.status is not None:
            self.show_status(self.status)

    def show_status(self, status: StoreStatus) -> None:
        self.status = status
        count = status.unsynced_changes
        self.unsynced.setText(format_number(count) if count else _("keine – alles bestätigt"))
        self.last_export.setText(moment_text(status.last_export, _("noch keins")))
        self.last_ack.setText(moment_text(status.last_ack, _("noch keine")))
        newer = status.newer_at_coordination
        if newer:
            self.update_notice.setText(_(
                "Neue Version bei der Koordination erhältlich: Hamm Field {version}"
            ).format(version=newer))
        self.update_notice.setVisible(bool(newer))
        self.enrol_box.refresh()
        self.ui.submit(self.ui.services.enrol_existing.possible, parent=self,
                       on_success=lambda possible: self._show_enrolled(not possible))  # fmt: skip

    def _show_enrolled(self, enrolled: bool) -> None:
        """Both packages need the enrolment: off, and why, until the laptop has it."""
        self.enrolled = enrolled
        for button, hint, bar in ((self.export_button, self.export_hint, self.export_progress),
                                  (self.return_button, self.return_hint, self.return_progress)):
            hint.setVisible(not enrolled)
            if bar.isHidden():  # while one runs, its end enables the button
                button.setEnabled(enrolled)

    # Paket schreiben ------------------------------------------------------------

    def export(self) -> None:
        if self.enrolled is False:
            return  # the button is off and says why; a shortcut must not ask for a folder
        folder = choose_folder(self, _("Ordner für das Paket wählen (z. B. USB-Stick)"))
        if folder is None:
            return
        sync = self.ui.services.sync

        def run() -> Any:
            return sync.export(folder / sync.package_name())

        self._busy(self.export_button, self.export_progress, self.export_result)
        self.ui.submit(run, parent=self, on_success=self._exported,
                       on_error=lambda e: self._failed(e, self.export_button,
                                                       self.export_progress))  # fmt: skip

    def _exported(self, result: Any) -> None:
        self._idle(self.export_button, self.export_progress)
        text = ngettext("Paket geschrieben und geprüft: {count} Änderung",
                        "Paket geschrieben und geprüft: {count} Änderungen", result.changes)
        show_result(self.export_result, "\n".join((
            text.format(count=format_number(result.changes)),
            _("Paket {number}: {path}").format(number=result.sequence, path=result.path))),
            ok=True)  # fmt: skip
        self.written.emit()

    # Rückpaket einlesen ---------------------------------------------------------

    def read_return(self) -> None:
        if self.enrolled is False:
            return
        paths = choose_packages(self, _("Rückpaket der Koordination wählen"), several=False)
        if paths:
            self.read_return_from(paths[0])

    def read_return_from(self, path: Path) -> None:
        """Read ``path`` as the coordination's return package: chosen here, or a file the
        person opened with Hamm Field (a double-click)."""
        self._busy(self.return_button, self.return_progress, self.return_result)
        self.ui.submit(self.ui.services.sync.import_files, [path], parent=self,
                       changes="household", on_success=self._read,
                       on_error=lambda e: self._failed(e, self.return_button,
                                                       self.return_progress))  # fmt: skip

    def _read(self, results: list[Any]) -> None:
        self._idle(self.return_button, self.return_progress)
        [result] = results
        if result.refused is not None:
            show_result(self.return_result, _("Nicht eingelesen: {reason}").format(
                reason=result.refused), ok=False)
        else:
            text = ngettext(
                "Rückpaket eingelesen: {count} Änderung übernommen, bestätigt bis Paket {number}.",
                "Rückpaket eingelesen: {count} Änderungen übernommen, bestätigt bis Paket "
                "{number}.", result.changes)  # fmt: skip
            show_result(self.return_result, "\n".join((text.format(
                count=format_number(result.changes), number=result.sequence),
                *handover_lines(result))), ok=True)  # fmt: skip
        self.written.emit()

    # While it runs --------------------------------------------------------------

    @staticmethod
    def _busy(button: QPushButton, bar: Any, result: QLabel) -> None:
        button.setEnabled(False)
        bar.setRange(0, 0)  # neither step reports progress: a moving bar
        bar.show()
        result.clear()
        result.hide()

    @staticmethod
    def _idle(button: QPushButton, bar: Any) -> None:
        button.setEnabled(True)
        bar.hide()

    def _failed(self, error: BaseException, button: QPushButton, bar: Any) -> None:
        self._idle(button, bar)
        show_error(self, error, self.ui.log_file)
