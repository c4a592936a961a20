"""Einladung erstellen: who the new laptop is for; the file is saved where the user chooses."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import gettext as _
from hamm_field.ui.widgets import fill_combo

# A laptop in the field is for the people working with families; the coordination too
# may carry one.
ROLES = (WorkerRole.SCHLUESSELFIGUR, WorkerRole.SOZIALBETREUER, WorkerRole.KOORDINATION)


class InviteDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name, self.role = QLineEdit(), QComboBox()
        self.name_label, self.role_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.role_label.setBuddy(self.role)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.role_label, self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.ok.setEnabled(False)
        self.setMinimumWidth(460)
        self.retranslate()

    def worker_name(self) -> str:
        return self.name.text().strip()

    def worker_role(self) -> WorkerRole:
        return WorkerRole(self.role.currentData())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Einladung erstellen"))
        self.intro.setText(_(
            "Mit der Einladungsdatei richtet die Mitarbeiterin oder der Mitarbeiter den "
            "Laptop ein. Danach wählen Sie den Ordner, in dem die Datei gespeichert wird "
            "(zum Beispiel einen USB-Stick)."))  # fmt: skip
        self.name_label.setText(_("&Name"))
        self.role_label.setText(_("&Rolle"))
        self.name.setAccessibleName(_("Name"))
        self.role.setAccessibleName(_("Rolle"))
        fill_combo(self.role, [(role.value, role.label) for role in ROLES])
        self.ok.setText(_("&Weiter …"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
