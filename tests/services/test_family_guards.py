"""No silent loss of work: a family with contacts stays, and no contact joins a deleted family."""

import pytest

from hamm_field.domain.tables import Household
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.services.families import FamilyHasContacts, live_contacts
from hamm_field.services.records import RecordNotFound
from hamm_field.services.views import FamilyFilter
from hamm_field.services.work import FamilyDeleted
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY


def family(services, name="Петрова"):
    return services.families.create(family_name=name, sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", pakete=[1]).id  # fmt: skip


def contact(services, household_id, **values):
    return services.contacts.create(household_id=household_id, kind="hausbesuch",
                                    duration_min=30, paket=1, **values).id  # fmt: skip


def names(services):
    return [f.family_name for f in services.views.search_families(FamilyFilter())]


def test_a_family_with_contacts_is_not_deleted_and_says_why(services, new_store):
    kept = family(services)
    contact(services, kept)
    with pytest.raises(FamilyHasContacts) as refused:
        services.families.delete(kept)
    assert str(refused.value) == (
        "Diese Familie hat 1 Kontakt und kann nicht gelöscht werden. Führen Sie sie mit der "
        "richtigen Familie zusammen oder löschen Sie zuerst den Kontakt.")
    contact(services, kept)
    with pytest.raises(FamilyHasContacts, match=r"hat 2 Kontakte .* zuerst die Kontakte"):
        services.families.delete(kept)
    assert names(services) == ["Петрова"]
    with new_store.store.read() as session:
        assert live_contacts(session, kept) == 2


def test_once_its_contacts_are_deleted_the_family_can_go(services):
    gone = family(services)
    services.contacts.delete(contact(services, gone))
    services.families.delete(gone)
    assert names(services) == []


def test_no_contact_is_created_moved_or_restored_into_a_deleted_family(services):
    gone, live = family(services, "Popescu"), family(services)
    services.families.delete(gone)
    with pytest.raises(FamilyDeleted) as refused:
        contact(services, gone)
    assert refused.value.by_field() == {"household_id": (
        "Diese Familie ist gelöscht oder nicht vorhanden. Bitte eine andere Familie auswählen.")}
    with pytest.raises(FamilyDeleted):
        contact(services, "no-such-family", sozialraum="hamm-westen")
    moved = contact(services, live)
    with pytest.raises(FamilyDeleted):
        services.contacts.edit(moved, household_id=gone)
    assert services.contacts.get(moved).household_id == live

    # Undo of a contact's delete, after its family was deleted too, would hide it again.
    services.families.restore(gone)
    undone = contact(services, gone)
    services.contacts.delete(undone)
    services.families.delete(gone)
    with pytest.raises(FamilyDeleted):
        services.contacts.restore(undone)
    with pytest.raises(RecordNotFound):
        services.contacts.get(undone)


def test_a_contact_that_sync_left_in_a_deleted_family_can_still_be_edited_and_moved(
        services, new_store):  # fmt: skip
    """Sync may bring a family's delete after a contact for it; the user can fix that."""
    stranded, live = family(services, "Popescu"), family(services)
    record = contact(services, stranded)
    with new_store.store.write() as writer:  # as a merged tombstone would
        writer.delete(writer.session.get(Household, stranded))
    services.contacts.edit(record, duration_min=45)
    services.contacts.edit(record, household_id=live)
    assert services.contacts.get(record).household_id == live


def test_a_contact_without_family_is_not_affected(services):
    record = services.contacts.create(kind="veranstaltung", duration_min=90, paket=1,
                                      title="Elterncafé", participants=12,
                                      sozialraum="hamm-westen")  # fmt: skip
    assert services.contacts.get(record.id).household_id is None


def test_erasure_of_a_family_with_contacts_still_works(tmp_path, kdf):
    created = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    central = Services.for_store(created.store, today=lambda: TODAY)
    try:
        erased = family(central, "Стоянова")
        contact(central, erased, note="Termin bei Dr. Weber")
        central.erasures.erase_family(erased)
        assert central.families.get(erased).family_name == "—"
        assert names(central) == ["—"]
    finally:
        central.close()
