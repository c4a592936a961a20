"""Kindeswohl alerts: a real coordination reads a real laptop's package with an
``erheblich`` observation, sees the alert, marks it as seen; nothing else raises one."""

from __future__ import annotations

import pytest
from sqlmodel import select

from hamm_field.domain.tables import Observation
from hamm_field.services.kindeswohl import AlertGone
from tests.conftest import run_cli
from tests.sync.conftest import TODAY, World
from tests.sync.support import NOTE, observe


def test_an_erheblich_observation_raises_one_alert_until_a_coordinator_has_seen_it(
        world: World):  # fmt: skip
    household_id = observe(world.laptops[0], "Petrova", "erheblich")
    observe(world.laptops[0], "Popa", "gering")
    package = world.package(0, "a.hfsync")

    [result] = world.central.sync.import_files([package])
    assert result.refused is None and len(result.kindeswohl) == 1
    [alert] = world.central.overview.kindeswohl_alerts()
    assert (alert.household_id, alert.family_name, alert.date, alert.author_name) == (
        household_id, "Petrova", TODAY, "Worker 0")
    assert NOTE not in repr(alert)
    assert alert.observation_id == result.kindeswohl[0]

    [again] = world.central.sync.import_files([package])
    assert again.already and again.kindeswohl == ()

    world.central.overview.mark_kindeswohl_seen(alert.observation_id)
    assert world.central.overview.kindeswohl_alerts() == []
    world.central.overview.mark_kindeswohl_seen(alert.observation_id)  # harmless twice
    seen = [row for row in world.central.overview.audit(record_id=alert.observation_id)
            if row.action == "seen"]
    assert len(seen) == 1
    assert (seen[0].entity, seen[0].worker_name, seen[0].fields) == ("observation",
                                                                     "Koordination", [])
    assert seen[0].at


def test_a_gering_observation_raises_nothing(world: World):
    observe(world.laptops[1], "Popa", "gering")
    [result] = world.central.sync.import_files([world.package(1, "b.hfsync")])
    assert result.refused is None and result.changes > 0
    assert result.kindeswohl == ()
    assert world.central.overview.kindeswohl_alerts() == []


def test_a_laptop_never_shows_alerts_not_even_its_own(world: World):
    laptop = world.laptops[0]
    observe(laptop, "Petrova", "erheblich")
    assert laptop.overview.kindeswohl_alerts() == []
    with laptop.context.store.read() as session:
        [alert_id] = session.exec(select(Observation.id)).all()
    with pytest.raises(AlertGone):
        laptop.overview.mark_kindeswohl_seen(alert_id)


def test_an_observation_the_coordination_wrote_itself_is_no_alert(world: World):
    observe(world.central, "Stoyanova", "erheblich")
    assert world.central.overview.kindeswohl_alerts() == []


def test_the_import_command_names_the_new_alerts(world: World):
    observe(world.laptops[0], "Petrova", "erheblich")
    observe(world.laptops[0], "Yusein", "erheblich")
    package = world.package(0, "a.hfsync")
    world.central.close()
    done = run_cli("--data-dir", str(world.root / "central"), "import", str(package),
                   password="central password")
    assert done.code == 0, done.err
    assert "2 neue Kindeswohl-Hinweise (erheblich)" in done.out
    assert NOTE not in done.out and "Petrova" not in done.out

