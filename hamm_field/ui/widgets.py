"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from hamm_field.i18n import gettext as _

ID_ROLE = Qt.ItemDataRole.UserRole


def make_table(name: str) -> QTableWidget:
    """A read-only, row-selecting table with an accessible name."""
    table = QTableWidget(0, 0)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table


STRETCH = "stretchColumn"


def set_headers(table: QTableWidget, headers: Sequence[str], stretch: int | None = None) -> None:
    """Column titles; ``stretch`` names the column that takes the spare width (the text)."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setProperty(STRETCH, len(headers) - 1 if stretch is None else stretch)


def mark_destructive(button: QPushButton | None) -> None:
    """Red text and no icon: the button that deletes or discards must not look like OK."""
    if button is None:
        return
    button.setIcon(QIcon())
    button.setProperty("role", "destructive")
    button.style().unpolish(button)
    button.style().polish(button)


def fill_table(table: QTableWidget, rows: Sequence[tuple[Any, Sequence[str]]]) -> None:
    """Rows of ``(id, cells)``; the id is kept on the first cell for actions."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for row, (record_id, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(ID_ROLE, record_id)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    stretch = table.property(STRETCH)
    header.setStretchLastSection(stretch is None or stretch == table.columnCount() - 1)
    if stretch is not None and stretch < table.columnCount() - 1:
        header.setSectionResizeMode(int(stretch), QHeaderView.ResizeMode.Stretch)


def selected_id(table: QTableWidget) -> Any:
    row = table.currentRow()
    if row < 0 or table.item(row, 0) is None:
        return None
    return table.item(row, 0).data(ID_ROLE)


def fill_combo(
    combo: QComboBox, items: Sequence[tuple[Any, str]], empty: str | None = None
) -> None:
    """Replace the entries, keeping the choice; ``empty`` is a first entry meaning none.

    Signals are held back meanwhile, so refilling (say, on a language switch) does not
    look like a choice the person made.
    """
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def translate_save_cancel(buttons: QDialogButtonBox) -> None:
    """Our words for a form's Save and Cancel, in the current language."""
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Speichern"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
