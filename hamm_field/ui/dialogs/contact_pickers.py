"""The two search-as-you-type pickers of "Kontakt erfassen": family and institution.

Both work by typing a few letters and Enter, with the first match preselected, so a
choice takes a keystroke or two. The family search runs in the background over all
families; the institutions come from the master data already loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget
from shiboken6 import isValid

from hamm_field.services.views import FamilyFilter
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.contact_fields import KEY_ROLE

SEARCH_DELAY_MS = 150


def preselect_first(completer: QCompleter) -> None:
    """Make Enter take the first suggestion without changing what was typed."""
    popup = completer.popup()
    if popup.isVisible() and not popup.currentIndex().isValid():
        first = completer.completionModel().index(0, 0)
        if first.isValid():
            flag = QItemSelectionModel.SelectionFlag.NoUpdate
            popup.selectionModel().setCurrentIndex(first, flag)


class FamilyPicker(QLineEdit):
    """Search as you type over all families, in the background; Enter takes the first.

    Results of an older query are dropped. Enter pressed before the results arrive
    takes the first result once it is there, so fast typists lose nothing.
    """

    chosen = Signal(object)  # household id, or None when the choice was undone
    found = Signal(int)  # how many families match what is typed (-1: nothing typed)

    def __init__(self, ui: UiContext, describe: Callable[[Any], str], parent=None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.describe = describe
        self.household_id: str | None = None
        self.results = QStandardItemModel(self)
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._search)
        self._asked = self._answered = 0
        self._pick_when_ready = False
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)

    def set_household(self, household_id: str | None, text: str) -> None:
        self.household_id = household_id
        self.setText(text)

    def _edited(self, _text: str) -> None:
        self._pick_when_ready = False
        if self.household_id is not None:
            self.household_id = None
            self.chosen.emit(None)
        self.timer.start()

    def _search(self) -> None:
        query = self.text().strip()
        self._asked += 1
        asked = self._asked
        if not query:
            self._show(asked, [], quiet=True)
            return
        self.ui.submit(
            self.ui.services.views.search_families, FamilyFilter(query=query), limit=20,
            parent=self, on_success=lambda rows: self._show(asked, rows),
        )

    def _show(self, asked: int, rows: list[Any], quiet: bool = False) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self.found.emit(len(rows) if not quiet else -1)
        self._answered = asked
        self.results.clear()
        for household in rows:
            item = QStandardItem(self.describe(household))
            item.setData(household.id, KEY_ROLE)
            self.results.appendRow(item)
        if self._pick_when_ready:
            self._pick_when_ready = False
            self._take(self.results.index(0, 0))
        elif rows and self.hasFocus():
            self.completer.complete()
            preselect_first(self.completer)
        else:
            self.completer.popup().hide()

    def _enter(self) -> None:
        if self.household_id is not None:
            self.focusNextChild()
            return
        if self.timer.isActive() or self._answered != self._asked:
            if self.timer.isActive():
                self.timer.stop()
                self._search()
            self._pick_when_ready = True
            return
        current = self.completer.popup().currentIndex()
        self._take(current if current.isValid() else self.results.index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        self._take(index)

    def _take(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        household_id = index.data(KEY_ROLE)
        self.completer.popup().hide()
        if household_id == self.household_id:
            return
        self.set_household(household_id, index.data())
        self.chosen.emit(household_id)
        self.focusNextChild()


class InstitutionBox(QComboBox):
    """An institution from the master data: pick from the list or type a few letters.

    Typing shows every institution containing the letters, the first preselected,
    so "kin" + Enter gives "Kinderarztpraxis".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(
            lambda _text: QTimer.singleShot(0, self._preselect)
        )
        self.lineEdit().editingFinished.connect(self._tidy)

    def _preselect(self) -> None:
        if isValid(self):
            preselect_first(self.completer())

    def set_entries(self, entries: Iterable[tuple[str, str]]) -> None:
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        for key, label in entries:
            self.addItem(label, key)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def key(self) -> str | None:
        """The master key for what is typed, or None when it names no institution."""
        text = self.currentText().strip().casefold()
        if not text:
            return None
        labels = [(self.itemData(i), self.itemText(i).casefold()) for i in range(self.count())]
        exact = [key for key, label in labels if text in (label, str(key).casefold())]
        partial = [key for key, label in labels if text in label]
        if exact:
            return exact[0]
        return partial[0] if len(partial) == 1 else None

    def value(self) -> str | None:
        """The key, else the typed text (so validation can name it), else None."""
        return self.key() or (self.currentText().strip() or None)

    def set_key(self, key: str | None) -> None:
        index = self.findData(key) if key else -1
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index) if index >= 0 else (key or ""))

    def _tidy(self) -> None:
        """Show the full name once the letters typed name exactly one institution."""
        key = self.key()
        index = self.findData(key) if key else -1
        if index >= 0 and self.currentText() != self.itemText(index):
            self.setCurrentIndex(index)
