"""What the Berichte screen computes: the period and the filters.

A preset (Monat … Schuljahr) is chosen with any day inside it, and stepped back and forth
with the arrow buttons; "Zeitraum" takes any range of days. The filters by worker,
Träger and role exist only on the central store: a laptop holds only its own work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from hamm_field.domain.vocab import PAKET_LABELS, WorkerRole
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.reports.model import Filters, Period
from hamm_field.reports.periods import FREE, free_range, period_for
from hamm_field.ui.dialogs.contact_fields import DateEdit
from hamm_field.ui.dialogs.form_fields import day_of, to_qdate
from hamm_field.ui.flow_layout import FlowLayout
from hamm_field.ui.widgets import fill_combo

PRESET_LABELS = (
    ("monat", N_("Monat")),
    ("quartal", N_("Quartal")),
    ("halbjahr", N_("Halbjahr (Stand 30.06.)")),
    ("jahr", N_("Jahr")),
    ("schuljahr", N_("Schuljahr")),
    (FREE, N_("Zeitraum")),
)
COMBO_CHARACTERS = 14  # long entries ("Familien mit Kindern in Kita …") show in the popup


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_CHARACTERS)
    return combo


def _labelled(text_label: QLabel, widget: QWidget) -> QLabel:
    text_label.setBuddy(widget)
    return text_label


def _group(*widgets: QWidget) -> QWidget:
    """Widgets that stay on one line when the row wraps (a label and its field)."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return group


