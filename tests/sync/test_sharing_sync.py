"""Sharing and handing over families through packages, as the coordination and laptops do it.

A laptop asks for a family it holds to be shared by sending the pair's ``family_share``
row; the coordination's return package then brings the family to the colleague. Handing
a family over at the coordination must not make the former responsible's late writes
unwelcome. And whatever order the packages and the coordination's own changes come in,
the coordination ends with the same people for every family.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamm_field.domain.vocab import WorkerRole
from hamm_field.services import Services
from tests.sync.conftest import make_world
from tests.sync.hostile import StoreOpener
from tests.sync.support import accepted, enrolled, return_to


def holds(laptop: Services, family: str) -> bool:
    with laptop.context.store.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM household WHERE id = ?", (family,)).scalar_one() == 1


def new_family(laptop: Services, name: str) -> str:
    return laptop.families.create(family_name=name, sozialraum="pelkum",
                                  herkunftsland="bulgarien").id


def test_a_family_a_laptop_shares_reaches_the_colleagues_laptop(world):
    laptop_a, laptop_b = world.laptops
    family = new_family(laptop_a, "Petrova")
    enrolled(world)
    worker_a, worker_b = laptop_a.context.worker_id, laptop_b.context.worker_id
    assert not holds(laptop_b, family)
    assert laptop_a.sharing.share([family], [worker_b]) == 1
    accepted(world.central, world.package(0, "a-2.hfsync"))
    people = world.central.sharing.people_of(family)
    assert people.responsible is not None and people.responsible.worker_id == worker_a
    assert [c.worker_id for c in people.shared] == [worker_b]

    return_to(world, 1)
    assert holds(laptop_b, family) and laptop_b.families.get(family).family_name == "Petrova"
    seen = laptop_b.sharing.people_of(family)
    assert seen.responsible is not None and seen.responsible.worker_id == worker_a
    assert seen.responsible.name == "Worker 0"
    assert family in laptop_b.sharing.shared_with_me()
    # The colleague may now work with the family, and the coordination takes it.
    visit = laptop_b.contacts.create(household_id=family, kind="hausbesuch", duration_min=30,
                                     paket=1)
    accepted(world.central, world.package(1, "b-2.hfsync"))
    assert world.central.contacts.get(visit.id).worker_id == worker_b


def test_a_late_edit_of_a_family_handed_over_meanwhile_is_accepted(world):
    """The former responsible's package arrives after the handover and still lands."""
    laptop_a, laptop_b = world.laptops
    family = new_family(laptop_a, "Ivanova")
    enrolled(world)
    laptop_a.families.edit(family, address="Marktplatz 3")
    call = laptop_a.contacts.create(household_id=family, kind="telefonat", duration_min=10,
                                    paket=1)
    assert world.central.sharing.set_responsible([family], laptop_b.context.worker_id) == 1
    accepted(world.central, world.package(0, "a-late.hfsync"))
    stored = world.central.families.get(family)
    assert (stored.address, stored.worker_id) == ("Marktplatz 3", laptop_b.context.worker_id)
    assert world.central.contacts.get(call.id).worker_id == laptop_a.context.worker_id
    people = world.central.sharing.people_of(family)
    assert people.responsible is not None and people.shared == ()
    assert people.responsible.worker_id == laptop_b.context.worker_id


def test_two_laptops_sharing_the_same_family_with_the_same_colleague_agree(world):
    """Both write the pair's one record, each with its own creation, in either order."""
    laptop_a, laptop_b = world.laptops
    family = new_family(laptop_a, "Dimitrova")
    third = world.central.sync.invite("Worker 2", WorkerRole.SOZIALBETREUER,
                                      world.root / "third.invite")
    assert third.exists()
    accepted(world.central, world.package(0, "a-1.hfsync"), world.package(1, "b-1.hfsync"))
    world.central.sharing.share([family], [laptop_b.context.worker_id])
    return_to(world, 0)
    return_to(world, 1)
    colleague = next(c.worker_id for c in laptop_b.sharing.colleagues() if c.name == "Worker 2")
    laptop_b.sharing.share([family], [colleague])
    laptop_a.sharing.share([family], [colleague])  # a later creation of the same record
    # B's record first: A's, created later, then takes over the record's creation.
    accepted(world.central, world.package(1, "b-2.hfsync"), world.package(0, "a-2.hfsync"))
    shared = world.central.sharing.people_of(family).shared
    assert sorted(c.name for c in shared) == ["Worker 1", "Worker 2"]


# --- Any order of arrival ----------------------------------------------------------------------


@dataclass
class Bench:
    """A coordination (a closed folder, copied for every order), the laptops' share
    requests as packages, and what every order must lead to."""

    central: Path
    opener: StoreOpener
    packages: list[Path]
    families: list[str]
    workers: dict[str, str]  # A, B, C -> worker id
    expected: tuple = ()


