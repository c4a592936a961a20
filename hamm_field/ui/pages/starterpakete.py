"""Starterpakete: who got one, and which new families are still waiting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers


class StarterpaketePage(Page):
    watches = ("handout", "household")
    handout_requested = Signal(str)
    family_opened = Signal(str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.heading = heading("")
        self.waiting_box, self.waiting = QGroupBox(), make_table("waiting")
        self.recent_box, self.recent = QGroupBox(), make_table("recent")
        self.hand_out = QPushButton()
        self.hand_out.clicked.connect(self._hand_out)
        # Why the button is off, said beside it: a button that does nothing is a riddle.
        self.hand_out_hint = QLabel()
        self.hand_out_hint.setWordWrap(True)
        self.waiting.currentCellChanged.connect(lambda *_cells: self._show_choice())
        waiting = QVBoxLayout(self.waiting_box)
        waiting.addWidget(self.waiting)
        row = QHBoxLayout()
        row.addWidget(self.hand_out_hint, 1)
        row.addWidget(self.hand_out)
        waiting.addLayout(row)
        QVBoxLayout(self.recent_box).addWidget(self.recent)
        self.waiting.doubleClicked.connect(lambda _i: self._hand_out())
        self.recent.doubleClicked.connect(lambda _i: self._open(self.recent))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.waiting_box, 1)
        layout.addWidget(self.recent_box, 1)
        self.retranslate()

    def title(self) -> str:
        return _("Starterpakete")

    def retranslate(self) -> None:
        self.heading.setText(_("Starterpakete"))
        self.waiting_box.setTitle(_("Neue Familien ohne Starterpaket"))
        self.recent_box.setTitle(_("Zuletzt übergeben"))
        self.waiting.setAccessibleName(_("Neue Familien ohne Starterpaket"))
        self.recent.setAccessibleName(_("Zuletzt übergebene Starterpakete"))
        self.hand_out.setText(_("Starterpaket &übergeben"))
        set_headers(self.waiting, [_("Familie"), _("Erster Kontakt")], stretch=0)
        set_headers(self.recent, [_("Datum"), _("Familie"), _("Ausgabe"), _("Teile")], stretch=1)
        self._show_choice()
        self.refresh()

    def refresh(self) -> None:
        starter = self.ui.services.starterpakete
        self.ui.submit(lambda: (starter.waiting(), starter.recent()), parent=self,
                       on_success=self._show)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        waiting, recent = result
        master = self.ui.services.context.master
        fill_table(self.waiting, [
            (f.id, [f.family_name, format_day(f.first_contact)]) for f in waiting
        ])
        fill_table(self.recent, [
            (r.handout.household_id, [
                format_day(r.handout.date), r.family_name,
                master.label(MasterKind.STARTERPAKET_EDITION, r.handout.edition),
                str(len(r.handout.items)),
            ])
            for r in recent
        ])
        self._show_choice()

    def _show_choice(self) -> None:
        """The hand-out needs a family chosen above; say so while none is."""
        chosen = selected_id(self.waiting) is not None
        self.hand_out.setEnabled(chosen)
        if chosen:
            hint = ""
        elif self.waiting.rowCount():
            hint = _("Bitte oben die Familie auswählen, die das Starterpaket bekommt.")
        else:
            hint = _("Alle neuen Familien haben ein Starterpaket.")
        self.hand_out_hint.setText(hint)
        self.hand_out.setToolTip(hint)

    def _hand_out(self) -> None:
        household_id = selected_id(self.waiting)
        if household_id:
            self.handout_requested.emit(household_id)

    def _open(self, table) -> None:  # type: ignore[no-untyped-def]
        household_id = selected_id(table)
        if household_id:
            self.family_opened.emit(household_id)
