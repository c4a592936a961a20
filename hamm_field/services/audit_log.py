"""The audit log as the coordination reads it: which family, who, when, which fields.

An entry names only a kind of record and its id. The family is found in SQL, so a
filter by family, worker or period narrows years of entries before any row is loaded:
a family's own record, the family column of its members, contacts and the like, the
subject of an erasure, the surviving family of a merge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import col

from hamm_field.domain.tables import (
    REPLICATED_TABLES,
    Household,
    HouseholdRedirect,
    Observation,
    Person,
    Worker,
)
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.domain.tables_privacy import Pseudonymisation, Restriction
from hamm_field.domain.tables_sync import Erasure
from hamm_field.domain.translit import search_key
from hamm_field.services.context import Context


@dataclass(frozen=True)
class AuditFilter:
    household_id: str | None = None
    family_query: str = ""  # any spelling of the family's or a member's name
    worker_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class AuditLine:
    """One entry; ``household_id`` is None when the record belongs to no family."""

    seq: int
    at: str
    worker_name: str
    action: str
    entity: str
    fields: tuple[str, ...]
    household_id: str | None
    family_name: str | None  # None: the family's record is no longer in this store
    family_erased: bool = False
    family_deleted: bool = False

    @property
    def can_open(self) -> bool:
        return bool(self.household_id) and self.family_name is not None and not (
            self.family_erased or self.family_deleted)


def _family_of():  # type: ignore[no-untyped-def]
    """SQL: the household an entry's record belongs to (NULL for none)."""
    entity, record = AuditEntry.entity, AuditEntry.record_id
    whens = [(entity == "household", record)]
    for table in (*REPLICATED_TABLES, Pseudonymisation, Restriction):
        if table is not Household and "household_id" in table.model_fields:
            owner = select(table.household_id).where(table.id == record).scalar_subquery()
            whens.append((entity == table.__tablename__, owner))
    merged_into = select(HouseholdRedirect.target_id).where(HouseholdRedirect.id == record)
    whens.append((entity == "household_redirect", merged_into.scalar_subquery()))
    person_family = (select(Person.household_id).where(Person.id == Erasure.subject_id)
                     .scalar_subquery())
    observed = (select(Observation.household_id).where(Observation.id == Erasure.subject_id)
                .scalar_subquery())
    subject = select(case((Erasure.subject_table == "household", Erasure.subject_id),
                          (Erasure.subject_table == "observation", observed),
                          else_=person_family)).where(Erasure.id == record)
    whens.append((entity == "erasure", subject.scalar_subquery()))
    return case(*whens, else_=None)


def _lines(flt: AuditFilter):  # type: ignore[no-untyped-def]
    """The filtered entries with their family id, as a subquery."""
    family = _family_of().label("household_id")
    statement = select(AuditEntry, family)
    if flt.worker_id:
        statement = statement.where(AuditEntry.worker_id == flt.worker_id)
    if flt.date_from:
        statement = statement.where(AuditEntry.at >= flt.date_from.isoformat())
    if flt.date_to:
        statement = statement.where(
            AuditEntry.at < (flt.date_to + dt.timedelta(days=1)).isoformat())
    lines = statement.subquery("lines")
    outer = select(lines)
    if flt.household_id:
        outer = outer.where(lines.c.household_id == flt.household_id)
    tokens = search_key(flt.family_query).split()
    if tokens:
        matching = select(Household.id).where(
            and_(*(col(Household.search_text).contains(token) for token in tokens)))
        outer = outer.where(lines.c.household_id.in_(matching))
    return outer.subquery("filtered")


class AuditLog:
    def __init__(self, context: Context) -> None:
        self.context = context

    def lines(self, flt: AuditFilter, *, offset: int = 0, limit: int = 500) -> list[AuditLine]:
        """The newest entries first; names of fields only, never their values."""
        rows = _lines(flt)
        statement = (
            select(rows, Worker.name, Household.family_name, Household.erased,
                   Household.deleted_hlc)
            .join(Worker, Worker.id == rows.c.worker_id, isouter=True)
            .join(Household, Household.id == rows.c.household_id, isouter=True)
            .order_by(rows.c.seq.desc()).offset(offset).limit(limit)
        )
        with self.context.store.read() as session:
            result = session.execute(statement).mappings().all()
        return [
            AuditLine(
                seq=row["seq"], at=row["at"], worker_name=row["name"] or "",
                action=row["action"], entity=row["entity"], fields=tuple(row["fields"] or ()),
                household_id=row["household_id"], family_name=row["family_name"],
                family_erased=bool(row["erased"]), family_deleted=row["deleted_hlc"] is not None,
            )
            for row in result
        ]

    def count(self, flt: AuditFilter) -> int:
        statement = select(func.count()).select_from(_lines(flt))
        with self.context.store.read() as session:
            return int(session.execute(statement).scalar_one())

    def workers(self) -> list[tuple[str, str]]:
        """Everyone who ever wrote an entry here, deactivated people too."""
        writers = select(AuditEntry.worker_id).distinct()
        statement = (select(Worker.id, Worker.name)
                     .where(or_(Worker.id.in_(writers), Worker.deleted_hlc.is_(None)))
                     .order_by(Worker.name))
        with self.context.store.read() as session:
            return [(worker_id, name) for worker_id, name in session.execute(statement)]
