"""Packages an attacker with one enrolled laptop would send, signed with its real key.

Laptop 1 is the attacker, laptop 0 the victim (see ``hostile.py``). Every hostile package
must be refused whole with a reason code (``unauthorised``: a row the laptop may not
write; ``invalid``: a value, stamp or manifest field that fails validation), in one line
that names the kind of record and no personal data, by the service and by
``hamm-field import`` (exit 1), leaving the coordination's store exactly as it was and a
quarantine note with the reason. Legitimate work must still pass, so the last tests guard
against an authority that is too strict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.domain.ids import share_id, uuid7
from hamm_field.domain.tables import Worker
from hamm_field.store import sync_rows
from hamm_field.sync.envelope import WrongRecipient, open_envelope
from hamm_field.sync.package import read_package
from tests.conftest import run_cli
from tests.sync.hostile import (
    CENTRAL_PASSWORD,
    YEAR_2226,
    Forger,
    Scene,
    fake_keys,
    first_row,
    forge_return,
    keys_of,
    own_family_edit,
    seal_file,
    send,
)
from tests.sync.judge import KINDS, leaked
from tests.sync.support import dump

TWO_DAYS_MS = 2 * 86_400_000


def victim_device(scene: Scene) -> str:
    return scene.victim.context.store.device_id


# --- Records only the coordination issues: devices, keys, revocations, workers, master data,
# erasures. -------------------------------------------------------------------------------


def revoke_another_laptop(s: Scene) -> Path:
    row = s.row("device", victim_device(s))
    return send(s, ("device", s.forger.edited(row, revoked_on="2026-11-20")))


def unrevoke_a_revoked_laptop(s: Scene) -> Path:
    s.central.sync.revoke(victim_device(s))
    row = s.row("device", victim_device(s))
    return send(s, ("device", s.forger.edited(row, revoked_on=None)))


def replace_the_coordinations_keys(s: Scene) -> Path:
    row = s.row("device", s.central.context.store.device_id)
    return send(s, ("device", s.forger.edited(row, **fake_keys()[1])))


def replace_its_own_keys(s: Scene) -> Path:
    row = s.row("device", s.forger.device)
    return send(s, ("device", s.forger.edited(row, **fake_keys()[1])))


def make_its_own_device_central(s: Scene) -> Path:
    row = s.row("device", s.forger.device)
    return send(s, ("device", s.forger.edited(row, role="central")))


def move_its_own_device_to_another_worker(s: Scene) -> Path:
    row = s.row("device", s.forger.device)
    return send(s, ("device", s.forger.edited(row, worker_id=s.victim.context.worker_id)))


def invent_a_device(s: Scene) -> Path:
    row = s.row("device", s.forger.device)
    return send(s, ("device", s.forger.fresh(row, name="Eindringling", **fake_keys()[1])))


def rename_the_coordinator(s: Scene) -> Path:
    row = s.row("worker", s.central.context.worker_id or "")
    return send(s, ("worker", s.forger.edited(row, name="Eindringling")))


def demote_the_coordinator(s: Scene) -> Path:
    row = s.row("worker", s.central.context.worker_id or "")
    return send(s, ("worker", s.forger.edited(row, role="sozialbetreuer")))


def promote_its_own_worker(s: Scene) -> Path:
    row = s.row("worker", s.forger.worker)
    return send(s, ("worker", s.forger.edited(row, role="koordination")))


def rename_another_worker(s: Scene) -> Path:
    row = s.row("worker", s.victim.context.worker_id or "")
    return send(s, ("worker", s.forger.edited(row, name="Eindringling")))


def invent_a_worker(s: Scene) -> Path:
    row = s.row("worker", s.forger.worker)
    return send(s, ("worker", s.forger.fresh(row, name="Eindringling", role="koordination")))


def relabel_master_data(s: Scene) -> Path:
    row = first_row(s.central, "master_item", "kind = 'sozialraum'")
    return send(s, ("master_item", s.forger.edited(row, label="Eindringling-Viertel")))


def retire_master_data(s: Scene) -> Path:
    row = first_row(s.central, "master_item", "kind = 'institution'")
    return send(s, ("master_item", s.forger.edited(row, active=0)))


def invent_master_data(s: Scene) -> Path:
    row = first_row(s.central, "master_item", "kind = 'sozialraum'")
    return send(s, ("master_item", s.forger.fresh(row, key="eindringling",
                                                  label="Eindringling")))


def erase_another_laptops_family(s: Scene) -> Path:
    return send(s, ("erasure", s.forger.erasure("household", s.ids.victim_family)))


def erase_a_member_of_another_family(s: Scene) -> Path:
    return send(s, ("erasure", s.forger.erasure("person", s.ids.victim_parent)))


def erase_its_own_family(s: Scene) -> Path:
    return send(s, ("erasure", s.forger.erasure("household", s.ids.attacker_family)))


COORDINATION_RECORDS = [
    (revoke_another_laptop, "device"), (unrevoke_a_revoked_laptop, "device"),
    (replace_the_coordinations_keys, "device"), (replace_its_own_keys, "device"),
    (make_its_own_device_central, "device"), (move_its_own_device_to_another_worker, "device"),
    (invent_a_device, "device"), (rename_the_coordinator, "worker"),
    (demote_the_coordinator, "worker"), (promote_its_own_worker, "worker"),
    (rename_another_worker, "worker"), (invent_a_worker, "worker"),
    (relabel_master_data, "master_item"), (retire_master_data, "master_item"),
    (invent_master_data, "master_item"), (erase_another_laptops_family, "erasure"),
    (erase_a_member_of_another_family, "erasure"), (erase_its_own_family, "erasure"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "kind"), COORDINATION_RECORDS,
                         ids=[build.__name__ for build, _ in COORDINATION_RECORDS])
def test_records_only_the_coordination_issues_are_refused(judge, scene, build, kind):
    judge.refused(build(scene), "unauthorised", kind)


def test_replacing_another_laptops_keys_is_refused_and_the_laptop_keeps_its_own(judge, scene):
    """The attack of the issue: swap the victim's keys, then read its next return package."""
    stolen, public = fake_keys()
    device = scene.row("device", victim_device(scene))
    judge.refused(send(scene, ("device", scene.forger.edited(device, **public))),
                  "unauthorised", "device")
    # A package signed with the attacker's keys in the victim's name is still a stranger's.
    as_victim = seal_file(scene.root / "as-victim.hfsync", [own_family_edit(scene)],
                          scene.forger.manifest(device=victim_device(scene),
                                                hlc_to=scene.forger.now()),
                          sender=stolen, recipient=keys_of(scene.central).public())
    [result] = scene.central.sync.import_files([as_victim])
    assert result.refused is not None and result.refused.reason == "foreign"
    # The next return package is for the real laptop: the attacker's keys cannot open it.
    back = scene.central.sync.make_return(victim_device(scene), scene.root / "back.hfsync")
    central_signing = keys_of(scene.central).public().signing
    with pytest.raises(WrongRecipient):
        open_envelope(read_package(back.path).envelope, recipient=stolen,
                      trusted_sender=central_signing)
    [applied] = scene.victim.sync.import_files([back.path])
    assert applied.refused is None
    # And the real laptop is still accepted.
    scene.victim.families.edit(scene.ids.victim_family, status="ruhend")
    later = scene.victim.sync.export(scene.root / "victim-2.hfsync")
    [result] = scene.central.sync.import_files([later.path])
    assert result.refused is None and result.changes >= 1
    assert scene.central.families.get(scene.ids.victim_family).status == "ruhend"