class PeriodPicker(QWidget):
    """The preset, a day inside it (or from–to), and the range it gives."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = _combo("preset")
        self.preset.setMinimumContentsLength(10)
        for key, _label in PRESET_LABELS:
            self.preset.addItem("", key)
        self.preset.setCurrentIndex(self.preset.findData("jahr"))
        self.day, self.start, self.end = DateEdit(), DateEdit(), DateEdit()
        self.day.setDate(to_qdate(today))
        self.back, self.forward = QToolButton(), QToolButton()
        self.back.setText("◀")
        self.forward.setText("▶")
        self.range_label = QLabel()
        self.range_label.setObjectName("periodRange")
        self.preset_label, self.day_label = QLabel(), QLabel()
        self.start_label, self.end_label = QLabel(), QLabel()
        # On a 1024 px laptop in a long language the row wraps, a label with its field.
        row = FlowLayout(self, spacing=8, left=True)
        self.day_group = _group(_labelled(self.day_label, self.day), self.day, self.back,
                                self.forward)  # fmt: skip
        self.start_group = _group(_labelled(self.start_label, self.start), self.start)
        self.end_group = _group(_labelled(self.end_label, self.end), self.end)
        for group in (_group(_labelled(self.preset_label, self.preset), self.preset),
                      self.day_group, self.start_group, self.end_group, self.range_label):
            row.addWidget(group)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.day.dateChanged.connect(self._emit)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._emit)
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward.clicked.connect(lambda: self.step(1))
        self._show_mode()
        self._period = self.period()
        self.retranslate()

    def retranslate(self) -> None:
        for index, (_key, label) in enumerate(PRESET_LABELS):
            self.preset.setItemText(index, _(label))
        self.preset_label.setText(_("&Zeitraum:"))
        self.day_label.setText(_("&Tag im Zeitraum:"))
        self.start_label.setText(_("&von:"))
        self.end_label.setText(_("&bis:"))
        for button, text in ((self.back, _("Vorheriger Zeitraum")),
                             (self.forward, _("Nächster Zeitraum"))):  # fmt: skip
            button.setToolTip(text)
            button.setAccessibleName(text)
        self._show_range()

    @property
    def is_free(self) -> bool:
        return self.preset.currentData() == FREE

    def period(self) -> Period:
        if self.is_free:
            return free_range(day_of(self.start), day_of(self.end))
        return period_for(self.preset.currentData(), day_of(self.day))

    def set_preset(self, preset: str) -> None:
        self.preset.setCurrentIndex(self.preset.findData(preset))

    def step(self, direction: int) -> None:
        """The same preset one step back or forward."""
        period = self.period()
        day = period.start - dt.timedelta(days=1) if direction < 0 else (
            period.end + dt.timedelta(days=1))  # fmt: skip
        self.day.setDate(to_qdate(day))

    def _preset_chosen(self) -> None:
        if self.is_free:  # start from the period shown so far
            period = self._period
            for edit, day in ((self.start, period.start), (self.end, period.end)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day))
                edit.blockSignals(False)
            self.end.setMinimumDate(to_qdate(period.start))
        self._show_mode()
        self._emit()

    def _start_changed(self, start: QDate) -> None:
        self.end.setMinimumDate(start)  # "bis" never before "von"
        self._emit()

    def _show_mode(self) -> None:
        free = self.is_free
        for widget in (self.day_label, self.day, self.back, self.forward, self.day_group):
            widget.setVisible(not free)
        for widget in (self.start_label, self.start, self.end_label, self.end,
                       self.start_group, self.end_group):
            widget.setVisible(free)

    def _show_range(self) -> None:
        period = self.period()
        self.range_label.setText(_("{start} – {end}").format(
            start=format_day(period.start), end=format_day(period.end)))  # fmt: skip

    def _emit(self) -> None:
        """Tell only about a new period: another day in the same one changes nothing."""
        self._show_range()
        period = self.period()
        if period != self._period:
            self._period = period
            self.changed.emit()


class FilterBar(QWidget):
    """Sozialraum and Integrationspaket; on the central store also worker, Träger and role."""

    changed = Signal()

    def __init__(self, sozialraeume: Sequence[tuple[str, str]], coordination: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.sozialraeume = list(sozialraeume)
        self.coordination = coordination
        self.sozialraum, self.paket = _combo("sozialraum"), _combo("paket")
        self.worker, self.team, self.role = _combo("worker"), _combo("team"), _combo("role")
        combos = (self.sozialraum, self.paket, self.worker, self.team, self.role)
        self.labels = [QLabel() for _combo_ in combos]
        self._workers: list[tuple[str, str]] = []
        self._teams: list[str] = []
        row = FlowLayout(self, spacing=12, left=True)  # wraps on a small screen
        for label, combo in zip(self.labels, combos, strict=True):
            group = _group(_labelled(label, combo), combo)
            row.addWidget(group)
            combo.currentIndexChanged.connect(self.changed)
            if combo in (self.worker, self.team, self.role):
                label.setVisible(coordination)
                combo.setVisible(coordination)
                group.setVisible(coordination)
        self.retranslate()

    def retranslate(self) -> None:
        texts = (_("&Sozialraum:"), _("Integrations&paket:"), _("Mitarbeiter/&in:"),
                 _("T&räger:"), _("R&olle:"))  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        fill_combo(self.sozialraum, self.sozialraeume, _("alle"))
        fill_combo(self.paket, [(number, f"{number} · {_(label)}")
                                for number, label in PAKET_LABELS.items()], _("alle"))
        fill_combo(self.worker, self._workers, _("alle"))
        fill_combo(self.team, [(team, team) for team in self._teams], _("alle"))
        fill_combo(self.role, [(role.value, role.label) for role in WorkerRole], _("alle"))

    def set_workers(self, workers: Sequence[tuple[str, str]], teams: Sequence[str] = ()) -> None:
        """The workers and Träger to choose from (the central store's team)."""
        self._workers, self._teams = list(workers), list(teams)
        fill_combo(self.worker, self._workers, _("alle"))
        fill_combo(self.team, [(team, team) for team in self._teams], _("alle"))

    def filters(self) -> Filters:
        if not self.coordination:
            return Filters(sozialraum=self.sozialraum.currentData(),
                           paket=self.paket.currentData())  # fmt: skip
        return Filters(sozialraum=self.sozialraum.currentData(), paket=self.paket.currentData(),
                       worker_id=self.worker.currentData(), team=self.team.currentData(),
                       role=self.role.currentData())
