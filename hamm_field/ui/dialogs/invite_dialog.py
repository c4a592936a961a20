"""Einladung erstellen: who the new laptop is for; the file is saved where the user chooses.

The Träger is optional and free text, offered from the Träger the team already has: a new
organisation joins the project now and then, and the reports filter by it."""

from __future__ import annotations

from collections.abc import Sequence

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
    def __init__(self, parent: QWidget | None = None, teams: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name, self.role, self.team = QLineEdit(), QComboBox(), QComboBox()
        self.team.setEditable(True)
        self.team.addItems(["", *teams])
        self.name_label, self.role_label, self.team_label = QLabel(), QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.role_label.setBuddy(self.role)
        self.team_label.setBuddy(self.team)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.role_label, self.role)
        form.addRow(self.team_label, self.team)
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

    def worker_team(self) -> str | None:
        return self.team.currentText().strip() or None

    def retranslate(self) -> None:
        self.setWindowTitle(_("Einladung erstellen"))
        self.intro.setText(_(
            "Mit der Einladungsdatei richtet die Mitarbeiterin oder der Mitarbeiter den "
            "Laptop ein. Danach wählen Sie den Ordner, in dem die Datei gespeichert wird "
            "(zum Beispiel einen USB-Stick)."))  # fmt: skip
        self.name_label.setText(_("&Name"))
        self.role_label.setText(_("&Rolle"))
        self.team_label.setText(_("&Träger (freiwillig)"))
        self.name.setAccessibleName(_("Name"))
        self.role.setAccessibleName(_("Rolle"))
        self.team.setAccessibleName(_("Träger"))
        self.team.lineEdit().setPlaceholderText(_("z. B. AWO, Caritasverband, Stadt Hamm"))
        fill_combo(self.role, [(role.value, role.label) for role in ROLES])
        self.ok.setText(_("&Weiter …"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
