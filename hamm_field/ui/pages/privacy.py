"""Datenschutz (coordination only): the counts a data protection officer asks for, and what
each laptop holds as far as the coordination knows.

Counts and dates only, no names. The facts come as (label, value) rows from
``services/privacy_overview.py``, so a new count there shows here without a change.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hamm_field.domain.record_labels import RECORD_KINDS
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day, format_moment, format_number
from hamm_field.services.privacy_overview import DeviceHolding, Snapshot
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.base import Page, heading, scaled, scrolling
from hamm_field.ui.pages.sync_common import short_id
from hamm_field.ui.widgets import fill_table, make_table, set_headers

FACTS_WIDTH = 460
KIND_ORDER = ("household", "person", "consent", "contact", "starterpaket_handout",
              "case_phase", "goal", "observation")  # fmt: skip


def records_text(records: dict[str, int]) -> str:
    """"Familie 28 · Person 29 · …": the kinds of records a laptop holds, with counts."""
    return " · ".join(f"{_(RECORD_KINDS[kind])} {format_number(records[kind])}"
                      for kind in KIND_ORDER if records.get(kind)) or "–"  # fmt: skip


def _moment(value: dt.datetime | None, never: str) -> str:
    return format_moment(value.astimezone()) if value else never


class PrivacyPage(Page):
    watches = ("household", "consent", "device")

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.snapshot: Snapshot | None = None
        self.heading = heading("")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.facts = make_table("privacy facts")
        self.facts.setMaximumWidth(FACTS_WIDTH)  # a label and its number, read across
        self.devices_heading = QLabel()
        scaled(self.devices_heading, 1.2, bold=True)
        self.devices_note = QLabel()
        self.devices_note.setWordWrap(True)
        self.devices = make_table("privacy devices")
        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in (self.heading, self.intro, self.facts, self.devices_heading,
                       self.devices_note, self.devices):  # fmt: skip
            layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll = scrolling(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.retranslate()

    def title(self) -> str:
        return _("Datenschutz")

    def retranslate(self) -> None:
        self.heading.setText(_("Datenschutz"))
        self.scroll.setAccessibleName(_("Datenschutz"))
        self.intro.setText(_(
            "Was die Koordination über die gespeicherten Familien weiß: Einwilligungen, "
            "Pseudonyme, Löschungen, und was auf jedem Laptop liegt. Nur Zahlen, keine Namen."))
        self.devices_heading.setText(_("Laptops"))
        self.devices_note.setText(_(
            "Was ein Laptop hält, weiß die Koordination aus seinen Paketen und ihren "
            "Rückpaketen. Was er nach seinem letzten Paket erfasst hat, kennt sie nicht."))
        self.facts.setAccessibleName(_("Zahlen zum Datenschutz"))
        self.devices.setAccessibleName(_("Laptops und ihre Daten"))
        set_headers(self.facts, [_("Angabe"), _("Anzahl")], stretch=0)
        set_headers(self.devices, [_("Mitarbeiter/in"), _("Gerät"), _("Zustand"),
                                   _("Familien"), _("Älteste Daten"), _("Letztes Paket"),
                                   _("Letztes Rückpaket"), _("Datensätze")])
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot)

    def refresh(self) -> None:
        self.ui.submit(self.ui.services.privacy_overview.snapshot, parent=self,
                       on_success=self.show_snapshot)  # fmt: skip

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        fill_table(self.facts, [(fact.key, [fact.label, format_number(fact.value)])
                                for fact in snapshot.facts])  # fmt: skip
        fill_table(self.devices, [(d.device_id, self._device_cells(d))
                                  for d in snapshot.devices])  # fmt: skip
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in range(self.facts.rowCount()):
            self.facts.item(row, 1).setTextAlignment(right)
        for table in (self.facts, self.devices):
            # The page scrolls, not the tables: each is as tall as its rows (one empty row
            # at least), plus the scroll bar the wide laptops table may need.
            rows = table.rowCount()
            height = table.horizontalHeader().height() + 2 * table.frameWidth()
            height += sum(table.rowHeight(row) for row in range(rows))
            height += 0 if rows else table.verticalHeader().defaultSectionSize()
            if table is self.devices:
                height += table.horizontalScrollBar().sizeHint().height()
            table.setFixedHeight(height + 2)

    def _device_cells(self, device: DeviceHolding) -> list[str]:
        never = _("noch keins")
        return [
            device.worker_name or "–", short_id(device.device_id),
            _("gesperrt") if device.revoked else _("aktiv"), format_number(device.families),
            format_day(device.oldest) if device.oldest else "–",
            _moment(device.last_package, never), _moment(device.last_return, never),
            records_text(device.records),
        ]  # fmt: skip
