"""Families (Haushalte), their members and their consent."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Consent, Contact, Household, Person
from hamm_field.domain.validation import validate_consent, validate_household, validate_person
from hamm_field.domain.vocab import FamilyStatus
from hamm_field.i18n import ngettext
from hamm_field.services.records import RecordService
from hamm_field.store.search import latin_name, refresh_search_text
from hamm_field.store.unit import Writer


class FamilyHasContacts(UserError):
    """Deleting would drop the family's contacts out of every list and report."""

    def __init__(self, count: int) -> None:
        super().__init__(count=count)
        self.count = count

    def __str__(self) -> str:
        return ngettext(
            "Diese Familie hat {count} Kontakt und kann nicht gelöscht werden. Führen Sie sie "
            "mit der richtigen Familie zusammen oder löschen Sie zuerst den Kontakt.",
            "Diese Familie hat {count} Kontakte und kann nicht gelöscht werden. Führen Sie sie "
            "mit der richtigen Familie zusammen oder löschen Sie zuerst die Kontakte.",
            self.count,
        ).format(count=self.count)


def live_contacts(session: Session, household_id: str) -> int:
    """How many contacts, not deleted, name the family."""
    return session.exec(
        select(func.count()).select_from(Contact).where(
            Contact.household_id == household_id, col(Contact.deleted_hlc).is_(None))
    ).one()


class Families(RecordService[Household]):
    table = Household

    def defaults(self) -> dict[str, Any]:
        return {
            "status": FamilyStatus.AKTIV.value,
            "worker_id": self.context.worker_id,
            "first_contact": self.context.today(),
        }

    def validate(self, values: dict[str, Any]) -> None:
        validate_household(values, self.context.master, self.context.today())

    def after_write(self, writer: Writer, record: Household) -> None:
        refresh_search_text(writer.session, record.id)

    def check_delete(self, session: Session, record: Household) -> None:
        """Refused while contacts name the family; an erasure (``erasure.py``) is not a delete."""
        count = live_contacts(session, record.id)
        if count:
            raise FamilyHasContacts(count)


class Persons(RecordService[Person]):
    table = Person

    def validate(self, values: dict[str, Any]) -> None:
        validate_person(values, self.context.today())

    def after_write(self, writer: Writer, record: Person) -> None:
        record.name_latin = latin_name(record.given_name, record.family_name)
        writer.session.add(record)
        writer.session.flush()
        refresh_search_text(writer.session, record.household_id)


class Consents(RecordService[Consent]):
    table = Consent

    def defaults(self) -> dict[str, Any]:
        return {"given_on": self.context.today(), "scope_documentation": True}

    def validate(self, values: dict[str, Any]) -> None:
        validate_consent(values, self.context.master, self.context.today())
