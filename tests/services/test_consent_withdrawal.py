"""Consent withdrawn: sharing marks the family, documentation makes it pseudonymous."""

import dataclasses
import datetime as dt

import pytest

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.reports.model import Period
from hamm_field.services.families import ConfirmPseudonymisation
from hamm_field.services.privacy import PSEUDONYMOUS, SHARING_WITHDRAWN
from hamm_field.services.views import FamilyFilter
from tests.conftest import TODAY

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")


def family_with_work(services):
    family = services.families.create(
        family_name="Стоянова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        pakete=[1], address="Lange Straße 5", languages=["bg"])
    mother = services.persons.create(household_id=family.id, given_name="Елена",
                                     family_name="Стоянова", relation="elternteil",
                                     birth_year=2000, birth_date=dt.date(2000, 3, 4))
    child = services.persons.create(household_id=family.id, given_name="Мария",
                                    family_name="Стоянова", relation="kind", birth_year=2017)
    consent = services.consents.create(household_id=family.id, person_id=mother.id,
                                       scope_sharing=True, form_language="bg",
                                       given_on=TODAY - dt.timedelta(days=30))
    services.contacts.create(household_id=family.id, kind="begleitung", duration_min=60,
                             institution="kinderarzt", paket=1, note="Termin beim Kinderarzt")
    services.contacts.create(household_id=family.id, kind="hausbesuch", duration_min=30,
                             paket=1)
    return family, mother, child, consent


def test_a_withdrawal_names_its_scope_and_date(services):
    family, _mother, _child, consent = family_with_work(services)
    with pytest.raises(ValidationError) as refused:
        services.consents.edit(consent.id, withdrawn_on=TODAY)
    assert refused.value.by_field() == {
        "withdrawn_sharing": "Bitte angeben, wofür die Einwilligung widerrufen wird."}
    with pytest.raises(ValidationError) as refused:
        services.consents.edit(consent.id, withdrawn_sharing=True)
    assert refused.value.by_field() == {"withdrawn_on": "Bitte das Datum des Widerrufs angeben."}
    assert services.privacy.family(family.id).sharing_withdrawn_on is None


def test_sharing_withdrawn_marks_the_family_until_a_new_consent(services):
    family, mother, _child, consent = family_with_work(services)
    withdrawn = TODAY - dt.timedelta(days=3)
    services.consents.edit(consent.id, withdrawn_on=withdrawn, withdrawn_sharing=True)
    assert services.privacy.family(family.id).sharing_withdrawn_on == withdrawn
    assert services.privacy.marks([family.id]) == {family.id: frozenset({SHARING_WITHDRAWN})}
    # Names stay: only referrals stop.
    assert services.families.get(family.id).family_name == "Стоянова"
    services.consents.create(household_id=family.id, person_id=mother.id, scope_sharing=True,
                             form_language="bg", given_on=TODAY)
    assert services.privacy.family(family.id).sharing_withdrawn_on is None
    assert services.privacy.marks([family.id]) == {}


def test_documentation_withdrawn_asks_first_then_blanks_names_and_keeps_the_work(services):
    family, mother, child, consent = family_with_work(services)
    before = services.reports.compute(YEAR)
    with pytest.raises(ConfirmPseudonymisation):
        services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True)
    assert services.families.get(family.id).family_name == "Стоянова"  # nothing happened

    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                           pseudonymise=True)

    household = services.families.get(family.id)
    assert household.family_name == pseudonym_for(family.id)
    assert household.pseudonym and household.address is None
    assert household.sozialraum == "hamm-westen" and household.languages == ["bg"]
    for person in (mother, child):
        stored = services.persons.get(person.id)
        assert (stored.given_name, stored.family_name, stored.birth_date) == ("—", "—", None)
    assert services.persons.get(mother.id).birth_year == 2000
    assert services.views.search_families(FamilyFilter(query="stoyanova")) == []
    [found] = services.views.search_families(FamilyFilter(query=household.family_name))
    assert found.id == family.id
    assert services.privacy.family(family.id).pseudonymised_on == TODAY
    assert services.privacy.marks([family.id])[family.id] == {PSEUDONYMOUS}
    # The work with the family is kept, and counted as before.
    assert len([e for e in services.views.timeline(family.id) if e.kind == "contact"]) == 2
    after = services.reports.compute(YEAR)
    assert dataclasses.replace(after, generated_at=before.generated_at) == before


def test_a_pseudonymous_family_gets_no_names_back_by_a_form(services):
    family, mother, _child, consent = family_with_work(services)
    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                           pseudonymise=True)
    services.families.edit(family.id, family_name="Стоянова", address="Neue Straße 1",
                           status="ruhend")
    household = services.families.get(family.id)
    assert (household.family_name, household.address, household.status) == (
        pseudonym_for(family.id), None, "ruhend")
    services.persons.edit(mother.id, given_name="Елена")
    assert services.persons.get(mother.id).given_name == "—"
    newborn = services.persons.create(household_id=family.id, given_name="Иван",
                                      family_name="Стоянов", relation="kind", birth_year=2026)
    assert (newborn.given_name, newborn.family_name) == ("—", "—")
    # Further work under the pseudonym is recorded as usual.
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=20, paket=1)
    assert len([e for e in services.views.timeline(family.id) if e.kind == "contact"]) == 3
