"""Contacts, handouts, phases, goals and restricted observations."""

import datetime as dt

import pytest

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.tables import Worker
from hamm_field.services import Services
from hamm_field.services.records import NotAllowed, RecordNotFound
from tests.conftest import TODAY
from tests.services.support import begleitung, new_family


def test_contact_defaults_are_today_me_and_the_familys_sozialraum(services, new_store):
    family = new_family(services, sozialraum="pelkum")
    contact = begleitung(services, family)
    assert contact.date == TODAY
    assert contact.worker_id == new_store.store.worker_id
    assert contact.sozialraum == "pelkum"


def test_suggestions_use_the_paket_and_institution_last_used_for_the_family(services):
    family = new_family(services)
    begleitung(services, family, institution="jugendamt", paket=5)
    suggested = services.contacts.suggestions(family.id, "begleitung")
    assert suggested == {"sozialraum": "hamm-westen", "paket": 5, "institution": "jugendamt",
                         "last_institution": "jugendamt"}


def test_every_contact_kind_can_be_recorded(services):
    family = new_family(services)
    for kind in ("beratung", "hausbesuch", "schriftstueck", "telefonat", "vermittlung"):
        services.contacts.create(household_id=family.id, kind=kind, duration_min=20, paket=1)
    services.contacts.create(household_id=family.id, kind="sprechstunde", duration_min=15,
                             paket=1, place="hamm-norden")
    begleitung(services, family)
    services.contacts.create(kind="veranstaltung", duration_min=120, title="Elterncafé",
                             participants=25, sozialraum="hamm-westen", paket=3)
    kinds = {entry.title for entry in services.views.timeline(family.id)}
    assert kinds == {"Beratung", "Hausbesuch", "Schriftstück erläutert", "Telefonat/Nachricht",
                     "Vermittlung", "Sprechstunde", "Begleitung"}


def test_a_begleitung_without_institution_is_not_stored(services):
    family = new_family(services)
    with pytest.raises(ValidationError) as caught:
        begleitung(services, family, institution=None)
    assert caught.value.by_field() == {"institution": "Bitte auswählen."}
    assert services.views.timeline(family.id) == []


def test_timeline_lists_everything_newest_first_and_forgets_deleted(services):
    family = new_family(services)
    old = begleitung(services, family, date=TODAY - dt.timedelta(days=10))
    services.handouts.create(household_id=family.id, edition="bg", items=["stadtplan", "kitas"],
                             date=TODAY - dt.timedelta(days=5))
    services.phases.create(household_id=family.id, phase=1, started_on=TODAY - dt.timedelta(days=7))
    services.goals.create(household_id=family.id, handlungsfeld="sprache", text="Sprachkurs A1")
    timeline = services.views.timeline(family.id)
    assert [e.kind for e in timeline] == ["goal", "handout", "phase", "contact"]
    assert timeline[1].title == "Starterpaket übergeben (Bulgarisch)"
    services.contacts.delete(old.id)
    timeline = services.views.timeline(family.id)
    assert [e.kind for e in timeline] == ["change", "goal", "handout", "phase"]
    assert timeline[0].title == "Kontakt gelöscht" and timeline[0].record_id == old.id


def test_edits_and_undos_show_in_the_timeline_with_who(services, new_store):
    family = new_family(services)
    contact = begleitung(services, family)
    services.contacts.edit(contact.id, duration_min=90)
    services.contacts.delete(contact.id)
    services.contacts.restore(contact.id)
    changes = [e for e in services.views.timeline(family.id) if e.kind == "change"]
    assert {e.title for e in changes} == {
        "Kontakt geändert", "Kontakt gelöscht", "Kontakt wiederhergestellt"}
    assert {e.worker_id for e in changes} == {new_store.store.worker_id}


def test_due_follow_ups_include_contacts_and_goal_reviews(services):
    family = new_family(services)
    due = begleitung(services, family, follow_up=TODAY)
    begleitung(services, family, follow_up=TODAY + dt.timedelta(days=30))
    services.goals.create(household_id=family.id, handlungsfeld="bildung", text="Kita-Platz",
                          review_date=TODAY - dt.timedelta(days=1))
    follow_ups = services.views.due_follow_ups()
    assert [(f.kind, f.family_name) for f in follow_ups] == [("goal", "Петрова"),
                                                             ("contact", "Петрова")]
    services.contacts.edit(due.id, follow_up_done=True)
    assert [f.kind for f in services.views.due_follow_ups()] == ["goal"]
    assert len(services.views.due_follow_ups(within_days=31)) == 2


def test_kindeswohl_observations_are_seen_only_by_author_and_coordination(services, new_store):
    family = new_family(services)
    child = services.persons.create(household_id=family.id, given_name="Ayşe",
                                    family_name="Yusein", relation="kind", birth_year=2016)
    observation = services.observations.create(household_id=family.id, person_id=child.id,
                                               concern="gering", note="Fehlt oft montags.")
    store = new_store.store
    with store.write() as writer:
        colleague = writer.insert(Worker(name="Colleague", role="schluesselfigur"))
        coordinator = writer.insert(Worker(name="Lead", role="koordination"))
    author_id = store.worker_id

    store.worker_id = colleague.id
    other = Services.for_store(store, today=lambda: TODAY)
    with pytest.raises(NotAllowed):
        other.observations.get(observation.id)
    assert "observation" not in {e.kind for e in other.views.timeline(family.id)}

    store.worker_id = coordinator.id
    lead = Services.for_store(store, today=lambda: TODAY)
    assert lead.observations.get(observation.id).note == "Fehlt oft montags."
    assert "observation" in {e.kind for e in lead.views.timeline(family.id)}
    store.worker_id = author_id


def test_deleting_twice_says_the_record_is_gone(services):
    family = new_family(services)
    contact = begleitung(services, family)
    services.contacts.delete(contact.id)
    with pytest.raises(RecordNotFound):
        services.contacts.delete(contact.id)
