"""Families (Haushalte), their members and their consent."""

from __future__ import annotations

from typing import Any

from hamm_field.domain.tables import Consent, Household, Person
from hamm_field.domain.validation import validate_consent, validate_household, validate_person
from hamm_field.domain.vocab import FamilyStatus
from hamm_field.services.records import RecordService
from hamm_field.store.search import latin_name, refresh_search_text
from hamm_field.store.unit import Writer


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
