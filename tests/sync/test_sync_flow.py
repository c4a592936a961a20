"""Laptops export, the coordination imports: counts add up, nothing twice, refusals change
nothing and land in quarantine."""

import pytest

from hamm_field.services.views import FamilyFilter
from hamm_field.store.paths import StorePaths
from hamm_field.sync.export import NotEnrolled
from tests.sync.conftest import TODAY
from tests.sync.support import dump


def counts(services, worker_id=None):
    """Families and contacts; with ``worker_id`` only that worker's (a laptop's own work,
    without the demo families colleagues share with it, which never were at the centre)."""
    views, overview = services.views, services.overview
    from hamm_field.services.overview import ContactFilter

    return (views.count_families(FamilyFilter(worker_id=worker_id)),
            overview.count_contacts(ContactFilter(worker_id=worker_id)))


def test_central_counts_equal_the_sum_of_the_laptops(world):
    world.laptops[0].load_demo(25, seed=1)
    world.laptops[1].load_demo(15, seed=2)
    first, second = world.package(0, "a.hfsync"), world.package(1, "b.hfsync")
    results = world.central.sync.import_files([first, second])
    assert [r.refused for r in results] == [None, None]
    laptop_counts = [counts(s, s.context.worker_id) for s in world.laptops]
    assert counts(world.central) == (laptop_counts[0][0] + laptop_counts[1][0],
                                     laptop_counts[0][1] + laptop_counts[1][1])
    own = FamilyFilter(worker_id=world.laptops[0].context.worker_id)
    family = world.laptops[0].views.search_families(own, limit=1)[0]
    assert world.central.families.get(family.id).family_name == family.family_name
    before = dump(world.central)
    again = world.central.sync.import_files([first])
    assert again[0].already and dump(world.central) == before


