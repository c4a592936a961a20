"""Per-field version stamps and tombstones: what a later merge will rely on."""

from hamm_field.domain.hlc import millis_of
from hamm_field.domain.tables import Household
from hamm_field.store.versioning import field_stamp


def test_each_field_keeps_the_stamp_of_the_write_that_set_it(services, new_store):
    family = services.families.create(
        family_name="Димитрова", sozialraum="hamm-westen", herkunftsland="bulgarien"
    )
    created = (family.created_hlc, family.created_device)
    edited = services.families.edit(family.id, status="ruhend")
    device = new_store.store.device_id
    assert field_stamp(edited, "family_name") == created
    status_stamp = field_stamp(edited, "status")
    assert status_stamp[1] == device and status_stamp[0] > created[0]
    assert edited.hlc == status_stamp[0]
    assert millis_of(edited.hlc) > 0


def test_an_edit_that_changes_nothing_writes_nothing(services):
    family = services.families.create(
        family_name="Димитрова", sozialraum="hamm-westen", herkunftsland="bulgarien"
    )
    again = services.families.edit(family.id, status=family.status)
    assert again.hlc == family.hlc
    assert again.stamps == {}


def test_delete_leaves_a_tombstone_that_can_travel(services, new_store):
    family = services.families.create(
        family_name="Димитрова", sozialraum="hamm-westen", herkunftsland="bulgarien"
    )
    services.families.delete(family.id)
    with new_store.store.read() as session:
        row = session.get(Household, family.id)
    assert row is not None and row.deleted_hlc is not None
    assert row.hlc == row.deleted_hlc


def test_the_clock_survives_reopening(new_store, paths, services):
    from hamm_field.services import setup
    from tests.conftest import PASSWORD

    family = services.families.create(
        family_name="Николова", sozialraum="pelkum", herkunftsland="bulgarien"
    )
    new_store.store.close()
    store = setup.unlock(paths, PASSWORD)
    assert store.clock.now() > family.hlc
    store.close()
