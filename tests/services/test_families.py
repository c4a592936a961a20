"""Families, members and consent through the services, as the GUI will use them."""

import pytest
from sqlmodel import func, select

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.tables import Household
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.services.records import RecordNotFound
from hamm_field.services.views import FamilyFilter
from tests.conftest import TODAY
from tests.services.support import new_family


def names(services, **flt):
    return [f.family_name for f in services.views.search_families(FamilyFilter(**flt))]


def test_a_new_family_gets_sensible_defaults(services, new_store):
    family = new_family(services)
    assert family.status == "aktiv"
    assert family.worker_id == new_store.store.worker_id
    assert family.first_contact == TODAY


def test_family_found_by_latin_spelling_and_member_names(services):
    family = new_family(services)
    services.persons.create(
        household_id=family.id, given_name="Ştefan", family_name="Petrov", relation="elternteil"
    )
    assert names(services, query="petrova") == ["Петрова"]
    assert names(services, query="ștefan") == ["Петрова"]
    assert names(services, query="STEFAN petr") == ["Петрова"]
    assert names(services, query="ivanova") == []


def test_search_filters_combine(services, new_store):
    new_family(services, "Петрова", pakete=[2], sozialraum="pelkum")
    new_family(services, "Popescu", herkunftsland="rumaenien", pakete=[5], status="ruhend")
    assert names(services, sozialraum="pelkum") == ["Петрова"]
    assert names(services, paket=5) == ["Popescu"]
    assert names(services, status="ruhend") == ["Popescu"]
    # ordered by the folded name: "petrova" before "popescu", whatever the script
    assert names(services, worker_id=new_store.store.worker_id) == ["Петрова", "Popescu"]
    assert services.views.count_families(FamilyFilter(query="pop")) == 1


def test_renaming_a_member_updates_the_search(services):
    family = new_family(services)
    person = services.persons.create(
        household_id=family.id, given_name="Мария", family_name="Петрова", relation="elternteil"
    )
    assert names(services, query="maria") == ["Петрова"]
    services.persons.edit(person.id, given_name="Десислава")
    assert names(services, query="maria") == []
    assert names(services, query="desislava") == ["Петрова"]
    assert services.persons.get(person.id).name_latin == "Desislava Petrova"


def test_deleted_family_disappears_from_search_and_cannot_be_edited(services):
    family = new_family(services)
    services.families.delete(family.id)
    assert names(services, query="petrova") == []
    with pytest.raises(RecordNotFound):
        services.families.edit(family.id, status="ruhend")


def test_invalid_input_stores_nothing_at_all(services, new_store):
    def counts():
        with new_store.store.read() as session:
            families = session.exec(select(func.count()).select_from(Household)).one()
            audits = session.exec(select(func.count()).select_from(AuditEntry)).one()
        return families, audits

    before = counts()
    with pytest.raises(ValidationError):
        new_family(services, sozialraum="atlantis")
    family = new_family(services)
    with pytest.raises(ValidationError):
        services.families.edit(family.id, family_name="", status="aktiv")
    assert services.families.get(family.id).family_name == "Петрова"
    assert counts() == (before[0] + 1, before[1] + 1)


def test_consent_is_recorded_and_withdrawn(services):
    family = new_family(services)
    consent = services.consents.create(household_id=family.id, form_language="bg",
                                       guardian_name="Frau Schmidt")
    assert consent.given_on == TODAY and consent.scope_documentation
    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_sharing=True)
    assert services.consents.get(consent.id).withdrawn_on == TODAY
    with pytest.raises(ValidationError):
        services.consents.create(
            household_id=family.id, form_language="bg", scope_documentation=False,
            guardian_name="Frau Schmidt")
