"""A merge of duplicate families and laptops that keep writing under the old id.

Laptop A and laptop B each recorded the same family. The coordination merges B's family
into A's; meanwhile both laptops edit and add records, B under the old id, and after
the return packages they write again (B still under the old id, from a screen that was
open). Whatever order the coordination sees the packages and its own merge in (the
merge always before the packages written after its return), it ends with the same rows
and no record names the merged-away family.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hamm_field.domain.tables import REPLICATED_TABLES
from hamm_field.reports.model import Period
from hamm_field.services import Services
from hamm_field.store.redirects import FAMILY_TABLES
from tests.sync.conftest import make_world
from tests.sync.hostile import StoreOpener
from tests.sync.support import accepted, return_to

MERGE = "merge"
YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")
METADATA = ("hlc", "device_id", "created_hlc", "created_device", "stamps")


@dataclass
class Bench:
    snapshot: Path  # the coordination after the laptops' first packages
    opener: StoreOpener
    survivor: str
    merged: str
    early: list[Path]  # written before the laptops heard of the merge
    late: list[Path]  # written after the return packages that carried it
    expected: dict = field(default_factory=dict)


def new_family(laptop: Services, name: str, given: str) -> str:
    family = laptop.families.create(family_name=name, sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", pakete=[1]).id
    laptop.persons.create(household_id=family, given_name=given, family_name=name,
                          birth_year=1990, relation="elternteil")
    contact(laptop, family, 3)
    return family


def contact(laptop: Services, family: str, month: int) -> str:
    return laptop.contacts.create(household_id=family, kind="begleitung", duration_min=30,
                                  paket=1, institution="kinderarzt",
                                  date=dt.date(2026, month, 5)).id


def contacts_of(laptop: Services, family: str) -> list[str]:
    return [e.record_id for e in laptop.views.timeline(family) if e.kind == "contact"]


def rows(central: Services) -> dict:
    """Every replicated row's values (sync stamps left out: the merge is the coordination's
    own write, stamped when it happens) and the Kennzahlen counts."""
    found = {}
    with central.context.store.engine.connect() as connection:
        for table in [t.__tablename__ for t in REPLICATED_TABLES]:
            result = connection.exec_driver_sql(f'SELECT * FROM "{table}"')
            names = list(result.keys())
            found[table] = sorted(
                tuple((n, v if n != "deleted_hlc" else v is not None)
                      for n, v in zip(names, row, strict=True) if n not in METADATA)
                for row in result)  # fmt: skip
        for table in ("report_sum", "report_presence", "report_family"):
            found[table] = sorted(map(tuple, connection.exec_driver_sql(
                f"SELECT * FROM {table}")))  # fmt: skip
    return found


def differences(found: dict, expected: dict) -> list:
    """The fields that differ, for a readable failure."""
    out = []
    for table, expected_rows in expected.items():
        if table.startswith("report_"):
            if found[table] != expected_rows:
                out.append((table, set(found[table]) ^ set(expected_rows)))
            continue
        want = {dict(r).get("id", i): dict(r) for i, r in enumerate(expected_rows)}
        for i, row in enumerate(found[table]):
            got = dict(row)
            other = want.get(got.get("id", i), {})
            out += [(table, name, got[name], other.get(name)) for name in got
                    if got[name] != other.get(name)]
    return out


def names_merged(central: Services, merged: str) -> int:
    with central.context.store.engine.connect() as connection:
        return sum(connection.exec_driver_sql(
            f'SELECT count(*) FROM "{table}" WHERE household_id = ?', (merged,)).scalar_one()
            for table in FAMILY_TABLES)  # fmt: skip


def _build(root: Path, kdf) -> Bench:  # type: ignore[no-untyped-def]
    world = make_world(root, kdf)
    try:
        a, b = world.laptops
        survivor, merged = new_family(a, "Petrova", "Ivana"), new_family(b, "Петрова", "Ивана")
        accepted(world.central, world.package(0, "a-1.hfsync"), world.package(1, "b-1.hfsync"))
        a.contacts.edit(contacts_of(a, survivor)[0], note="Termin verschoben")
        contact(a, survivor, 4)
        b_first = contacts_of(b, merged)[0]
        b.contacts.edit(b_first, duration_min=45)
        b.persons.create(household_id=merged, given_name="Мария", family_name="Петрова",
                         birth_year=2015, relation="kind")
        b.families.edit(merged, address="Wilhelmstr. 12")
        contact(b, merged, 5)
        early = [world.package(0, "a-2.hfsync"), world.package(1, "b-2.hfsync")]
        store = world.central.context.store
        opener = StoreOpener({"central": (store.data_key, store.worker_id)})
        world.central.close()
        shutil.copytree(root / "central", root / "snapshot")
        world.central = opener.open(root / "central", "central")
        world.central.duplicates.merge(survivor, merged)
        return_to(world, 0)
        return_to(world, 1)
        assert b_first in contacts_of(a, survivor)  # moved, and now A's to see
        a.contacts.edit(b_first, note="gemeinsam besprochen")
        contact(b, merged, 6)  # the old family's screen was still open
        late = [world.package(0, "a-3.hfsync"), world.package(1, "b-3.hfsync")]
    finally:
        world.close()
    return Bench(root / "snapshot", opener, survivor, merged, early, late)


def replay(bench: Bench, events: list, folder: Path) -> Services:
    shutil.copytree(bench.snapshot, folder / "central")
    central = bench.opener.open(folder / "central", "central")
    for event in events:
        if event == MERGE:
            central.duplicates.merge(bench.survivor, bench.merged)
        else:
            accepted(central, event)
    return central


@pytest.fixture(scope="module")
def bench(tmp_path_factory, kdf) -> Bench:
    built = _build(tmp_path_factory.mktemp("merge-bench"), kdf)
    with tempfile.TemporaryDirectory() as folder:
        central = replay(built, [*built.early, MERGE, *built.late], Path(folder))
        try:
            built.expected = rows(central)
            assert names_merged(central, built.merged) == 0
            timeline = contacts_of(central, built.survivor)
            assert len(timeline) == 5  # one each first, one each early, B late
            figures = central.reports.compute(YEAR)
            assert figures.begleitete_familien == 1 and figures.begleitungen == 5
        finally:
            central.close()
    return built


def test_the_late_packages_land_in_the_surviving_family(bench):
    households = {dict(r)["id"]: dict(r) for r in bench.expected["household"]}
    assert households[bench.merged]["deleted_hlc"] is True
    assert households[bench.survivor]["deleted_hlc"] is False
    [redirect] = bench.expected["household_redirect"]
    assert dict(redirect) == {"id": bench.merged, "deleted_hlc": False,
                              "erased": False, "target_id": bench.survivor}


@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_any_order_of_merge_and_packages_gives_the_same_rows(bench, data):
    events = data.draw(st.permutations([*bench.early, MERGE, *bench.late]))
    assume(events.index(MERGE) < min(events.index(p) for p in bench.late))
    with tempfile.TemporaryDirectory() as folder:
        central = replay(bench, events, Path(folder))
        try:
            assert names_merged(central, bench.merged) == 0
            found = rows(central)
            assert found == bench.expected, differences(found, bench.expected)
        finally:
            central.close()