def actions(bench: Bench) -> list:
    """The coordination's own changes, in this order, while the requests travel."""
    f1, f2, f3 = bench.families
    w = bench.workers
    return [
        lambda c: c.sharing.set_responsible([f1], w["B"]),  # A asked to share f1 with B
        lambda c: c.sharing.unshare([f3], w["A"]),  # A asked to share f3 with C
        lambda c: c.sharing.share([f2], [w["C"]]),
        lambda c: c.sharing.unshare([f1], w["C"]),
    ]


def outcome(central: Services, families: list[str]) -> tuple:
    """Who works with each family, and the values of the records that say so."""
    with central.context.store.engine.connect() as connection:
        shares = connection.exec_driver_sql(
            "SELECT household_id, worker_id, active, deleted_hlc IS NULL FROM family_share "
            "ORDER BY household_id, worker_id").all()
        responsible = connection.exec_driver_sql(
            "SELECT id, worker_id FROM household ORDER BY id").all()
    people = central.sharing.people_of_many(families)
    return (sorted(people.items()), [tuple(r) for r in shares], [tuple(r) for r in responsible])


def _build(root: Path, kdf) -> Bench:  # type: ignore[no-untyped-def]
    world = make_world(root, kdf)
    try:
        laptop_a, laptop_b = world.laptops
        central = world.central
        central.sync.invite("Worker C", WorkerRole.SOZIALBETREUER, root / "c.invite")
        f1, f2 = new_family(laptop_a, "Georgieva"), new_family(laptop_a, "Stoyanova")
        f3 = new_family(laptop_b, "Nikolova")
        accepted(central, world.package(0, "a-1.hfsync"), world.package(1, "b-1.hfsync"))
        workers = {"A": laptop_a.context.worker_id or "", "B": laptop_b.context.worker_id or "",
                   "C": next(c.worker_id for c in central.sharing.colleagues()
                             if c.name == "Worker C")}  # fmt: skip
        central.sharing.share([f1], [workers["C"]])
        central.sharing.share([f3], [workers["A"]])
        return_to(world, 0)
        return_to(world, 1)
        laptop_a.sharing.share([f1], [workers["B"]])
        first = world.package(0, "a-2.hfsync")
        laptop_a.sharing.share([f3, f2], [workers["C"]])
        second = world.package(0, "a-3.hfsync")
        laptop_b.sharing.share([f3], [workers["C"]])
        third = world.package(1, "b-2.hfsync")
        opener = StoreOpener({"central": (central.context.store.data_key,
                                          central.context.store.worker_id)})
    finally:
        world.close()
    return Bench(root / "central", opener, [first, second, third], [f1, f2, f3], workers)


def _copy(bench: Bench, folder: Path) -> Services:
    shutil.copytree(bench.central, folder / "central")
    return bench.opener.open(folder / "central", "central")


@pytest.fixture(scope="module")
def bench(tmp_path_factory, kdf) -> Bench:
    built = _build(tmp_path_factory.mktemp("sharing-bench"), kdf)
    with tempfile.TemporaryDirectory() as folder:
        central = _copy(built, Path(folder))
        try:
            accepted(central, *built.packages)
            for act in actions(built):
                act(central)
            built.expected = outcome(central, built.families)
        finally:
            central.close()
    return built


def test_the_bench_shares_and_hands_over(bench):
    """The order everything else is compared with says what the changes mean."""
    people = dict(bench.expected[0])
    f1, f2, f3 = bench.families
    w = bench.workers

    def who(family: str) -> tuple[str | None, list[str]]:
        found = people[family]
        return (found.responsible.worker_id if found.responsible else None,
                sorted(c.worker_id for c in found.shared))

    assert who(f1) == (w["B"], [])  # handed to B; C's share ended, A's too
    assert who(f2) == (w["A"], [w["C"]])
    assert who(f3) == (w["B"], [w["C"]])  # A's share ended; B's and A's requests for C


@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_any_order_of_requests_and_coordination_changes_converges(bench, data):
    events: list = data.draw(st.permutations([*bench.packages, *(None,) * len(actions(bench))]))
    pending = iter(actions(bench))
    with tempfile.TemporaryDirectory() as folder:
        central = _copy(bench, Path(folder))
        try:
            for event in events:
                if event is None:
                    next(pending)(central)
                else:
                    accepted(central, event)
            assert outcome(central, bench.families) == bench.expected
        finally:
            central.close()


def test_demo_families_shared_with_a_laptop_stay_on_it(world):
    """The demo's colleagues' families seem to come from the coordination: never sent."""
    laptop = world.laptops[1]
    summary = laptop.load_demo(12, seed=3)
    me = laptop.context.worker_id
    shared = laptop.sharing.shared_with_me()
    assert 3 <= len(shared) <= 5
    people = laptop.sharing.people_of_many(shared)
    assert all(p.responsible is not None and p.responsible.worker_id != me
               for p in people.values())
    accepted(world.central, world.package(1, "demo.hfsync"))
    with world.central.context.store.engine.connect() as connection:
        families = dict(connection.exec_driver_sql(
            "SELECT id, worker_id FROM household").all())
        shares = connection.exec_driver_sql("SELECT count(*) FROM family_share").scalar_one()
    assert len(families) == summary.families and set(families.values()) == {me}
    assert not shared & set(families) and shares == 0
