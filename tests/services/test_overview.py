"""Heute, Kontakte and audit lists; drafts and undo."""

import datetime as dt

from hamm_field.services import Services, setup
from hamm_field.services.overview import ContactFilter
from hamm_field.services.settings import Settings, load_settings, save_settings
from tests.conftest import PASSWORD, TODAY
from tests.services.support import begleitung, new_family


def test_my_week_starts_on_monday(services):
    family = new_family(services)
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    begleitung(services, family, date=monday)
    begleitung(services, family, date=monday - dt.timedelta(days=1))
    assert [row.contact.date for row in services.overview.my_week()] == [monday]
    assert services.overview.my_week()[0].family_name == "Петрова"


def test_quiet_families_are_mine_and_without_recent_contact(services):
    quiet = new_family(services, "Стоянова")
    busy = new_family(services, "Popescu", herkunftsland="rumaenien")
    begleitung(services, busy, date=TODAY - dt.timedelta(days=3))
    begleitung(services, quiet, date=TODAY - dt.timedelta(weeks=7))
    assert [f.family_name for f in services.overview.quiet_families()] == ["Стоянова"]


def test_contact_list_filters_by_kind_period_and_paket(services):
    family = new_family(services)
    begleitung(services, family, date=TODAY - dt.timedelta(days=40), paket=2)
    begleitung(services, family, paket=4)
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=4)
    overview = services.overview
    assert overview.count_contacts(ContactFilter()) == 3
    assert overview.count_contacts(ContactFilter(kind="begleitung")) == 2
    assert overview.count_contacts(ContactFilter(paket=4)) == 2
    recent = ContactFilter(date_from=TODAY - dt.timedelta(days=7))
    assert len(overview.contacts(recent)) == 2


def test_consent_state_follows_the_newest_consent(services):
    family = new_family(services)
    assert services.overview.consent_state(family.id) == "keine"
    consent = services.consents.create(household_id=family.id, form_language="bg",
                                       guardian_name="Frau Schmidt")
    assert services.overview.consent_state(family.id) == "erteilt"
    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_sharing=True)
    assert services.overview.consent_state(family.id) == "widerrufen"


def test_undo_brings_a_deleted_contact_back(services):
    family = new_family(services)
    contact = begleitung(services, family)
    services.contacts.delete(contact.id)
    assert services.overview.count_contacts(ContactFilter()) == 0
    services.contacts.restore(contact.id)
    assert services.overview.count_contacts(ContactFilter()) == 1
    actions = [row.action for row in services.overview.audit(record_id=contact.id)]
    assert actions == ["restore", "delete", "create"]


def test_audit_view_names_who_changed_which_fields(services):
    family = new_family(services)
    services.families.edit(family.id, status="ruhend", address="Wilhelmstraße 1")
    newest = services.overview.audit(record_id=family.id)[0]
    assert newest.worker_name == "Ana Test"
    assert newest.action == "update"
    assert newest.fields == ["address", "status"]


def test_a_draft_survives_closing_and_reopening_the_store(services, new_store, paths):
    services.drafts.save("contact", {"note": "Termin beim Jugendamt, Mutter …", "date": TODAY})
    new_store.store.close()
    store = setup.unlock(paths, PASSWORD)
    reopened = Services.for_store(store)
    assert reopened.drafts.load("contact") == {"note": "Termin beim Jugendamt, Mutter …",
                                               "date": TODAY}
    reopened.drafts.discard("contact")
    assert reopened.drafts.load("contact") is None
    store.close()


def test_a_draft_is_not_written_in_clear_text(services, new_store, paths):
    services.drafts.save("contact", {"note": "Geheimnotiz-Kindeswohl"})
    new_store.store.close()
    for path in paths.root.rglob("*"):
        if path.is_file():
            assert b"Geheimnotiz" not in path.read_bytes()


def test_settings_fall_back_to_defaults_and_clamp(tmp_path):
    assert load_settings(tmp_path) == Settings()
    save_settings(tmp_path, Settings(language="bg", lock_minutes=0))
    assert load_settings(tmp_path) == Settings(language="bg", lock_minutes=1)
    (tmp_path / "settings.json").write_text("{broken")
    assert load_settings(tmp_path) == Settings()
