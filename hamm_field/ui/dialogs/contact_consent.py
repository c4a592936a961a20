"""The contact dialog's warning for a family that withdrew its consent to sharing.

A Begleitung or a Vermittlung passes the family's data to an institution. The dialog
warns and still saves: the withdrawal may be partial, or the family may have agreed
again on the spot (then a new consent is recorded on the family page).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from hamm_field.domain.vocab import ContactKind
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.context import UiContext

PASSING_ON = frozenset({ContactKind.BEGLEITUNG.value, ContactKind.VERMITTLUNG.value})


class SharingWarning(QLabel):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("sharingWarning")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fde7e9; padding: 4px; border-radius: 3px;")
        self.withdrawn: dict[str, dt.date | None] = {}  # family -> day of withdrawal
        self.household_id: str | None = None
        self.kind: str | None = None
        self.hide()

    def set_kind(self, kind: str | None) -> None:
        self.kind = kind
        self._update()

    def set_family(self, household_id: str | None) -> None:
        self.household_id = household_id
        self._update()
        if household_id and household_id not in self.withdrawn:
            self.ui.submit(self.ui.services.privacy.family, household_id, parent=self,
                           on_success=lambda found: self._known(household_id, found))

    def _known(self, household_id: str, found: Any) -> None:
        if isValid(self):
            self.withdrawn[household_id] = found.sharing_withdrawn_on
            self._update()

    def _update(self) -> None:
        day = self.withdrawn.get(self.household_id or "")
        shown = day is not None and self.kind in PASSING_ON
        if shown:
            self.setText(_("Achtung: Die Familie hat die Einwilligung zur Weitergabe an "
                           "Institutionen am {date} widerrufen. Ohne neue Einwilligung keine "
                           "Daten der Familie an Institutionen weitergeben.").format(
                date=format_day(day)))
        self.setVisible(shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._update()
        super().changeEvent(event)
