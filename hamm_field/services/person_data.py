"""The Art. 15 report: gather everything stored about a family or one person, render it.

Deleted records are included and marked: a tombstone keeps its values until an
erasure, so they are still stored. Erased rows hold no values any more and are left
out. Kindeswohl observations are included as far as the working user may see them
(author or coordination); the document says when it is not the complete answer,
which only the coordination's central store can give.

A person report holds the person, the family record, the family's contacts, handouts
and phases (they are about the whole family), and only those consents, goals and
observations that name this person or the whole family, never another member's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from hamm_field import __version__
from hamm_field.domain.tables import (
    CasePhase,
    Consent,
    Contact,
    Goal,
    Household,
    Observation,
    Person,
    StarterpaketHandout,
    Worker,
)
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.domain.tables_privacy import Pseudonymisation, Restriction
from hamm_field.domain.vocab import DeviceRole, MasterKind
from hamm_field.reports.person_data import render_person_data
from hamm_field.reports.person_data_json import render_person_data_json
from hamm_field.reports.person_data_model import (
    AuditRecord,
    ConsentRecord,
    ContactRecord,
    FamilyRecord,
    GoalRecord,
    HandoutRecord,
    MemberRecord,
    ObservationRecord,
    PersonData,
    PhaseRecord,
    RestrictionRecord,
)
from hamm_field.services.context import Context
from hamm_field.services.records import RecordNotFound
from hamm_field.store import state
from hamm_field.store.files import atomic_write_bytes

SECOND_LANGUAGES = ("bg", "ro", "tr")
"""Home languages the program speaks; any other family gets the English part."""


def second_language(languages: list[str]) -> str:
    """The family's first home language the program speaks, else English."""
    return next((code for code in languages if code in SECOND_LANGUAGES), "en")


def _kept(table):  # type: ignore[no-untyped-def]
    return col(table.erased).is_(False)


