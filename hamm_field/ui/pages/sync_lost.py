""""Gerät verloren" on the Geräte panel: lock the laptop out, then show the document.

After a confirmation that says what will happen, the laptop is locked (as "Sperren"; an
already locked one keeps its day) and the coordination's inventory of what was on it,
with the draft notification for the data protection officer, opens in the PDF preview.
It names families, so it is only in memory until the coordinator chooses "Speichern
unter…" (``ui/pdf_viewer.py``); the screen itself shows counts and dates only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_moment
from hamm_field.services.lost_device import LostDeviceResult
from hamm_field.services.status import DeviceSync
from hamm_field.ui.pages.sync_common import short_id, show_result
from hamm_field.ui.pdf_viewer import PdfPreviewDialog
from hamm_field.ui.widgets import mark_destructive

if TYPE_CHECKING:
    from hamm_field.ui.pages.sync_devices import DevicesPanel


def confirm_text(device: DeviceSync) -> str:
    name, short = device.worker_name, short_id(device.device_id)
    first = (_("Der Laptop von {name} ({device}) ist schon gesperrt.") if device.revoked else _(
        "Der Laptop von {name} ({device}) wird gesperrt: seine Pakete werden danach "
        "abgelehnt. Das lässt sich nicht rückgängig machen.")).format(name=name, device=short)
    return "\n\n".join([
        first,
        _("Hamm Field stellt zusammen, welche Familien und welche Daten nach Wissen der "
          "Koordination bis zu seinem letzten Paket auf dem Laptop waren, und entwirft die "
          "Meldung an die Datenschutzbeauftragte (PDF). Sie sehen sie zuerst in der Vorschau "
          "und speichern sie nur dort, wo Sie es wählen."),
        _("Die Meldung an die Aufsichtsbehörde ist binnen 72 Stunden nach Bekanntwerden fällig."),
    ])  # fmt: skip


class LostDeviceActions:
    """The "Gerät verloren" steps of :class:`DevicesPanel` (a mixin: it uses its table)."""

    lost_box: QMessageBox | None = None
    preview: PdfPreviewDialog | None = None

    def report_lost(self: DevicesPanel) -> None:
        device = self.selected()
        if device is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Gerät verloren"), confirm_text(device),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setInformativeText(_("Den Laptop als verloren oder gestohlen melden?"))
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(_("Als verloren melden"))
        mark_destructive(yes)
        box.button(QMessageBox.StandardButton.No).setText(_("Abbrechen"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(_("Gerät verloren"))
        box.finished.connect(lambda _result: self._lost_confirmed(box, device))
        self.lost_box = box
        box.open()

    def _lost_confirmed(self: DevicesPanel, box: QMessageBox, device: DeviceSync) -> None:
        self.lost_box = None
        if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Yes:
            return

        def done(result: LostDeviceResult) -> None:
            last = (format_moment(result.last_package.astimezone()) if result.last_package
                    else _("noch keins"))  # fmt: skip
            show_result(self.result, " ".join([
                _("Der Laptop von {name} ist gesperrt.").format(name=result.worker_name),
                ngettext("Nach Wissen der Koordination war {count} Familie darauf (letztes "
                         "Paket: {last}).",
                         "Nach Wissen der Koordination waren {count} Familien darauf (letztes "
                         "Paket: {last}).", result.families).format(count=result.families,
                                                                      last=last),
                _("Was seitdem erfasst wurde, ist nicht bekannt."),
            ]), ok=True)  # fmt: skip
            self.changed.emit()
            self.preview = PdfPreviewDialog(
                result.pdf, _("Verlorenes Gerät: Meldung an die Datenschutzbeauftragte"),
                self.window(), file_name=_("Meldung-Geraeteverlust-{device}.pdf").format(
                    device=short_id(result.device_id)),
                note=_("Das Dokument nennt die Familien. Speichern Sie es nur an einem "
                       "geschützten Ort und geben Sie es nur der oder dem "
                       "Datenschutzbeauftragten."),
                log_file=self.ui.log_file)  # fmt: skip
            self.preview.open()

        self.ui.submit(self.ui.services.lost_devices.declare_lost, device.device_id,
                       parent=self, changes="device", on_success=done)  # fmt: skip
