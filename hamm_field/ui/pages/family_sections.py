"""The family page's tabs: a table with its buttons below, and how their columns behave."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.ui.widgets import make_table, set_headers


class Section(QWidget):
    """A table with its buttons below, for one tab."""

    def __init__(self, name: str, buttons: list[tuple[str, Any]], top: QWidget | None = None):
        super().__init__()
        self.table = make_table(name)
        self.buttons = [(QPushButton(), text) for text, _slot in buttons]
        row = QHBoxLayout()
        row.addStretch()
        for (button, _text), (_t, slot) in zip(self.buttons, buttons, strict=True):
            button.clicked.connect(slot)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        if top is not None:
            layout.addWidget(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def retranslate(self, name: str, headers: list[str], stretch: int | None = None) -> None:
        self.table.setAccessibleName(name)
        set_headers(self.table, headers, stretch)
        for button, text in self.buttons:
            button.setText(_(text))
            button.setAccessibleName(_(text).replace("&", ""))


def full_text_tips(table: Any) -> None:
    """Long texts may be cut off with "…"; the tooltip shows them whole."""
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None and len(item.text()) > 20 and not item.toolTip():
                item.setToolTip(item.text())


def stretch_column(table: Any, column: int) -> None:
    """Let the long text column take the room left, so no row scrolls sideways."""
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
