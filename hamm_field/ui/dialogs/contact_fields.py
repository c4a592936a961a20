"""The input widgets of "Kontakt erfassen", each built for typing fast.

Every picker works by keyboard alone: the kind by Ctrl+1 … Ctrl+8 (or 1 … 8 while
it has focus), the family and the institution by typing a few letters and Enter
(the first match is preselected; see :mod:`contact_pickers`), the topics by Space on
a checkable list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hamm_field.domain.vocab import ContactKind
from hamm_field.i18n import gettext as _

KEY_ROLE = Qt.ItemDataRole.UserRole
KINDS = list(ContactKind)


class FieldSlot(QWidget):
    """A field with its error line beneath, so validation speaks right next to it."""

    def __init__(self, field: QWidget, *extra: QWidget) -> None:
        super().__init__()
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        for widget in extra:
            layout.addWidget(widget)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)
        self.error.show()
        self.field.setAccessibleDescription(text)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self.field.setAccessibleDescription("")


class DateEdit(QDateEdit):
    """A date field that Tab leaves (Qt's own walks day, month, year first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt API
        return QWidget.focusNextPrevChild(self, next)


class KeyCombo(QComboBox):
    """A choice among master-data keys; shows labels, answers keys (None = nothing)."""

    def set_entries(self, entries: Iterable[tuple[Any, str]], none_text: str | None = None):
        current = self.key()
        self.blockSignals(True)
        self.clear()
        if none_text is not None:
            self.addItem(none_text, None)
        for key, label in entries:
            self.addItem(label, key)
        self.set_key(current)  # unlike fill_combo: keeps a key no longer in the master data
        self.blockSignals(False)

    def key(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_key(self, key: Any) -> None:
        index = self.findData(key) if key is not None else -1
        if index < 0 and key is None and self.count() and self.itemData(0) is None:
            index = 0
        if index < 0 and key is not None:
            self.addItem(str(key), key)  # a key no longer in the master data
            index = self.count() - 1
        self.setCurrentIndex(index)


class KindPicker(QWidget):
    """The eight kinds of contact as radio buttons; arrows, 1–8 and Ctrl+1–8 choose."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.buttons: list[QRadioButton] = []
        for number in range(len(KINDS)):
            button = QRadioButton()
            button.installEventFilter(self)
            self.group.addButton(button, number)
            grid.addWidget(button, number // 4, number % 4)
            self.buttons.append(button)
        grid.setColumnStretch(4, 1)
        self.buttons[0].setChecked(True)
        self.group.idToggled.connect(self._toggled)
        self.setFocusProxy(self.buttons[0])
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Art des Kontakts"))
        for number, (button, kind) in enumerate(zip(self.buttons, KINDS, strict=True), 1):
            button.setText(kind.label)
            button.setAccessibleName(kind.label)
            button.setToolTip(_("Strg+{number}").format(number=number))

    def kind(self) -> str:
        return KINDS[max(0, self.group.checkedId())].value

    def set_kind(self, kind: str) -> None:
        self.buttons[KINDS.index(ContactKind(kind))].setChecked(True)

    def choose(self, number: int) -> None:
        """Select kind ``number`` (1–8) as if the person had clicked it."""
        self.buttons[number - 1].setChecked(True)
        if any(button.hasFocus() for button in self.buttons):
            self.buttons[number - 1].setFocus()

    def _toggled(self, number: int, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.buttons[number])
            self.changed.emit(KINDS[number].value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= len(KINDS):
                self.choose(int(text))
                return True
        return False


class TopicList(QListWidget):
    """Topics as a checkable list (Space toggles); shows the themes of one Paket."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setMaximumHeight(130)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def show_topics(self, entries: Iterable[tuple[str, str]], checked: Iterable[str]) -> None:
        """``entries`` are (key, label); checked keys outside them stay listed."""
        checked = list(checked)
        rows = dict(entries)
        rows.update({key: label for key, label in self._extra(checked) if key not in rows})
        self.blockSignals(True)
        self.clear()
        for key, label in rows.items():
            item = QListWidgetItem(label)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        self.blockSignals(False)

    def _extra(self, keys: list[str]) -> list[tuple[str, str]]:
        known = {self.item(i).data(KEY_ROLE): self.item(i).text() for i in range(self.count())}
        return [(key, known.get(key, key)) for key in keys]

    def checked(self) -> list[str]:
        return [
            self.item(i).data(KEY_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]
