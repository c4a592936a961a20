"""Kontakte: every contact, filtered by kind, period, Paket, Sozialraum and worker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import PAKETE, ContactKind, MasterKind, paket_label
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_day, format_number
from hamm_field.services.overview import ContactFilter
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.widgets import fill_combo, fill_table, make_table, selected_id, set_headers

LIMIT = 500


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    # A long Paket or Sozialraum name must not widen the screen beyond a 1024 px laptop.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


class ContactsPage(Page):
    watches = ("contact",)
    contact_opened = Signal(str)
    deleted = Signal(str, str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.heading = heading("")
        self.kind, self.paket = _combo("kind"), _combo("paket")
        self.sozialraum, self.worker = _combo("sozialraum"), _combo("worker")
        today = ui.services.context.today()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, value in ((self.date_from, today.replace(month=1, day=1)),
                            (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setDate(QDate(value.year, value.month, value.day))
        filters = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.labels = [QLabel() for _ in range(6)]
        for label, widget, form in zip(
            self.labels,
            (self.kind, self.date_from, self.paket, self.date_to, self.sozialraum, self.worker),
            (left, right, left, right, left, right),
            strict=True,
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        filters.addLayout(left)
        filters.addLayout(right)
        self.table = make_table("contacts")
        self.table.doubleClicked.connect(lambda _i: self._edit())
        self.count = QLabel()
        self.edit_button, self.delete_button = QPushButton(), QPushButton()
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.table.currentCellChanged.connect(lambda *_cells: self._show_choice())
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for combo in (self.kind, self.paket, self.sozialraum, self.worker):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self._workers: dict[str, str] = {}
        self.retranslate()

    def title(self) -> str:
        return _("Kontakte")

    def retranslate(self) -> None:
        self.heading.setText(_("Kontakte"))
        texts = (_("&Art"), _("&von"), _("&Paket"), _("b&is"), _("&Sozialraum"),
                 _("&Mitarbeiter/in"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
            label.buddy().setAccessibleName(text.replace("&", ""))
        self.table.setAccessibleName(_("Kontakte"))
        self.edit_button.setText(_("&Bearbeiten"))
        self.delete_button.setText(_("&Löschen"))
        self._show_choice()
        set_headers(self.table, [_("Datum"), _("Art"), _("Familie"), _("Paket"),
                                 _("Institution"), _("Minuten"), _("Mitarbeiter/in")], stretch=2)
        master = self.ui.services.context.master
        fill_combo(self.kind, [(k.value, k.label) for k in ContactKind], _("alle"))
        fill_combo(self.paket, [(n, f"{n} – {paket_label(n)}") for n in PAKETE], _("alle"))
        raeume = master.active(MasterKind.SOZIALRAUM)
        fill_combo(self.sozialraum, [(e.key, e.label) for e in raeume], _("alle"))
        overview = self.ui.services.overview
        self.ui.submit(overview.workers, parent=self, on_success=self._workers_loaded)

    def _workers_loaded(self, workers) -> None:  # type: ignore[no-untyped-def]
        self._workers = {w.id: w.name for w in workers}
        people = sorted(((w.id, w.name) for w in workers), key=lambda p: p[1])
        fill_combo(self.worker, people, _("alle"))
        self.refresh()

    def current_filter(self) -> ContactFilter:
        def day(edit: QDateEdit) -> dt.date:
            return edit.date().toPython()  # type: ignore[return-value]

        return ContactFilter(
            kind=self.kind.currentData(), paket=self.paket.currentData(),
            sozialraum=self.sozialraum.currentData(), worker_id=self.worker.currentData(),
            date_from=day(self.date_from), date_to=day(self.date_to),
        )

    def refresh(self) -> None:
        flt, overview = self.current_filter(), self.ui.services.overview

        def load():
            return overview.contacts(flt, limit=LIMIT), overview.count_contacts(flt)

        self.ui.submit(load, parent=self, on_success=self._show)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        rows, total = result
        master = self.ui.services.context.master
        fill_table(self.table, [
            (r.contact.id, [
                format_day(r.contact.date), ContactKind(r.contact.kind).label,
                r.family_name or r.contact.title or "",
                str(r.contact.paket or ""),
                master.label(MasterKind.INSTITUTION, r.contact.institution),
                str(r.contact.duration_min),
                self._workers.get(r.contact.worker_id or "", ""),
            ])
            for r in rows
        ])
        self._show_choice()
        if total > len(rows):
            text = ngettext("die neuesten {shown} von {total} Kontakt",
                            "die neuesten {shown} von {total} Kontakten", total)
        else:
            text = ngettext("{total} Kontakt", "{total} Kontakte", total)
        self.count.setText(text.format(shown=format_number(len(rows)), total=format_number(total)))

    def _show_choice(self) -> None:
        """Edit and delete act on the chosen contact: off, and why, while none is."""
        chosen = selected_id(self.table) is not None
        hint = "" if chosen else _("Bitte zuerst einen Kontakt in der Liste auswählen.")
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(chosen)
            button.setToolTip(hint)

    def _edit(self) -> None:
        contact_id = selected_id(self.table)
        if contact_id:
            self.contact_opened.emit(contact_id)

    def _delete(self) -> None:
        contact_id = selected_id(self.table)
        if not contact_id:
            return
        answer = QMessageBox.question(
            self, _("Kontakt löschen"), _("Diesen Kontakt wirklich löschen?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ui.submit(
            self.ui.services.contacts.delete, contact_id, parent=self, changes="contact",
            on_success=lambda _r: self.deleted.emit("contact", contact_id),
        )