# --- Erasing and deleting what belongs to another laptop -------------------------------------


def erased_flag_on_another_family(s: Scene) -> Path:
    row = s.row("household", s.ids.victim_family)
    return send(s, ("household", s.forger.marked(row, erased=1)))


def erased_flag_on_another_familys_member(s: Scene) -> Path:
    row = s.row("person", s.ids.victim_parent)
    return send(s, ("person", s.forger.marked(row, erased=1)))


def erased_flag_on_its_own_family(s: Scene) -> Path:
    row = s.row("household", s.ids.attacker_family)
    return send(s, ("household", s.forger.marked(row, erased=1)))


def tombstone_on_another_family(s: Scene) -> Path:
    return send(s, ("household", s.forger.deleted(s.row("household", s.ids.victim_family))))


def tombstone_on_another_familys_member(s: Scene) -> Path:
    return send(s, ("person", s.forger.deleted(s.row("person", s.ids.victim_parent))))


def tombstone_on_another_familys_contact(s: Scene) -> Path:
    return send(s, ("contact", s.forger.deleted(s.row("contact", s.ids.victim_contact))))


def tombstone_on_another_workers_observation(s: Scene) -> Path:
    row = s.row("observation", s.ids.victim_observation)
    return send(s, ("observation", s.forger.deleted(row)))


ERASE_AND_DELETE = [
    (erased_flag_on_another_family, "household"),
    (erased_flag_on_another_familys_member, "person"),
    (erased_flag_on_its_own_family, "household"),
    (tombstone_on_another_family, "household"),
    (tombstone_on_another_familys_member, "person"),
    (tombstone_on_another_familys_contact, "contact"),
    (tombstone_on_another_workers_observation, "observation"),
]


@pytest.mark.parametrize(("build", "kind"), ERASE_AND_DELETE,
                         ids=[build.__name__ for build, _ in ERASE_AND_DELETE])
def test_erasing_or_deleting_another_laptops_records_is_refused(judge, scene, build, kind):
    judge.refused(build(scene), "unauthorised", kind)


# --- Reaching into another laptop's caseload -------------------------------------------------


def edit_another_familys_address(s: Scene) -> Path:
    row = s.row("household", s.ids.victim_family)
    return send(s, ("household", s.forger.edited(row, address="Geheimweg 13")))


def take_over_another_family(s: Scene) -> Path:
    row = s.row("household", s.ids.victim_family)
    return send(s, ("household", s.forger.edited(row, worker_id=s.forger.worker)))


def hand_its_own_family_to_another_worker(s: Scene) -> Path:
    row = s.row("household", s.ids.attacker_family)
    return send(s, ("household", s.forger.edited(row, worker_id=s.victim.context.worker_id)))


