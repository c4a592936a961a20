"""Contacts, Starterpaket handouts, case phases, goals and Kindeswohl observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, or_, select

from hamm_field.domain.errors import FieldError, UserError, ValidationError
from hamm_field.domain.tables import (
    CasePhase,
    Contact,
    Goal,
    Household,
    Observation,
    StarterpaketHandout,
    Worker,
)
from hamm_field.domain.validation_work import (
    validate_contact,
    validate_goal,
    validate_handout,
    validate_observation,
    validate_phase,
)
from hamm_field.domain.vocab import INSTITUTION_KINDS, Concern, GoalStatus
from hamm_field.i18n import N_, gettext
from hamm_field.i18n.formatting import format_day
from hamm_field.services.records import NotAllowed, RecordService


class FamilyDeleted(ValidationError):
    """A contact in a deleted family drops out of every list and report unnoticed."""

    def __init__(self) -> None:
        super().__init__([FieldError("household_id", N_(
            "Diese Familie ist gelöscht oder nicht vorhanden. Bitte eine andere Familie "
            "auswählen."))])


class HandoutRepeated(UserError):
    """A second Starterpaket would count twice in the Kennzahlen; only with a reason."""

    def __init__(self, date: dt.date, worker: str) -> None:
        super().__init__(date=date, worker=worker)
        self.date, self.worker = date, worker

    def __str__(self) -> str:
        return gettext(N_(
            "Diese Familie hat am {date} schon ein Starterpaket erhalten (von {worker}). "
            "Ein weiteres nur mit Begründung speichern.")).format(
                date=format_day(self.date), worker=self.worker or "–")


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
            hints = self.suggestions(household_id, values.get("kind"))
            hints.pop("last_institution", None)
            values = {**hints, **values}
        return super().create(**values)

    def suggestions(self, household_id: str, kind: str | None = None) -> dict[str, Any]:
        """Defaults for a new contact: the family's Sozialraum, and the Paket and
        institution last used for this family; the institution only for a ``kind`` in
        INSTITUTION_KINDS (``last_institution`` names it for a form that changes kind)."""
        with self.context.store.read() as session:
            household = session.get(Household, household_id)
            last = session.exec(
                select(Contact)
                .where(Contact.household_id == household_id, Contact.deleted_hlc.is_(None))
                .order_by(Contact.date.desc(), Contact.hlc.desc())  # type: ignore[attr-defined]
                .limit(1)
            ).first()
            institution = session.exec(
                select(Contact.institution)
                .where(Contact.household_id == household_id, Contact.deleted_hlc.is_(None),
                       Contact.institution.is_not(None))  # type: ignore[union-attr]
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
        if institution:
            suggested["last_institution"] = institution
            if kind in INSTITUTION_KINDS:
                suggested["institution"] = institution
        return suggested


class Handouts(RecordService[StarterpaketHandout]):
    table = StarterpaketHandout

    def defaults(self) -> dict[str, Any]:
        return {"date": self.context.today(), "worker_id": self.context.worker_id}

    def validate(self, values: dict[str, Any]) -> None:
        validate_handout(values, self.context.master, self.context.today())

    def create(self, *, repeat_reason: str | None = None, **values: Any) -> StarterpaketHandout:
        """A second handout for the family on the same day or of the same edition is
        refused unless ``repeat_reason`` says why; the reason is kept in the note."""
        reason = (repeat_reason or "").strip()
        household_id = values.get("household_id")
        if household_id:
            earlier = self.earlier(household_id, values.get("date") or self.context.today(),
                                   values.get("edition"))
            if earlier is not None and not reason:
                raise HandoutRepeated(*earlier)
            if earlier is not None:
                values["note"] = "\n".join(filter(None, [reason, values.get("note")]))
        return super().create(**values)

    def earlier(self, household_id: str, date: dt.date,
                edition: str | None) -> tuple[dt.date, str] | None:
        """Date and worker of a live handout to the family on ``date`` or of ``edition``."""
        statement = (
            select(StarterpaketHandout.date, Worker.name)
            .join(Worker, Worker.id == StarterpaketHandout.worker_id, isouter=True)
            .where(StarterpaketHandout.household_id == household_id,
                   StarterpaketHandout.deleted_hlc.is_(None),  # type: ignore[union-attr]
                   or_(StarterpaketHandout.date == date, StarterpaketHandout.edition == edition))
            .order_by(StarterpaketHandout.date.desc())  # type: ignore[attr-defined]
            .limit(1)
        )
        with self.context.store.read() as session:
            row = session.exec(statement).first()
        return None if row is None else (row[0], row[1] or "")


class Phases(RecordService[CasePhase]):
    table = CasePhase

    def defaults(self) -> dict[str, Any]:
        return {"started_on": self.context.today(), "worker_id": self.context.worker_id}

    def validate(self, values: dict[str, Any]) -> None:
        validate_phase(values, self.context.today())


class Goals(RecordService[Goal]):
    """Every write that sets a status also dates it (``status_changed_on``), so a past
    period's Kennzahlen count the goal by that day.

    Status and its date are stamped together: a merge takes both from the same write.
    Apart, a laptop correcting only the date while another device changed the status
    would end with the new status under a date meant for the old one, and a goal reached
    in May could count as reached in the March the correction named.
    """

    table = Goal
    stamped_together = (frozenset({"status", "status_changed_on"}),)

    def defaults(self) -> dict[str, Any]:
        return {
            "agreed_on": self.context.today(),
            "status": GoalStatus.OFFEN.value,
            "worker_id": self.context.worker_id,
        }

    def validate(self, values: dict[str, Any]) -> None:
        validate_goal(values, self.context.master, self.context.today())

    def create(self, **values: Any) -> Goal:
        """A new goal is ``offen`` since it was agreed; any other status is set today,
        unless the caller dates it (a goal recorded late)."""
        if values.get("status_changed_on") is None:
            data = {**self.defaults(), **values}
            offen = data["status"] == GoalStatus.OFFEN.value
            agreed = data.get("agreed_on")
            values["status_changed_on"] = agreed if offen else _not_before(
                self.context.today(), agreed)
        return super().create(**values)

    def edit(self, record_id: str, **changes: Any) -> Goal:
        """A new status without a date is set today (not before the goal was agreed)."""
        if "status" in changes and changes.get("status_changed_on") is None:
            before = self.get(record_id)
            if changes["status"] != before.status:
                agreed = changes.get("agreed_on", before.agreed_on)
                changes["status_changed_on"] = _not_before(self.context.today(), agreed)
            else:
                changes.pop("status_changed_on", None)
        return super().edit(record_id, **changes)


def _not_before(day: dt.date, earliest: Any) -> dt.date:
    return max(day, earliest) if isinstance(earliest, dt.date) else day


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
