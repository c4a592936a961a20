"""The reads behind the family detail screen: members, consents, phases, goals, observations."""

import datetime as dt

from hamm_field.domain.ids import share_id
from hamm_field.domain.tables import FamilyShare, Worker
from hamm_field.services import Services
from hamm_field.services.views import FamilyFilter
from tests.conftest import TODAY
from tests.services.support import new_family


def test_members_list_parents_first_then_children_oldest_first(services):
    family = new_family(services)
    add = services.persons.create
    add(household_id=family.id, given_name="Мария", family_name="Петрова", relation="kind",
        birth_year=2019)
    add(household_id=family.id, given_name="Иван", family_name="Петров", relation="kind",
        birth_year=2015)
    add(household_id=family.id, given_name="Елена", family_name="Петрова",
        relation="elternteil", birth_year=1990)
    gone = add(household_id=family.id, given_name="X", family_name="Y", relation="sonstige")
    services.persons.delete(gone.id)
    other = new_family(services, "Popescu", herkunftsland="rumaenien")
    add(household_id=other.id, given_name="Ion", family_name="Popescu", relation="elternteil")
    assert [p.given_name for p in services.views.persons(family.id)] == ["Елена", "Иван", "Мария"]


def test_phases_oldest_first_goals_and_consents_newest_first(services):
    family = new_family(services)
    services.phases.create(household_id=family.id, phase=1, started_on=TODAY - dt.timedelta(60))
    services.phases.create(household_id=family.id, phase=2, started_on=TODAY - dt.timedelta(5))
    services.goals.create(household_id=family.id, handlungsfeld="sprache", text="Sprachkurs A1")
    services.consents.create(household_id=family.id, form_language="bg",
                             given_on=TODAY - dt.timedelta(30), guardian_name="Frau Schmidt")
    services.consents.create(household_id=family.id, form_language="bg", given_on=TODAY,
                             guardian_name="Frau Schmidt")
    views = services.views
    assert [p.phase for p in views.phases(family.id)] == [1, 2]
    assert [g.text for g in views.goals(family.id)] == ["Sprachkurs A1"]
    assert [c.given_on for c in views.consents(family.id)] == [TODAY, TODAY - dt.timedelta(30)]


def test_observations_only_for_their_author_and_the_coordination(services, new_store):
    family = new_family(services)
    child = services.persons.create(household_id=family.id, given_name="Ayşe",
                                    family_name="Yusein", relation="kind", birth_year=2016)
    services.observations.create(household_id=family.id, person_id=child.id, concern="gering")
    assert len(services.views.observations(family.id)) == 1
    store = new_store.store
    with store.write() as writer:
        colleague = writer.insert(Worker(name="Colleague", role="schluesselfigur"))
        lead = writer.insert(Worker(name="Lead", role="koordination"))
    author = store.worker_id
    try:
        store.worker_id = colleague.id
        assert Services.for_store(store, today=lambda: TODAY).views.observations(family.id) == []
        store.worker_id = lead.id
        seen = Services.for_store(store, today=lambda: TODAY).views.observations(family.id)
        assert [o.concern for o in seen] == ["gering"]
    finally:
        store.worker_id = author


def test_shared_with_lists_only_families_actively_shared_with_that_worker(services, new_store):
    with new_store.store.write() as writer:
        colleague = writer.insert(Worker(name="Colleague", role="schluesselfigur"))
    shared, ended = new_family(services), new_family(services, "Popescu")
    new_family(services, "Alieva")
    services.sharing.share([shared.id, ended.id], [colleague.id])
    with new_store.store.write() as writer:
        writer.update(writer.session.get(FamilyShare, share_id(ended.id, colleague.id)),
                      {"active": False})
    views = services.views
    found = views.search_families(FamilyFilter(shared_with=colleague.id))
    assert [f.id for f in found] == [shared.id]
    assert views.count_families(FamilyFilter(shared_with=colleague.id)) == 1
    assert views.count_families(FamilyFilter(shared_with=colleague.id, query="zzz")) == 0
    assert views.count_families(FamilyFilter(shared_with=services.context.worker_id)) == 0
