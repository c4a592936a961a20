"""A laptop keeps only its worker's families: what the coordination hands over, stops
sharing or has closed for longer than its period leaves the laptop with the next return
package, but never before the laptop's own changes about it are acknowledged."""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.reports.periods import period_for
from hamm_field.services import Services
from hamm_field.services.sync import CentralOnly
from hamm_field.store.prune import AUDIT_ACTION
from hamm_field.sync.authority import InvalidPackage
from hamm_field.sync.manifest import check_return_manifest
from tests.conftest import run_cli
from tests.reports.support import assert_counts_sound
from tests.sync.conftest import TODAY
from tests.sync.support import family_with_contact, give_back, send, worker

FAMILY_ROWS = ("person", "contact", "consent", "case_phase", "goal", "family_share")


def rows_of(services: Services, family: str) -> dict[str, int]:
    with services.context.store.engine.connect() as connection:
        counts = {"household": connection.exec_driver_sql(
            "SELECT count(*) FROM household WHERE id = ?", (family,)).scalar_one()}
        for table in FAMILY_ROWS:
            counts[table] = connection.exec_driver_sql(
                f'SELECT count(*) FROM "{table}" WHERE household_id = ?', (family,)).scalar_one()
    return counts


def pruned_entries(services: Services, family: str) -> int:
    with services.context.store.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM audit_entry WHERE action = ? AND entity = 'household' "
            "AND record_id = ?", (AUDIT_ACTION, family)).scalar_one()


def test_a_handed_over_family_leaves_the_laptop_whole_and_comes_back_whole(world):
    first, second = world.laptops
    family = family_with_contact(first, "Petrova")
    kept = family_with_contact(first, "Ionescu")
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    before = rows_of(first, family)
    assert before["person"] == before["contact"] == 1

    world.central.sharing.set_responsible([family], worker(second))
    result = give_back(world, 0, "r2.hfsync")
    assert (result.removed, result.kept) == (1, 0)
    assert set(rows_of(first, family).values()) == {0}
    assert rows_of(first, kept)["contact"] == 1
    assert pruned_entries(first, family) == 1
    assert_counts_sound(first.context.store, [period_for("jahr", TODAY)])
    assert first.sync.status().unsynced_changes == 0  # the removal itself never travels

    send(world, 1, "b1.hfsync")
    give_back(world, 1, "s1.hfsync")
    arrived = rows_of(second, family)
    assert arrived["person"] == arrived["contact"] == 1

    world.central.sharing.share([family], [worker(first)])
    assert give_back(world, 0, "r3.hfsync").removed == 0
    back = rows_of(first, family)
    assert back["household"] == back["person"] == back["contact"] == 1
    assert back["family_share"] >= 1
    assert_counts_sound(first.context.store, [period_for("jahr", TODAY)])


def test_an_unacknowledged_change_keeps_the_family_until_it_is_confirmed(world):
    first, second = world.laptops
    family = family_with_contact(first, "Dimitrova")
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    first.contacts.create(household_id=family, kind="hausbesuch", duration_min=45, paket=1)

    world.central.sharing.set_responsible([family], worker(second))
    result = give_back(world, 0, "r2.hfsync")
    assert (result.removed, result.kept) == (0, 1)
    assert rows_of(first, family)["contact"] == 2  # the unsent visit is still here
    assert pruned_entries(first, family) == 0

    send(world, 0, "a2.hfsync")
    assert rows_of(world.central, family)["contact"] == 2  # the coordination has it now
    result = give_back(world, 0, "r3.hfsync")
    assert (result.removed, result.kept) == (1, 0)
    assert set(rows_of(first, family).values()) == {0}
    assert_counts_sound(first.context.store, [period_for("jahr", TODAY)])


def test_an_ended_share_leaves_the_laptop_it_was_shared_with(world):
    first, second = world.laptops
    family = family_with_contact(first, "Popescu")
    send(world, 0, "a1.hfsync")
    world.central.sharing.share([family], [worker(second)])
    send(world, 1, "b1.hfsync")
    give_back(world, 1, "s1.hfsync")
    assert rows_of(second, family)["contact"] == 1

    world.central.sharing.unshare([family], worker(second))
    assert give_back(world, 1, "s2.hfsync").removed == 1
    assert set(rows_of(second, family).values()) == {0}
    assert rows_of(world.central, family)["contact"] == 1  # the coordination keeps it


