"""Abgelehnte Pakete (coordination): the refused packages kept in quarantine.

Each refused file is listed with the name it arrived under, when, why, and from which
laptop when that is known for sure. Its copy can be deleted here, one or all; copies also
go by themselves after the retention period set here, and when a family or person is
erased whose data they could hold. The note of a refusal stays until it is deleted here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import N_, ngettext
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment
from hamm_field.services.sync import (
    QUARANTINE_DAYS_RANGE,
    REMOVED_AGE,
    REMOVED_ERASURE,
    QuarantinedPackage,
)
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.sync_common import Section, result_label, short_id, show_result
from hamm_field.ui.widgets import fill_table, make_table, selected_id, set_headers

# The refusal codes of the quarantine notes, in words.
REASONS = {
    "damaged": N_("beschädigt oder unvollständig"),
    "tampered": N_("verändert: die Unterschrift stimmt nicht"),
    "foreign": N_("von einem unbekannten Gerät"),
    "wrong_recipient": N_("nicht für diese Ablage verschlüsselt"),
    "revoked": N_("von einem gesperrten Gerät"),
    "replayed": N_("Kennung schon mit anderem Inhalt eingelesen"),
    "clock_ahead": N_("die Uhr des Laptops ging vor"),
    "schema_too_new": N_("von einer neueren Version"),
    "unauthorised": N_("Änderungen, die das Gerät nicht machen darf"),
    "invalid": N_("ungültige Angaben"),
}


def reason_text(code: str) -> str:
    return _(REASONS[code]) if code in REASONS else code


class QuarantinePanel(Section):
    """The list, the retention period, and deleting one entry or all."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.entries: dict[str, QuarantinedPackage] = {}
        self.confirm_box: QMessageBox | None = None
        self.intro, self.empty, self.days_label = QLabel(), QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.table = make_table("refused packages")
        self.table.itemSelectionChanged.connect(self._enable)
        self.days = QSpinBox()
        shortest, default, longest = QUARANTINE_DAYS_RANGE
        self.days.setRange(shortest, longest)
        self.days.setValue(default)
        self.saved_days = default
        self.days.editingFinished.connect(self.save_days)
        self.days_label.setBuddy(self.days)
        self.delete_button, self.delete_all_button = QPushButton(), QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button.clicked.connect(self.delete_all)
        buttons = QHBoxLayout()
        for widget in (self.delete_button, self.delete_all_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.days_label)
        buttons.addWidget(self.days)
        self.result = result_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Abgelehnte Pakete haben nichts geändert. Eine Kopie bleibt hier, damit Sie sie "
            "prüfen können; sie wird nach der eingestellten Zeit gelöscht, und sofort, wenn "
            "eine Familie oder Person gelöscht wird, deren Daten sie enthalten könnte. Der "
            "Vermerk, warum das Paket abgelehnt wurde, bleibt."))  # fmt: skip
        self.empty.setText(_("Keine abgelehnten Pakete."))
        set_headers(self.table, [_("Datei"), _("Eingegangen"), _("Grund"), _("Gerät"),
                                 _("Kopie")], stretch=2)  # fmt: skip
        self.table.setAccessibleName(_("Abgelehnte Pakete"))
        self.days_label.setText(_("&Kopien aufbewahren:"))
        self.days.setSuffix(_(" Tage"))
        self.days.setAccessibleName(_("Kopien aufbewahren (Tage)"))
        self.delete_button.setText(_("&Löschen"))
        self.delete_all_button.setText(_("&Alle löschen …"))
        self._show(list(self.entries.values()))

    def refresh(self) -> None:
        sync = self.ui.services.sync
        self.ui.submit(lambda: (sync.quarantined(), sync.quarantine_days()), parent=self,
                       on_success=self._loaded)  # fmt: skip

    def _loaded(self, outcome: tuple[list[QuarantinedPackage], int]) -> None:
        entries, days = outcome
        self.saved_days = days
        self.days.blockSignals(True)
        self.days.setValue(days)
        self.days.blockSignals(False)
        self._show(entries)

    def _show(self, entries: list[QuarantinedPackage]) -> None:
        chosen = selected_id(self.table)
        self.entries = {entry.id: entry for entry in entries}
        fill_table(self.table, [(entry.id, self._cells(entry)) for entry in entries])
        for row, entry in enumerate(entries):
            if entry.id == chosen or (chosen not in self.entries and row == 0):
                self.table.selectRow(row)
        self.empty.setVisible(not entries)
        self.table.setVisible(bool(entries))
        self._enable()

    def _cells(self, entry: QuarantinedPackage) -> list[str]:
        if entry.device_id:
            device = f"{entry.worker_name} ({short_id(entry.device_id)})".lstrip()
        else:
            device = _("unbekannt")
        if entry.copy_kept:
            copy = _("vorhanden")
        elif entry.removed == REMOVED_ERASURE:
            copy = _("gelöscht (Datenlöschung)")
        elif entry.removed == REMOVED_AGE:
            copy = _("gelöscht (Aufbewahrungszeit um)")
        else:
            copy = _("gelöscht")
        return [entry.file_name, format_moment(entry.arrived.astimezone()),
                reason_text(entry.reason), device, copy]  # fmt: skip

    def _enable(self) -> None:
        self.delete_button.setEnabled(selected_id(self.table) in self.entries)
        self.delete_all_button.setEnabled(bool(self.entries))

    def save_days(self) -> None:
        if self.days.value() == self.saved_days:
            return  # leaving the field unchanged is no new setting
        self.saved_days = self.days.value()
        self.ui.submit(self.ui.services.sync.set_quarantine_days, self.days.value(),
                       parent=self, on_success=lambda _days: self.refresh())  # fmt: skip

    def delete_selected(self) -> None:
        entry = self.entries.get(selected_id(self.table))
        if entry is None:
            return

        def done(_result: Any) -> None:
            show_result(self.result, _("Abgelehntes Paket {file} gelöscht.").format(
                file=entry.file_name), ok=True)
            self.refresh()

        self.ui.submit(self.ui.services.sync.delete_quarantined, entry.id, parent=self,
                       on_success=done)  # fmt: skip

    def delete_all(self) -> None:
        question = ngettext(
            "{count} abgelehntes Paket mit seinem Vermerk löschen? Das lässt sich nicht "
            "rückgängig machen.",
            "Alle {count} abgelehnten Pakete mit ihren Vermerken löschen? Das lässt sich "
            "nicht rückgängig machen.", len(self.entries)).format(count=len(self.entries))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Abgelehnte Pakete löschen"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)  # fmt: skip
        box.button(QMessageBox.StandardButton.Yes).setText(_("Alle löschen"))
        box.button(QMessageBox.StandardButton.No).setText(_("Abbrechen"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(_("Abgelehnte Pakete löschen"))
        box.finished.connect(lambda _result: self._confirmed(box))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Yes:
            return

        def done(count: int) -> None:
            show_result(self.result, ngettext(
                "{count} abgelehntes Paket gelöscht.", "{count} abgelehnte Pakete gelöscht.",
                count).format(count=count), ok=True)  # fmt: skip
            self.refresh()

        self.ui.submit(self.ui.services.sync.delete_all_quarantined, parent=self,
                       on_success=done)  # fmt: skip
