"""Families (Haushalte), their members and their consent."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from hamm_field.domain.errors import FieldError, UserError, ValidationError
from hamm_field.domain.tables import Consent, Contact, Household, Person
from hamm_field.domain.tables_privacy import Pseudonymisation
from hamm_field.domain.validation import (
    is_adult,
    validate_consent,
    validate_household,
    validate_person,
)
from hamm_field.domain.vocab import FamilyStatus
from hamm_field.i18n import N_, ngettext
from hamm_field.services.records import RecordService
from hamm_field.store import privacy
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


class NoSignatory(ValidationError):
    """A consent counts only when someone who may sign for the family signed it."""

    def __init__(self) -> None:
        super().__init__([FieldError("person_id", N_(
            "Unterschreiben kann nur ein volljähriges Familienmitglied (Geburtsjahr angeben) "
            "oder ein namentlich genannter gesetzlicher Vormund."))])


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


class ConfirmPseudonymisation(UserError):
    """Withdrawing consent to documentation blanks names for good: asked before, once."""

    message = N_("Mit dem Widerruf der Dokumentation werden die Namen, die Adresse und die "
                 "Geburtsdaten der Familie hier und auf allen Laptops gelöscht; sie wird unter "
                 "einem Pseudonym weitergeführt. Bitte bestätigen.")


class Consents(RecordService[Consent]):
    """A withdrawal of documentation makes the family pseudonymous (``store/privacy.py``):
    the caller passes ``pseudonymise=True`` once the person has confirmed it."""

    table = Consent

    def create(self, *, pseudonymise: bool = False, **values: Any) -> Consent:
        if values.get("withdrawn_documentation") and not pseudonymise:
            self._ask(values.get("household_id"))
        return super().create(**values)

    def edit(self, record_id: str, *, pseudonymise: bool = False, **changes: Any) -> Consent:
        if changes.get("withdrawn_documentation") and not pseudonymise:
            self._ask(self.get(record_id).household_id)
        return super().edit(record_id, **changes)

    def _ask(self, household_id: str | None) -> None:
        with self.context.store.read() as session:
            if not household_id or not privacy.is_pseudonymised(session.connection(),
                                                                household_id):
                raise ConfirmPseudonymisation()

    def after_write(self, writer: Writer, record: Consent) -> None:
        """The withdrawal's record travels; the names go here at once."""
        connection = writer.session.connection()
        if not record.withdrawn_documentation or record.deleted_hlc is not None or (
                privacy.is_pseudonymised(connection, record.household_id)):
            return
        writer.insert(Pseudonymisation(household_id=record.household_id,
                                       issued_on=record.withdrawn_on or self.context.today()))
        writer.session.flush()
        privacy.pseudonymise_family(connection, record.household_id)
        writer.session.expire_all()  # the raw update changed rows the session may hold
        refresh_search_text(writer.session, record.household_id)

    def defaults(self) -> dict[str, Any]:
        return {"given_on": self.context.today(), "scope_documentation": True}

    def validate(self, values: dict[str, Any]) -> None:
        validate_consent(values, self.context.master, self.context.today())

    def check_links(self, session: Session, values: dict[str, Any],
                    before: Consent | None) -> None:
        """The signatory: an adult member of the family, or a named legal guardian.

        Checked when the signatory is set or changed, so an older consent can still be
        withdrawn as it was recorded."""
        person_id, guardian = values.get("person_id"), (values.get("guardian_name") or "").strip()
        if before is not None and (before.person_id, before.guardian_name or "") == (
                person_id, guardian):
            return
        if guardian:
            return
        person = session.get(Person, person_id) if person_id else None
        if (person is None or person.deleted_hlc is not None
                or person.household_id != values.get("household_id")
                or not is_adult(person.birth_year, self.context.today())):
            raise NoSignatory()
