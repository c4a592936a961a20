"""The pages of the first-start wizard that only ask: language, role, name, invitation.

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

from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import LANGUAGES, current_language
from hamm_field.i18n import gettext as _
from hamm_field.ui.language import apply_language

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
    """The step exists already; reading the invitation comes with the sync feature."""

    def __init__(self) -> None:
        super().__init__()
        self.intro, self.later = text_label(), text_label()
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.later)
        layout.addStretch()

    def retranslate(self) -> None:
        self.setTitle(_("Einladung der Koordination (freiwillig)"))
        self.setSubTitle(_("Diesen Schritt können Sie überspringen."))
        self.intro.setText(_(
            "Haben Sie von der Koordination eine Einladungsdatei bekommen, wählen Sie sie hier."
        ))  # fmt: skip
        self.file.setAccessibleName(_("Einladungsdatei"))
        self.file.setPlaceholderText(_("keine Datei gewählt"))
        self.choose.setText(_("&Datei wählen…"))
        self.later.setText(_("Die Einladung wird mit der Synchronisation eingelesen."))

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
