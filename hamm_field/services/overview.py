"""Lists for the Heute and Kontakte screens, and the coordination's audit view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import col, select

from hamm_field.domain.tables import Consent, Contact, Household, StarterpaketHandout, Worker
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.services.audit_log import AuditLog
from hamm_field.services.context import Context
from hamm_field.services.kindeswohl import Kindeswohl, KindeswohlAlert
from hamm_field.store.search import restricted_ids


@dataclass(frozen=True)
class ContactFilter:
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    paket: int | None = None
    sozialraum: str | None = None
    worker_id: str | None = None
    household_id: str | None = None


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    family_name: str


@dataclass(frozen=True)
class QuietFamily:
    id: str
    family_name: str
    last_contact: dt.date | None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    worker_name: str
    action: str
    entity: str
    record_id: str
    fields: list[str]


def _contacts(flt: ContactFilter, hide_restricted: bool = False):  # type: ignore[no-untyped-def]
    """``hide_restricted``: a laptop lists no contact of a restricted family (Art. 18)."""
    statement = select(Contact, Household.family_name).join(
        Household, Household.id == Contact.household_id, isouter=True
    )
    statement = statement.where(Contact.deleted_hlc.is_(None))
    if hide_restricted:
        statement = statement.where(col(Contact.household_id).is_(None) | col(
            Contact.household_id).not_in(restricted_ids()))
    conditions = {
        "kind": Contact.kind, "paket": Contact.paket, "sozialraum": Contact.sozialraum,
        "worker_id": Contact.worker_id, "household_id": Contact.household_id,
    }
    for name, column in conditions.items():
        value = getattr(flt, name)
        if value is not None:
            statement = statement.where(column == value)
    if flt.date_from:
        statement = statement.where(Contact.date >= flt.date_from)
    if flt.date_to:
        statement = statement.where(Contact.date <= flt.date_to)
    return statement


class Overview:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.kindeswohl = Kindeswohl(context)
        self.audit_log = AuditLog(context)

    def kindeswohl_alerts(self) -> list[KindeswohlAlert]:
        """The coordination's unseen ``erheblich`` observations (none on a laptop)."""
        return self.kindeswohl.alerts()

    def mark_kindeswohl_seen(self, observation_id: str) -> None:
        self.kindeswohl.mark_seen(observation_id)

    def contacts(
        self, flt: ContactFilter, *, offset: int = 0, limit: int = 500
    ) -> list[ContactRow]:
        statement = _contacts(flt, not self.context.is_coordination).order_by(
            col(Contact.date).desc(), col(Contact.hlc).desc())
        with self.context.store.read() as session:
            rows = session.exec(statement.offset(offset).limit(limit)).all()
        return [ContactRow(contact, name or "") for contact, name in rows]

    def count_contacts(self, flt: ContactFilter) -> int:
        statement = _contacts(flt, not self.context.is_coordination).with_only_columns(
            func.count(Contact.id))
        with self.context.store.read() as session:
            return int(session.execute(statement).scalar_one())

    def my_week(self) -> list[ContactRow]:
        """My contacts since Monday of this week."""
        today = self.context.today()
        monday = today - dt.timedelta(days=today.weekday())
        flt = ContactFilter(date_from=monday, worker_id=self.context.worker_id)
        return self.contacts(flt)

    def quiet_families(self, weeks: int = 6) -> list[QuietFamily]:
        """My active families without any contact in the last ``weeks`` weeks, each with
        the day of its last contact (the list's point), ``None`` when there was none."""
        since = self.context.today() - dt.timedelta(weeks=weeks)
        last = (
            select(func.max(Contact.date))
            .where(Contact.household_id == Household.id, Contact.deleted_hlc.is_(None))
            .correlate(Household)
            .scalar_subquery()
        )
        statement = select(Household.id, Household.family_name, last).where(
            Household.worker_id == self.context.worker_id,
            Household.status == "aktiv",
            Household.deleted_hlc.is_(None),
            or_(last.is_(None), last < since),
            col(Household.id).not_in(restricted_ids()),  # Art. 18: nobody works with it
        )
        with self.context.store.read() as session:
            rows = session.exec(statement.order_by(Household.family_name).limit(500)).all()
        return [QuietFamily(id_, name, day) for id_, name, day in rows]

    def consent_state(self, household_id: str) -> str:
        """``keine``, ``erteilt`` or ``widerrufen`` (the newest consent decides)."""
        statement = (
            select(Consent)
            .where(Consent.household_id == household_id, Consent.deleted_hlc.is_(None))
            .order_by(col(Consent.given_on).desc())
        )
        with self.context.store.read() as session:
            newest = session.exec(statement).first()
        if newest is None:
            return "keine"
        return "widerrufen" if newest.withdrawn_on else "erteilt"

    def handouts(self, household_id: str) -> list[StarterpaketHandout]:
        statement = select(StarterpaketHandout).where(
            StarterpaketHandout.household_id == household_id,
            StarterpaketHandout.deleted_hlc.is_(None),
        )
        with self.context.store.read() as session:
            return list(session.exec(statement.order_by(StarterpaketHandout.date)))

    def audit(self, *, record_id: str | None = None, limit: int = 500) -> list[AuditRow]:
        """Who changed what and when; names of fields only, never values."""
        statement = select(AuditEntry, Worker.name).join(
            Worker, Worker.id == AuditEntry.worker_id, isouter=True
        )
        if record_id:
            statement = statement.where(AuditEntry.record_id == record_id)
        statement = statement.order_by(col(AuditEntry.seq).desc()).limit(limit)
        with self.context.store.read() as session:
            rows = session.exec(statement).all()
        return [
            AuditRow(e.seq or 0, e.at, name or "", e.action, e.entity, e.record_id, e.fields)
            for e, name in rows
        ]

    def workers(self) -> list[Worker]:
        return active_workers(self.context)


def active_workers(context: Context) -> list[Worker]:
    """Every worker not deleted, by name: the one query behind name lookups and the
    report's worker filter."""
    statement = select(Worker).where(col(Worker.deleted_hlc).is_(None)).order_by(Worker.name)
    with context.store.read() as session:
        return list(session.exec(statement))
