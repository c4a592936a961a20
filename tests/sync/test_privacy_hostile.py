"""A hostile laptop's signed packages cannot set or lift a restriction, nor undo a
pseudonymisation, nor pseudonymise a family that is not its own (see ``hostile.py``)."""

from __future__ import annotations

from hamm_field.domain.ids import uuid7
from tests.sync.hostile import TODAY, load_row, own_family_edit, send


def _record(s, **values):
    stamp = s.forger.now()
    return {"id": uuid7(), "hlc": stamp, "device_id": s.forger.device, "created_hlc": stamp,
            "created_device": s.forger.device, "stamps": {}, "deleted_hlc": None, "erased": 0,
            **values}


def restriction(s, family):
    return _record(s, household_id=family, reason="selbst gesetzt",
                   since=TODAY.isoformat(), lifted_on=None, lift_reason=None)


def pseudonymisation(s, family):
    return _record(s, household_id=family, issued_on=TODAY.isoformat())


def test_a_laptop_cannot_restrict_a_family(judge, scene):
    path = send(scene, own_family_edit(scene),
                ("restriction", restriction(scene, scene.ids.attacker_family)))
    assert "Einschränkung (Art. 18)" in str(judge.refused(path, "unauthorised"))


def test_a_laptop_cannot_lift_the_coordinations_restriction(judge, scene):
    scene.central.privacy.restrict(scene.ids.attacker_family, "Berichtigung bestritten")
    with scene.central.context.store.engine.connect() as connection:
        record_id = connection.exec_driver_sql("SELECT id FROM restriction").scalar_one()
    stored = load_row(scene.central, "restriction", record_id)
    lifted = scene.forger.edited(stored, lifted_on=TODAY.isoformat(), lift_reason="weg damit")
    path = send(scene, ("restriction", lifted))
    judge.refused(path, "unauthorised")
    assert scene.central.privacy.family(scene.ids.attacker_family).restricted_since == TODAY


def test_a_laptop_cannot_pseudonymise_another_laptops_family(judge, scene):
    path = send(scene, ("pseudonymisation", pseudonymisation(scene, scene.ids.victim_family)))
    assert "Pseudonymisierung" in str(judge.refused(path, "unauthorised"))


def test_a_pseudonymisation_once_recorded_is_never_taken_back(judge, scene):
    row = pseudonymisation(scene, scene.ids.attacker_family)
    [result] = scene.central.sync.import_files([send(scene, ("pseudonymisation", row))])
    assert result.refused is None
    assert scene.central.privacy.family(scene.ids.attacker_family).pseudonymised_on == TODAY
    judge.refused(send(scene, ("pseudonymisation", scene.forger.deleted(row))), "unauthorised")
    judge.refused(send(scene, ("pseudonymisation", scene.forger.edited(
        row, household_id=scene.ids.victim_family))), "unauthorised")


def test_a_consent_from_a_laptop_of_the_previous_version_still_imports(scene):
    """Its rows lack the scope of a withdrawal: read as "nothing withdrawn"."""
    row = scene.row("household", scene.ids.attacker_family)
    consent = {**scene.forger.fresh(row), "household_id": scene.ids.attacker_family,
               "person_id": None, "guardian_name": "Vormund", "given_on": "2026-11-20",
               "scope_documentation": 1, "scope_sharing": 1, "form_language": "bg",
               "withdrawn_on": None}
    old = {name: consent[name] for name in ("id", "hlc", "device_id", "created_hlc",
                                            "created_device", "stamps", "deleted_hlc", "erased",
                                            "household_id", "person_id", "guardian_name",
                                            "given_on", "scope_documentation", "scope_sharing",
                                            "form_language", "withdrawn_on")}
    [result] = scene.central.sync.import_files([send(scene, ("consent", old))])
    assert result.refused is None
    stored = scene.central.consents.get(old["id"])
    assert (stored.withdrawn_sharing, stored.withdrawn_documentation) == (False, False)
    assert scene.central.privacy.family(scene.ids.attacker_family).sharing_withdrawn_on is None
