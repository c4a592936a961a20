"""The input widgets the record forms share: dates, an optional date, a list of ticks.

Kept apart from the form machinery (``family_dialog.py``) so either stays readable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import MasterKind
from hamm_field.i18n import gettext as _


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def day_of(edit: QDateEdit) -> dt.date:
    return edit.date().toPython()  # type: ignore[return-value]


class OptionalDate(QWidget):
    """A date that may be left out: a checkbox switches the date field on."""

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.given = QCheckBox()
        self.edit = date_edit(day)
        self.edit.setEnabled(False)
        self.given.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.given)

    def value(self) -> dt.date | None:
        return day_of(self.edit) if self.given.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.given.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.given.setAccessibleName(_("{field} angeben").format(field=name))
        self.edit.setAccessibleName(name)


class CheckList(QListWidget):
    """Several choices: arrow keys move, Space ticks."""

    def __init__(self, wrap: bool = False, rows: int = 3) -> None:
        super().__init__()
        self.rows = rows
        if wrap:
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(1)

    def set_items(self, items: list[tuple[Any, str]]) -> None:
        ticked = self.values()
        self.clear()
        for value, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.set_values(ticked)
        row = self.sizeHintForRow(0) if self.count() else 20
        self.setFixedHeight(self.rows * (row + 2 * self.spacing()) + 2 * self.frameWidth() + 2)

    def values(self) -> list[Any]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_values(self, values: list[Any]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in values
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def choose(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def master_items(master: MasterIndex, kind: MasterKind, keep: str | None = None) -> list:
    """Active entries, plus the record's own value should it have been retired since."""
    items = [(e.key, e.label) for e in master.active(kind)]
    if keep and keep not in {key for key, _label in items}:
        items.append((keep, master.label(kind, keep)))
    return items


def edited_signals(widget: QWidget) -> list[Any]:
    """The signals by which a person changes ``widget`` or the inputs inside it."""
    signals: list[Any] = []
    for part in (widget, *widget.findChildren(QWidget)):
        if isinstance(part, QComboBox):
            signals += [part.currentIndexChanged, part.editTextChanged]
        elif isinstance(part, QLineEdit | QPlainTextEdit):
            signals.append(part.textChanged)
        elif isinstance(part, QAbstractButton):
            signals.append(part.toggled)
        elif isinstance(part, QDateEdit):
            signals.append(part.dateChanged)
        elif isinstance(part, QAbstractSpinBox) and hasattr(part, "valueChanged"):
            signals.append(part.valueChanged)
        elif isinstance(part, QListWidget):
            signals.append(part.itemChanged)
    return signals
