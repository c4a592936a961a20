"""Einladung laden: a laptop in use, not yet enrolled, takes the coordination's invitation.

:class:`EnrolBox` sits on the laptop's Sync screen while the laptop is not enrolled: it
reads the chosen file, :class:`LoadInvitationDialog` shows whom it is for (the role; the
invitation carries no name, so the person confirms theirs) and asks for the password,
since the key file's slot is wrapped anew for the invited worker. Everything already
recorded is kept (:mod:`hamm_field.services.enrol_existing`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.errors import UserError
from hamm_field.i18n import gettext as _
from hamm_field.services.setup import InvitedWorker
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.pages.sync_common import progress_bar, result_label, show_result
from hamm_field.ui.passwords import secret_field


class LoadInvitationDialog(QDialog):
    """Whom the invitation is for; the person's name and password, then "Übernehmen"."""

    def __init__(self, invited: InvitedWorker, name: str, parent: QWidget | None = None
                 ) -> None:  # fmt: skip
        super().__init__(parent)
        self.invited = invited
        self.whom, self.intro = QLabel(), QLabel()
        self.whom.setObjectName("invitedRole")
        for label in (self.whom, self.intro):
            label.setWordWrap(True)
        self.name, self.password = QLineEdit(name), secret_field()
        self.name_label, self.password_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.name, self.password):
            field.textChanged.connect(self._complete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.whom)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self._complete()

    def _complete(self) -> None:
        self.ok.setEnabled(bool(self.name.text().strip() and self.password.text()))

    def worker_name(self) -> str:
        return self.name.text().strip()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Einladung laden"))
        self.whom.setText(_("Einladung für die Aufgabe {role}.").format(
            role=self.invited.role.label))
        self.intro.setText(_(
            "Alles, was auf diesem Laptop schon erfasst ist, bleibt erhalten und gehört dann "
            "zu dieser Einladung; es geht mit dem nächsten Paket an die Koordination. Die "
            "Einladung nennt keinen Namen: Bitte prüfen Sie Ihren Namen und bestätigen Sie "
            "mit Ihrem Passwort."))  # fmt: skip
        self.name_label.setText(_("&Name"))
        self.password_label.setText(_("&Passwort"))
        self.name.setAccessibleName(_("Name"))
        self.password.setAccessibleName(_("Passwort"))
        self.ok.setText(_("&Übernehmen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class EnrolBox(QGroupBox):
    """The laptop's way to an enrolment after the fact; hidden once it is enrolled."""

    enrolled = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: LoadInvitationDialog | None = None
        self._invitation = b""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.button = QPushButton()
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self.choose)
        self.progress = progress_bar("enrol progress")
        self.result = result_label()
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.progress, 1)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Bei der Koordination anmelden"))
        self.intro.setText(_(
            "Dieser Laptop ist noch nicht bei der Koordination angemeldet. Mit der "
            "Einladungsdatei der Koordination wird er angemeldet; was Sie schon erfasst "
            "haben, bleibt erhalten."))  # fmt: skip
        self.button.setText(_("Einladung &laden …"))
        self.progress.setAccessibleName(_("Fortschritt beim Laden der Einladung"))
        if self.dialog is not None:
            self.dialog.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the box while the laptop may still load an invitation."""
        self.ui.submit(self.ui.services.enrol_existing.possible, parent=self,
                       on_success=self._possible)  # fmt: skip

    def _possible(self, possible: bool) -> None:
        self.setVisible(possible or self.result.isVisible())

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Einladungsdatei wählen"), "",
            _("Einladung (*.hfinvite);;Alle Dateien (*)"))  # fmt: skip
        if not name:
            return
        try:
            self._invitation = Path(name).read_bytes()
        except OSError as error:
            show_error(self, error, self.ui.log_file)
            return
        self.result.hide()
        self.ui.submit(self.ui.services.enrol_existing.read, self._invitation, parent=self,
                       on_success=self._show, on_error=self._refused)  # fmt: skip

    def _show(self, invited: InvitedWorker) -> None:
        self.ui.submit(self.ui.services.enrol_existing.current_name, parent=self,
                       on_success=lambda name: self._ask(invited, name))  # fmt: skip

    def _ask(self, invited: InvitedWorker, name: str) -> None:
        self.dialog = LoadInvitationDialog(invited, name, self)
        self.dialog.accepted.connect(self._take)
        self.dialog.open()

    def _take(self) -> None:
        dialog = self.dialog
        assert dialog is not None
        name, password = dialog.worker_name(), dialog.password.text()
        dialog.password.clear()
        self.dialog = None
        dialog.deleteLater()
        self.button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.ui.submit(self.ui.services.enrol_existing.enrol, self._invitation, name=name,
                       password=password, parent=self, changes="household",
                       on_success=self._done, on_error=self._refused)  # fmt: skip

    def _done(self, _result: Any) -> None:
        self._idle()
        self._invitation = b""
        show_result(self.result, _(
            "Dieser Laptop ist jetzt bei der Koordination angemeldet. Das nächste Paket "
            "bringt ihr alles, was Sie erfasst haben."), ok=True)  # fmt: skip
        self.button.hide()
        self.intro.hide()
        self.enrolled.emit()

    def _refused(self, error: BaseException) -> None:
        """A refusal (not enrolled, foreign file, wrong password) says why beside the
        button; anything unexpected goes to the usual error message with its log."""
        self._idle()
        if not isinstance(error, UserError):
            show_error(self, error, self.ui.log_file)
            return
        show_result(self.result, _("Nicht übernommen: {reason}").format(reason=error),
                    ok=False)  # fmt: skip

    def _idle(self) -> None:
        self.button.setEnabled(True)
        self.progress.hide()