def plant_a_new_family_in_another_caseload(s: Scene) -> Path:
    row = s.row("household", s.ids.attacker_family)
    return send(s, ("household", s.forger.fresh(row, family_name="Eindringling",
                                                worker_id=s.victim.context.worker_id)))


def rename_another_familys_member(s: Scene) -> Path:
    row = s.row("person", s.ids.victim_parent)
    return send(s, ("person", s.forger.edited(row, given_name="Eindringling")))


def add_a_person_to_another_family(s: Scene) -> Path:
    row = s.row("person", s.ids.attacker_person)
    return send(s, ("person", s.forger.fresh(row, household_id=s.ids.victim_family)))


def move_its_own_person_into_another_family(s: Scene) -> Path:
    row = s.row("person", s.ids.attacker_person)
    return send(s, ("person", s.forger.edited(row, household_id=s.ids.victim_family)))


def add_a_contact_to_another_family(s: Scene) -> Path:
    row = s.row("contact", s.ids.attacker_contact)
    return send(s, ("contact", s.forger.fresh(row, household_id=s.ids.victim_family,
                                              note="Geheimweg 13")))


def move_its_own_contact_into_another_family(s: Scene) -> Path:
    row = s.row("contact", s.ids.attacker_contact)
    return send(s, ("contact", s.forger.edited(row, household_id=s.ids.victim_family)))


def edit_another_familys_contact(s: Scene) -> Path:
    row = s.row("contact", s.ids.victim_contact)
    return send(s, ("contact", s.forger.edited(row, note="Eindringling war hier")))


def log_a_contact_in_another_workers_name(s: Scene) -> Path:
    row = s.row("contact", s.ids.attacker_contact)
    return send(s, ("contact", s.forger.fresh(row, worker_id=s.victim.context.worker_id)))


def edit_another_workers_observation(s: Scene) -> Path:
    row = s.row("observation", s.ids.victim_observation)
    return send(s, ("observation", s.forger.edited(row, concern="erheblich",
                                                   note="Eindringling")))


def add_an_observation_on_another_familys_child(s: Scene) -> Path:
    row = s.row("observation", s.ids.victim_observation)
    return send(s, ("observation", s.forger.fresh(row, author_id=s.forger.worker,
                                                  note="Eindringling")))


def claim_another_family_as_its_own_creation(s: Scene) -> Path:
    row = s.row("household", s.ids.victim_family)
    stamp = s.forger.now()
    return send(s, ("household", {**row, "created_hlc": stamp, "created_device": s.forger.device,
                                  "hlc": stamp, "device_id": s.forger.device}))


def restamp_another_familys_field_with_its_own_value(s: Scene) -> Path:
    """No value changes, yet the attacker's stamp would decide every later merge of it."""
    row = s.row("household", s.ids.victim_family)
    return send(s, ("household", s.forger.edited(row, status=row["status"])))


def bump_another_familys_row_stamp(s: Scene) -> Path:
    return send(s, ("household", s.forger.marked(s.row("household", s.ids.victim_family))))


def edit_another_workers_event(s: Scene) -> Path:
    row = s.row("contact", s.ids.victim_event)
    return send(s, ("contact", s.forger.edited(row, title="Eindringling-Treff")))


def delete_another_workers_event(s: Scene) -> Path:
    return send(s, ("contact", s.forger.deleted(s.row("contact", s.ids.victim_event))))


def own_observation_about_another_familys_child(s: Scene) -> Path:
    row = s.row("observation", s.ids.victim_observation)
    return send(s, ("observation", s.forger.fresh(row, household_id=s.ids.attacker_family,
                                                  author_id=s.forger.worker,
                                                  note="Eindringling")))


def own_consent_signed_by_another_familys_member(s: Scene) -> Path:
    row = s.row("household", s.ids.attacker_family)
    consent = {**s.forger.fresh(row), "household_id": s.ids.attacker_family,
               "person_id": s.ids.victim_parent, "given_on": "2026-11-20",
               "scope_documentation": 1, "scope_sharing": 0, "form_language": "bg",
               "withdrawn_on": None}  # fmt: skip
    names = set(sync_rows.columns(sync_rows.BY_NAME["consent"]))
    return send(s, ("consent", {name: consent.get(name) for name in names}))


CASELOAD = [
    (own_observation_about_another_familys_child, "observation"),
    (own_consent_signed_by_another_familys_member, "consent"),
    (claim_another_family_as_its_own_creation, "household"),
    (restamp_another_familys_field_with_its_own_value, "household"),
    (bump_another_familys_row_stamp, "household"), (edit_another_workers_event, "contact"),
    (delete_another_workers_event, "contact"),
    (edit_another_familys_address, "household"), (take_over_another_family, "household"),
    (hand_its_own_family_to_another_worker, "household"),
    (plant_a_new_family_in_another_caseload, "household"),
    (rename_another_familys_member, "person"), (add_a_person_to_another_family, "person"),
    (move_its_own_person_into_another_family, "person"),
    (add_a_contact_to_another_family, "contact"),
    (move_its_own_contact_into_another_family, "contact"),
    (edit_another_familys_contact, "contact"), (log_a_contact_in_another_workers_name, "contact"),
    (edit_another_workers_observation, "observation"),
    (add_an_observation_on_another_familys_child, "observation"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "kind"), CASELOAD,
                         ids=[build.__name__ for build, _ in CASELOAD])
