"""An erasure issued by the coordination wins everywhere, also over edits that arrive later."""

import pytest

from hamm_field.services.sync import CentralOnly
from hamm_field.services.views import FamilyFilter
from tests.sync.support import _texts


def _family_with_work(services):
    family = services.families.create(family_name="Стоянова", sozialraum="hamm-westen",
                                      herkunftsland="bulgarien", pakete=[1])
    child = services.persons.create(household_id=family.id, given_name="Мария",
                                    family_name="Стоянова", relation="kind", birth_year=2017)
    services.contacts.create(household_id=family.id, kind="begleitung", duration_min=60,
                             institution="kinderarzt", paket=1, note="Termin bei Dr. Weber")
    return family, child


def test_erasure_blanks_the_family_everywhere_and_later_edits_arrive_blank(world):
    laptop = world.laptops[0]
    family, child = _family_with_work(laptop)
    world.central.sync.import_files([world.package(0, "a1.hfsync")])

    world.central.erasures.erase_family(family.id)

    central = world.central
    assert central.families.get(family.id).family_name == "—"
    assert central.persons.get(child.id).given_name == "—"
    assert central.views.search_families(FamilyFilter(query="stoyanova")) == []
    texts = _texts(central)
    assert "Стоянова" not in texts and "Stoyanova" not in texts and "Dr. Weber" not in texts
    contacts_before = central.overview.count_contacts(_all_contacts())

    # The laptop has not heard of it yet: it edits the name and logs one more visit.
    laptop.families.edit(family.id, family_name="Стоянова-Петрова")
    laptop.contacts.create(household_id=family.id, kind="hausbesuch", duration_min=30,
                           note="Küche feucht")
    [result] = central.sync.import_files([world.package(0, "a2.hfsync")])
    assert result.refused is None
    assert central.families.get(family.id).family_name == "—"
    texts = _texts(central)
    assert "Петрова" not in texts and "Küche feucht" not in texts
    # The visit still counts, for nobody in particular.
    assert central.overview.count_contacts(_all_contacts()) == contacts_before + 1

    # The return package carries the erasure to the laptop.
    back = central.sync.make_return(laptop.context.store.device_id, world.root / "back.hfsync")
    [applied] = laptop.sync.import_files([back.path])
    assert applied.refused is None
    assert laptop.families.get(family.id).family_name == "—"
    assert laptop.views.search_families(FamilyFilter(query="stoyanova")) == []
    assert "Стоянова" not in _texts(laptop)


def test_a_laptop_that_never_saw_the_erasure_still_sends_blank_rows_through(world):
    """Laptop 1 holds a shared copy; its older edit must not bring the name back."""
    family, _child = _family_with_work(world.laptops[0])
    world.laptops[1].families.create(family_name="Popa", sozialraum="pelkum",
                                     herkunftsland="rumaenien")
    world.central.sync.import_files([world.package(0, "a.hfsync"), world.package(1, "b0.hfsync")])
    world.central.families.edit(family.id, worker_id=world.laptops[1].context.worker_id)
    back = world.central.sync.make_return(world.laptops[1].context.store.device_id,
                                          world.root / "back1.hfsync")
    world.laptops[1].sync.import_files([back.path])
    world.laptops[1].families.edit(family.id, address="Lange Straße 5")

    world.central.erasures.erase_family(family.id)
    world.central.sync.import_files([world.package(1, "b.hfsync")])
    assert world.central.families.get(family.id).address is None
    assert "Lange Straße" not in _texts(world.central)


def test_erasing_one_member_keeps_the_family(world):
    family, child = _family_with_work(world.laptops[0])
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    world.central.erasures.erase_person(child.id)
    assert world.central.families.get(family.id).family_name == "Стоянова"
    assert world.central.persons.get(child.id).given_name == "—"
    assert "Мария" not in _texts(world.central)


def test_only_the_coordination_erases(world):
    family, _child = _family_with_work(world.laptops[0])
    with pytest.raises(CentralOnly):
        world.laptops[0].erasures.erase_family(family.id)
    assert world.laptops[0].families.get(family.id).family_name == "Стоянова"


def _all_contacts():
    from hamm_field.services.overview import ContactFilter

    return ContactFilter()
