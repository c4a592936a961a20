"""The family's "Geteilt mit" line and its actions.

The coordination hands the family over and shares or stops sharing it; a laptop shares
it with a colleague it knows, and the share reaches the coordination with its next
package. Every write runs in the background and announces the change ``"share"``, so the
screens that show who works with a family reload.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.sharing_dialogs import ResponsibleDialog, ShareDialog
from hamm_field.ui.errors import show_error
from hamm_field.ui.family_file import FamilyFile

CHANGES = "share"


class SharingRow(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.file: FamilyFile | None = None
        self.dialog: Any = None
        self.info_box: QMessageBox | None = None
        self.shared_label = QLabel()
        self.shared_label.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.responsible_button = QPushButton()
        self.responsible_button.clicked.connect(self.change_responsible)
        self.share_button = QPushButton()
        self.share_button.clicked.connect(self.share)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.shared_label, 1)
        row.addWidget(self.note, 1)
        row.addWidget(self.responsible_button)
        row.addWidget(self.share_button)
        self.responsible_button.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.responsible_button.setText(_("Zuständigkeit ändern…"))
        self.responsible_button.setAccessibleName(_("Zuständigkeit ändern"))
        self._show_texts()

    def _show_texts(self) -> None:
        file = self.file
        coordination = bool(file and file.coordination)
        share = _("Teilen mit…") if coordination else _("Mit Kollegin/Kollegen teilen…")
        self.share_button.setText(share)
        self.share_button.setAccessibleName(share.rstrip("…"))
        self.note.setText(_("Wird mit dem nächsten Paket an die Koordination geschickt."))
        if file is None:
            return
        names = ", ".join(c.name for c in file.people.shared)
        self.shared_label.setText(_("Geteilt mit: {names}").format(names=names) if names
                                  else _("Mit niemandem geteilt."))
        self.share_button.setToolTip("" if self._choices() else _(
            "Noch keine Kolleginnen oder Kollegen bekannt. Die Liste kommt mit dem "
            "nächsten Rückpaket der Koordination."))
        erased = _("Nach DSGVO gelöscht: nicht mehr änderbar") if file.erased else ""
        self.responsible_button.setToolTip(erased)
        if file.locked_reason():
            self.share_button.setToolTip(file.locked_reason())

    def family_opened(self) -> None:
        """Another family: a note about the previous one's share no longer applies."""
        self.note.hide()

    def show_file(self, file: FamilyFile) -> None:
        self.file = file
        self.responsible_button.setVisible(file.coordination)
        # An erased family is read-only (Art. 17): nobody takes over or shares a blank file.
        # A restricted one (Art. 18) is not passed on; the coordination may still hand it over.
        self.responsible_button.setEnabled(not file.erased)
        self.share_button.setEnabled(not file.locked_reason())
        self._show_texts()

    def _choices(self) -> list[Any]:
        """Colleagues the family may be shared with: not its responsible, not oneself."""
        if self.file is None:
            return []
        skip = {self.file.household.worker_id, self.ui.worker_id}
        return [c for c in self.file.colleagues if c.worker_id not in skip]

    # Actions -------------------------------------------------------------------

    def change_responsible(self) -> ResponsibleDialog | None:
        file = self.file
        if file is None or not file.coordination:
            return None
        dialog = ResponsibleDialog(file.colleagues, count=1, current=file.household.worker_id,
                                   parent=self.window())
        dialog.accepted.connect(lambda: self._hand_over(file.household.id, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _hand_over(self, family_id: str, dialog: ResponsibleDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self._write(self.ui.services.sharing.set_responsible, [family_id], chosen.worker_id)

    def share(self) -> ShareDialog | None:
        file = self.file
        if file is None:
            return None
        choices = self._choices()
        if not choices:
            self._explain_no_colleagues()
            return None
        shared = [c.worker_id for c in file.people.shared]
        dialog = ShareDialog(choices, count=1, shared=shared, may_remove=file.coordination,
                             parent=self.window())
        dialog.accepted.connect(lambda: self._shared(file.household.id, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _shared(self, family_id: str, dialog: ShareDialog) -> None:
        sharing = self.ui.services.sharing
        added = [c.worker_id for c in dialog.added()]
        removed = [c.worker_id for c in dialog.removed()]

        def write() -> None:
            if added:
                sharing.share([family_id], added)
            for worker in removed:
                sharing.unshare([family_id], worker)

        laptop = not (self.file and self.file.coordination)
        self._write(write, on_success=lambda: self.note.setVisible(laptop and bool(added)))

    def _write(self, call: Any, *args: Any, on_success: Any = None) -> None:
        def done(_result: Any) -> None:
            if on_success:
                on_success()

        self.ui.submit(call, *args, parent=self, changes=CHANGES, on_success=done,
                       on_error=lambda error: show_error(self, error, self.ui.log_file))

    def _explain_no_colleagues(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Teilen mit"), _(
            "Noch keine Kolleginnen oder Kollegen bekannt. Die Liste kommt mit dem nächsten "
            "Rückpaket der Koordination."), QMessageBox.StandardButton.Ok, self.window())
        self.info_box = box
        box.open()