def test_reaching_into_another_caseload_is_refused(judge, scene, build, kind):
    judge.refused(build(scene), "unauthorised", kind)


# --- Shares: a laptop may ask to share a family it holds, nothing more -------------------------


def share_row(s: Scene, family: str, worker: str, **values: Any) -> dict[str, Any]:
    """The pair's share record, created now by the attacker's laptop."""
    stamp = s.forger.now()
    return {"id": share_id(family, worker), "household_id": family, "worker_id": worker,
            "active": 1, "hlc": stamp, "device_id": s.forger.device, "created_hlc": stamp,
            "created_device": s.forger.device, "stamps": {}, "deleted_hlc": None, "erased": 0,
            **values}  # fmt: skip


def share_another_family_with_itself(s: Scene) -> Path:
    return send(s, ("family_share", share_row(s, s.ids.victim_family, s.forger.worker)))


def claim_to_have_once_worked_with_another_family(s: Scene) -> Path:
    """An ended share still lets a laptop write: it must not be made up."""
    return send(s, ("family_share", share_row(s, s.ids.victim_family, s.forger.worker,
                                              active=0)))


def share_another_family_with_a_colleague(s: Scene) -> Path:
    victim = s.victim.context.worker_id or ""
    return send(s, ("family_share", share_row(s, s.ids.victim_family, victim)))


def end_a_colleagues_share_of_its_own_family(s: Scene) -> Path:
    victim = s.victim.context.worker_id or ""
    s.central.sharing.share([s.ids.attacker_family], [victim])
    row = s.row("family_share", share_id(s.ids.attacker_family, victim))
    return send(s, ("family_share", s.forger.edited(row, active=0)))


def delete_a_colleagues_share_of_its_own_family(s: Scene) -> Path:
    victim = s.victim.context.worker_id or ""
    s.central.sharing.share([s.ids.attacker_family], [victim])
    return send(s, ("family_share", s.forger.deleted(
        s.row("family_share", share_id(s.ids.attacker_family, victim)))))


def renew_an_ended_share_of_another_family(s: Scene) -> Path:
    """The coordination ended the attacker's share of the victim's family; it stays ended."""
    s.central.sharing.share([s.ids.victim_family], [s.forger.worker])
    s.central.sharing.unshare([s.ids.victim_family], s.forger.worker)
    row = s.row("family_share", share_id(s.ids.victim_family, s.forger.worker))
    return send(s, ("family_share", s.forger.edited(row, active=1)), own_family_edit(s))


def share_its_family_with_an_unknown_worker(s: Scene) -> Path:
    return send(s, ("family_share", share_row(s, s.ids.attacker_family, uuid7())),
                own_family_edit(s))


def share_its_family_with_the_coordination(s: Scene) -> Path:
    coordinator = s.central.context.worker_id or ""
    return send(s, ("family_share", share_row(s, s.ids.attacker_family, coordinator)))


def share_its_family_with_a_worker_who_left(s: Scene) -> Path:
    victim = s.victim.context.worker_id or ""
    with s.central.context.store.write() as writer:
        writer.update(writer.session.get(Worker, victim), {"active": False})
    return send(s, ("family_share", share_row(s, s.ids.attacker_family, victim)))


SHARES = [share_another_family_with_itself, claim_to_have_once_worked_with_another_family,
          renew_an_ended_share_of_another_family,
          share_another_family_with_a_colleague, end_a_colleagues_share_of_its_own_family,
          delete_a_colleagues_share_of_its_own_family, share_its_family_with_an_unknown_worker,
          share_its_family_with_the_coordination, share_its_family_with_a_worker_who_left]


@pytest.mark.parametrize("build", SHARES, ids=[b.__name__ for b in SHARES])
def test_shares_beyond_its_own_caseload_and_team_are_refused(judge, scene, build):
    judge.refused(build(scene), "unauthorised", "family_share")


def share_named_by_another_pairs_id(s: Scene) -> Path:
    """Two records for one pair would let one of them be ended and the other not."""
    victim = s.victim.context.worker_id or ""
    return send(s, ("family_share", {**share_row(s, s.ids.attacker_family, victim),
                                     "id": uuid7()}))


def share_moved_to_another_family(s: Scene) -> Path:
    victim = s.victim.context.worker_id or ""
    s.central.sharing.share([s.ids.attacker_family], [victim])
    row = s.row("family_share", share_id(s.ids.attacker_family, victim))
    return send(s, ("family_share", s.forger.edited(row, household_id=s.ids.victim_family)))


@pytest.mark.parametrize("build", [share_named_by_another_pairs_id, share_moved_to_another_family],
                         ids=["another_pairs_id", "moved_to_another_family"])
def test_a_share_whose_id_is_not_its_pair_is_refused(judge, scene, build):
    judge.refused(build(scene), "invalid", "family_share")


# --- Stamps in another device's name -----------------------------------------------------------


def new_family_stamped_by_another_device(s: Scene) -> Path:
    row = s.forger.fresh(s.row("household", s.ids.attacker_family), family_name="Eindringling")
    return send(s, ("household", {**row, "device_id": victim_device(s)}))


