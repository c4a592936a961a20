"""Zur Löschung fällig: the coordination's review of what is past its Löschfrist.

A dialog opened from the Einstellungen, beside the periods it follows: deleting for
retention is an occasional data-protection task of the coordination, not part of the
daily work in the Familien list, and the list must not crowd that screen. Each row says
what is due, why (rule and date) and whether it is kept ("Aufbewahrt bis …") or already
marked by a first coordinator (four eyes). "Löschen", "Aufbewahren bis …" and
"Aufbewahrung beenden" work on the selected rows, so a whole selection is one action;
"Aufbewahren" on a held family changes its hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_, ngettext
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.services.retention import DeletionResult, DueItem
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import mark_destructive

REASONS = {
    "last_contact": N_("Letzter Kontakt am {date}"),
    "closed": N_("Abgeschlossen am {date}"),
    "created": N_("Angelegt am {date}, ohne Kontakt"),
    "observation": N_("Beobachtung vom {date}"),
}


def _reason(item: DueItem) -> str:
    return _(REASONS[item.reason]).format(date=format_day(item.since))


def _state(item: DueItem) -> str:
    if item.hold_until is not None:
        return _("Aufbewahrt bis {date} ({reason})").format(
            date=format_day(item.hold_until), reason=item.hold_reason)
    if item.marked_by:
        return _("Vorgemerkt von {name}").format(name=item.marked_by)
    return _("Fällig")


class RetentionReview(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.items: list[DueItem] = []
        self.four_eyes = False
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(_("Zur Löschung fällig"))
        self.intro = QLabel(_(
            "Diese Familien und Beobachtungen haben ihre Löschfrist überschritten. "
            "„Löschen“ entfernt Namen, Adressen und Notizen hier und auf jedem Laptop "
            "(DSGVO Art. 17); die Zahlen für die Kennzahlen bleiben."))  # fmt: skip
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Familie"), _("Was"), _("Grund"),
                                              _("Fällig seit"), _("Stand")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Zur Löschung fällig"))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(_("Zurzeit ist nichts zur Löschung fällig."))
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setMaximumWidth(320)
        self.name.setAccessibleName(_("Ihr Name"))
        self.name_label = QLabel(_("Ihr &Name (Vier-Augen-Prinzip):"))
        self.name_label.setBuddy(self.name)
        self.select_all = QPushButton(_("Alle &auswählen"))
        self.select_all.clicked.connect(self.table.selectAll)
        self.delete_button = QPushButton(_("&Löschen …"))
        mark_destructive(self.delete_button)
        self.delete_button.clicked.connect(self.ask_delete)
        actions = QHBoxLayout()
        actions.addWidget(self.name_label)
        actions.addWidget(self.name, 1)
        actions.addStretch()
        actions.addWidget(self.select_all)
        actions.addWidget(self.delete_button)

        self.hold_box = QGroupBox(_("Aufbewahren bis … (Grund)"))
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd.MM.yyyy")
        self.until.setAccessibleName(_("Aufbewahren bis"))
        self.hold_reason = QLineEdit()
        self.hold_reason.setAccessibleName(_("Grund der Aufbewahrung"))
        self.hold_reason.setPlaceholderText(_("z. B. laufendes Verfahren, Anfrage des Jugendamts"))
        self.hold_button = QPushButton(_("&Aufbewahren"))
        self.hold_button.clicked.connect(self.hold)
        until_label, reason_label = QLabel(_("&Bis:")), QLabel(_("&Grund:"))
        until_label.setBuddy(self.until)
        reason_label.setBuddy(self.hold_reason)
        self.end_reason = QLineEdit()
        self.end_reason.setAccessibleName(_("Grund für das Ende der Aufbewahrung"))
        self.end_reason.setPlaceholderText(_("z. B. Verfahren abgeschlossen"))
        self.end_button = QPushButton(_("Aufbewahrung been&den"))
        self.end_button.clicked.connect(self.end_hold)
        end_label = QLabel(_("Grund für das &Ende:"))
        end_label.setBuddy(self.end_reason)
        rows = QVBoxLayout(self.hold_box)
        hold, end = QHBoxLayout(), QHBoxLayout()
        for widget, stretch in ((until_label, 0), (self.until, 0), (reason_label, 0),
                                (self.hold_reason, 1), (self.hold_button, 0)):
            hold.addWidget(widget, stretch)
        for widget, stretch in ((end_label, 0), (self.end_reason, 1), (self.end_button, 0)):
            end.addWidget(widget, stretch)
        rows.addLayout(hold)
        rows.addLayout(end)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Schließen"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.hold_box)
        layout.addWidget(buttons)
        self.resize(1100, 620)
        self.refresh()

    # Showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ui.submit(self._load, parent=self, on_success=self._show)

    def _load(self) -> tuple[list[DueItem], bool, dt.date]:
        retention = self.ui.services.retention
        return retention.due(), retention.four_eyes(), self.ui.services.context.today()

    def _show(self, loaded: tuple[list[DueItem], bool, dt.date]) -> None:
        self.items, self.four_eyes, today = loaded
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            what = _("Familie") if item.kind == "household" else _("Beobachtung Kindeswohl")
            values = (item.family_name, what, _reason(item), format_day(item.due_on),
                      _state(item))  # fmt: skip
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(self.items))
        self.empty.setVisible(not self.items)
        self.name.setVisible(self.four_eyes)
        self.name_label.setVisible(self.four_eyes)
        later = today + dt.timedelta(days=365)
        self.until.setMinimumDate(QDate(today.year, today.month, today.day).addDays(1))
        self.until.setDate(QDate(later.year, later.month, later.day))
        self._selection_changed()

    def selected(self) -> list[DueItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[row] for row in rows if row < len(self.items)]

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.delete_button.setEnabled(any(item.hold_until is None for item in chosen))
        self.hold_button.setEnabled(bool(chosen))
        self.end_button.setEnabled(any(item.hold_until is not None for item in chosen))

    # Acting -------------------------------------------------------------------------

    def ask_delete(self) -> None:
        chosen = [item for item in self.selected() if item.hold_until is None]
        if not chosen:
            return
        first = self.four_eyes and any(not item.marked_by for item in chosen)
        text = ngettext(
            "{count} Eintrag wird endgültig gelöscht, hier und auf jedem Laptop.",
            "{count} Einträge werden endgültig gelöscht, hier und auf jedem Laptop.",
            len(chosen)).format(count=len(chosen))  # fmt: skip
        if first:
            text += " " + _("Noch nicht vorgemerkte Einträge werden erst vorgemerkt; eine "
                            "zweite Person bestätigt die Löschung.")  # fmt: skip
        box = QMessageBox(QMessageBox.Icon.Warning, _("Löschen"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Löschen"))
        mark_destructive(box.button(QMessageBox.StandardButton.Yes))
        box.finished.connect(lambda _result: self._confirmed(box, chosen))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox, chosen: list[DueItem]) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Yes:
            return
        self.ui.submit(self.ui.services.retention.delete, [item.key for item in chosen],
                       self.name.text(), parent=self, changes="household",
                       on_success=self._deleted, on_error=self._failed)

    def _deleted(self, result: DeletionResult) -> None:
        parts = []
        if result.deleted:
            parts.append(ngettext("{count} Eintrag gelöscht.", "{count} Einträge gelöscht.",
                                  result.deleted).format(count=result.deleted))
        if result.marked:
            parts.append(ngettext(
                "{count} Eintrag vorgemerkt; eine zweite Person muss die Löschung bestätigen.",
                "{count} Einträge vorgemerkt; eine zweite Person muss die Löschung bestätigen.",
                result.marked).format(count=result.marked))  # fmt: skip
        self.message.setText(" ".join(parts))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setText(str(error))
        else:
            show_error(self, error, self.ui.log_file)

    def hold(self) -> None:
        families = sorted({item.household_id for item in self.selected()})
        if not families:
            return
        day = self.until.date()
        until = dt.date(day.year(), day.month(), day.day())
        self.ui.submit(self.ui.services.retention.hold, families, until,
                       self.hold_reason.text(), parent=self, changes="household",
                       on_success=self._held, on_error=self._failed)

    def _held(self, _result: Any) -> None:
        self.message.setText(_("Aufbewahrung gespeichert."))
        self.hold_reason.clear()
        self.refresh()


    def end_hold(self) -> None:
        """"Aufbewahrung beenden": the selected held families are due again, everywhere."""
        families = sorted({item.household_id for item in self.selected()
                           if item.hold_until is not None})  # fmt: skip
        if not families:
            return
        self.ui.submit(self.ui.services.retention.end_hold, families, self.end_reason.text(),
                       parent=self, changes="household", on_success=self._ended,
                       on_error=self._failed)

    def _ended(self, count: int) -> None:
        self.message.setText(ngettext(
            "Aufbewahrung von {count} Familie beendet; sie ist wieder zur Löschung fällig.",
            "Aufbewahrung von {count} Familien beendet; sie sind wieder zur Löschung fällig.",
            count).format(count=count))  # fmt: skip
        self.end_reason.clear()
        self.refresh()
