"""The conflict review on real stores: two laptops edit the same field, the central imports
both, the coordination decides; the decision travels and stays decided."""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.domain.hlc import millis_of
from hamm_field.services.conflicts import moment
from hamm_field.services.sync import CentralOnly
from hamm_field.services.views import FamilyFilter
from tests.services.support import clash, share_family
from tests.sync.conftest import make_world


@pytest.fixture
def world(tmp_path, kdf):
    built = make_world(tmp_path, kdf)
    yield built
    built.close()


def stamp(services, family_id: str) -> tuple[int, str]:
    household = services.families.get(family_id)
    hlc, device = household.stamps["family_name"]
    return int(hlc), device


def test_open_shows_both_values_who_and_when(world):
    found = clash(world)
    [view] = world.central.conflicts.open()
    winner, loser = world.laptops[found.winner], world.laptops[found.loser]
    assert view.record == f"Familie {found.values[found.winner]}"
    assert view.field_label == "Familienname"
    assert view.household_id == found.family_id
    assert (view.current.value, view.other.value) == (found.values[found.winner],
                                                      found.values[found.loser])
    assert view.current.who == f"Worker {found.winner}"
    assert view.other.who == f"Worker {found.loser}"
    assert view.current.when == moment(stamp(winner, found.family_id)[0])
    assert view.other.when == moment(stamp(loser, found.family_id)[0])
    now = dt.datetime.now(dt.UTC)
    assert abs(view.other.when - now) < dt.timedelta(minutes=5)
    assert view.other.when.utcoffset() == now.astimezone().utcoffset()  # local time
    assert world.central.conflicts.count() == 1


def test_take_other_writes_a_newer_version_that_reaches_both_laptops(world):
    found = clash(world)
    [view] = world.central.conflicts.open()
    world.central.conflicts.take_other(view.id)
    other = found.values[found.loser]
    assert world.central.families.get(found.family_id).family_name == other
    central_stamp = stamp(world.central, found.family_id)
    assert central_stamp[1] == world.central.context.store.device_id
    assert all(central_stamp[0] > stamp(laptop, found.family_id)[0] for laptop in world.laptops)
    assert world.central.conflicts.open() == []
    # the search finds the family under the value chosen
    hits = world.central.views.search_families(FamilyFilter(query=other))
    assert [h.id for h in hits] == [found.family_id]
    # the laptop that lost gets the chosen value with its return package
    for number, laptop in enumerate(world.laptops):
        device = laptop.context.store.device_id
        back = world.central.sync.make_return(device, world.root / f"back-{number}.hfsync")
        assert laptop.sync.import_files([back.path])[0].refused is None
    assert world.laptops[1].families.get(found.family_id).family_name == other


def test_the_replaced_value_sent_again_does_not_come_back(world):
    found = clash(world)
    [view] = world.central.conflicts.open()
    world.central.conflicts.take_other(view.id)
    # The laptop whose value was replaced sends its edit again (no return package yet).
    again = world.package(found.winner, "again.hfsync")
    [result] = world.central.sync.import_files([again])
    assert result.refused is None and result.conflicts == 1  # seen, and already reviewed
    assert world.central.conflicts.open() == []
    assert world.central.families.get(found.family_id).family_name == found.values[found.loser]


def test_keep_current_removes_it_for_good(world):
    found = clash(world)
    [view] = world.central.conflicts.open()
    world.central.conflicts.keep_current(view.id)
    assert world.central.conflicts.open() == []
    held = found.values[found.winner]
    assert world.central.families.get(found.family_id).family_name == held
    # the same files again, and the losing laptop re-sending its unchanged edit
    again = world.package(found.loser, "resent.hfsync")
    results = world.central.sync.import_files([*found.packages, again])
    assert [r.already for r in results] == [True, True, False]
    assert results[2].conflicts == 1  # the import saw the conflict once more …
    assert world.central.conflicts.open() == []  # … and the review keeps it decided
    with pytest.raises(Exception, match="schon geprüft"):
        world.central.conflicts.take_other(view.id)


def test_a_new_edit_after_the_review_is_a_new_conflict(world):
    found = clash(world)
    [view] = world.central.conflicts.open()
    world.central.conflicts.keep_current(view.id)
    world.laptops[found.loser].families.edit(found.family_id, family_name="Petrova-Ivanova")
    world.laptops[found.winner].families.edit(found.family_id, family_name="Petrova")
    world.central.sync.import_files([world.package(found.loser, "l3.hfsync"),
                                     world.package(found.winner, "w3.hfsync")])
    [fresh] = world.central.conflicts.open()
    assert fresh.id != view.id
    assert {fresh.current.value, fresh.other.value} == {"Petrova-Ivanova", "Petrova"}


def test_a_contact_is_named_by_date_kind_and_family_and_values_in_words(world):
    family_id = share_family(world)
    keyfigure, caseworker = world.laptops
    contact = keyfigure.contacts.create(household_id=family_id, kind="begleitung",
                                        date=dt.date(2026, 3, 12), duration_min=30,
                                        institution="kinderarzt", paket=2)
    world.central.sync.import_files([world.package(0, "k2.hfsync")])
    back = world.central.sync.make_return(caseworker.context.store.device_id,
                                          world.root / "c-back2.hfsync")
    caseworker.sync.import_files([back.path])
    keyfigure.contacts.edit(contact.id, paket=4)
    caseworker.contacts.edit(contact.id, paket=3)
    world.central.sync.import_files([world.package(0, "k3.hfsync"),
                                     world.package(1, "c3.hfsync")])
    [view] = world.central.conflicts.open()
    assert view.record == "Kontakt 12.03.2026 Begleitung – Familie Petrova"
    assert view.field_label == "Integrationspaket"
    assert view.household_id == family_id
    assert {view.current.value, view.other.value} == {
        "3 – Familien mit Kindern in Kita und Schule",
        "4 – Gesundheitsprävention und -information"}
    world.central.conflicts.take_other(view.id)
    chosen = int(view.other.value[0])
    assert world.central.contacts.get(contact.id).paket == chosen


def test_only_the_central_store_reviews(world):
    with pytest.raises(CentralOnly):
        world.laptops[0].conflicts.open()


def test_moment_is_the_hlc_wall_time():
    when = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)
    hlc = int(when.timestamp() * 1000) << 16 | 7
    assert millis_of(hlc) == int(when.timestamp() * 1000)
    assert moment(hlc) == when