def new_family_created_by_another_device(s: Scene) -> Path:
    row = s.forger.fresh(s.row("household", s.ids.attacker_family), family_name="Eindringling")
    return send(s, ("household", {**row, "created_device": victim_device(s),
                                  "device_id": victim_device(s)}))


def own_edit_with_another_devices_field_stamp(s: Scene) -> Path:
    row = s.forger.edited(s.row("household", s.ids.attacker_family), address="Geheimweg 15")
    stamps = {**row["stamps"], "address": [row["hlc"], victim_device(s)]}
    return send(s, ("household", {**row, "stamps": stamps}))


def own_edit_in_the_coordinations_name(s: Scene) -> Path:
    central = s.central.context.store.device_id
    row = s.forger.edited(s.row("household", s.ids.attacker_family), status="abgeschlossen")
    stamps = {**row["stamps"], "status": [row["hlc"], central]}
    return send(s, ("household", {**row, "stamps": stamps, "device_id": central}))


def another_familys_edit_in_its_own_laptops_name(s: Scene) -> Path:
    row = s.forger.edited(s.row("household", s.ids.victim_family), address="Geheimweg 16")
    stamps = {**row["stamps"], "address": [row["hlc"], victim_device(s)]}
    return send(s, ("household", {**row, "stamps": stamps, "device_id": victim_device(s)}))


FOREIGN_STAMPS = [new_family_stamped_by_another_device, new_family_created_by_another_device,
                  own_edit_with_another_devices_field_stamp, own_edit_in_the_coordinations_name,
                  another_familys_edit_in_its_own_laptops_name]  # fmt: skip


@pytest.mark.parametrize("build", FOREIGN_STAMPS, ids=[b.__name__ for b in FOREIGN_STAMPS])
def test_stamps_of_another_device_are_refused(judge, scene, build):
    judge.refused(build(scene), "unauthorised", "household")


# --- Stamps far ahead or outside the manifest's range ----------------------------------------


def row_in_2226_while_the_manifest_ends_today(s: Scene) -> Path:
    row = s.forger.edited(s.row("household", s.ids.attacker_family), address="Geheimweg 17")
    row = {**row, "hlc": YEAR_2226, "stamps": {"address": [YEAR_2226, s.forger.device]}}
    return send(s, ("household", row), hlc_to=s.forger.now())


def field_stamp_in_2226(s: Scene) -> Path:
    row = s.forger.edited(s.row("household", s.ids.attacker_family), address="Geheimweg 18")
    return send(s, ("household", {**row, "stamps": {"address": [YEAR_2226, s.forger.device]}}))


def tombstone_in_2226(s: Scene) -> Path:
    row = s.forger.deleted(s.row("contact", s.ids.attacker_contact))
    return send(s, ("contact", {**row, "deleted_hlc": YEAR_2226}))


def created_in_2226(s: Scene) -> Path:
    row = s.forger.fresh(s.row("household", s.ids.attacker_family), family_name="Eindringling")
    return send(s, ("household", {**row, "created_hlc": YEAR_2226}))


def row_before_the_manifests_range(s: Scene) -> Path:
    row = s.forger.edited(s.row("household", s.ids.attacker_family), address="Geheimweg 19")
    later = s.forger.now()
    return send(s, ("household", row), hlc_from=later, hlc_to=later + 1)


FUTURE_STAMPS = [(row_in_2226_while_the_manifest_ends_today, "household"),
                 (field_stamp_in_2226, "household"), (tombstone_in_2226, "contact"),
                 (created_in_2226, "household"), (row_before_the_manifests_range, "household")]


@pytest.mark.parametrize(("build", "kind"), FUTURE_STAMPS,
                         ids=[build.__name__ for build, _ in FUTURE_STAMPS])
def test_stamps_outside_the_manifests_range_are_refused(judge, scene, build, kind):
    judge.refused(build(scene), "invalid", kind)
    # The coordination's clock was not pulled into the future: its next stamp is of today.
    family = scene.central.families.create(family_name="Neu", sozialraum="pelkum",
                                           herkunftsland="bulgarien")
    assert family.hlc < pack(wall_millis() + 86_400_000, 0)


# --- Values a form would never accept ----------------------------------------------------------


def own_contact(s: Scene, **values: Any) -> tuple[str, dict[str, Any]]:
    return "contact", s.forger.fresh(s.row("contact", s.ids.attacker_contact), **values)


def own_family(s: Scene, **values: Any) -> tuple[str, dict[str, Any]]:
    return "household", s.forger.fresh(s.row("household", s.ids.attacker_family), **values)


def own_person(s: Scene, **values: Any) -> tuple[str, dict[str, Any]]:
    return "person", s.forger.fresh(s.row("person", s.ids.attacker_person), **values)


def without(entry: tuple[str, dict[str, Any]], column: str) -> tuple[str, dict[str, Any]]:
    table, row = entry
    return table, {name: value for name, value in row.items() if name != column}


