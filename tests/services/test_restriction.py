"""Restriction (Art. 18) at the coordination: kept and counted, not processed, lifted audited."""

import datetime as dt

import pytest

from hamm_field.domain.errors import ValidationError
from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports.model import Period
from hamm_field.services import Services, setup
from hamm_field.services.audit_log import AuditFilter, AuditLog
from hamm_field.services.family_guard import RestrictedFamily
from hamm_field.services.privacy import RESTRICTED, AlreadyRestricted, CoordinationOnly
from hamm_field.services.views import FamilyFilter
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.services.support import new_family

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")
REASON = "Berichtigung der Adresse bestritten"


@pytest.fixture
def central(tmp_path, kdf):
    created = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(created.store, today=lambda: TODAY)
    yield services
    services.close()


def restricted_family(central):
    family = new_family(central, "Петрова")
    person = central.persons.create(household_id=family.id, given_name="Ана",
                                    family_name="Петрова", relation="kind")
    contact = central.contacts.create(household_id=family.id, kind="beratung", duration_min=30,
                                      paket=1)
    central.privacy.restrict(family.id, REASON)
    return family, person, contact


def test_a_restricted_family_refuses_every_write_and_says_why(central):
    family, person, contact = restricted_family(central)
    expected = ("Die Verarbeitung der Daten dieser Familie ist seit 20.11.2026 eingeschränkt "
                f"(DSGVO Art. 18): {REASON}. Sie kann nicht geändert werden, bis die "
                "Koordination die Einschränkung aufhebt.")
    for write in (
        lambda: central.families.edit(family.id, address="Neue Straße 1"),
        lambda: central.persons.edit(person.id, school="Grundschule"),
        lambda: central.persons.create(household_id=family.id, given_name="Иван",
                                       family_name="Петров", relation="kind"),
        lambda: central.contacts.create(household_id=family.id, kind="hausbesuch",
                                        duration_min=30, paket=1),
        lambda: central.contacts.delete(contact.id),
        lambda: central.consents.create(household_id=family.id, guardian_name="Vormund",
                                        form_language="bg"),
    ):
        with pytest.raises(RestrictedFamily) as refused:
            write()
        assert str(refused.value) == expected
    assert central.families.get(family.id).address is None
    assert len([e for e in central.views.timeline(family.id) if e.kind == "contact"]) == 1


def test_the_coordination_still_lists_and_counts_it_marked(central):
    before_family = new_family(central, "Popescu", herkunftsland="rumaenien")
    central.contacts.create(household_id=before_family.id, kind="beratung", duration_min=30,
                            paket=1)
    family, _person, _contact = restricted_family(central)
    names = [f.family_name for f in central.views.search_families(FamilyFilter(query="petrova"))]
    assert names == ["Петрова"]
    assert central.privacy.marks([family.id, before_family.id]) == {
        family.id: frozenset({RESTRICTED})}
    assert central.reports.compute(YEAR).kontakte == 2
    state = central.privacy.family(family.id)
    assert (state.restricted_since, state.restriction_reason) == (TODAY, REASON)
    with pytest.raises(AlreadyRestricted):
        central.privacy.restrict(family.id, "noch einmal")


def test_lifting_needs_a_reason_is_audited_and_allows_work_again(central):
    family, _person, _contact = restricted_family(central)
    with pytest.raises(ValidationError):
        central.privacy.lift_restriction(family.id, "  ")
    central.privacy.lift_restriction(family.id, "Adresse geklärt")
    central.families.edit(family.id, address="Neue Straße 1")
    assert central.families.get(family.id).address == "Neue Straße 1"
    assert central.privacy.family(family.id).restricted_since is None
    audit = AuditLog(central.context).lines(AuditFilter(household_id=family.id))
    restriction = [(line.action, line.fields) for line in audit if line.entity == "restriction"]
    assert ("update", ("lift_reason", "lifted_on")) in restriction
    assert any(action == "create" for action, _fields in restriction)


def test_only_the_coordination_restricts(services):
    family = new_family(services)
    with pytest.raises(CoordinationOnly):
        services.privacy.restrict(family.id, REASON)
    services.families.edit(family.id, address="Lange Straße 5")


def test_a_restricted_family_is_not_shared_with_anyone(central):
    family, _person, _contact = restricted_family(central)
    free = new_family(central, "Popescu", herkunftsland="rumaenien")
    with central.context.store.write() as writer:
        colleague = writer.insert(Worker(name="Iva", role="schluesselfigur"))
    assert central.sharing.share([family.id, free.id], [colleague.id]) == 1
    assert central.sharing.people_of(family.id).shared == ()
    assert [c.name for c in central.sharing.people_of(free.id).shared] == ["Iva"]


def test_a_restricted_family_is_not_merged_as_a_duplicate(central):
    family, _person, _contact = restricted_family(central)
    twin = new_family(central, "Петрова")
    with pytest.raises(RestrictedFamily):
        central.duplicates.merge(twin.id, family.id)
    with pytest.raises(RestrictedFamily):
        central.duplicates.merge(family.id, twin.id)
    assert central.families.get(family.id).deleted_hlc is None
    assert central.families.get(twin.id).deleted_hlc is None


def test_a_family_merged_with_a_pseudonymous_duplicate_becomes_pseudonymous(central):
    gone = new_family(central, "Петрова")
    signer = central.persons.create(household_id=gone.id, given_name="Ана",
                                    family_name="Петрова", relation="elternteil",
                                    birth_year=1990)
    consent = central.consents.create(household_id=gone.id, person_id=signer.id,
                                      form_language="bg")
    central.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                          pseudonymise=True)
    survivor = new_family(central, "Petrova", address="Lange Straße 5")
    central.duplicates.merge(survivor.id, gone.id)
    kept = central.families.get(survivor.id)
    assert (kept.family_name, kept.address) == (pseudonym_for(survivor.id), None)
    assert central.persons.get(signer.id).given_name == "—"
