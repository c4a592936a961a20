"""Contacts, Starterpaket handouts, case phases, goals and Kindeswohl observations."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from hamm_field.domain.errors import FieldError, ValidationError
from hamm_field.domain.tables import (
    CasePhase,
    Contact,
    Goal,
    Household,
    Observation,
    StarterpaketHandout,
)
from hamm_field.domain.validation_work import (
    validate_contact,
    validate_goal,
    validate_handout,
    validate_observation,
    validate_phase,
)
from hamm_field.domain.vocab import Concern, GoalStatus
from hamm_field.i18n import N_
from hamm_field.services.records import NotAllowed, RecordService


class FamilyDeleted(ValidationError):
    """A contact in a deleted family drops out of every list and report unnoticed."""

    def __init__(self) -> None:
        super().__init__([FieldError("household_id", N_(
            "Diese Familie ist gelöscht oder nicht vorhanden. Bitte eine andere Familie "
            "auswählen."))])


class Contacts(RecordService[Contact]):
    table = Contact

    def defaults(self) -> dict[str, Any]:
        return {"date": self.context.today(), "worker_id": self.context.worker_id}

    def validate(self, values: dict[str, Any]) -> None:
        validate_contact(values, self.context.master, self.context.today())

    def check_links(self, session: Session, values: dict[str, Any],
                    before: Contact | None) -> None:
        """A new, moved or restored contact must name a live family (or none)."""
        household_id = values.get("household_id")
        if not household_id:
            return
        unchanged = before is not None and before.deleted_hlc is None and (
            before.household_id == household_id)
        if unchanged:
            return  # an edit that leaves the family as it is (even one deleted by sync)
        household = session.get(Household, household_id)
        if household is None or household.deleted_hlc is not None:
            raise FamilyDeleted()

    def create(self, **values: Any) -> Contact:
        household_id = values.get("household_id")
        if household_id and "sozialraum" not in values:
            values = {**self.suggestions(household_id), **values}
        return super().create(**values)

    def suggestions(self, household_id: str) -> dict[str, Any]:
        """Defaults for a new contact: the family's Sozialraum, and the Paket and
        institution last used for this family."""
        with self.context.store.read() as session:
            household = session.get(Household, household_id)
            last = session.exec(
                select(Contact)
                .where(Contact.household_id == household_id, Contact.deleted_hlc.is_(None))
                .order_by(Contact.date.desc(), Contact.hlc.desc())  # type: ignore[attr-defined]
                .limit(1)
            ).first()
        suggested: dict[str, Any] = {}
        if household is not None:
            suggested["sozialraum"] = household.sozialraum
            if household.pakete:
                suggested["paket"] = household.pakete[0]
        if last is not None:
            suggested["paket"] = last.paket
            if last.institution:
                suggested["institution"] = last.institution
        return suggested


class Handouts(RecordService[StarterpaketHandout]):
    table = StarterpaketHandout

    def defaults(self) -> dict[str, Any]:
        return {"date": self.context.today(), "worker_id": self.context.worker_id}

    def validate(self, values: dict[str, Any]) -> None:
        validate_handout(values, self.context.master, self.context.today())


class Phases(RecordService[CasePhase]):
    table = CasePhase

    def defaults(self) -> dict[str, Any]:
        return {"started_on": self.context.today(), "worker_id": self.context.worker_id}

    def validate(self, values: dict[str, Any]) -> None:
        validate_phase(values, self.context.today())


class Goals(RecordService[Goal]):
    table = Goal

    def defaults(self) -> dict[str, Any]:
        return {
            "agreed_on": self.context.today(),
            "status": GoalStatus.OFFEN.value,
            "worker_id": self.context.worker_id,
        }

    def validate(self, values: dict[str, Any]) -> None:
        validate_goal(values, self.context.master, self.context.today())


class Observations(RecordService[Observation]):
    """Restricted: only the author and the coordination see or change one."""

    table = Observation

    def defaults(self) -> dict[str, Any]:
        return {
            "date": self.context.today(),
            "author_id": self.context.worker_id,
            "concern": Concern.KEINE.value,
        }

    def validate(self, values: dict[str, Any]) -> None:
        validate_observation(values, self.context.today())

    def may_see(self, record: Observation) -> bool:
        return self.context.is_coordination or record.author_id == self.context.worker_id

    def check_access(self, record: Observation) -> None:
        if not self.may_see(record):
            raise NotAllowed()