def test_package_holds_no_clear_text_names(world):
    world.laptops[0].families.create(family_name="Стоянова", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    data = world.package(0, "a.hfsync").read_bytes()
    assert "Стоянова".encode() not in data and b"Worker 0" not in data


@pytest.mark.parametrize("damage", ["truncate", "flip_envelope", "flip_payload", "foreign",
                                    "payload_swapped_after_import"])
def test_refused_packages_change_nothing_and_go_to_quarantine(world, tmp_path, kdf, damage):
    world.laptops[0].load_demo(5, seed=3)
    good = world.package(0, "good.hfsync")
    bad = tmp_path / "bad.hfsync"
    data = bytearray(good.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip_envelope":
        data[200] ^= 0x01
    elif damage == "flip_payload":
        data[-50] ^= 0x01
    elif damage == "foreign":
        from tests.sync.conftest import make_world

        other = make_world(tmp_path / "other", kdf, laptops=1)
        other.laptops[0].load_demo(3, seed=4)
        data = bytearray(other.package(0, "x.hfsync").read_bytes())
        other.close()
    elif damage == "payload_swapped_after_import":
        world.central.sync.import_files([good])  # then the same envelope, other payload
        data = data[:-10] + bytes(10)
    bad.write_bytes(bytes(data))
    before = dump(world.central)
    [result] = world.central.sync.import_files([bad])
    assert result.refused is not None
    assert dump(world.central) == before
    quarantine = StorePaths(world.root / "central").quarantine
    reasons = [p.read_text() for p in quarantine.glob("*.reason.txt")]
    assert len(reasons) == 1 and "file: bad.hfsync" in reasons[0]
    assert bad.exists()  # the original is left where it was


def test_a_revoked_laptop_is_refused(world):
    world.laptops[1].load_demo(3, seed=5)
    world.central.sync.import_files([world.package(1, "b1.hfsync")])
    world.central.sync.revoke(world.laptops[1].context.store.device_id)
    [result] = world.central.sync.import_files([world.package(1, "b2.hfsync")])
    assert str(result.refused) == "Das Paket stammt von einem gesperrten Gerät."


def test_a_missing_package_is_reported_as_a_gap(world):
    world.laptops[0].load_demo(3, seed=6)
    world.package(0, "1.hfsync")
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    third = world.package(0, "2.hfsync")
    [result] = world.central.sync.import_files([third])
    assert result.sequence == 2 and result.gaps == [1]


def test_an_uninvited_laptop_cannot_export(tmp_path, kdf):
    from hamm_field.domain.vocab import DeviceRole
    from hamm_field.services import Services, setup

    alone = setup.initialize(StorePaths(tmp_path / "alone"), device_role=DeviceRole.FIELD,
                             name="X", password="laptop password", kdf=kdf)
    with pytest.raises(NotEnrolled):
        Services.for_store(alone.store, today=lambda: TODAY).sync.export(tmp_path / "x")
    alone.store.close()


def test_an_unreadable_file_is_reported_and_the_others_still_import(world, tmp_path):
    world.laptops[0].load_demo(3, seed=7)
    good = world.package(0, "good.hfsync")
    missing = tmp_path / "nowhere.hfsync"
    results = world.central.sync.import_files([missing, good])
    assert str(results[0].refused) == "Die Paketdatei ist beschädigt oder unvollständig."
    assert results[1].refused is None and results[1].changes > 0


def test_a_lost_edit_is_queued_once_whatever_beats_it(world):
    """Laptop 1's edit loses to laptop 0's, then again to a newer one: one queue entry."""
    shared = world.laptops[0].families.create(family_name="Стоянова", sozialraum="pelkum",
                                              herkunftsland="bulgarien")
    world.central.sync.import_files([world.package(0, "a1.hfsync")])
    _give(world.laptops[1], "worker", _rows(world.central, "worker", shared.worker_id))
    _give(world.laptops[1], "household", _rows(world.central, "household", shared.id))
    world.laptops[1].families.edit(shared.id, status="ruhend")
    world.laptops[0].families.edit(shared.id, status="abgeschlossen")
    world.central.sync.import_files([world.package(1, "b1.hfsync"),
                                     world.package(0, "a2.hfsync")])
    world.laptops[0].families.edit(shared.id, status="aktiv")
    # Laptop 1 re-sends its unchanged, losing edit (no acknowledgement came back yet).
    world.central.sync.import_files([world.package(0, "a3.hfsync"),
                                     world.package(1, "b2.hfsync")])
    laptop1 = world.laptops[1].context.store.device_id
    with world.central.context.store.engine.connect() as connection:
        queued = connection.exec_driver_sql(
            "SELECT loser_value FROM sync_conflict WHERE record_id = ? AND loser_device = ?",
            (shared.id, laptop1)).fetchall()
    assert queued == [('"ruhend"',)]
    assert world.central.families.get(shared.id).status == "aktiv"


def _rows(services, table, record_id):
    from hamm_field.store import sync_rows

    with services.context.store.engine.connect() as connection:
        return sync_rows.load(connection, table, [record_id])


def _give(services, table, rows):
    """Put the central's copy of a record on a laptop (what a return package will do)."""
    from hamm_field.store import sync_rows

    with services.context.store.engine.begin() as connection:
        sync_rows.save(connection, table, rows.values())


def test_a_return_package_acknowledges_and_shares_and_the_next_export_is_small(world):
    laptop, other = world.laptops
    laptop.load_demo(20, seed=8)
    other.load_demo(10, seed=9)
    first = world.root / "first.hfsync"
    first_result = laptop.sync.export(first)
    world.central.sync.import_files([first, world.package(1, "o.hfsync")])
    back = world.central.sync.make_return(laptop.context.store.device_id,
                                          world.root / "back.hfsync")
    assert back.acked_sequence == 1
    [applied] = laptop.sync.import_files([back.path])
    assert applied.refused is None
    laptop.families.create(family_name="Неделчева", sozialraum="pelkum",
                           herkunftsland="bulgarien")
    second = laptop.sync.export(world.root / "second.hfsync")
    assert first_result.changes > 300
    assert second.changes < 10 and second.counts.get("household") == 1
    # the other laptop's families are not sent to this worker unless shared
    assert counts(laptop)[0] == 21


def test_a_return_package_for_another_laptop_is_refused(world):
    for number in (0, 1):
        world.laptops[number].load_demo(3, seed=10 + number)
    world.central.sync.import_files([world.package(0, "a.hfsync"), world.package(1, "b.hfsync")])
    back = world.central.sync.make_return(world.laptops[1].context.store.device_id,
                                          world.root / "back.hfsync")
    [result] = world.laptops[0].sync.import_files([back.path])
    assert result.refused is not None


def test_a_family_handed_to_a_colleague_arrives_with_its_contacts(world):
    """Reassigned by the coordination: the Sozialbetreuer's laptop gets the family and sees
    the Schlüsselfigur's contacts."""
    keyfigure, caseworker = world.laptops
    family = keyfigure.families.create(family_name="Юсеинова", sozialraum="hamm-westen",
                                       herkunftsland="bulgarien", pakete=[1])
    keyfigure.contacts.create(household_id=family.id, kind="begleitung", duration_min=45,
                              institution="kinderarzt", paket=1)
    caseworker.families.create(family_name="Popa", sozialraum="pelkum",
                               herkunftsland="rumaenien")
    world.central.sync.import_files([world.package(0, "k.hfsync"), world.package(1, "c.hfsync")])
    world.central.families.edit(family.id, worker_id=caseworker.context.worker_id)
    back = world.central.sync.make_return(caseworker.context.store.device_id,
                                          world.root / "back.hfsync")
    [result] = caseworker.sync.import_files([back.path])
    assert result.refused is None
    assert caseworker.families.get(family.id).family_name == "Юсеинова"
    timeline = caseworker.views.timeline(family.id)
    assert [entry.title for entry in timeline if entry.kind == "contact"] == ["Begleitung"]
    assert caseworker.views.search_families(FamilyFilter(query="yuseinova"))[0].id == family.id
