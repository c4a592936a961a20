"""Refusals that need a correctly signed package: a replay with other content and a
laptop clock running ahead. Both change nothing and land in quarantine."""

import datetime as dt

from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.store.paths import StorePaths
from hamm_field.sync import export
from hamm_field.sync.importer import ClockAhead, ReplayedPackage
from tests.sync.support import dump


def _quarantined_reasons(world):
    quarantine = StorePaths(world.root / "central").quarantine
    return [p.read_text() for p in quarantine.glob("*.reason.txt")]


def test_a_package_id_sent_again_with_other_content_is_refused(world, monkeypatch):
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    fixed = "01900000-0000-7000-8000-000000000001"
    monkeypatch.setattr(export, "uuid7", lambda: fixed)
    first = world.package(0, "first.hfsync")
    [imported] = world.central.sync.import_files([first])
    assert imported.refused is None
    # Same id, signed with the laptop's real key, but more rows inside.
    laptop.families.create(family_name="Petrova", sozialraum="pelkum", herkunftsland="bulgarien")
    second = world.package(0, "second.hfsync")
    before = dump(world.central)
    [result] = world.central.sync.import_files([second])
    assert isinstance(result.refused, ReplayedPackage)
    assert str(result.refused) == ("Ein Paket mit dieser Kennung wurde schon mit anderem "
                                   "Inhalt eingelesen.")
    assert dump(world.central) == before
    assert any("reason: replayed" in text for text in _quarantined_reasons(world))


def test_a_package_from_a_clock_two_days_ahead_is_refused(world):
    laptop = world.laptops[0]
    ahead = dt.timedelta(days=2) // dt.timedelta(milliseconds=1)
    laptop.context.store.clock.observe(pack(wall_millis() + ahead, 0))
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    before = dump(world.central)
    [result] = world.central.sync.import_files([world.package(0, "ahead.hfsync")])
    assert isinstance(result.refused, ClockAhead)
    assert dump(world.central) == before
    assert any("reason: clock_ahead" in text for text in _quarantined_reasons(world))


def test_the_laptop_warns_when_its_clock_is_behind_what_it_has_seen(world):
    laptop = world.laptops[0]
    assert laptop.sync.clock_behind() is None
    hour = 3_600_000
    laptop.context.store.clock.observe(pack(wall_millis() + hour, 0))
    warned = laptop.sync.clock_behind()
    assert warned is not None
    assert warned > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=55)


def test_a_package_addressed_to_someone_else_is_refused(world):
    """A return package is for a laptop; fed to the central store it must not merge."""
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    back = world.central.sync.make_return(world.laptops[0].context.store.device_id,
                                          world.root / "back.hfsync")
    before = dump(world.central)
    [result] = world.central.sync.import_files([back.path])
    assert str(result.refused) == "Das Paket ist nicht für diese Ablage verschlüsselt."
    assert dump(world.central) == before
