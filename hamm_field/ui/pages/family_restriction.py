"""Restricting a family's processing (Art. 18) and lifting it, for the coordination.

Both ask for a reason in a small form that opens without blocking (``open()``): the
reason of a restriction is what a laptop shows where the family is reached; the reason
of lifting stays with the record, and the lifting in the audit chain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error


class RestrictionActions(QObject):
    changed = Signal()

    def __init__(self, ui: UiContext, family: Callable[[], tuple[str, str] | None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self._family, self.widget = ui, family, parent
        self.form: QInputDialog | None = None
        self.restrict_action = QAction(parent)
        self.restrict_action.triggered.connect(lambda: self.ask(lift=False))
        self.lift_action = QAction(parent)
        self.lift_action.triggered.connect(lambda: self.ask(lift=True))
        for action in (self.restrict_action, self.lift_action):
            action.setVisible(False)  # until a family is shown (see ``family_shown``)

    def retranslate(self) -> None:
        self.restrict_action.setText(_("Verarbeitung einschränken (Art. 18)…"))
        self.lift_action.setText(_("Einschränkung aufheben (Art. 18)…"))

    def family_shown(self, erased: bool, restricted: bool) -> None:
        coordination = self.ui.is_coordination and not erased
        self.restrict_action.setVisible(coordination and not restricted)
        self.lift_action.setVisible(coordination and restricted)

    def ask(self, *, lift: bool) -> None:
        family = self._family()
        if family is None or not self.ui.is_coordination:
            return
        form = QInputDialog(self.widget.window())
        form.setInputMode(QInputDialog.InputMode.TextInput)
        form.setTextEchoMode(QLineEdit.EchoMode.Normal)
        if lift:
            form.setWindowTitle(_("Einschränkung aufheben"))
            form.setLabelText(_("Warum darf die Familie „{name}“ wieder bearbeitet werden? "
                                "Das Aufheben wird im Protokoll festgehalten.").format(
                name=family[1]))
        else:
            form.setWindowTitle(_("Verarbeitung einschränken"))
            form.setLabelText(_("Grund der Einschränkung für „{name}“ (z. B. bestrittene "
                                "Richtigkeit). Die Laptops zeigen ihn, wo die Familie "
                                "aufgerufen wird, und blenden sie sonst aus.").format(
                name=family[1]))
        form.setOkButtonText(_("Aufheben") if lift else _("Einschränken"))
        form.setCancelButtonText(_("Abbrechen"))
        form.finished.connect(lambda result: self._answered(form, result, family[0], lift))
        self.form = form
        form.open()

    def _answered(self, form: QInputDialog, result: int, household_id: str, lift: bool) -> None:
        self.form = None
        if result != QInputDialog.DialogCode.Accepted:
            return
        privacy = self.ui.services.privacy
        action = privacy.lift_restriction if lift else privacy.restrict

        def failed(error: BaseException) -> None:
            show_error(self.widget, error, self.ui.log_file)

        def done(_result: Any) -> None:
            self.changed.emit()

        self.ui.submit(action, household_id, form.textValue(), parent=self.widget,
                       changes="household", on_success=done, on_error=failed)
