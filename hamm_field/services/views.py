"""Read-only views the screens need: family search, a family's timeline, follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import case
from sqlmodel import Session, col, select

from hamm_field.domain.tables import (
    CasePhase,
    Consent,
    Contact,
    Goal,
    Household,
    Observation,
    Person,
    StarterpaketHandout,
)
from hamm_field.domain.tables_privacy import Pseudonymisation, Restriction
from hamm_field.domain.tables_sync import Erasure
from hamm_field.domain.vocab import ContactKind, GoalStatus, phase_label
from hamm_field.i18n import gettext as _
from hamm_field.services import history
from hamm_field.services.context import Context
from hamm_field.store.search import (
    FamilyFilter,
    FamilyHit,
    count_households,
    find_households,
    restricted_ids,
    search_households,
)


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # contact, handout, phase, goal, observation, consent, change, erasure,
    # pseudonymised, restricted, restriction_lifted
    record_id: str
    title: str
    worker_id: str | None


@dataclass(frozen=True)
class FollowUp:
    due: dt.date
    household_id: str | None
    family_name: str
    kind: str  # contact or goal
    record_id: str
    text: str


def _alive(table):  # type: ignore[no-untyped-def]
    return table.deleted_hlc.is_(None)


class Views:
    def __init__(self, context: Context) -> None:
        self.context = context

    def _listed(self, flt: FamilyFilter) -> FamilyFilter:
        """Restricted families (Art. 18) stay in the coordination's lists only."""
        return flt if self.context.is_coordination else replace(flt, hide_restricted=True)

    def search_families(
        self, flt: FamilyFilter, *, offset: int = 0, limit: int = 200
    ) -> list[Household]:
        with self.context.store.read() as session:
            return search_households(session, self._listed(flt), offset=offset, limit=limit)

    def find_families(
        self, flt: FamilyFilter, *, offset: int = 0, limit: int = 200
    ) -> list[FamilyHit]:
        """Like :meth:`search_families`, with what tells namesakes apart (the lists)."""
        with self.context.store.read() as session:
            return find_households(session, self._listed(flt), offset=offset, limit=limit)

    def count_families(self, flt: FamilyFilter) -> int:
        with self.context.store.read() as session:
            return count_households(session, self._listed(flt))

    def timeline(self, household_id: str) -> list[TimelineEntry]:
        """Everything recorded for a family, newest first; restricted entries only
        for their author and the coordination."""
        with self.context.store.read() as session:
            entries = self._contacts(session, household_id)
            entries += self._others(session, household_id)
        entries += [
            TimelineEntry(day, "change", record_id, title, worker_id)
            for day, record_id, title, worker_id in history.changes(self.context, household_id)
        ]
        entries += self._erasures(household_id)
        entries += self._privacy(household_id)
        return sorted(entries, key=lambda e: (e.date, e.kind == "change", e.record_id),
                      reverse=True)

    def erasures(self, household_id: str) -> dict[str, dt.date]:
        """When the family (its own id) and which of its members were erased (Art. 17)."""
        with self.context.store.read() as session:
            members = select(Person.id).where(Person.household_id == household_id)
            rows = session.exec(select(Erasure).where(
                _alive(Erasure),
                ((Erasure.subject_table == "household") & (Erasure.subject_id == household_id))
                | ((Erasure.subject_table == "person") & col(Erasure.subject_id).in_(members)),
            ))
            return {e.subject_id: dt.date.fromisoformat(e.issued_on) for e in rows}

    def _erasures(self, household_id: str) -> list[TimelineEntry]:
        return [
            TimelineEntry(day, "erasure", subject_id,
                          _("Familie nach DSGVO gelöscht") if subject_id == household_id
                          else _("Person nach DSGVO gelöscht"), None)
            for subject_id, day in self.erasures(household_id).items()
        ]

    def _privacy(self, household_id: str) -> list[TimelineEntry]:
        """Pseudonymisation and restriction: each reaches every store, so every store's
        Verlauf tells when the family's processing changed, and why."""
        with self.context.store.read() as session:
            pseudonymised = session.exec(select(Pseudonymisation).where(
                Pseudonymisation.household_id == household_id).order_by(
                Pseudonymisation.issued_on)).first()
            restrictions = session.exec(select(Restriction).where(
                Restriction.household_id == household_id, _alive(Restriction))).all()
        entries = [] if pseudonymised is None else [TimelineEntry(
            pseudonymised.issued_on, "pseudonymised", pseudonymised.id,
            _("Pseudonymisiert (Dokumentation widerrufen)"), None)]
        for r in restrictions:
            entries.append(TimelineEntry(r.since, "restricted", r.id, _(
                "Verarbeitung eingeschränkt: {reason}").format(reason=r.reason), None))
            if r.lifted_on is not None:
                entries.append(TimelineEntry(r.lifted_on, "restriction_lifted", r.id, _(
                    "Einschränkung aufgehoben: {reason}").format(reason=r.lift_reason or "–"),
                    None))
        return entries

    def _contacts(self, session: Session, household_id: str) -> list[TimelineEntry]:
        rows = session.exec(
            select(Contact).where(Contact.household_id == household_id, _alive(Contact))
        )
        return [
            TimelineEntry(c.date, "contact", c.id, ContactKind(c.kind).label, c.worker_id)
            for c in rows
        ]

    def _others(self, session: Session, household_id: str) -> list[TimelineEntry]:
        master = self.context.master
        entries: list[TimelineEntry] = []
        for h in session.exec(
            select(StarterpaketHandout).where(
                StarterpaketHandout.household_id == household_id, _alive(StarterpaketHandout)
            )
        ):
            title = _("Starterpaket übergeben ({edition})").format(
                edition=master.label("starterpaket_edition", h.edition)
            )
            entries.append(TimelineEntry(h.date, "handout", h.id, title, h.worker_id))
        for p in session.exec(
            select(CasePhase).where(CasePhase.household_id == household_id, _alive(CasePhase))
        ):
            name = phase_label(p.phase)
            title = _("Fallphase {number}: {name}").format(number=p.phase, name=name)
            entries.append(TimelineEntry(p.started_on, "phase", p.id, title, p.worker_id))
        for g in session.exec(select(Goal).where(Goal.household_id == household_id, _alive(Goal))):
            title = _("Integrationsziel: {text}").format(text=g.text)
            entries.append(TimelineEntry(g.agreed_on, "goal", g.id, title, g.worker_id))
        for c in session.exec(
            select(Consent).where(Consent.household_id == household_id, _alive(Consent))
        ):
            entries.append(TimelineEntry(c.given_on, "consent", c.id, _("Einwilligung"), None))
        for o in session.exec(
            select(Observation).where(
                Observation.household_id == household_id, _alive(Observation)
            )
        ):
            if self.context.is_coordination or o.author_id == self.context.worker_id:
                title = _("Beobachtung Kindeswohl")
                entries.append(TimelineEntry(o.date, "observation", o.id, title, o.author_id))
        return entries

    # A family's records, for the family detail screen --------------------------

    def _of_household(self, table, household_id: str, *order):  # type: ignore[no-untyped-def]
        statement = select(table).where(table.household_id == household_id, _alive(table))
        with self.context.store.read() as session:
            return list(session.exec(statement.order_by(*order)))

    def persons(self, household_id: str) -> list[Person]:
        """Members: parents first, then the others, oldest first."""
        kids_last = case((Person.relation == "elternteil", 0), (Person.relation == "kind", 2),
                         else_=1)
        return self._of_household(Person, household_id, kids_last, Person.birth_year, Person.id)

    def consents(self, household_id: str) -> list[Consent]:
        """Newest first."""
        return self._of_household(
            Consent, household_id, col(Consent.given_on).desc(), col(Consent.id).desc()
        )

    def phases(self, household_id: str) -> list[CasePhase]:
        """Oldest first; the last one is the current phase."""
        return self._of_household(CasePhase, household_id, CasePhase.started_on, CasePhase.hlc)

    def goals(self, household_id: str) -> list[Goal]:
        return self._of_household(Goal, household_id, Goal.agreed_on, Goal.id)

    def observations(self, household_id: str) -> list[Observation]:
        """Only those the working user may see (author or coordination), newest first."""
        rows = self._of_household(
            Observation, household_id, col(Observation.date).desc(), col(Observation.id).desc()
        )
        me = self.context.worker_id
        return [o for o in rows if self.context.is_coordination or o.author_id == me]

    def due_follow_ups(self, *, within_days: int = 0, mine_only: bool = True) -> list[FollowUp]:
        """Wiedervorlagen of contacts and goal reviews due by today (+ ``within_days``)."""
        until = self.context.today() + dt.timedelta(days=within_days)
        worker = self.context.worker_id if mine_only else None
        with self.context.store.read() as session:
            contacts = select(Contact, Household.family_name).join(
                Household, Household.id == Contact.household_id, isouter=True
            )
            contacts = contacts.where(
                _alive(Contact), Contact.follow_up <= until, Contact.follow_up_done.is_(False)
            )
            goals = select(Goal, Household.family_name).join(
                Household, Household.id == Goal.household_id
            )
            open_states = [GoalStatus.OFFEN.value, GoalStatus.IN_ARBEIT.value]
            goals = goals.where(
                _alive(Goal), Goal.review_date <= until, Goal.status.in_(open_states)
            )
            if worker:
                contacts = contacts.where(Contact.worker_id == worker)
                goals = goals.where(Goal.worker_id == worker)
            if not self.context.is_coordination:
                contacts = contacts.where(col(Contact.household_id).is_(None) | col(
                    Contact.household_id).not_in(restricted_ids()))
                goals = goals.where(col(Goal.household_id).not_in(restricted_ids()))
            due = [
                FollowUp(c.follow_up, c.household_id, name or "", "contact", c.id,
                         ContactKind(c.kind).label)
                for c, name in session.exec(contacts)
            ]
            due += [
                FollowUp(g.review_date, g.household_id, name, "goal", g.id, g.text)
                for g, name in session.exec(goals)
            ]
        return sorted(due, key=lambda f: (f.due, f.family_name))


__all__ = ["FamilyFilter", "FamilyHit", "FollowUp", "TimelineEntry", "Views"]
