"""The Familien list model (one family's file: ``ui/family_file.py``).

The Familien list is a lazily fetched Qt model that stays fluid with 100,000 families.

Only the rows scrolled into reach are held: pages of :data:`PAGE_SIZE` families come
from ``views.find_families`` in the background lane (a page over 100k families takes
30–300 ms on the reference machine, too slow for the GUI thread), and the view asks for
the next page through ``canFetchMore``/``fetchMore`` when it scrolls to the end.

Every new filter bumps a generation counter; a page or count that arrives for an older
generation is dropped, so a slow answer to "pet" never overwrites the one to "petrova".
Rows are kept as plain tuples of stored values; labels (Sozialraum, status, worker) are
looked up when shown, so a language switch needs no reload. Name and Sozialraum carry a
second line (``DETAIL_ROLE``: members, street) that tells namesakes apart.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import (
    FamilyStatus,
    MasterKind,
)
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.services.sharing import FamilyPeople
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.context import UiContext
from hamm_field.ui.family_file import label_of as _label
from hamm_field.ui.family_hint import DETAIL_ROLE, marks_text, members_text, street

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = (N_("Familienname"), N_("Sozialraum"), N_("Pakete"), N_("Status"), N_("Zuständig"),
           N_("Geteilt mit"))
SHARED_COLUMN = 5
STATUS_COLUMN = 3

Index = QModelIndex | QPersistentModelIndex


class FamilyRow(NamedTuple):
    id: str
    family_name: str
    sozialraum: str
    pakete: tuple[int, ...]
    status: str
    worker_id: str | None
    shared: tuple[str, ...]  # names of the colleagues the family is shared with
    exact: bool = False  # the family name is what was searched for
    given_names: tuple[str, ...] = ()  # of the first members: tells namesakes apart
    member_count: int = 0
    street: str = ""
    marks: frozenset[str] = frozenset()  # consent withdrawn, restricted (services/privacy.py)


def _page(ui: UiContext, flt: FamilyFilter, offset: int) -> list[FamilyRow]:
    """Runs in the background: one page, reduced to what the list shows."""
    hits = ui.services.views.find_families(flt, offset=offset, limit=PAGE_SIZE)
    people = ui.services.sharing.people_of_many(hit.household.id for hit in hits)
    marks = ui.services.privacy.marks([hit.household.id for hit in hits])
    none = FamilyPeople(None, ())
    rows = []
    for hit in hits:
        f = hit.household
        rows.append(FamilyRow(
            f.id, f.family_name, f.sozialraum, tuple(f.pakete or ()), f.status, f.worker_id,
            tuple(c.name for c in people.get(f.id, none).shared), hit.rank == 0,
            hit.given_names, hit.member_count, street(f.address),
            marks.get(f.id, frozenset())))
    return rows


class FamilyListModel(QAbstractTableModel):
    """Families matching one :class:`FamilyFilter`, fetched page by page.

    ``total_changed`` carries the number of matches (``-1`` while it is being counted);
    ``failed`` carries an error of the background reads, for the page to show.
    """

    total_changed = Signal(int)
    page_loaded = Signal()
    failed = Signal(object)

    def __init__(self, ui: UiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.filter = FamilyFilter()
        self.generation = 0
        self.total: int | None = None
        self._rows: list[FamilyRow] = []
        self._loading = False
        self._exhausted = False
        self._master = MasterIndex()
        self._workers: dict[str, str] = {}

    # Filter and loading -----------------------------------------------------------

    def set_lookups(self, master: MasterIndex, workers: dict[str, str]) -> None:
        """Master data and worker names, loaded once by the page."""
        self._master, self._workers = master, workers
        self._relabel()

    def set_filter(self, flt: FamilyFilter) -> None:
        """Start over with a new filter: forget all rows, count and fetch the first page."""
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.generation += 1
        self._rows = []
        self.total = None
        self._loading = False
        self._exhausted = False
        self.endResetModel()
        self.total_changed.emit(-1)
        generation, flt = self.generation, self.filter
        self.fetchMore(QModelIndex())
        self.ui.submit(
            self.ui.services.views.count_families, flt,
            on_success=lambda total: self._counted(generation, total),
            on_error=lambda error: self._failed(generation, error),
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or self._loading or self._exhausted:
            return False
        return self.total is None or len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, offset = self.generation, len(self._rows)
        self.ui.submit(
            _page, self.ui, self.filter, offset,
            on_success=lambda rows: self._arrived(generation, offset, rows),
            on_error=lambda error: self._failed(generation, error),
        )

    @property
    def loading(self) -> bool:
        return self._loading

    def _arrived(self, generation: int, offset: int, rows: list[FamilyRow]) -> None:
        if generation != self.generation or offset != len(self._rows):
            return  # an answer to an older query
        self._loading = False
        if len(rows) < PAGE_SIZE:
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self.generation:
            self.total = total
            self.total_changed.emit(total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._loading = False
            self._exhausted = True
            self.failed.emit(error)

    # What the view shows ----------------------------------------------------------

    def household_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def decisive_first(self) -> bool:
        """Whether the first row is surely the family meant: the only match, or the only
        one named exactly as searched (not one of several namesakes or a member's match)."""
        if self.total == 1 or (self._exhausted and len(self._rows) == 1):
            return True
        exact = [row for row in self._rows[:2] if row.exact]
        return len(exact) == 1 and self._rows[0].exact

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == DETAIL_ROLE:
            return self._detail(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            cell, detail = self._cell(row, index.column()), self._detail(row, index.column())
            return f"{cell}, {detail}" if detail else cell
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SHARED_COLUMN and row.shared:
            return _("Geteilt mit: {names}").format(names=", ".join(row.shared))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS_COLUMN and row.marks:
            return marks_text(row.marks)  # the narrow column may cut the second line
        return None

    def _cell(self, row: FamilyRow, column: int) -> str:
        if column == 0:
            return row.family_name
        if column == 1:
            return self._master.label(MasterKind.SOZIALRAUM, row.sozialraum)
        if column == 2:
            return ", ".join(str(p) for p in row.pakete)
        if column == 3:
            return _label(FamilyStatus, row.status)
        if column == SHARED_COLUMN:
            return ", ".join(row.shared)
        return self._workers.get(row.worker_id or "", "")

    @staticmethod
    def _detail(row: FamilyRow, column: int) -> str:
        """The second line: members under the name, the street under the Sozialraum,
        a withdrawn consent or a restriction under the status."""
        if column == 0:
            return members_text(row.given_names, row.member_count)
        if column == STATUS_COLUMN:
            return marks_text(row.marks)
        return row.street if column == 1 else ""

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self._relabel()

    def _relabel(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
