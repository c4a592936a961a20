"""Heute: my week, what is due, and who has not been seen for a while; at the coordination
also the Kindeswohl alerts nobody has marked as seen yet."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hamm_field.domain.vocab import ContactKind
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.base import Page, heading
from hamm_field.ui.pages.kindeswohl_alerts import KindeswohlAlerts
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers


class TodayPage(Page):
    watches = ("contact", "household", "goal", "observation")
    new_contact_requested = Signal()
    family_opened = Signal(str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.heading = heading("")
        self.record_button = QPushButton()
        self.record_button.setObjectName("primary")
        self.record_button.clicked.connect(self.new_contact_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.record_button)

        self.week_box, self.week = QGroupBox(), make_table("week")
        self.due_box, self.due = QGroupBox(), make_table("due")
        self.quiet_box, self.quiet = QGroupBox(), make_table("quiet")
        for box, table in ((self.week_box, self.week), (self.due_box, self.due),
                           (self.quiet_box, self.quiet)):
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            table.doubleClicked.connect(lambda _index, t=table: self._open(t))
        self.alerts = KindeswohlAlerts(ui)
        self.alerts.family_opened.connect(self.family_opened)
        self.empty_note = QLabel()
        lower = QHBoxLayout()
        lower.addWidget(self.due_box)
        lower.addWidget(self.quiet_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.alerts, 2)
        layout.addWidget(self.week_box, 3)
        layout.addLayout(lower, 2)
        self.retranslate()

    def title(self) -> str:
        return _("Heute")

    def retranslate(self) -> None:
        self.heading.setText(_("Heute"))
        self.record_button.setText(_("Kontakt erfassen (Strg+N)"))
        self.record_button.setAccessibleName(_("Kontakt erfassen"))
        self.week_box.setTitle(_("Meine Kontakte diese Woche"))
        self.due_box.setTitle(_("Wiedervorlagen"))
        self.quiet_box.setTitle(_("Meine Familien ohne Kontakt seit 6 Wochen"))
        self.week.setAccessibleName(_("Meine Kontakte diese Woche"))
        self.due.setAccessibleName(_("Wiedervorlagen"))
        self.quiet.setAccessibleName(_("Familien ohne Kontakt"))
        self.alerts.retranslate()
        set_headers(self.week, [_("Datum"), _("Art"), _("Familie"), _("Minuten")], stretch=2)
        set_headers(self.due, [_("Fällig am"), _("Familie"), _("Worum")])
        set_headers(self.quiet, [_("Familie"), _("Letzter Kontakt")], stretch=0)
        self.refresh()

    def refresh(self) -> None:
        overview, views = self.ui.services.overview, self.ui.services.views

        def load():
            return (overview.my_week(), views.due_follow_ups(), overview.quiet_families(),
                    overview.kindeswohl_alerts())

        self.ui.submit(load, parent=self, on_success=self._show)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        week, due, quiet, alerts = result
        self.alerts.show_alerts(alerts)
        fill_table(self.week, [
            (row.contact.household_id, [format_day(row.contact.date),
                                        ContactKind(row.contact.kind).label,
                                        row.family_name or row.contact.title or "",
                                        str(row.contact.duration_min)])
            for row in week
        ])
        fill_table(self.due, [
            (item.household_id, [format_day(item.due), item.family_name, item.text])
            for item in due
        ])
        fill_table(self.quiet, [
            (family.id, [family.family_name, format_day(family.last_contact)
                         if family.last_contact else _("noch keiner")])
            for family in quiet
        ])

    def _open(self, table) -> None:  # type: ignore[no-untyped-def]
        household_id = selected_id(table)
        if household_id:
            self.family_opened.emit(household_id)