BAD_VALUES: dict[str, tuple[str, Callable[[Scene], tuple[str, dict[str, Any]]]]] = {
    "contact_dated_not_a_date": ("contact", lambda s: own_contact(s, date="not-a-date")),
    "contact_of_minus_99999_minutes": ("contact", lambda s: own_contact(s, duration_min=-99999)),
    "contact_of_an_unknown_kind": ("contact", lambda s: own_contact(s, kind="einbruch")),
    "contact_in_an_unknown_sozialraum": ("contact",
                                         lambda s: own_contact(s, sozialraum="atlantis")),
    "contact_without_its_sozialraum": ("contact",
                                       lambda s: without(own_contact(s), "sozialraum")),
    "contact_lasting_a_text": ("contact", lambda s: own_contact(s, duration_min="sechzig")),
    "contact_of_a_family_that_does_not_exist": (
        "contact", lambda s: own_contact(s, household_id=uuid7())),
    "contact_dated_2099": ("contact", lambda s: own_contact(s, date="2099-01-01")),
    "family_of_an_unknown_status": ("household", lambda s: own_family(s, status="gestohlen")),
    "family_whose_languages_are_no_list": (
        "household", lambda s: own_family(s, languages="Eindringling")),
    "family_name_of_600_characters": ("household",
                                      lambda s: own_family(s, family_name="Eindringling" * 50)),
    "family_without_its_name": ("household", lambda s: own_family(s, family_name=None)),
    "own_family_moved_to_an_unknown_sozialraum": ("household", lambda s: (
        "household", s.forger.edited(s.row("household", s.ids.attacker_family),
                                     sozialraum="atlantis"))),
    "person_born_in_1800": ("person", lambda s: own_person(s, birth_year=1800)),
    "person_of_an_unknown_relation": ("person", lambda s: own_person(s, relation="chef")),
    "id_that_is_no_id": ("household", lambda s: (
        "household", {**own_family(s)[1], "id": "Eindringling-" * 5})),
    "stamps_that_are_no_map": ("household", lambda s: (
        "household", {**own_family(s)[1], "stamps": ["address"]})),
    "hlc_as_text": ("household", lambda s: (
        "household", {**own_family(s)[1], "hlc": str(s.forger.now())})),
    "erased_flag_of_7": ("household", lambda s: ("household", {**own_family(s)[1], "erased": 7})),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_VALUES)
def test_invalid_values_are_refused(judge, scene, case):
    kind, build = BAD_VALUES[case]
    member = scene.row("person", scene.ids.attacker_person)
    allowed = ("person", scene.forger.edited(member, school="Geheimweg-Schule"))
    judge.refused(send(scene, build(scene), allowed), "invalid", kind)


# --- The manifest: bounded numbers and fixed shapes --------------------------------------------

MANIFESTS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    "sequence_20_000_000": lambda s: {"sequence": 20_000_000},
    "sequence_10_to_the_10": lambda s: {"sequence": 10**10},
    "sequence_as_text": lambda s: {"sequence": "7"},
    "sequence_negative": lambda s: {"sequence": -1},
    "sequence_as_float": lambda s: {"sequence": 2.5},
    "counts_that_do_not_match_the_rows": lambda s: {"counts": {"household": 5, "contact": 3}},
    "counts_that_are_no_map": lambda s: {"counts": "viele"},
    "package_id_that_is_no_id": lambda s: {"package_id": "not-an-id"},
    "package_id_that_is_a_path": lambda s: {"package_id": "../../quarantine/x"},
    "hlc_from_after_hlc_to": lambda s: {"hlc_from": s.forger.now() + 10, "hlc_to": 5},
    "hlc_to_as_text": lambda s: {"hlc_to": str(s.forger.now())},
    "an_extra_field_of_8_mb": lambda s: {"padding": "x" * 8_000_000},
}


def test_rows_of_tables_that_never_travel_are_refused(judge, scene):
    """The coordination's private keys and invitations live in tables no package carries."""
    keys = {"id": "sync_keypair", "key": "sync_keypair", "value": "Eindringling"}
    invitation = {"id": scene.forger.device, "device_id": scene.forger.device,
                  "worker_id": scene.forger.worker, "secret": "", "created_on": "2026-11-20",
                  "used_on": None}  # fmt: skip
    path = send(scene, ("local_state", keys), ("enrolment", invitation), own_family_edit(scene))
    judge.refused(path, "invalid")


@pytest.mark.parametrize("case", MANIFESTS)
def test_manifests_of_the_wrong_shape_are_refused(judge, scene, case):
    row = own_family_edit(scene)
    judge.refused(send(scene, row, **MANIFESTS[case](scene)), "invalid")


def test_a_huge_sequence_number_leaves_status_and_later_imports_working(scene):
    """Real processes: refused at once, ``status`` stays small, the next package imports."""
    hostile = send(scene, own_family_edit(scene), sequence=10**10)
    scene.victim.families.edit(scene.ids.victim_family, status="ruhend")
    genuine = scene.victim.sync.export(scene.root / "victim-2.hfsync").path
    central = str(scene.central_dir)
    scene.close_central()
    try:
        refused = run_cli("--data-dir", central, "import", str(hostile), password=CENTRAL_PASSWORD)
        assert (refused.code, refused.err.count("\n")) == (1, 1), refused.err
        status = run_cli("--data-dir", central, "status", password=CENTRAL_PASSWORD)
        assert status.code == 0 and len(status.out) < 2_000, status.err
        imported = run_cli("--data-dir", central, "import", str(genuine),
                           password=CENTRAL_PASSWORD)
        assert imported.code == 0 and "Änderung" in imported.out, imported.err
    finally:
        scene.reopen_central()
    assert scene.central.families.get(scene.ids.victim_family).status == "ruhend"


