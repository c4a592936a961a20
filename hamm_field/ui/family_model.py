"""What the family screens show: the Familien list model, and one family's file.

The Familien list is a lazily fetched Qt model that stays fluid with 100,000 families.

Only the rows scrolled into reach are held: pages of :data:`PAGE_SIZE` families come
from ``views.search_families`` in the background lane (a page over 100k families takes
30–300 ms on the reference machine, too slow for the GUI thread), and the view asks for
the next page through ``canFetchMore``/``fetchMore`` when it scrolls to the end.

Every new filter bumps a generation counter; a page or count that arrives for an older
generation is dropped, so a slow answer to "pet" never overwrites the one to "petrova".
Rows are kept as plain tuples of stored values; labels (Sozialraum, status, worker) are
looked up when shown, so a language switch needs no reload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import (
    Concern,
    FamilyStatus,
    GoalStatus,
    Insurance,
    MasterKind,
    Relation,
    SchoolAttendance,
    UStatus,
    WorkerRole,
    paket_label,
    phase_label,
)
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_day
from hamm_field.services.sharing import Colleague, FamilyPeople
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.context import UiContext

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = (N_("Familienname"), N_("Sozialraum"), N_("Pakete"), N_("Status"), N_("zuständig"),
           N_("geteilt mit"))
SHARED_COLUMN = 5

KINDS = {"contact": N_("Kontakt"), "handout": N_("Starterpaket"), "phase": N_("Fallphase"),
         "goal": N_("Integrationsziel"), "consent": N_("Einwilligung"),
         "observation": N_("Kindeswohl"), "change": N_("Änderung")}
OPEN_GOALS = (GoalStatus.OFFEN.value, GoalStatus.IN_ARBEIT.value)

Index = QModelIndex | QPersistentModelIndex
Rows = list[tuple[Any, list[str]]]


class FamilyRow(NamedTuple):
    id: str
    family_name: str
    sozialraum: str
    pakete: tuple[int, ...]
    status: str
    worker_id: str | None
    shared: tuple[str, ...]  # names of the colleagues the family is shared with


def _page(ui: UiContext, flt: FamilyFilter, offset: int) -> list[FamilyRow]:
    """Runs in the background: one page, reduced to what the list shows."""
    families = ui.services.views.search_families(flt, offset=offset, limit=PAGE_SIZE)
    people = ui.services.sharing.people_of_many(f.id for f in families)
    none = FamilyPeople(None, ())
    return [
        FamilyRow(f.id, f.family_name, f.sozialraum, tuple(f.pakete or ()), f.status, f.worker_id,
                  tuple(c.name for c in people.get(f.id, none).shared))
        for f in families
    ]


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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SHARED_COLUMN and row.shared:
            return _("Geteilt mit: {names}").format(names=", ".join(row.shared))
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

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self._relabel()

    def _relabel(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


@dataclass(frozen=True)
class FamilyFile:
    """Everything the detail screen shows of one family, read together.

    ``case_work``: the working user does case management (Sozialbetreuer, coordination)
    and sees phase and goals. ``observing``: the Kindeswohl section is shown, to the
    coordination, the family's responsible worker and authors of observations here;
    ``observations`` holds only those the user may see (the service filters them).
    ``people``: who is responsible and with whom the family is shared; ``colleagues``: whom
    it could go to (on a laptop only those its return packages brought).
    """

    household: Any
    persons: list[Any]
    consent_state: str
    consents: list[Any]
    handouts: list[Any]
    phases: list[Any]
    goals: list[Any]
    observations: list[Any]
    timeline: list[Any]
    workers: dict[str, str]
    master: MasterIndex
    case_work: bool
    observing: bool
    people: FamilyPeople
    colleagues: list[Colleague]
    coordination: bool

    def name_of(self, person_id: str | None) -> str:
        return next((f"{p.given_name} {p.family_name}" for p in self.persons
                     if p.id == person_id), "")

    # As shown: plain texts in the current language, rows as (id, cells) -----------

    def facts(self) -> tuple[str, ...]:
        """Sozialraum, Herkunftsland, Sprachen, Status, zuständig, Pakete, Starterpaket,
        Einwilligung."""
        h, master = self.household, self.master
        handout = self.handouts[-1] if self.handouts else None
        return (
            master.label(MasterKind.SOZIALRAUM, h.sozialraum),
            master.label(MasterKind.HERKUNFTSLAND, h.herkunftsland),
            ", ".join(master.label(MasterKind.SPRACHE, k) for k in h.languages or []) or "–",
            _label(FamilyStatus, h.status), self.workers.get(h.worker_id or "", "–"),
            ", ".join(f"{n} {paket_label(n)}" for n in h.pakete or []) or "–",
            _("übergeben am {date} ({edition})").format(
                date=format_day(handout.date),
                edition=master.label(MasterKind.STARTERPAKET_EDITION, handout.edition))
            if handout else _("noch nicht übergeben"),
            self._consent_fact(),
        )

    def _consent_fact(self) -> str:
        newest = self.consents[0] if self.consents else None
        if newest is None or self.consent_state == "keine":
            return _("keine")
        if self.consent_state == "widerrufen":
            return _("widerrufen am {date}").format(date=format_day(newest.withdrawn_on))
        return _("erteilt am {date}").format(date=format_day(newest.given_on))

    def warning(self) -> str:
        """What must not be missed about consent ("" when all is well)."""
        if self.consent_state == "keine":
            return _("Keine Einwilligung erfasst – Familie nur unter Pseudonym führen.")
        if self.consent_state == "widerrufen":
            return _("Einwilligung widerrufen – Familie nur unter Pseudonym führen.")
        return ""

    def phase_text(self) -> str:
        if not self.phases:
            return _("Noch keine Fallphase.")
        current = self.phases[-1]
        return _("Aktuelle Phase: {number} – {name}, seit {date}").format(
            number=current.phase, name=phase_label(current.phase),
            date=format_day(current.started_on))

    def member_rows(self) -> Rows:
        return [(p.id, [f"{p.given_name} {p.family_name}", _label(Relation, p.relation),
                        str(p.birth_year or ""), p.school or "", p.school_class or "",
                        _label(Insurance, p.insurance)]) for p in self.persons]

    def goal_rows(self) -> Rows:
        """Ziel, Handlungsfeld, Überprüfung, Status (the target date is in the form)."""
        return [(g.id, [g.text, self.master.label(MasterKind.HANDLUNGSFELD, g.handlungsfeld),
                        format_day(g.review_date), _label(GoalStatus, g.status)])
                for g in self.goals]

    def due_reviews(self, today: dt.date) -> list[int]:
        """Rows of open goals whose review (Überprüfung) is due."""
        return [row for row, g in enumerate(self.goals) if g.review_date
                and g.review_date <= today and g.status in OPEN_GOALS]

    def observation_rows(self) -> Rows:
        return [(o.id, [format_day(o.date), self.name_of(o.person_id),
                        _label(SchoolAttendance, o.school_attendance),
                        _label(UStatus, o.u_status), _label(Concern, o.concern)])
                for o in self.observations]

    def consent_rows(self) -> Rows:
        def scope(c: Any) -> str:
            return ", ".join(text for text, on in ((_("Dokumentation"), c.scope_documentation),
                                                  (_("Weitergabe"), c.scope_sharing)) if on)

        return [(c.id, [format_day(c.given_on), self.name_of(c.person_id), scope(c),
                        self.master.label(MasterKind.SPRACHE, c.form_language),
                        format_day(c.withdrawn_on)]) for c in self.consents]

    def timeline_rows(self) -> Rows:
        """Newest first; the id is (kind, record id) so a double click knows what to open."""
        return [((e.kind, e.record_id), [format_day(e.date), _(KINDS.get(e.kind, e.kind)),
                                         self.workers.get(e.worker_id or "", ""), e.title])
                for e in self.timeline]


def load_family(ui: UiContext, household_id: str) -> FamilyFile:
    """Background: read one family with all it shows."""
    s, ctx = ui.services, ui.services.context
    household = s.families.get(household_id)
    observations = s.views.observations(household_id)
    worker = ctx.worker
    case_work = bool(worker and worker.role in (WorkerRole.SOZIALBETREUER,
                                                WorkerRole.KOORDINATION))
    observing = ctx.is_coordination or household.worker_id == ctx.worker_id or bool(observations)
    return FamilyFile(
        household, s.views.persons(household_id), s.overview.consent_state(household_id),
        s.views.consents(household_id), s.overview.handouts(household_id),
        s.views.phases(household_id), s.views.goals(household_id), observations,
        s.views.timeline(household_id), {w.id: w.name for w in s.overview.workers()},
        ctx.master, case_work, observing, s.sharing.people_of(household_id),
        s.sharing.colleagues(), ctx.is_coordination)


def _label(kind: Any, value: str | None) -> str:
    """The label of a stored enum value; an unknown value (newer version) as it is."""
    if not value:
        return ""
    try:
        return kind(value).label
    except ValueError:
        return value
