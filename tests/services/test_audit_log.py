"""The audit log answers "who changed this family": family, worker and period, in SQL."""

import datetime as dt

import pytest

from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.services.audit_log import AuditFilter, AuditLog
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.services.support import new_family


@pytest.fixture
def central(tmp_path, kdf):
    created = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(created.store, today=lambda: TODAY)
    yield services
    services.close()


def lines(services, **flt):
    return AuditLog(services.context).lines(AuditFilter(**flt))


def test_every_record_of_a_family_is_found_by_the_familys_name(central):
    family = new_family(central, "Петрова")
    other = new_family(central, "Popescu", herkunftsland="rumaenien")
    person = central.persons.create(household_id=family.id, given_name="Ана",
                                    family_name="Петрова", relation="kind")  # fmt: skip
    central.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=1)
    central.contacts.create(household_id=other.id, kind="beratung", duration_min=30, paket=1)
    central.persons.edit(person.id, school="Grundschule")
    found = lines(central, family_query="petrova")  # any spelling: Latin finds Cyrillic
    assert {line.entity for line in found} == {"household", "person", "contact"}
    assert {line.household_id for line in found} == {family.id}
    assert {line.family_name for line in found} == {"Петрова"}
    assert lines(central, household_id=other.id)[0].family_name == "Popescu"
    assert AuditLog(central.context).count(AuditFilter(family_query="Петрова")) == len(found)


def test_an_erased_family_is_marked_and_its_erasure_belongs_to_it(central):
    family = new_family(central, "Стоянова")
    central.erasures.erase_family(family.id)
    found = lines(central, household_id=family.id)
    assert [line.entity for line in found][:1] == ["erasure"]
    assert all(line.family_erased and not line.can_open for line in found)


def test_records_without_family_and_missing_records_say_so(central, tmp_path):
    central.contacts.create(kind="veranstaltung", duration_min=90, paket=1, title="Elterncafé",
                            participants=12, sozialraum="hamm-westen")  # fmt: skip
    newest = lines(central)[0]
    assert newest.entity == "contact" and newest.household_id is None
    family = new_family(central)
    with central.context.store.write() as writer:  # gone, as after a laptop let it go
        writer.session.connection().exec_driver_sql(
            "UPDATE household SET search_text = '' WHERE id = ?", (family.id,))
        writer.session.connection().exec_driver_sql(
            "PRAGMA foreign_keys = OFF")
        writer.session.connection().exec_driver_sql(
            "DELETE FROM household WHERE id = ?", (family.id,))
    [line] = lines(central, household_id=family.id)
    assert line.family_name is None and not line.can_open


def test_worker_and_period_narrow_the_entries(central):
    with central.context.store.write() as writer:
        colleague = writer.insert(Worker(name="Kollegin", role="fachkraft"))
    central.context.store.worker_id = colleague.id
    new_family(central, "Popescu", herkunftsland="rumaenien")
    mine = lines(central, worker_id=colleague.id)
    assert [line.worker_name for line in mine] == ["Kollegin"]
    assert ("Kollegin" in [name for _id, name in AuditLog(central.context).workers()])
    today = dt.date.today()  # entries carry the real moment of writing
    assert lines(central, date_to=today - dt.timedelta(days=1)) == []
    assert len(lines(central, date_from=today)) == len(lines(central))
