"""Guardrails for the figures and for data protection, at the service layer.

An erased family stays erased, a second Starterpaket needs a reason, a Hausbesuch does
not inherit the last institution, and a consent needs someone who may sign it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports.model import Period
from hamm_field.services import Services, setup
from hamm_field.services.families import NoSignatory
from hamm_field.services.records import ErasedRecord
from hamm_field.services.work import HandoutRepeated
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")


@pytest.fixture
def central(tmp_path, kdf):
    created = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(created.store, today=lambda: TODAY)
    yield services
    services.close()


def family(services, name="Петрова", **extra):
    return services.families.create(family_name=name, sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", pakete=[1], **extra)  # fmt: skip


def person(services, household, given="Елена", birth_year=1990, relation="elternteil"):
    return services.persons.create(household_id=household.id, given_name=given,
                                   family_name="Петрова", relation=relation,
                                   birth_year=birth_year)  # fmt: skip


# Erasure (Art. 17) -------------------------------------------------------------------


def test_an_erased_family_and_its_members_can_no_longer_be_edited(central):
    erased = family(central, address="Wilhelmstr. 1")
    mother = person(central, erased)
    central.erasures.erase_family(erased.id)
    with pytest.raises(ErasedRecord) as refused:
        central.families.edit(erased.id, family_name="Иванова", address="Hauptstr. 2")
    assert str(refused.value) == (
        "Die Daten wurden nach DSGVO gelöscht und können nicht mehr geändert werden.")
    with pytest.raises(ErasedRecord):
        central.persons.edit(mother.id, given_name="Мария")
    stored = central.families.get(erased.id)
    assert (stored.family_name, stored.address) == ("—", None)
    assert central.persons.get(mother.id).given_name == "—"


def test_nothing_new_is_recorded_about_an_erased_family_or_person(central):
    erased = family(central)
    central.erasures.erase_family(erased.id)
    with pytest.raises(ErasedRecord):
        person(central, erased, "Нова")
    kept = family(central, "Popa")
    child = person(central, kept, "Ana", birth_year=2015, relation="kind")
    central.erasures.erase_person(child.id)
    with pytest.raises(ErasedRecord):
        central.goals.create(household_id=kept.id, person_id=child.id,
                             handlungsfeld="sprache", text="Deutschkurs")  # fmt: skip
    with pytest.raises(ErasedRecord):
        central.contacts.create(household_id=erased.id, kind="hausbesuch", duration_min=30,
                                paket=1)  # fmt: skip
    assert central.families.edit(kept.id, address="Hauptstr. 2").address == "Hauptstr. 2"


def test_the_erasure_shows_with_its_date_in_the_timeline(central):
    erased = family(central)
    kept = family(central, "Popa")
    child = person(central, kept, "Ana", birth_year=2015, relation="kind")
    central.erasures.erase_family(erased.id)
    central.erasures.erase_person(child.id)
    assert central.views.erasures(erased.id) == {erased.id: TODAY}
    assert central.views.erasures(kept.id) == {child.id: TODAY}
    entries = [(e.date, e.kind, e.title) for e in central.views.timeline(erased.id)]
    assert (TODAY, "erasure", "Familie nach DSGVO gelöscht") in entries
    entries = [(e.date, e.kind, e.title) for e in central.views.timeline(kept.id)]
    assert (TODAY, "erasure", "Person nach DSGVO gelöscht") in entries


# A second Starterpaket -------------------------------------------------------------


def handout(services, household, edition="bg", date=TODAY, **extra):
    return services.handouts.create(household_id=household.id, edition=edition,
                                    items=["stadtplan"], date=date, **extra)  # fmt: skip


def test_a_second_starterpaket_the_same_day_is_refused_with_the_earlier_one(services):
    got = family(services)
    handout(services, got)
    with pytest.raises(HandoutRepeated) as refused:
        handout(services, got, edition="de")
    assert str(refused.value) == ("Diese Familie hat am 20.11.2026 schon ein Starterpaket "
                                  "erhalten (von Ana Test). Ein weiteres nur mit Begründung "
                                  "speichern.")
    earlier = family(services, "Popa")
    handout(services, earlier, date=dt.date(2026, 10, 1))
    with pytest.raises(HandoutRepeated, match=r"am 01\.10\.2026"):
        handout(services, earlier, edition="bg")  # same edition, another day
    assert services.reports.compute(YEAR).starterpakete == 2


def test_with_a_reason_the_second_starterpaket_is_kept_with_it(services):
    got = family(services)
    handout(services, got)
    with pytest.raises(HandoutRepeated):
        handout(services, got, repeat_reason="   ")
    second = handout(services, got, edition="de", repeat_reason="Erstes Paket bei Brand verloren")
    assert services.handouts.get(second.id).note == "Erstes Paket bei Brand verloren"
    assert services.reports.compute(YEAR).starterpakete == 2
    other = family(services, "Popa")  # another family, another day: no question asked
    handout(services, other, date=dt.date(2026, 11, 19), edition="de")


# The institution of a contact -------------------------------------------------------


def test_only_kinds_about_an_institution_get_the_last_one(services):
    got = family(services)
    services.contacts.create(household_id=got.id, kind="begleitung", duration_min=60, paket=1,
                             institution="buergeramt")  # fmt: skip
    visit = services.contacts.create(household_id=got.id, kind="hausbesuch", duration_min=30)
    assert visit.institution is None
    assert "institution" not in services.contacts.suggestions(got.id, "hausbesuch")
    hints = services.contacts.suggestions(got.id, "begleitung")
    assert hints["institution"] == "buergeramt"
    again = services.contacts.create(household_id=got.id, kind="begleitung", duration_min=60)
    assert again.institution == "buergeramt"


# The signatory of a consent ----------------------------------------------------------


def consent(services, household, **extra):
    return services.consents.create(household_id=household.id, form_language="bg", **extra)


def test_a_consent_needs_an_adult_member_or_a_named_guardian(services):
    got = family(services)
    child = person(services, got, "Ана", birth_year=2016, relation="kind")
    unknown_age = person(services, got, "Иван", birth_year=None)
    for signatory in ({}, {"person_id": child.id}, {"person_id": unknown_age.id},
                      {"guardian_name": "  "}):
        with pytest.raises(NoSignatory) as refused:
            consent(services, got, **signatory)
        assert refused.value.by_field() == {"person_id": (
            "Unterschreiben kann nur ein volljähriges Familienmitglied (Geburtsjahr angeben) "
            "oder ein namentlich genannter gesetzlicher Vormund.")}
    assert services.views.consents(got.id) == []
    adult = person(services, got, "Елена", birth_year=TODAY.year - 18)
    assert consent(services, got, person_id=adult.id).person_id == adult.id
    signed = consent(services, got, guardian_name="Frau Schmidt (Vormund)")
    assert services.consents.get(signed.id).guardian_name == "Frau Schmidt (Vormund)"
    with pytest.raises(ValidationError):
        services.consents.edit(signed.id, guardian_name="", person_id=child.id)
    other = person(services, family(services, "Popa"), "Ion", birth_year=1980)
    with pytest.raises(NoSignatory):
        consent(services, got, person_id=other.id)  # not a member of this family


def test_an_older_consent_without_signatory_can_still_be_withdrawn(services, new_store):
    from hamm_field.domain.tables import Consent

    got = family(services)
    with new_store.store.write() as writer:  # as recorded before the rule
        old = writer.insert(Consent(household_id=got.id, given_on=TODAY, form_language="bg"))
    withdrawn = services.consents.edit(old.id, withdrawn_on=TODAY, withdrawn_sharing=True)
    assert withdrawn.withdrawn_on == TODAY


def test_an_erasure_blanks_the_guardian_name(central):
    erased = family(central)
    consent(central, erased, guardian_name="Frau Schmidt")
    central.erasures.erase_family(erased.id)
    assert [c.guardian_name for c in central.views.consents(erased.id)] == [None]


def test_an_erased_family_no_longer_waits_for_a_starterpaket(central):
    erased, waiting = family(central, first_contact=TODAY), family(central, "Popa",
                                                                  first_contact=TODAY)
    central.erasures.erase_family(erased.id)
    assert [f.id for f in central.starterpakete.waiting()] == [waiting.id]
