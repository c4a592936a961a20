"""The coordination's Kindeswohl alerts: which families have a new ``erheblich`` observation.

Shown on Heute and under an import's result. A row names the family, the date and the
author, never the note: the note is read on the family page, where observations are
already shown to the coordination.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers

ALERT_STYLE = "color: #a4262c; font-weight: bold;"


def alert_text(count: int) -> str:
    return ngettext("{count} neuer Kindeswohl-Hinweis (erheblich)",
                    "{count} neue Kindeswohl-Hinweise (erheblich)", count).format(count=count)


class KindeswohlAlerts(QGroupBox):
    """A list of alerts with "open the family" and "mark as seen"; hidden while empty."""

    family_opened = Signal(str)
    seen = Signal(str)  # the observation marked as seen

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.alerts: list[Any] = []
        self.count_label = QLabel()
        self.count_label.setStyleSheet(ALERT_STYLE)
        self.count_label.setWordWrap(True)
        self.table = make_table("kindeswohl alerts")
        self.table.doubleClicked.connect(lambda _index: self.open_family())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_family)
        self.seen_button = QPushButton()
        self.seen_button.clicked.connect(self.mark_seen)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.seen_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.setTitle(_("Kindeswohl"))
        self.table.setAccessibleName(_("Neue Kindeswohl-Hinweise"))
        self.open_button.setText(_("Familie öffnen"))
        self.seen_button.setText(_("Als gesehen markieren"))
        set_headers(self.table, [_("Familie"), _("Datum"), _("Erfasst von")], stretch=0)
        self.show_alerts(self.alerts)

    def show_alerts(self, alerts: list[Any]) -> None:
        """Alerts as the services give them (``KindeswohlAlert``), newest first."""
        self.alerts = list(alerts)
        fill_table(self.table, [
            (a.observation_id, [a.family_name or "–", format_day(a.date), a.author_name or "–"])
            for a in self.alerts
        ])
        self.count_label.setText(alert_text(len(self.alerts)))
        if self.alerts:
            self.table.setCurrentCell(0, 0)
        self.setVisible(bool(self.alerts))

    def _selected(self) -> Any:
        observation_id = selected_id(self.table)
        return next((a for a in self.alerts if a.observation_id == observation_id), None)

    def open_family(self) -> None:
        alert = self._selected()
        if alert is not None:
            self.family_opened.emit(alert.household_id)

    def mark_seen(self) -> None:
        alert = self._selected()
        if alert is None:
            return
        self.seen_button.setEnabled(False)
        self.ui.submit(self.ui.services.overview.mark_kindeswohl_seen, alert.observation_id,
                       parent=self, changes="observation",
                       on_success=lambda _result: self._marked(alert.observation_id),
                       on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.seen_button.setEnabled(True)
        show_error(self, error, self.ui.log_file)

    def _marked(self, observation_id: str) -> None:
        self.seen_button.setEnabled(True)
        self.show_alerts([a for a in self.alerts if a.observation_id != observation_id])
        self.seen.emit(observation_id)