def test_a_replaced_key_is_refused_by_the_command_line(scene):
    """The same refusal from a real process: exit 1, one line, no personal data."""
    device = scene.row("device", victim_device(scene))
    hostile = send(scene, ("device", scene.forger.edited(device, **fake_keys()[1])),
                   own_family_edit(scene))
    central = str(scene.central_dir)
    scene.close_central()
    try:
        result = run_cli("--data-dir", central, "import", str(hostile), password=CENTRAL_PASSWORD)
    finally:
        scene.reopen_central()
    assert (result.code, result.out, result.err.count("\n")) == (1, "", 1), result.err
    assert KINDS["device"] in result.err and leaked(result.err) == []
    assert scene.row("household", scene.ids.attacker_family)["address"] == "Geheimweg 13"


# --- Return packages on a laptop ----------------------------------------------------------------


def test_a_return_package_signed_by_a_laptop_is_refused(scene):
    victim = scene.victim
    row = scene.forger.edited(scene.row("household", scene.ids.victim_family),
                              address="Geheimweg 13")
    path = forge_return(scene.root / "return.hfsync", [("household", row)],
                        sender=scene.forger.keys, laptop=victim)
    before = dump(victim)
    [result] = victim.sync.import_files([path])
    assert result.refused is not None and leaked(str(result.refused)) == []
    assert dump(victim) == before


def _coordination(scene: Scene) -> Forger:
    return Forger(scene.central, scene.root)


RETURNS: dict[str, Callable[[Scene, Forger], tuple[str, dict[str, Any]]]] = {
    "contact_dated_not_a_date": lambda s, c: ("contact", c.edited(
        s.row("contact", s.ids.victim_contact), date="not-a-date")),
    "contact_of_minus_99999_minutes": lambda s, c: ("contact", c.edited(
        s.row("contact", s.ids.victim_contact), duration_min=-99999)),
    "family_in_an_unknown_sozialraum": lambda s, c: ("household", c.edited(
        s.row("household", s.ids.victim_family), sozialraum="atlantis")),
    "edit_stamped_two_days_ahead": lambda s, c: ("household", _ahead(c.edited(
        s.row("household", s.ids.victim_family), status="ruhend"))),
    "field_stamp_two_days_ahead": lambda s, c: ("household", _ahead(c.edited(
        s.row("household", s.ids.victim_family), status="ruhend"), row_too=False)),
}  # fmt: skip


def _ahead(row: dict[str, Any], *, row_too: bool = True) -> dict[str, Any]:
    stamp = pack(wall_millis() + TWO_DAYS_MS, 0)
    stamps = {name: [stamp, device] for name, (_hlc, device) in row["stamps"].items()}
    return {**row, "stamps": stamps, **({"hlc": stamp} if row_too else {})}


@pytest.mark.parametrize("case", RETURNS)
def test_a_coordination_return_package_with_invalid_rows_is_refused(scene, case):
    """Signed with the coordination's real key, yet carrying what no form would accept."""
    coordination = _coordination(scene)
    path = forge_return(scene.root / "return.hfsync", [RETURNS[case](scene, coordination)],
                        sender=coordination.keys, laptop=scene.victim)
    before = dump(scene.victim)
    [result] = scene.victim.sync.import_files([path])
    assert result.refused is not None, "merged on the laptop"
    assert result.refused.reason == "invalid" and leaked(str(result.refused)) == []
    assert dump(scene.victim) == before


def test_a_coordination_return_package_acknowledging_the_future_is_refused(scene):
    """Taken, it would mark every change of the next two days as delivered: never sent."""
    coordination = _coordination(scene)
    path = forge_return(scene.root / "return.hfsync", [], sender=coordination.keys,
                        laptop=scene.victim, acked_hlc=pack(wall_millis() + TWO_DAYS_MS, 0),
                        acked_sequence=1)
    before = dump(scene.victim)
    [result] = scene.victim.sync.import_files([path])
    assert result.refused is not None, "merged on the laptop"
    assert result.refused.reason == "invalid"
    assert dump(scene.victim) == before


# --- Legitimate work still passes ---------------------------------------------------------------


def _accepted(scene: Scene, laptop, name: str):  # type: ignore[no-untyped-def]
    package = laptop.sync.export(scene.root / name)
    [result] = scene.central.sync.import_files([package.path])
    assert result.refused is None, str(result.refused)
    return result


def _return_to(scene: Scene, laptop) -> None:  # type: ignore[no-untyped-def]
    back = scene.central.sync.make_return(laptop.context.store.device_id,
                                          scene.root / f"back-{uuid7()[-8:]}.hfsync")
    [applied] = laptop.sync.import_files([back.path])
    assert applied.refused is None, str(applied.refused)


