"""An unlocked store and its unit of work.

Every write goes through :class:`Writer`, inside one transaction: it stamps the
record with the hybrid clock and the device id (per field), appends an audit entry,
and persists the clock, so either all of it is stored or nothing is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from hamm_field.domain.hlc import HybridClock
from hamm_field.domain.tables_base import Replicated
from hamm_field.store import audit, report_counts, state
from hamm_field.store.paths import StorePaths
from hamm_field.store.versioning import changed_fields, stamp_fields, stamp_insert

R = TypeVar("R", bound=Replicated)

CLOCK_KEY = "hlc_last"


@dataclass
class Writer:
    """Stamped, audited writes inside one open transaction."""

    session: Session
    clock: HybridClock
    device_id: str
    worker_id: str | None

    def insert(self, record: R) -> R:
        hlc = self.clock.now()
        stamp_insert(record, hlc, self.device_id)
        self.session.add(record)
        self._audit(hlc, "create", record, record.data_fields())
        return record

    def update(
        self, record: R, changes: dict[str, Any], together: Iterable[frozenset[str]] = ()
    ) -> list[str]:
        """Apply the changes that differ; returns the names of the fields stamped.

        A field of a ``together`` group is stamped whenever another of its group changes,
        so a merge picks the whole group from one write (see ``services/work.Goals``).
        """
        fields = changed_fields(record, changes)
        if not fields:
            return []
        for group in together:
            if group.intersection(fields):
                fields += sorted(group.difference(fields))
        for name in fields:
            setattr(record, name, changes.get(name, getattr(record, name)))
        hlc = self.clock.now()
        stamp_fields(record, fields, hlc, self.device_id)
        self.session.add(record)
        self._audit(hlc, "update", record, fields)
        return fields

    def delete(self, record: Replicated) -> None:
        """A tombstone: the row stays so the deletion can travel and win."""
        if record.deleted_hlc is None:
            self._set_tombstone(record, "delete", deleted=True)

    def restore(self, record: Replicated) -> None:
        """Undo a delete (offered for seconds after it).

        The tombstone has not left this laptop then; once packages travel, an exported
        tombstone must stay, as deletes always win a merge.
        """
        if record.deleted_hlc is not None:
            self._set_tombstone(record, "restore", deleted=False)

    def _set_tombstone(self, record: Replicated, action: str, *, deleted: bool) -> None:
        hlc = self.clock.now()
        record.deleted_hlc = hlc if deleted else None
        record.hlc = hlc
        record.device_id = self.device_id
        self.session.add(record)
        self._audit(hlc, action, record, [])

    def _audit(self, hlc: int, action: str, record: Replicated, fields: list[str]) -> None:
        audit.append(
            self.session,
            hlc=hlc,
            device_id=self.device_id,
            worker_id=self.worker_id,
            action=action,
            entity=type(record).__tablename__,
            record_id=record.id,
            fields=fields,
        )


class Store:
    """An open, unlocked store: the engine plus who is writing from which device."""

    def __init__(
        self, engine: Engine, paths: StorePaths, data_key: bytes, worker_id: str | None
    ) -> None:
        self.engine = engine
        self.data_key = data_key  # kept for re-wrapping under a new password
        self.paths = paths
        self.worker_id = worker_id
        with self.read() as session:
            self.device_id = state.get(session, "device_id") or ""
            self.owner_id = state.get(session, "worker_id")
            self.clock = HybridClock(last=int(state.get(session, CLOCK_KEY) or 0))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction; commits on success, rolls back (and keeps the clock) on error.

        The Kennzahlen counts are brought up to date in the same transaction."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                writer = Writer(session, self.clock, self.device_id, self.worker_id)
                yield writer
                state.put(session, CLOCK_KEY, str(self.clock.last))
                session.flush()
                report_counts.fold(session.connection())
                session.commit()
            except BaseException:
                # The clock stays advanced: stamps only ever grow, even unused ones.
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
