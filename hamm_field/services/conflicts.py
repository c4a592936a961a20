"""The coordination's review of concurrent edits: what lost, against what, who, when.

The queue (``sync_conflict``) is the raw log of the imports; ``open_conflicts`` of the
merge reduces it to what to review now, and the entries reviewed are left out. Both
choices mark the entry reviewed for good: its id is derived from the losing stamp, and
the import inserts with INSERT OR IGNORE, so importing the same package again does not
bring it back. Taking the other value is a new edit with the central clock (newer than
every write the store has seen, the rule of ``merge.resolve``), so it wins everywhere
and reaches the laptops with their next return package.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Session, col, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.hlc import millis_of
from hamm_field.domain.tables import Device, Household, Person, Worker
from hamm_field.domain.tables_base import Replicated
from hamm_field.domain.tables_sync import SyncConflict
from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import N_, gettext
from hamm_field.services.conflict_labels import (
    PERSON_REFS,
    Names,
    field_label,
    record_label,
    value_text,
)
from hamm_field.services.context import Context
from hamm_field.services.families import Families, Persons
from hamm_field.services.family_guard import refuse_restricted
from hamm_field.services.sync import CentralOnly, Sync
from hamm_field.store import sync_rows
from hamm_field.store.versioning import field_stamp
from hamm_field.sync.apply import queue_id
from hamm_field.sync.merge import Conflict, Stamp, open_conflicts

RESTRICTED = frozenset({"observation"})  # Kindeswohl: for the coordination's eyes only
DERIVED = {"household": Families, "person": Persons}  # keep search text and Latin names


class ConflictGone(UserError):
    message = N_("Diese Änderung ist schon geprüft, oder der Eintrag wurde inzwischen gelöscht.")


@dataclass(frozen=True)
class Side:
    """One value of a field, and whose write it was."""

    value: str
    who: str
    when: dt.datetime  # local time


@dataclass(frozen=True)
class ConflictView:
    id: str
    entity: str
    record_id: str
    household_id: str | None
    record: str
    field: str
    field_label: str
    current: Side  # the value the store holds now
    other: Side  # the edit that lost


@dataclass(frozen=True)
class _Open:
    entry: SyncConflict
    conflict: Conflict
    row: dict[str, Any]


def moment(hlc: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(millis_of(hlc) / 1000, dt.UTC).astimezone()


class Conflicts:
    def __init__(self, context: Context) -> None:
        self.context = context

    def open(self) -> list[ConflictView]:
        """What the coordination still has to look at, newest edit first."""
        self._require()
        with self.context.store.read() as session:
            found = self._open(session)
            names = self._names(session, found)
            devices = self._devices(session)
        return [self._view(item, names, devices) for item in found]

    def count(self) -> int:
        self._require()
        with self.context.store.read() as session:
            return len(self._open(session))

    def keep_current(self, conflict_id: str) -> None:
        self._require()
        with self.context.store.write() as writer:
            item = self._find(writer.session, conflict_id)
            item.entry.resolved = True
            writer.session.add(item.entry)

    def take_other(self, conflict_id: str) -> None:
        """Write the losing value again, as a new edit of the coordination."""
        self._require()
        with self.context.store.write() as writer:
            session = writer.session
            item = self._find(session, conflict_id)
            entity, conflict = item.entry.entity, item.conflict
            model = sync_rows.BY_NAME[entity]
            record = session.get(model, conflict.record_id)
            if record is None:
                raise ConflictGone()
            value = self._python(model, conflict.field, conflict.loser_value)
            refuse_restricted(session, entity, {}, record)  # Art. 18: not edited, not even so
            writer.update(record, {conflict.field: value})
            if entity in DERIVED:
                DERIVED[entity](self.context).after_write(writer, record)  # type: ignore[arg-type]
            item.entry.resolved = True
            session.add(item.entry)
            self._replaced(session, entity, conflict, field_stamp(record, conflict.field))
        if entity == "master_item":
            self.context.master_changed()

    # Reading the queue ----------------------------------------------------------

    def _require(self) -> None:
        if Sync(self.context).role() != DeviceRole.CENTRAL.value:
            raise CentralOnly()

    def _open(self, session: Session) -> list[_Open]:
        """The reduction over the whole log (reviewed entries too), minus the reviewed."""
        entries = session.exec(select(SyncConflict)).all()
        by_entity: dict[str, list[SyncConflict]] = defaultdict(list)
        for entry in entries:
            model = sync_rows.BY_NAME.get(entry.entity)
            if model is None or entry.field not in model.data_fields():
                continue
            if entry.entity in RESTRICTED and not self.context.is_coordination:
                continue
            by_entity[entry.entity].append(entry)
        found: list[_Open] = []
        for entity, rows in sorted(by_entity.items()):
            current = sync_rows.load(session.connection(), entity,
                                     sorted({r.record_id for r in rows}))  # fmt: skip
            keyed = {(r.record_id, r.field, (r.loser_hlc, r.loser_device)): r for r in rows}
            raw = [Conflict(r.record_id, r.field, r.winner_value, (r.winner_hlc,
                            r.winner_device), r.loser_value, (r.loser_hlc, r.loser_device))
                   for r in rows]  # fmt: skip
            for conflict in open_conflicts(raw, current):
                entry = keyed[(conflict.record_id, conflict.field, conflict.loser_stamp)]
                if not entry.resolved:
                    found.append(_Open(entry, conflict, current[conflict.record_id]))
        found.sort(key=lambda item: item.conflict.loser_stamp, reverse=True)
        return found

    def _find(self, session: Session, conflict_id: str) -> _Open:
        for item in self._open(session):
            if item.entry.id == conflict_id:
                return item
        raise ConflictGone()

    def _replaced(self, session: Session, entity: str, conflict: Conflict, now: Stamp) -> None:
        """The value just replaced was seen too: its write must not come back as a conflict
        when its laptop sends it again before its return package arrives."""
        key = queue_id(entity, conflict.record_id, conflict.field, conflict.winner_stamp)
        entry = session.get(SyncConflict, key) or SyncConflict(
            id=key, entity=entity, record_id=conflict.record_id, field=conflict.field,
            winner_value=conflict.loser_value, winner_hlc=now[0], winner_device=now[1],
            loser_value=conflict.winner_value, loser_hlc=conflict.winner_stamp[0],
            loser_device=conflict.winner_stamp[1])  # fmt: skip
        entry.resolved = True
        session.add(entry)

    # Presenting it --------------------------------------------------------------

    def _view(self, item: _Open, names: Names, devices: dict[str, str]) -> ConflictView:
        entity, conflict = item.entry.entity, item.conflict
        model = sync_rows.BY_NAME[entity]
        row = {name: self._python(model, name, item.row.get(name))
               for name in model.data_fields()}  # fmt: skip
        master = self.context.master

        def side(value: Any, stamp: Stamp) -> Side:
            text = value_text(entity, conflict.field, self._python(model, conflict.field, value),
                              master, names)  # fmt: skip
            who = devices.get(stamp[1]) or gettext("unbekanntes Gerät")
            return Side(text, who, moment(stamp[0]))

        household = item.row["id"] if entity == "household" else row.get("household_id")
        return ConflictView(
            id=item.entry.id, entity=entity, record_id=conflict.record_id,
            household_id=household, record=record_label(entity, row, names),
            field=conflict.field, field_label=field_label(entity, conflict.field),
            current=side(conflict.winner_value, conflict.winner_stamp),
            other=side(conflict.loser_value, conflict.loser_stamp),
        )  # fmt: skip

    def _python(self, model: type[Replicated], name: str, raw: Any) -> Any:
        """A value as SQLite holds it (ISO date, JSON text, 0/1) as the ORM would read it."""
        column = model.__table__.c[name]  # type: ignore[attr-defined]
        if raw is None or (isinstance(column.type, JSON) and not isinstance(raw, str)):
            return raw
        dialect = self.context.store.engine.dialect
        process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        return process(raw) if process else raw

    @staticmethod
    def _names(session: Session, found: list[_Open]) -> Names:
        families: set[str] = set()
        persons: set[str] = set()
        for item in found:
            row, conflict = item.row, item.conflict
            families.update(v for v in (row.get("household_id"), row["id"]) if v)
            persons.update(row.get(name) for name in PERSON_REFS if row.get(name))
            if conflict.field in PERSON_REFS:
                persons.update(v for v in (conflict.winner_value, conflict.loser_value) if v)
        names = Names(workers=dict(session.exec(select(Worker.id, Worker.name)).all()))
        names.families = dict(session.exec(select(Household.id, Household.family_name).where(
            col(Household.id).in_(families))).all())  # fmt: skip
        for person in session.exec(select(Person).where(col(Person.id).in_(persons))):
            names.persons[person.id] = f"{person.given_name} {person.family_name}".strip()
        return names

    @staticmethod
    def _devices(session: Session) -> dict[str, str]:
        """Who wrote on a device: its worker, else the device's own name."""
        rows = session.exec(select(Device.id, Device.name, Worker.name).join(
            Worker, col(Worker.id) == Device.worker_id, isouter=True)).all()  # fmt: skip
        return {device: worker or name for device, name, worker in rows}
