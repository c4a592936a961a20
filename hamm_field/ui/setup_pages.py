"""The pages of the first-start wizard that only ask: language, role, invitation, name.

Every page translates itself (``retranslate``), so choosing a language on the first page
re-labels the whole wizard at once, and every language is offered in its own name. The
page ids are the order of the pages in :class:`~hamm_field.ui.setup_wizard.SetupWizard`;
the pages that create and fill the store are in :mod:`hamm_field.ui.setup_store_pages`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from hamm_field.domain.errors import UserError
from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import LANGUAGES, current_language
from hamm_field.i18n import gettext as _
from hamm_field.services.gateway import Invitation
from hamm_field.ui.errors import show_error
from hamm_field.ui.language import apply_language
from hamm_field.ui.passwords import error_label

if TYPE_CHECKING:
    from hamm_field.ui.setup_wizard import SetupWizard

LANGUAGE, ROLE, NAME, PASSWORD, RECOVERY, INVITATION, DEMO = range(7)
# Each language is offered in its own name, so nobody needs German to find theirs.
ENDONYMS = {"de": "Deutsch", "bg": "Български", "ro": "Română", "tr": "Türkçe", "en": "English"}


def text_label(wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)
    return label


class SetupPage(QWizardPage):
    """A page of :class:`SetupWizard`; ``setup()`` is the wizard it is on."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def setup(self) -> SetupWizard:
        return self.wizard()  # type: ignore[return-value]


class LanguagePage(SetupPage):
    def __init__(self) -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code in LANGUAGES:
            button = QRadioButton(ENDONYMS[code])
            button.setAccessibleName(ENDONYMS[code])
            button.setProperty("data", True)  # a name, never translated
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, code=code: on and self._chosen(code))
        layout.addStretch()
        self.buttons.get(current_language(), self.buttons["de"]).setChecked(True)

    def _chosen(self, code: str) -> None:
        if code != current_language():
            apply_language(code)  # Qt's own texts too
            if self.wizard():
                self.setup().retranslate()

    def language(self) -> str:
        return next(code for code, button in self.buttons.items() if button.isChecked())

    def retranslate(self) -> None:
        self.setTitle(_("Sprache"))
        self.setSubTitle(_("In welcher Sprache soll Hamm Field mit Ihnen sprechen?"))


class RolePage(SetupPage):
    def __init__(self) -> None:
        super().__init__()
        self.field, self.central = QRadioButton(), QRadioButton()
        self.field_text, self.central_text = text_label(), text_label()
        for text in (self.field_text, self.central_text):
            text.setContentsMargins(24, 0, 0, 8)
        self.roles = QGroupBox()
        self.keyfigure, self.social = QRadioButton(), QRadioButton()
        inner = QVBoxLayout(self.roles)
        inner.addWidget(self.keyfigure)
        inner.addWidget(self.social)
        self.field.setChecked(True)
        self.keyfigure.setChecked(True)
        self.field.toggled.connect(self.roles.setEnabled)
        indented = QHBoxLayout()
        indented.addSpacing(22)
        indented.addWidget(self.roles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.field_text)
        layout.addLayout(indented)
        layout.addSpacing(12)
        layout.addWidget(self.central)
        layout.addWidget(self.central_text)
        layout.addStretch()

    def is_central(self) -> bool:
        return self.central.isChecked()

    def nextId(self) -> int:  # noqa: N802 - Qt API
        """A laptop reads its invitation first: it may name the worker."""
        return NAME if self.is_central() else INVITATION

    def worker_role(self) -> WorkerRole:
        if self.is_central():
            return WorkerRole.KOORDINATION
        return WorkerRole.SOZIALBETREUER if self.social.isChecked() else WorkerRole.SCHLUESSELFIGUR

    def retranslate(self) -> None:
        self.setTitle(_("Wofür ist dieser Computer?"))
        self.setSubTitle(_("Das lässt sich später nicht mehr ändern."))
        self.field.setText(_("&Laptop im Feld"))
        self.field_text.setText(_(
            "Sie erfassen Ihre Arbeit mit den Familien auf diesem Laptop, auch ohne Internet, "
            "und geben sie per Sync-Datei an die Koordination."
        ))  # fmt: skip
        self.roles.setTitle(_("Ihre Aufgabe"))
        self.keyfigure.setText(WorkerRole.SCHLUESSELFIGUR.label)
        self.social.setText(WorkerRole.SOZIALBETREUER.label)
        self.central.setText(_("Zentrale der &Koordination"))
        self.central_text.setText(_(
            "Hier kommen die Sync-Dateien aller Laptops zusammen, und hier entstehen die "
            "Kennzahlen."
        ))  # fmt: skip