def test_closed_families_leave_the_laptops_after_the_coordinations_period(world):
    first = world.laptops[0]
    closed = family_with_contact(first, "Georgieva")
    still_open = family_with_contact(first, "Marinova")
    send(world, 0, "a1.hfsync")
    world.central.families.edit(closed, status="abgeschlossen")
    today = dt.date.today()

    two_months_on = give_back(world, 0, "r1.hfsync", today + dt.timedelta(days=62))
    assert two_months_on.removed == 0 and rows_of(first, closed)["household"] == 1
    assert first.families.get(closed).status == "abgeschlossen"

    seven_months_on = give_back(world, 0, "r2.hfsync", today + dt.timedelta(days=7 * 31))
    assert seven_months_on.removed == 1
    assert rows_of(first, closed)["household"] == 0
    assert rows_of(first, still_open)["household"] == 1
    assert_counts_sound(first.context.store, [period_for("jahr", TODAY)])


def test_a_shorter_period_set_at_the_coordination_applies_to_the_next_return(world):
    first = world.laptops[0]
    closed = family_with_contact(first, "Stoica")
    send(world, 0, "a1.hfsync")
    world.central.families.edit(closed, status="abgeschlossen")
    in_two_months = dt.date.today() + dt.timedelta(days=62)
    assert give_back(world, 0, "r1.hfsync", in_two_months).removed == 0

    assert world.central.sync.closed_months() == 6
    assert world.central.sync.set_closed_months(1) == 1
    assert give_back(world, 0, "r2.hfsync", in_two_months).removed == 1
    assert world.central.sync.set_closed_months(99) == 36
    assert world.central.sync.set_closed_months(0) == 1
    with pytest.raises(CentralOnly):
        first.sync.set_closed_months(3)


def test_the_cli_import_tells_how_many_families_left_the_laptop(world):
    first, second = world.laptops
    family = family_with_contact(first, "Radu")
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    world.central.sharing.set_responsible([family], worker(second))
    path = world.root / "r2.hfsync"
    world.central.sync.make_return(first.context.store.device_id, path)
    first.close()  # the command line opens the laptop's store itself

    done = run_cli("--data-dir", str(world.root / "laptop0"), "import", str(path),
                   password="laptop password")
    assert done.code == 0, done.err
    assert ("1 Familie ist nicht mehr Ihnen zugeordnet (übergeben, nicht mehr geteilt oder "
            "länger abgeschlossen) und wurde von diesem Laptop entfernt.") in done.out


VALID = {"package_id": "01890a5d-ac96-774b-bcce-b302099a8057",
         "device": "01890a5d-ac96-774b-bcce-b302099a8058", "acked_hlc": 1,
         "acked_sequence": 1, "created": "2026-11-20T10:00:00+00:00"}  # fmt: skip


@pytest.mark.parametrize("held", [
    ["not an id"], "01890a5d-ac96-774b-bcce-b302099a8057", [1],
    ["01890a5d-ac96-774b-bcce-b302099a8057"] * 2,
])  # fmt: skip
def test_a_return_with_a_malformed_list_of_families_is_refused(held):
    with pytest.raises(InvalidPackage):
        check_return_manifest({**VALID, "held": held}, newest_allowed=10)


def test_a_return_without_the_list_is_an_older_coordinations_and_fine():
    check_return_manifest(dict(VALID), newest_allowed=10)
    check_return_manifest({**VALID, "held": []}, newest_allowed=10)


def local_rows(services: Services, sql: str, *params: str) -> int:
    with services.context.store.engine.connect() as connection:
        return connection.exec_driver_sql(sql, params).scalar_one()


def test_its_conflicts_and_drafts_leave_with_the_family(world):
    first, second = world.laptops
    family = family_with_contact(first, "Vasileva")
    other = family_with_contact(first, "Nikolova")
    send(world, 0, "a1.hfsync")
    first.families.edit(family, address="Weg 1")
    world.central.families.edit(family, address="Weg 2")  # later: it wins on the laptop
    give_back(world, 0, "r1.hfsync")
    queued = "SELECT count(*) FROM sync_conflict WHERE record_id = ?"
    assert local_rows(first, queued, family) == 1
    send(world, 0, "a2.hfsync")
    first.drafts.save("contact:new", {"household_id": family, "note": "halb getippt"})
    first.drafts.save("contact:other", {"household_id": other, "note": "bleibt"})

    world.central.sharing.set_responsible([family], worker(second))
    assert give_back(world, 0, "r2.hfsync").removed == 1
    assert local_rows(first, queued, family) == 0
    assert first.drafts.load("contact:new") is None
    assert first.drafts.load("contact:other") == {"household_id": other, "note": "bleibt"}


def test_an_erased_family_stays_blank_on_the_laptop(world):
    first = world.laptops[0]
    family = family_with_contact(first, "Stoyanova")
    send(world, 0, "a1.hfsync")
    world.central.erasures.erase_family(family)
    result = give_back(world, 0, "r1.hfsync")
    assert (result.removed, result.kept) == (0, 0)
    assert first.families.get(family).family_name == "—"
    assert rows_of(first, family)["contact"] == 1  # it still counts, for nobody in particular