class _Reader:
    """Reads one family inside one session and turns rows into report records."""

    def __init__(self, context: Context, session: Session, person_id: str | None) -> None:
        self.context, self.session, self.person_id = context, session, person_id
        self.master = context.master
        self.workers = {w.id: w.name for w in session.exec(select(Worker))}
        self.names: dict[str, str] = {}
        self.ids: set[str] = set()

    def label(self, kind: MasterKind, key: str | None) -> str:
        """As stored: the report prints it in each of its two languages."""
        return self.master.name(kind, key) if key else ""

    def worker(self, worker_id: str | None) -> str:
        return self.workers.get(worker_id or "", "")

    def rows(self, table: Any, household_id: str, *order: Any) -> list[Any]:
        statement = select(table).where(table.household_id == household_id, _kept(table))
        found = list(self.session.exec(statement.order_by(*order)))
        self.ids.update(row.id for row in found)
        return found

    def about_subject(self, rows: list[Any]) -> list[Any]:
        """For a person report: only rows naming this person or nobody in particular."""
        if self.person_id is None:
            return rows
        kept = [row for row in rows if row.person_id in (None, self.person_id)]
        self.ids.difference_update({row.id for row in rows} - {row.id for row in kept})
        return kept

    def family(self, household: Household) -> FamilyRecord:
        self.ids.add(household.id)
        return FamilyRecord(
            family_name=household.family_name, pseudonym=household.pseudonym,
            sozialraum=self.label(MasterKind.SOZIALRAUM, household.sozialraum),
            address=household.address,
            herkunftsland=self.label(MasterKind.HERKUNFTSLAND, household.herkunftsland),
            languages=tuple(self.label(MasterKind.SPRACHE, k) for k in household.languages),
            pakete=tuple(household.pakete), status=household.status,
            worker=self.worker(household.worker_id), referral=household.referral,
            first_contact=household.first_contact,
        )  # fmt: skip

    def members(self, household_id: str) -> list[MemberRecord]:
        people = self.rows(Person, household_id, Person.relation != "elternteil",
                           Person.birth_year, Person.id)  # fmt: skip
        self.names = {p.id: f"{p.given_name} {p.family_name}".strip() for p in people}
        if self.person_id is not None:
            self.ids.difference_update(p.id for p in people if p.id != self.person_id)
            people = [p for p in people if p.id == self.person_id]
        return [
            MemberRecord(
                given_name=p.given_name, family_name=p.family_name, name_latin=p.name_latin,
                birth_year=p.birth_year, birth_date=p.birth_date, relation=p.relation,
                school=p.school, school_class=p.school_class, insurance=p.insurance,
                deleted=p.is_deleted,
            )
            for p in people
        ]  # fmt: skip

    def consents(self, household_id: str) -> list[ConsentRecord]:
        rows = self.about_subject(self.rows(Consent, household_id, Consent.given_on))
        return [
            ConsentRecord(
                given_on=c.given_on,
                person=self.names.get(c.person_id or "", "") or c.guardian_name or "",
                scope_documentation=c.scope_documentation, scope_sharing=c.scope_sharing,
                form_language=self.label(MasterKind.SPRACHE, c.form_language),
                withdrawn_on=c.withdrawn_on, deleted=c.is_deleted,
                withdrawn_sharing=c.withdrawn_sharing,
                withdrawn_documentation=c.withdrawn_documentation,
            )
            for c in rows
        ]  # fmt: skip

    def pseudonymised_on(self, household_id: str) -> dt.date | None:
        return self.session.exec(select(Pseudonymisation.issued_on).where(
            Pseudonymisation.household_id == household_id).order_by(
            Pseudonymisation.issued_on)).first()

    def restrictions(self, household_id: str) -> list[RestrictionRecord]:
        """Every restriction, lifted ones too: the family learns it was restricted."""
        rows = self.session.exec(select(Restriction).where(
            Restriction.household_id == household_id, col(Restriction.deleted_hlc).is_(None)
        ).order_by(Restriction.since, Restriction.id))
        return [RestrictionRecord(since=r.since, reason=r.reason, lifted_on=r.lifted_on,
                                  lift_reason=r.lift_reason) for r in rows]

    def contacts(self, household_id: str) -> list[ContactRecord]:
        rows = self.rows(Contact, household_id, Contact.date, Contact.hlc)
        return [
            ContactRecord(
                date=c.date, kind=c.kind, duration_min=c.duration_min,
                worker=self.worker(c.worker_id), paket=c.paket,
                topics=tuple(self.label(MasterKind.THEMA, t) for t in c.topics),
                institution=self.label(MasterKind.INSTITUTION, c.institution),
                sozialraum=self.label(MasterKind.SOZIALRAUM, c.sozialraum),
                place=self.label(MasterKind.SPRECHSTUNDEN_ORT, c.place),
                language=self.label(MasterKind.SPRACHE, c.language), outcome=c.outcome,
                follow_up=c.follow_up, note=c.note, title=c.title, deleted=c.is_deleted,
            )
            for c in rows
        ]  # fmt: skip

    def handouts(self, household_id: str) -> list[HandoutRecord]:
        rows = self.rows(StarterpaketHandout, household_id, StarterpaketHandout.date)
        return [
            HandoutRecord(
                date=h.date, edition=self.label(MasterKind.STARTERPAKET_EDITION, h.edition),
                items=tuple(self.label(MasterKind.STARTERPAKET_ITEM, i) for i in h.items),
                recipient=self.names.get(h.recipient_person_id or "", ""),
                worker=self.worker(h.worker_id), note=h.note, deleted=h.is_deleted,
            )
            for h in rows
        ]  # fmt: skip

    def phases(self, household_id: str) -> list[PhaseRecord]:
        rows = self.rows(CasePhase, household_id, CasePhase.started_on, CasePhase.hlc)
        return [
            PhaseRecord(phase=p.phase, started_on=p.started_on, worker=self.worker(p.worker_id),
                        note=p.note, deleted=p.is_deleted)
            for p in rows
        ]  # fmt: skip

    def goals(self, household_id: str) -> list[GoalRecord]:
        rows = self.about_subject(self.rows(Goal, household_id, Goal.agreed_on, Goal.id))
        return [
            GoalRecord(
                handlungsfeld=self.label(MasterKind.HANDLUNGSFELD, g.handlungsfeld),
                text=g.text, agreed_on=g.agreed_on, status=g.status,
                person=self.names.get(g.person_id or "", ""), target_date=g.target_date,
                review_date=g.review_date, review_notes=g.review_notes,
                worker=self.worker(g.worker_id), deleted=g.is_deleted,
            )
            for g in rows
        ]  # fmt: skip

    def observations(self, household_id: str) -> tuple[list[ObservationRecord], bool]:
        """The observations the working user may see, and whether those are all of them."""
        rows = self.about_subject(self.rows(Observation, household_id, Observation.date))
        context = self.context
        seen = [o for o in rows if context.is_coordination or o.author_id == context.worker_id]
        self.ids.difference_update({o.id for o in rows} - {o.id for o in seen})
        records = [
            ObservationRecord(
                date=o.date, person=self.names.get(o.person_id or "", ""), concern=o.concern,
                school_attendance=o.school_attendance, u_status=o.u_status, note=o.note,
                author=self.worker(o.author_id), deleted=o.is_deleted,
            )
            for o in seen
        ]  # fmt: skip
        return records, len(seen) == len(rows)

    def audit(self) -> list[AuditRecord]:
        statement = (
            select(AuditEntry)
            .where(col(AuditEntry.record_id).in_(self.ids))
            .order_by(col(AuditEntry.seq))
        )
        return [
            AuditRecord(at=_moment(e.at), action=e.action, entity=e.entity,
                        worker=self.worker(e.worker_id), fields=tuple(e.fields))
            for e in self.session.exec(statement)
        ]  # fmt: skip


