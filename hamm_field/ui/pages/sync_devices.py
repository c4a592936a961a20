"""Geräte (coordination): the laptops, what arrived from each, and what to do for one.

Invite a new laptop, write the return package for one, set its worker's Träger (the
organisation the reports filter by), or lock one out for good: its packages are refused
from then on. "Gerät verloren" locks it out too and says what was on it (``sync_lost.py``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import gettext as _
from hamm_field.services.status import DeviceSync
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.invite_dialog import InviteDialog
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.pages.sync_common import (
    Section,
    choose_folder,
    file_word,
    free_path,
    moment_text,
    result_label,
    short_id,
    show_result,
)
from hamm_field.ui.pages.sync_lost import LostDeviceActions
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers


class DevicesPanel(Section, LostDeviceActions):
    changed = Signal()  # a device was invited or locked out: the status is stale

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.devices: dict[str, DeviceSync] = {}
        self.invite_dialog: InviteDialog | None = None
        self.team_dialog: QInputDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = make_table("devices")
        self.table.itemSelectionChanged.connect(self._enable)
        self.invite_button, self.return_button = QPushButton(), QPushButton()
        self.team_button, self.revoke_button = QPushButton(), QPushButton()
        self.lost_button = QPushButton()
        self.invite_button.clicked.connect(self.invite)
        self.return_button.clicked.connect(self.write_return)
        self.team_button.clicked.connect(self.change_team)
        self.revoke_button.clicked.connect(self.revoke)
        self.lost_button.clicked.connect(self.report_lost)
        buttons = FlowLayout(spacing=6, left=True)  # wraps in a 1024 px window
        for button in (self.invite_button, self.return_button, self.team_button,
                       self.revoke_button, self.lost_button):  # fmt: skip
            buttons.addWidget(button)
        self.result = result_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Jeder Laptop erscheint hier, sobald er eingeladen ist. Das Rückpaket bestätigt "
            "die eingelesenen Pakete und bringt dem Laptop Stammdaten und die Familien, die "
            "seine Mitarbeiterin oder sein Mitarbeiter begleitet."))  # fmt: skip
        set_headers(self.table, [_("Mitarbeiter/in"), _("Gerät"), _("Letztes Paket"),
                                 _("Zuletzt empfangen"), _("Fehlende Pakete"), _("Zustand")],
                    stretch=0)  # fmt: skip
        self.table.setAccessibleName(_("Geräte"))
        self.invite_button.setText(_("&Einladung erstellen …"))
        self.return_button.setText(_("&Rückpaket schreiben …"))
        self.team_button.setText(_("&Träger …"))
        self.team_button.setToolTip(_("Träger der Mitarbeiterin oder des Mitarbeiters ändern"))
        self.revoke_button.setText(_("&Sperren …"))
        self.lost_button.setText(_("Gerät &verloren …"))
        self.lost_button.setToolTip(_("Laptop sperren und zusammenstellen, welche Familien "
                                      "darauf waren (Meldung an die Datenschutzbeauftragte)"))
        self.show_devices(list(self.devices.values()))

    def show_devices(self, devices: list[DeviceSync]) -> None:
        chosen = selected_id(self.table)
        self.devices = {d.device_id: d for d in devices}
        fill_table(self.table, [
            (d.device_id, [
                f"{d.worker_name} · {d.team}" if d.team else d.worker_name,
                short_id(d.device_id),
                str(d.last_sequence) if d.last_sequence else _("noch keins"),
                moment_text(d.last_received, "–"),
                ", ".join(map(str, d.gaps)) or "–",
                _("gesperrt") if d.revoked else _("aktiv"),
            ])
            for d in devices
        ])  # fmt: skip
        for row, device in enumerate(devices):
            if device.device_id == chosen or (chosen not in self.devices and row == 0):
                self.table.selectRow(row)
        self._enable()

    def selected(self) -> DeviceSync | None:
        return self.devices.get(selected_id(self.table))

    def _enable(self) -> None:
        device = self.selected()
        self.return_button.setEnabled(bool(device and device.last_sequence and not device.revoked))
        self.revoke_button.setEnabled(bool(device and not device.revoked))
        self.lost_button.setEnabled(bool(device and device.worker_id))
        self.team_button.setEnabled(bool(device and device.worker_id))

    def teams(self) -> list[str]:
        """The Träger the team already has, to choose from."""
        return sorted({d.team for d in self.devices.values() if d.team}, key=str.casefold)

    # Einladung ------------------------------------------------------------------

    def invite(self) -> None:
        dialog = InviteDialog(self, self.teams())
        dialog.accepted.connect(lambda: self._invite(dialog))
        self.invite_dialog = dialog
        dialog.open()

    def _invite(self, dialog: InviteDialog) -> None:
        self.invite_dialog = None
        name, role, team = dialog.worker_name(), dialog.worker_role(), dialog.worker_team()
        folder = choose_folder(self, _("Ordner für die Einladung wählen (z. B. USB-Stick)"))
        if folder is None:
            return
        path = free_path(folder, f"einladung-{file_word(name)}", ".hfinvite")

        def done(written: Any) -> None:
            show_result(self.result, _(
                "Einladung für {name} gespeichert: {path}. Geben Sie die Datei nur "
                "persönlich weiter (USB-Stick).").format(name=name, path=written), ok=True)
            self.changed.emit()

        self.ui.submit(self.ui.services.sync.invite, name, role, path, team, parent=self,
                       on_success=done)  # fmt: skip

    # Träger ---------------------------------------------------------------------

    def change_team(self) -> None:
        device = self.selected()
        if device is None or not device.worker_id:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Träger"))
        dialog.setLabelText(_("Träger von {name} (leer: keiner):").format(name=device.worker_name))
        dialog.setComboBoxEditable(True)
        dialog.setComboBoxItems(["", *self.teams()])
        dialog.setTextValue(device.team or "")
        dialog.setOkButtonText(_("&Speichern"))
        dialog.setCancelButtonText(_("Abbrechen"))
        worker_id = device.worker_id
        dialog.textValueSelected.connect(lambda team: self._set_team(worker_id, team))
        self.team_dialog = dialog
        dialog.open()

    def _set_team(self, worker_id: str, team: str) -> None:
        self.team_dialog = None

        def done(_result: Any) -> None:
            show_result(self.result, _("Träger gespeichert. Die Laptops erfahren ihn mit dem "
                                       "nächsten Rückpaket."), ok=True)  # fmt: skip
            self.changed.emit()

        self.ui.submit(self.ui.services.sync.set_team, worker_id, team, parent=self,
                       on_success=done)  # fmt: skip

    # Rückpaket ------------------------------------------------------------------

    def write_return(self) -> None:
        device = self.selected()
        if device is None:
            return
        folder = choose_folder(self, _("Ordner für das Rückpaket wählen (z. B. USB-Stick)"))
        if folder is None:
            return
        stem = f"hamm-field-rueckpaket-{short_id(device.device_id)}-{device.last_sequence}"
        path = free_path(folder, stem, ".hfsync")

        def done(result: Any) -> None:
            show_result(self.result, _(
                "Rückpaket für {name} geschrieben: {path} (bestätigt bis Paket {number})."
            ).format(name=device.worker_name, path=result.path, number=result.acked_sequence),
                ok=True)  # fmt: skip

        self.ui.submit(self.ui.services.sync.make_return, device.device_id, path, parent=self,
                       on_success=done)  # fmt: skip

    # Sperren --------------------------------------------------------------------

    def revoke(self) -> None:
        device = self.selected()
        if device is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Gerät sperren"), _(
            "Den Laptop von {name} ({device}) wirklich sperren? Seine Pakete werden danach "
            "abgelehnt. Das lässt sich nicht rückgängig machen."
        ).format(name=device.worker_name, device=short_id(device.device_id)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)  # fmt: skip
        box.button(QMessageBox.StandardButton.Yes).setText(_("Sperren"))
        box.button(QMessageBox.StandardButton.No).setText(_("Abbrechen"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(_("Gerät sperren"))
        box.finished.connect(lambda _result: self._confirmed(box, device))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox, device: DeviceSync) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Yes:
            return

        def done(_result: Any) -> None:
            show_result(self.result, _("Der Laptop von {name} ist gesperrt.").format(
                name=device.worker_name), ok=True)
            self.changed.emit()

        self.ui.submit(self.ui.services.sync.revoke, device.device_id, parent=self,
                       on_success=done)  # fmt: skip
