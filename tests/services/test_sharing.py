"""Who works with a family: handing over and sharing, as the coordination and a laptop do it."""

from __future__ import annotations

import pytest

from hamm_field.domain.vocab import WorkerRole
from hamm_field.services.sharing import OnlyCoordination, UnknownColleague
from tests.sync.conftest import make_world


@pytest.fixture
def team(tmp_path, kdf):
    built = make_world(tmp_path, kdf)
    built.central.sync.invite("Worker 2", WorkerRole.SOZIALBETREUER, tmp_path / "third.invite")
    yield built
    built.close()


def ids(team) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.name: c.worker_id for c in team.central.sharing.colleagues()}


def new_family(services, worker_id=None) -> str:  # type: ignore[no-untyped-def]
    return services.families.create(family_name="Petrova", sozialraum="pelkum",
                                    herkunftsland="bulgarien", worker_id=worker_id).id


def shares(services, family: str) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    with services.context.store.engine.connect() as connection:
        return {worker: bool(active) for worker, active in connection.exec_driver_sql(
            "SELECT worker_id, active FROM family_share WHERE household_id = ?", (family,))}


def test_colleagues_are_the_active_field_workers_by_name(team):
    assert [c.name for c in team.central.sharing.colleagues()] == [
        "Worker 0", "Worker 1", "Worker 2"]  # not the coordination


def test_handing_over_ends_the_former_responsibles_share_and_folds_the_new_ones(team):
    central, w = team.central, ids(team)
    family = new_family(central, w["Worker 0"])
    central.sharing.share([family], [w["Worker 1"]])
    assert central.sharing.set_responsible([family], w["Worker 2"]) == 1
    people = central.sharing.people_of(family)
    assert people.responsible is not None and people.responsible.name == "Worker 2"
    assert [c.name for c in people.shared] == ["Worker 1"]
    # The former responsible is remembered (their late writes count); the new one's record
    # exists, inactive, so a share request for them still on its way cannot revive it.
    assert shares(central, family) == {w["Worker 0"]: False, w["Worker 1"]: True,
                                       w["Worker 2"]: False}
    assert central.sharing.set_responsible([family], w["Worker 2"]) == 0


def test_nobody_shares_a_family_with_themselves(team):
    laptop = team.laptops[0]
    family = new_family(laptop)
    assert laptop.sharing.share([family], [laptop.context.worker_id]) == 0
    assert shares(laptop, family) == {}


def test_a_laptop_neither_hands_over_nor_ends_a_share(team):
    laptop, w = team.laptops[0], ids(team)
    family = new_family(laptop)
    with pytest.raises(OnlyCoordination):
        laptop.sharing.set_responsible([family], w["Worker 1"])
    with pytest.raises(OnlyCoordination):
        laptop.sharing.unshare([family], w["Worker 1"])


def test_a_family_goes_only_to_someone_in_the_team(team):
    central = team.central
    family = new_family(central)
    with pytest.raises(UnknownColleague):
        central.sharing.share([family], [central.context.worker_id])
    with pytest.raises(UnknownColleague):
        central.sharing.set_responsible([family], "no such worker")