def test_a_new_family_with_every_kind_of_record_is_accepted(scene):
    laptop, today = scene.victim, dt.date(2026, 11, 20)
    family = laptop.families.create(family_name="Неделчева", sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", pakete=[1], languages=["bg"])
    mother = laptop.persons.create(household_id=family.id, given_name="Мария",
                                   family_name="Неделчева", relation="elternteil",
                                   birth_year=1990)
    child = laptop.persons.create(household_id=family.id, given_name="Ива",
                                  family_name="Неделчева", relation="kind", birth_year=2019)
    records = [
        ("consent", laptop.consents.create(household_id=family.id, person_id=mother.id,
                                           form_language="bg")),
        ("contact", laptop.contacts.create(household_id=family.id, kind="begleitung",
                                           duration_min=60, institution="kinderarzt", paket=1)),
        ("starterpaket_handout", laptop.handouts.create(
            household_id=family.id, edition="bg", items=["stadtplan", "kitas"],
            recipient_person_id=mother.id)),
        ("case_phase", laptop.phases.create(household_id=family.id, phase=1,
                                            started_on=today - dt.timedelta(days=3))),
        ("goal", laptop.goals.create(household_id=family.id, person_id=mother.id,
                                     handlungsfeld="sprache", text="Sprachkurs A1")),
        ("observation", laptop.observations.create(household_id=family.id, person_id=child.id,
                                                   concern="keine")),
    ]  # fmt: skip
    result = _accepted(scene, laptop, "whole-family.hfsync")
    assert result.changes >= 9
    for table, record in [("household", family), ("person", mother), ("person", child),
                          *records]:
        assert scene.row(table, record.id)["hlc"] == record.hlc


def test_a_family_the_coordination_assigns_may_be_edited_by_that_laptop(scene):
    laptop = scene.victim
    family = scene.central.families.create(family_name="Popescu", sozialraum="pelkum",
                                           herkunftsland="rumaenien",
                                           worker_id=laptop.context.worker_id)
    _return_to(scene, laptop)
    laptop.families.edit(family.id, address="Marktplatz 2")
    visit = laptop.contacts.create(household_id=family.id, kind="hausbesuch", duration_min=45,
                                   paket=1)
    _accepted(scene, laptop, "assigned.hfsync")
    assert scene.central.families.get(family.id).address == "Marktplatz 2"
    assert scene.central.contacts.get(visit.id).household_id == family.id


def test_a_family_the_coordination_shares_may_be_edited_by_that_laptop(scene):
    """Another worker's family, shared with this worker at the coordination."""
    laptop, family = scene.victim, scene.ids.attacker_family
    scene.central.sharing.share([family], [laptop.context.worker_id or ""])
    _return_to(scene, laptop)
    laptop.families.edit(family, status="ruhend")
    call = laptop.contacts.create(household_id=family, kind="telefonat", duration_min=15, paket=1)
    _accepted(scene, laptop, "shared.hfsync")
    assert scene.central.families.get(family).status == "ruhend"
    assert scene.central.contacts.get(call.id).worker_id == laptop.context.worker_id


def test_a_laptop_may_share_its_family_with_a_colleague(scene):
    laptop, colleague = scene.victim, scene.attacker.context.worker_id or ""
    _return_to(scene, laptop)
    assert laptop.sharing.share([scene.ids.victim_family], [colleague]) == 1
    _accepted(scene, laptop, "share.hfsync")
    shared = scene.central.sharing.people_of(scene.ids.victim_family).shared
    assert [c.worker_id for c in shared] == [colleague]


def test_an_edit_after_the_coordinations_own_edit_is_accepted(scene):
    """The laptop's row then carries the coordination's stamp beside its own."""
    laptop, family = scene.victim, scene.ids.victim_family
    scene.central.families.edit(family, status="ruhend")
    _return_to(scene, laptop)
    laptop.families.edit(family, address="Opferstraße 2")
    _accepted(scene, laptop, "after-coordination.hfsync")
    stored = scene.central.families.get(family)
    assert (stored.status, stored.address) == ("ruhend", "Opferstraße 2")


def test_a_second_package_before_any_return_package_is_accepted(scene):
    """Nothing acknowledged yet: it carries every own row again, the enrolment's included."""
    laptop = scene.victim
    laptop.families.edit(scene.ids.victim_family, pakete=[1, 2])
    _accepted(scene, laptop, "second.hfsync")
    assert scene.central.families.get(scene.ids.victim_family).pakete == [1, 2]


def test_own_records_may_be_deleted(scene):
    laptop = scene.victim
    laptop.contacts.delete(scene.ids.victim_contact)
    laptop.persons.delete(scene.ids.victim_parent)
    _accepted(scene, laptop, "deletes.hfsync")
    assert scene.row("contact", scene.ids.victim_contact)["deleted_hlc"] is not None
    assert scene.row("person", scene.ids.victim_parent)["deleted_hlc"] is not None


def test_resending_an_imported_package_is_still_a_no_op(scene):
    first = scene.root / "exports" / "victim-1.hfsync"
    scene.victim.families.edit(scene.ids.victim_family, status="ruhend")
    _accepted(scene, scene.victim, "victim-2.hfsync")
    before = dump(scene.central)
    [again] = scene.central.sync.import_files([first])
    assert again.refused is None and again.already
    assert dump(scene.central) == before
