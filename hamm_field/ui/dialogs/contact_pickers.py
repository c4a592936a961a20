"""The two search-as-you-type pickers of "Kontakt erfassen": family and institution.

Both work by typing a few letters and Enter, with the first match preselected, so a
choice takes a keystroke or two. For families only when that match is surely the one
meant (the only one, or the only family named exactly so): among namesakes, or when a
family is found through a member, Enter opens the list to choose from, each family shown
with members and street under its name. The family search runs in the background over all
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
from hamm_field.ui.family_hint import DETAIL_ROLE, DetailDelegate, hit_details

SEARCH_DELAY_MS = 150
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
"""An institution's names, one a line, to match typed letters against: as shown, and
in German."""


def preselect_first(completer: QCompleter) -> None:
    """Make Enter take the first suggestion without changing what was typed."""
    popup = completer.popup()
    if popup.isVisible() and not popup.currentIndex().isValid():
        first = completer.completionModel().index(0, 0)
        if first.isValid():
            flag = QItemSelectionModel.SelectionFlag.NoUpdate
            popup.selectionModel().setCurrentIndex(first, flag)


class FamilyPicker(QLineEdit):
    """Search as you type over all families, in the background; Enter takes the first
    if it is decisive (see the module docstring), else shows the choice.

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
        self.completer.popup().setItemDelegate(DetailDelegate(self.completer.popup()))
        self._decisive = False
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
            self.ui.services.views.find_families, FamilyFilter(query=query), limit=20,
            parent=self, on_success=lambda rows: self._show(asked, rows),
        )

    def _show(self, asked: int, rows: list[Any], quiet: bool = False) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self.found.emit(len(rows) if not quiet else -1)
        self._answered = asked
        self.results.clear()
        for hit in rows:
            item = QStandardItem(self.describe(hit.household))
            item.setData(hit.household.id, KEY_ROLE)
            item.setData(hit_details(hit), DETAIL_ROLE)
            self.results.appendRow(item)
        exact = [hit for hit in rows[:2] if hit.rank == 0]
        self._decisive = len(rows) == 1 or (len(exact) == 1 and rows[0].rank == 0)
        if self._pick_when_ready:
            self._pick_when_ready = False
            self._take_first_or_offer()
        elif rows and self.hasFocus():
            self.completer.complete()
            if self._decisive:
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
        if current.isValid():
            self._take(current)
        else:
            self._take_first_or_offer()

    def _take_first_or_offer(self) -> None:
        """Take the first family if it is decisive; else show the list, the first marked,
        so a second Enter takes it knowingly."""
        if self._decisive:
            self._take(self.results.index(0, 0))
        elif self.results.rowCount():
            QTimer.singleShot(0, self._offer)

    def _offer(self) -> None:
        if isValid(self) and self.results.rowCount() and self.household_id is None:
            self.completer.complete()
            preselect_first(self.completer)

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


class _LabelCompleter(QCompleter):
    """Matches on the search text (both names) but fills in the name shown."""

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt API
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class InstitutionBox(QComboBox):
    """An institution from the master data: pick from the list or type a few letters.

    Typing shows every institution containing the letters, the first preselected,
    so "kin" + Enter gives "Kinderarztpraxis". The offices are called by their German
    names, so in another language those letters find them as well.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = _LabelCompleter(self.model(), self)
        completer.setCompletionRole(SEARCH_ROLE)
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

    def set_entries(self, entries: Iterable[tuple[str, ...]]) -> None:
        """``(key, label)`` or ``(key, label, German name)`` for each institution."""
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        for key, label, *german in entries:
            self.addItem(label, key)
            names = dict.fromkeys([label, *german])
            self.setItemData(self.count() - 1, "\n".join(names), SEARCH_ROLE)
            if len(names) > 1:
                self.setItemData(self.count() - 1, german[0], Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def key(self) -> str | None:
        """The master key for what is typed, or None when it names no institution."""
        text = self.currentText().strip().casefold()
        if not text:
            return None
        entries = [(self.itemData(i), str(self.itemData(i, SEARCH_ROLE) or self.itemText(i)))
                   for i in range(self.count())]  # fmt: skip
        names = [(key, [name.casefold() for name in search.split("\n")])
                 for key, search in entries]  # fmt: skip
        exact = [key for key, known in names if text in (*known, str(key).casefold())]
        partial = [key for key, known in names if any(text in name for name in known)]
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
