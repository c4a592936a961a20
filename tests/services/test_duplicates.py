"""Duplicate families at the coordination: found, compared, dismissed, merged and counted once."""

from __future__ import annotations

import pytest

from hamm_field.services.duplicates import NotMergeable
from hamm_field.services.sharing import OnlyCoordination
from hamm_field.services.views import FamilyFilter
from tests.services.support import YEAR, family, meet_twice
from tests.sync.conftest import TODAY, make_world


@pytest.fixture
def world(tmp_path, kdf):
    built = make_world(tmp_path, kdf)
    yield built
    built.close()


def test_the_same_family_met_twice_is_listed_once_side_by_side(world):
    first, second = meet_twice(world)
    family(world.central, "Петров", member=("Ivana", 1991))  # another year: not the same
    [pair] = world.central.duplicates.likely_pairs()
    sides = {pair.first.id: pair.first, pair.second.id: pair.second}
    assert set(sides) == {first, second} and pair.same_member
    assert sides[first].worker_name == "Worker 0" and sides[second].worker_name == "Worker 1"
    assert sides[first].contacts == 2 and sides[second].contacts == 1
    assert [m.birth_year for m in sides[first].members] == [1990]


def test_same_address_in_any_case_and_spacing_is_a_pair_until_dismissed(world):
    a = family(world.central, "Yilmaz", member=("Ali", 1980), address="Wilhelmstr. 12")
    b = family(world.central, "Demir", member=("Can", 1975), address=" wilhelmstr.  12 ")
    family(world.central, "Kaya", member=("Efe", 1970), address="Wilhelmstr. 14")
    [pair] = world.central.duplicates.likely_pairs()
    assert {pair.first.id, pair.second.id} == {a, b} and pair.same_address
    world.central.duplicates.dismiss(b, a)
    assert world.central.duplicates.likely_pairs() == []


def test_merge_moves_everything_and_the_family_counts_once(world):
    first, second = meet_twice(world)
    central = world.central
    before = central.reports.compute(YEAR)
    assert before.begleitete_familien == 2 and before.nach_monat["2026-03"].familien == 2
    moved = central.duplicates.merge(first, second)
    assert moved == 2  # the member and the contact
    after = central.reports.compute(YEAR)
    assert after.begleitete_familien == 1 and after.nach_monat["2026-03"].familien == 1
    assert after.begleitungen == before.begleitungen == 3
    assert central.duplicates.likely_pairs() == []
    assert [f.id for f in central.views.search_families(FamilyFilter(query="petrova"))] == [first]
    timeline = central.views.timeline(first)
    assert len([entry for entry in timeline if entry.kind == "contact"]) == 3
    people = central.sharing.people_of(first)
    assert people.responsible.name == "Worker 0"
    assert [c.name for c in people.shared] == ["Worker 1"]
    with pytest.raises(NotMergeable):
        central.duplicates.merge(second, first)


def test_the_merge_reaches_both_laptops(world):
    first, second = meet_twice(world)
    world.central.duplicates.merge(first, second)
    for number in (0, 1):
        laptop = world.laptops[number]
        back = world.central.sync.make_return(laptop.context.store.device_id,
                                              world.root / f"back{number}.hfsync")
        [result] = laptop.sync.import_files([back.path])
        assert result.refused is None
        contacts = [e for e in laptop.views.timeline(first) if e.kind == "contact"]
        assert len(contacts) == 3


def test_only_the_coordination_reviews_duplicates(world):
    with pytest.raises(OnlyCoordination):
        world.laptops[0].duplicates.likely_pairs()
    assert TODAY.year == 2026
