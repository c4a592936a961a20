"""The Kennzahlen engine: every figure of DOMAIN.md for one period and filter.

``compute`` runs its aggregates inside one read transaction (one snapshot of the store)
and turns their few result rows into a :class:`Kennzahlen`. The contact figures of whole
months come from the counts the store keeps (``kennzahlen_counts.py`` without filters
within two years, else ``kennzahlen_family.py``), those of other periods from the
contacts themselves (``kennzahlen_sql.py``, ``kennzahlen_parts.py``).

Definitions (tested in ``tests/reports/test_kennzahlen.py``):

- **Begleitungen**: contacts of kind Begleitung; **Begleitungsstunden**: their minutes / 60.
- **Kontakte**: every contact, of every kind (a Veranstaltung is one contact).
- **begleitete Familien**: distinct families with at least one contact in the period, of
  any kind. A family with three Begleitungen counts once; a Veranstaltung has no family.
- **neu aufgenommene Familien**: families whose first contact date (the family's recorded
  ``first_contact``, else its earliest contact) lies in the period.
- **Starterpakete**: handouts dated in the period, also by language edition.
- **Veranstaltungen / Teilnehmende**: Veranstaltung contacts and their summed participants.
- **Integrationsziele gesamt**: goals active during the period: agreed on or before its
  end and not closed before its start (closed: status ``erreicht`` or ``verworfen`` set
  on a day before the start); a goal discarded during or after the period counts.
  **erreicht**: goals whose status became ``erreicht`` within the period (status
  ``erreicht``, set on a day in the period). A status carries the day it was set
  (``goal.status_changed_on``), so a later status change leaves a past period as it was.
- **Kindeswohl-Hinweise**: observations dated in the period with the concern
  ``erheblich``; only their number ever leaves the store.
- Breakdowns ({kontakte, begleitungen, familien} per key): by the contact's Sozialraum,
  Integrationspaket, institution, language used and worker, by the family's Herkunftsland,
  and by month. The language is the one the contact was held in (DOMAIN.md records it per
  contact; a family has several home languages). Keys are master-data names, Pakete their
  German names, months ``YYYY-MM``; a value the record should have had and nobody
  entered is ``o. A.``, never 0; where the dimension does not apply the key is
  ``entfällt``: the Herkunftsland of a Veranstaltung (it has no family), the institution
  of a contact whose kind does not ask for one (only Begleitung, Vermittlung and
  Schriftstück do: a Hausbesuch without one is ``entfällt``, a Begleitung without one
  ``o. A.``; a recorded institution always counts under its name). Every
  breakdown's kontakte and begleitungen add up to the totals; its familien do not (a
  family met in March and in May counts in both months).
- Deleted records never count, nor anything of a deleted family; erased ones do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from hamm_field.domain.tables_report import NOT_APPLICABLE_KEY
from hamm_field.domain.vocab import PAKET_LABELS, MasterKind
from hamm_field.reports import kennzahlen_counts as counts
from hamm_field.reports import kennzahlen_family as family
from hamm_field.reports import kennzahlen_sql as q
from hamm_field.reports.kennzahlen_parts import (
    ContactFigures,
    Counts,
    contact_figures,
    default_parts,
    snapshot_connections,
)
from hamm_field.reports.model import (
    CONTACT_KINDS,
    NOT_APPLICABLE,
    NOT_REPORTED,
    Cell,
    Filters,
    Kennzahlen,
    Period,
)
from hamm_field.reports.periods import months_of

# Below this share of the store's contacts a period reads them through the date index;
# above it one scan of the table is cheaper than a random page read per contact (over a
# million contacts already for a month).
INDEX_SHARE = 0.03

Row = Sequence[Any]
NO_FILTERS = Filters()


def dbapi_connection(source: Any) -> Any:
    """The DB-API connection behind a SQLAlchemy session or connection (or itself)."""
    if hasattr(source, "connection") and callable(source.connection):
        source = source.connection()  # Session -> Connection, inside its transaction
    if hasattr(source, "connection") and hasattr(source.connection, "driver_connection"):
        return source.connection.driver_connection
    return source


def compute(
    source: Any, period: Period, filters: Filters = NO_FILTERS, *, app_version: str,
    now: dt.datetime | None = None, parts: int | None = None, kept_counts: bool = True,
) -> Kennzahlen:  # fmt: skip
    """Every figure for ``period`` and ``filters``, read in one transaction of ``source``
    (a SQLAlchemy session or connection, or a DB-API connection of the store) that has
    not read anything yet. The contact figures come from the kept counts where they can
    answer (unless ``kept_counts`` is false, as tests comparing both ask); else the
    contacts are counted in ``parts`` parts side by side (by default one per idle core)."""
    connection = dbapi_connection(source)
    cursor = connection.cursor()
    try:
        if kept_counts and family.months(period) is not None:
            return _Computation(cursor, period, filters).run(app_version, now, None)
        count = default_parts() if parts is None else parts
        with snapshot_connections(source, connection, count) as extras:
            return _Computation(cursor, period, filters).run(app_version, now, extras)
    finally:
        cursor.close()


class _Computation:
    def __init__(self, cursor: Any, period: Period, filters: Filters) -> None:
        self.cursor, self.period, self.filters = cursor, period, filters
        self.digest = hashlib.sha256()
        self.labels: dict[str, dict[str, tuple[str, int]]] = {}
        for kind, key, label, order in self._all(q.labels()):
            self.labels.setdefault(kind, {})[key] = (label, order)
        workers = self._all(q.workers())
        self.worker_names = {wid: name for _code, wid, name in workers}
        self.worker_codes = {code: name for code, _wid, name in workers}
        self.worker_rowids = {wid: code for code, wid, _name in workers}
        self.where = replace(filters, sozialraum=self._sozialraum_key(filters.sozialraum))

    def _sozialraum_key(self, name: str | None) -> str | None:
        """The filter names a Sozialraum by its master-data name or by its key."""
        known = self.labels.get(MasterKind.SOZIALRAUM, {})
        if name is None or name in known:
            return name
        return next((key for key, (label, _order) in known.items() if label == name), name)

    def _all(self, sql: q.Sql) -> list[Row]:
        return self.cursor.execute(sql.text, sql.params).fetchall()

    def _one(self, sql: q.Sql) -> Row:
        return self.cursor.execute(sql.text, sql.params).fetchone()

    def _digest(self, name: str, rows: Iterable[Row]) -> None:
        for row in rows:
            self.digest.update(f"{name}|{'|'.join(map(str, row))}\n".encode())

    def _contact_figures(self, extras: list[Any] | None) -> ContactFigures:
        """From the kept counts when ``extras`` is None and they can answer, else by
        counting the contacts (in parts, one per connection of ``extras``)."""
        if extras is None and counts.usable(self.cursor, self.period, self.filters):
            return counts.contact_figures(self.cursor, self.period, self.worker_rowids)
        if extras is None and family.usable(self.cursor, self.period):
            return family.contact_figures(self.cursor, self.period, self.where,
                                          self.worker_rowids)  # fmt: skip
        return contact_figures(self.cursor, extras or [], self.period, self.where,
                               use_date_index=self._index_pays())  # fmt: skip

    def run(
        self, app_version: str, now: dt.datetime | None, extras: list[Any] | None
    ) -> Kennzahlen:
        figures = self._contact_figures(extras)
        contacts, begleitungen, minutes, participants, *kinds = figures.headline
        nach_art = {"begleitung": begleitungen, **dict(zip(CONTACT_KINDS[1:], kinds, strict=True))}
        editions = self._all(q.handouts(self.period, self.where))
        achieved, goals, *goal_stamps = self._one(q.goals(self.period, self.where))
        concerns = self._one(q.concerns(self.period, self.where))
        new = self._one(q.new_families(self.period, self.where))
        self._digest("contact", [figures.digest])
        self._digest("handout", editions)
        self._digest("goal", [(achieved, goals, *goal_stamps)])
        self._digest("observation", [concerns])
        self._digest("household", [new])
        self._digest("names", self._all(q.names_digest()))
        return Kennzahlen(
            period=self.period,
            filters=self.filters,
            app_version=app_version,
            data_hash=self.digest.hexdigest(),
            generated_at=now or dt.datetime.now().replace(microsecond=0),
            begleitungen=nach_art["begleitung"],
            begleitungsstunden=minutes / 60,
            begleitete_familien=figures.families,
            neue_familien=int(new[0]),
            kontakte=contacts,
            kontakte_nach_art=nach_art,
            starterpakete=sum(int(row[1]) for row in editions),
            starterpakete_nach_ausgabe=self._editions(editions),
            veranstaltungen=nach_art["veranstaltung"],
            teilnehmende=participants,
            ziele_gesamt=int(goals),
            ziele_erreicht=int(achieved),
            kindeswohl_hinweise=int(concerns[0]),
            **self._breakdowns(figures.breakdowns),
            worker_name=self.worker_names.get(self.filters.worker_id or "", ""),
        )

    def _index_pays(self) -> bool:
        """True when the period covers only a small share of the contacts' date span."""
        first, last = self._one(q.date_span())
        if first is None:
            return True
        span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
        start = max(self.period.start, dt.date.fromisoformat(first))
        end = min(self.period.end, dt.date.fromisoformat(last))
        covered = max(0, (end - start).days + 1)
        return covered / span < INDEX_SHARE

    def _breakdowns(self, raw: dict[str, dict[Any, Counts]]) -> dict[str, dict[str, Cell]]:
        def rows(name: str) -> list[Row]:
            return [(key, *counts) for key, counts in raw.get(name, {}).items()]

        return {
            "nach_sozialraum": self._keyed(rows("nach_sozialraum"), MasterKind.SOZIALRAUM),
            "nach_integrationspaket": self._pakete(rows("nach_integrationspaket")),
            "nach_herkunftsland": self._keyed(rows("nach_herkunftsland"),
                                              MasterKind.HERKUNFTSLAND),
            "nach_sprache": self._keyed(rows("nach_sprache"), MasterKind.SPRACHE),
            "nach_institution": self._keyed(rows("nach_institution"), MasterKind.INSTITUTION),
            "nach_monat": self._months(rows("nach_monat")),
            "nach_mitarbeitenden": self._workers(rows("nach_mitarbeitenden")),
        }  # fmt: skip

    def _keyed(self, rows: list[Row], kind: str) -> dict[str, Cell]:
        """Master-data names in their order, then ``o. A.``, then ``entfällt``."""
        known = self.labels.get(kind, {})
        named = [(_label(known, key), row) for key, *row in rows]
        named.sort(key=lambda item: (item[0][1], item[0][0]))
        return _cells((label, row) for (label, _order), row in named)

    def _pakete(self, rows: list[Row]) -> dict[str, Cell]:
        ordered = sorted(rows, key=lambda row: (row[0] is None, row[0] or 0))
        return _cells((_paket_name(key), row) for key, *row in ordered)

    def _months(self, rows: list[Row]) -> dict[str, Cell]:
        cells = {month: Cell() for month in months_of(self.period)}
        cells.update(_cells((key, row) for key, *row in rows))
        return cells

    def _workers(self, rows: list[Row]) -> dict[str, Cell]:
        named = [(self.worker_codes.get(key, str(key)) if key is not None else None, row)
                 for key, *row in rows]  # fmt: skip
        named.sort(key=lambda item: (item[0] is None, (item[0] or "").casefold()))
        return _cells((name or NOT_REPORTED, row) for name, row in named)

    def _editions(self, rows: list[Row]) -> dict[str, int]:
        known = self.labels.get(MasterKind.STARTERPAKET_EDITION, {})
        ordered = sorted(rows, key=lambda row: known.get(row[0], (row[0], 1 << 30))[1])
        result: dict[str, int] = {}
        for key, count, *_stamps in ordered:
            label = known.get(key, (key,))[0] if key else NOT_REPORTED
            result[label] = result.get(label, 0) + int(count)
        return result


def _label(known: dict[str, tuple[str, int]], key: Any) -> tuple[str, int]:
    """A key's name and sort order: unknown keys after the known, then the two without."""
    if key in (None, ""):
        return NOT_REPORTED, 1 << 31
    if key == NOT_APPLICABLE_KEY:
        return NOT_APPLICABLE, 1 << 32
    return known.get(key, (key, 1 << 30))


def _paket_name(key: Any) -> str:
    if key in (None, ""):
        return NOT_REPORTED
    return PAKET_LABELS.get(int(key), str(key))


def _cells(items: Iterable[tuple[str, Row]]) -> dict[str, Cell]:
    """Cells by name; two keys with one name (a renamed master item) are added up."""
    cells: dict[str, Cell] = {}
    for name, (kontakte, begleitungen, familien) in items:
        before = cells.get(name, Cell())
        cells[name] = Cell(before.kontakte + int(kontakte), before.begleitungen
                           + int(begleitungen or 0), before.familien + int(familien))
    return cells