def _moment(stored: str) -> dt.datetime:
    """The audit log's UTC timestamp in the computer's local time, for display."""
    moment = dt.datetime.fromisoformat(stored)
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


class PersonDataReport:
    """``family(id)`` and ``person(id)`` return the report as PDF bytes (Art. 15);
    ``family_json(id)`` and ``person_json(id)`` the same content as JSON (Art. 20)."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def family(self, household_id: str) -> bytes:
        return render_person_data(*self.gather(household_id))

    def person(self, person_id: str) -> bytes:
        household_id = self._household_of(person_id)
        return render_person_data(*self.gather(household_id, person_id=person_id))

    def family_json(self, household_id: str) -> bytes:
        return render_person_data_json(*self.gather(household_id))

    def person_json(self, person_id: str) -> bytes:
        household_id = self._household_of(person_id)
        return render_person_data_json(*self.gather(household_id, person_id=person_id))

    def save_family_json(self, household_id: str, path: Path) -> Path:
        """Write the family's JSON where the person chose, atomically; the path written
        (``.json`` added when missing). Nothing else is written anywhere."""
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        atomic_write_bytes(path, self.family_json(household_id))
        return path

    def _household_of(self, person_id: str) -> str:
        with self.context.store.read() as session:
            person = session.get(Person, person_id)
            if person is None or person.erased:
                raise RecordNotFound()
            return person.household_id

    def gather(
        self, household_id: str, *, person_id: str | None = None
    ) -> tuple[PersonData, tuple[str, str]]:
        """Everything stored about the family (or one member of it), read in one
        session, and the report's two languages: German and the family's."""
        with self.context.store.read() as session:
            household = session.get(Household, household_id)
            if household is None or household.erased:
                raise RecordNotFound()
            reader = _Reader(self.context, session, person_id)
            family = reader.family(household)
            members = reader.members(household_id)
            observations, all_seen = reader.observations(household_id)
            central = state.get(session, "device_role") == DeviceRole.CENTRAL.value
            data = PersonData(
                family=family,
                generated_at=dt.datetime.now().replace(microsecond=0),
                app_version=__version__,
                subject=members[0].name if person_id and members else "",
                members=tuple(members),
                consents=tuple(reader.consents(household_id)),
                contacts=tuple(reader.contacts(household_id)),
                handouts=tuple(reader.handouts(household_id)),
                phases=tuple(reader.phases(household_id)),
                goals=tuple(reader.goals(household_id)),
                observations=tuple(observations),
                audit=tuple(reader.audit()),
                complete=all_seen and central,
                pseudonymised_on=reader.pseudonymised_on(household_id),
                restrictions=tuple(reader.restrictions(household_id)),
            )
        return data, ("de", second_language(list(household.languages)))