class NamePage(SetupPage):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.label, self.hint = QLabel(), text_label()
        self.label.setBuddy(self.name)
        self.registerField("name*", self.name)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.name, self.hint):
            layout.addWidget(widget)
        layout.addStretch()

    def retranslate(self) -> None:
        self.setTitle(_("Ihr Name"))
        self.setSubTitle(_("So erscheinen Sie bei Ihren Einträgen und in den Berichten."))
        self.label.setText(_("&Vor- und Nachname:"))
        self.name.setAccessibleName(_("Vor- und Nachname"))
        self.hint.setText(_("Es geht um Ihren eigenen Namen, nicht um eine Familie."))


class InvitationPage(SetupPage):
    """A laptop set up from the coordination's invitation is enrolled at once.

    The file is read and checked in the background as soon as it is chosen; the page then
    shows whom it is for (name and role come from it, the name page is skipped) or one
    message why it cannot be used. Nothing is set up before the password page.
    """

    def __init__(self) -> None:
        super().__init__()
        self.intro, self.after, self.invited = text_label(), text_label(), text_label()
        self.error = error_label()
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose, self.remove = QPushButton(), QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.remove.clicked.connect(self.clear)
        self.remove.hide()
        self.invitation: Invitation | None = None
        self.reading = False
        self._problem: UserError | None = None
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        for widget in (self.invited, self.error, self.after):
            layout.addWidget(widget)
        layout.addStretch()

    def retranslate(self) -> None:
        self.setTitle(_("Einladung der Koordination (freiwillig)"))
        self.setSubTitle(_("Ohne Einladung können Sie diesen Schritt überspringen."))
        self.intro.setText(_(
            "Haben Sie von der Koordination eine Einladungsdatei bekommen, wählen Sie sie hier."
        ))  # fmt: skip
        self.file.setAccessibleName(_("Einladungsdatei"))
        self.file.setPlaceholderText(_("keine Datei gewählt"))
        self.choose.setText(_("&Datei wählen…"))
        self.remove.setText(_("&Ohne Einladung"))
        self.after.setText(_(
            "Mit der Einladung ist dieser Laptop gleich bei der Koordination angemeldet."))
        self._show()

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Einladungsdatei wählen"), "",
            _("Einladung (*.hfinvite);;Alle Dateien (*)"),
        )  # fmt: skip
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        """The invitation to read, as chosen here or opened with Hamm Field."""
        self.file.setText(str(path))
        self.file.setCursorPosition(0)
        self.invitation, self._problem, self.reading = None, None, True
        self._show()
        wizard = self.setup()
        wizard.runner.submit(
            wizard.gateway.read_invitation, path,
            on_success=lambda invitation: self._read(path, invitation),
            on_error=lambda error: self._failed(path, error),
        )  # fmt: skip

    def clear(self) -> None:
        """Go on without an invitation (the laptop is set up, not enrolled)."""
        self.file.clear()
        self.invitation, self._problem, self.reading = None, None, False
        self._show()

    def _read(self, path: Path, invitation: Invitation) -> None:
        if self.file.text() == str(path):  # not replaced by another file meanwhile
            self.invitation, self.reading = invitation, False
            self._show()

    def _failed(self, path: Path, error: BaseException) -> None:
        if self.file.text() != str(path):
            return
        self.reading = False
        if not isinstance(error, UserError):
            self._show()
            show_error(self, error, self.setup().gateway.log_file)
            return
        self._problem = error
        self._show()

    def _show(self) -> None:
        invitation = self.invitation
        if invitation is None:
            self.invited.clear()
        elif invitation.worker_name:
            self.invited.setText(_("Einladung für {name} ({role})").format(
                name=invitation.worker_name, role=invitation.worker_role.label))
        else:
            self.invited.setText(_(
                "Einladung für die Aufgabe {role}. Ihren Namen geben Sie im nächsten Schritt "
                "ein.").format(role=invitation.worker_role.label))  # fmt: skip
        self.invited.setVisible(invitation is not None)
        self.error.setText(str(self._problem) if self._problem else "")
        self.error.setVisible(self._problem is not None)
        self.remove.setVisible(bool(self.file.text()))
        self.completeChanged.emit()

    def invited_name(self) -> str:
        return self.invitation.worker_name if self.invitation is not None else ""

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        """Without a file, or with one that was read; never with one that failed."""
        return not self.reading and (not self.file.text() or self.invitation is not None)

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PASSWORD if self.invited_name() else NAME
