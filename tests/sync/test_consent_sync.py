"""Consent withdrawn and restriction (Art. 18) through real packages between two laptops.

Laptop 0 holds the family and records the withdrawal; laptop 1 has the family shared and
has not heard of it yet: its late package, with edits older and newer than the
withdrawal, must not bring a name back, in whichever order the coordination gets them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.reports.model import Period
from hamm_field.services.family_guard import RestrictedFamily
from hamm_field.services.overview import ContactFilter
from hamm_field.services.views import FamilyFilter
from tests.sync.conftest import TODAY
from tests.sync.support import _texts, accepted, enrolled, return_to

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")
NAMES = ("Стоянова", "Stoyanova", "Елена", "Elena", "Мария", "Lange Straße", "Петрова",
         "Parkweg", "Иоана")


def shared_family(world):
    """Laptop 0's family with work, shared with laptop 1, both laptops up to date."""
    enrolled(world)
    laptop = world.laptops[0]
    family = laptop.families.create(
        family_name="Стоянова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        pakete=[1], address="Lange Straße 5")
    mother = laptop.persons.create(household_id=family.id, given_name="Елена",
                                   family_name="Стоянова", relation="elternteil",
                                   birth_year=2000)
    laptop.persons.create(household_id=family.id, given_name="Мария", family_name="Стоянова",
                          relation="kind", birth_year=2017)
    consent = laptop.consents.create(household_id=family.id, person_id=mother.id,
                                     scope_sharing=True, form_language="bg",
                                     given_on=TODAY - dt.timedelta(days=30))
    laptop.contacts.create(household_id=family.id, kind="begleitung", duration_min=60,
                           institution="kinderarzt", paket=1)
    accepted(world.central, world.package(0, "a-2.hfsync"))
    world.central.sharing.share([family.id], [world.laptops[1].context.worker_id])
    return_to(world, 0)
    return_to(world, 1)
    assert world.laptops[1].families.get(family.id).family_name == "Стоянова"
    return family, mother, consent


def leaked(services) -> list[str]:
    texts = _texts(services)
    return [name for name in NAMES if name in texts]


@pytest.mark.parametrize("withdrawal_first", [True, False], ids=["withdrawal-first",
                                                                  "late-edits-first"])
def test_documentation_withdrawn_travels_and_late_names_never_come_back(world, withdrawal_first):
    family, mother, consent = shared_family(world)
    first_laptop, late_laptop = world.laptops
    before = world.central.reports.compute(YEAR)
    late_laptop.families.edit(family.id, address="Parkweg 2")  # older than the withdrawal

    first_laptop.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                               pseudonymise=True)
    assert leaked(first_laptop) == []
    withdrawal = world.package(0, "a-3.hfsync")

    # Laptop 1 has not heard of it: newer edits of names, and one more visit.
    late_laptop.families.edit(family.id, family_name="Стоянова-Петрова")
    late_laptop.persons.edit(mother.id, given_name="Иоана")
    late_laptop.contacts.create(household_id=family.id, kind="hausbesuch", duration_min=30,
                                paket=1)
    late = world.package(1, "b-3.hfsync")

    if withdrawal_first:
        accepted(world.central, withdrawal)
        accepted(world.central, late)
    else:
        accepted(world.central, late)
        assert world.central.families.get(family.id).family_name == "Стоянова-Петрова"
        accepted(world.central, withdrawal)

    central = world.central
    household = central.families.get(family.id)
    assert (household.family_name, household.address) == (pseudonym_for(family.id), None)
    assert central.persons.get(mother.id).given_name == "—"
    assert leaked(central) == []
    assert central.views.search_families(FamilyFilter(query="stoyanova")) == []
    assert central.privacy.family(family.id).pseudonymised_on == TODAY
    # The work stays countable: the late visit counts, the family is still one family.
    after = central.reports.compute(YEAR)
    assert after.kontakte == before.kontakte + 1
    assert after.begleitungen == before.begleitungen
    assert after.begleitete_familien == before.begleitete_familien

    for laptop in (0, 1):
        return_to(world, laptop)
        assert world.laptops[laptop].families.get(family.id).family_name == pseudonym_for(
            family.id)
        assert leaked(world.laptops[laptop]) == []
    # Now laptop 1 knows: a form that sends a name again stores the pseudonym.
    late_laptop.families.edit(family.id, family_name="Стоянова")
    accepted(central, world.package(1, "b-4.hfsync"))
    assert leaked(late_laptop) == [] and leaked(central) == []


def test_a_restriction_hides_the_family_on_the_laptop_until_it_is_lifted(world):
    family, _mother, _consent = shared_family(world)
    laptop = world.laptops[0]
    laptop.contacts.create(household_id=family.id, kind="beratung", duration_min=20, paket=1,
                           follow_up=TODAY)
    accepted(world.central, world.package(0, "a-3.hfsync"))
    world.central.privacy.restrict(family.id, "Berichtigung bestritten")
    return_to(world, 0)

    assert laptop.views.search_families(FamilyFilter(query="stoyanova")) == []
    assert laptop.views.count_families(FamilyFilter()) == 0
    assert [f.household_id for f in laptop.views.due_follow_ups()] == []
    assert laptop.overview.contacts(ContactFilter()) == []
    # Reached by a link, it says why; it cannot be edited.
    state = laptop.privacy.family(family.id)
    assert (state.restricted_since, state.restriction_reason) == (TODAY, "Berichtigung bestritten")
    with pytest.raises(RestrictedFamily):
        laptop.families.edit(family.id, address="Neue Straße 1")
    with pytest.raises(RestrictedFamily):
        laptop.contacts.create(household_id=family.id, kind="hausbesuch", duration_min=30,
                               paket=1)
    # The coordination still sees and counts it.
    assert [f.id for f in world.central.views.search_families(FamilyFilter(query="stoyanova"))
            ] == [family.id]

    world.central.privacy.lift_restriction(family.id, "Adresse geklärt")
    return_to(world, 0)
    assert [f.id for f in laptop.views.search_families(FamilyFilter(query="stoyanova"))] == [
        family.id]
    assert len(laptop.overview.contacts(ContactFilter())) == 2
    laptop.families.edit(family.id, address="Neue Straße 1")
    accepted(world.central, world.package(0, "a-4.hfsync"))
    assert world.central.families.get(family.id).address == "Neue Straße 1"


def test_a_withdrawal_recorded_at_the_coordination_reaches_both_laptops(world):
    family, _mother, consent = shared_family(world)
    world.laptops[0].families.edit(family.id, address="Parkweg 2")  # not yet sent
    world.central.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                                pseudonymise=True)
    assert leaked(world.central) == []
    for laptop in (0, 1):
        return_to(world, laptop)
        assert leaked(world.laptops[laptop]) == []
        assert world.laptops[laptop].privacy.family(family.id).pseudonymised_on == TODAY
    accepted(world.central, world.package(0, "a-3.hfsync"))  # the edit made before it knew
    assert world.central.families.get(family.id).address is None
    assert leaked(world.central) == []
