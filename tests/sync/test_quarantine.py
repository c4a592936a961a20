"""Refused packages in quarantine: a note of ids and codes, and a copy that does not outlive
its use: deleted by the coordination, after the retention period, and when an erasure is
issued for a subject its sender could have carried."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.services import Services
from hamm_field.services.sync import QuarantineEntryGone
from hamm_field.store.paths import StorePaths
from hamm_field.sync import enrolment, export, quarantine
from hamm_field.sync.envelope import PackageRefused, open_envelope, read_sender
from hamm_field.sync.package import MAGIC, read_package
from hamm_field.sync.payload import read_payload

FAMILY = "Стоянова"
DAY = 86_400


def quarantine_folder(world) -> Path:  # type: ignore[no-untyped-def]
    return StorePaths(world.root / "central").quarantine


def copies(world) -> list[Path]:  # type: ignore[no-untyped-def]
    return sorted(quarantine_folder(world).glob("*.hfsync"))


def notes(world) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.read_text() for p in quarantine_folder(world).glob("*.reason.txt"))


def readable_texts(world, scratch: Path) -> str:  # type: ignore[no-untyped-def]
    """Every row that any package file under the central data folder decrypts to with the
    coordination's keys: what someone holding the store's keys could read back."""
    with world.central.context.store.read() as session:
        keys = enrolment.own_keys(session)
    found = []
    for path in (world.root / "central").rglob("*"):
        if not path.is_file() or not path.read_bytes().startswith(MAGIC):
            continue
        try:
            package = read_package(path)
            opened = open_envelope(package.envelope, recipient=keys,
                                   trusted_sender=read_sender(package.envelope))
        except PackageRefused:
            continue
        payload = scratch / f"{path.name}.payload"
        payload.write_bytes(package.payload)
        for batch in read_payload(payload, opened.payload_key):
            found.extend(json.dumps(row, ensure_ascii=False) for _table, row in batch)
        payload.unlink()
    return "\n".join(found)


def family_with_work(services):  # type: ignore[no-untyped-def]
    family = services.families.create(family_name=FAMILY, sozialraum="hamm-westen",
                                      herkunftsland="bulgarien", pakete=[1])
    child = services.persons.create(household_id=family.id, given_name="Мария",
                                    family_name=FAMILY, relation="kind", birth_year=2017)
    services.contacts.create(household_id=family.id, kind="begleitung", duration_min=60,
                             institution="kinderarzt", paket=1, note="Termin bei Dr. Weber")
    return family, child


def replay(world, monkeypatch, laptop: int, name: str) -> None:  # type: ignore[no-untyped-def]
    """A package id sent again with more inside: refused as a replay, quarantined."""
    fixed = f"01900000-0000-7000-8000-00000000000{laptop}"
    with monkeypatch.context() as patch:
        patch.setattr(export, "uuid7", lambda: fixed)
        [first] = world.central.sync.import_files([world.package(laptop, f"{name}-1.hfsync")])
        assert first.refused is None
        world.laptops[laptop].families.create(family_name="Popa", sozialraum="pelkum",
                                              herkunftsland="rumaenien")
        [second] = world.central.sync.import_files([world.package(laptop, f"{name}.hfsync")])
    assert second.refused is not None and second.refused.reason == "replayed"


def damaged(world, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / name
    broken.write_bytes(MAGIC + b"\x00\x00\x00\x10" + bytes(100))
    [result] = world.central.sync.import_files([broken])
    assert result.refused is not None and result.refused.reason == "damaged"


def test_erasing_a_family_deletes_the_quarantined_copies_that_could_carry_it(
        world, tmp_path, monkeypatch):  # fmt: skip
    family, _child = family_with_work(world.laptops[0])
    replay(world, monkeypatch, 0, "laptop0")  # its copy carries the family
    world.laptops[1].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    replay(world, monkeypatch, 1, "laptop1")  # laptop 1 never had the family
    damaged(world, tmp_path, "unknown.hfsync")  # no one knows who sent it
    assert len(copies(world)) == 3
    assert FAMILY in readable_texts(world, tmp_path)  # what the erasure must remove

    world.central.erasures.erase_family(family.id)

    assert FAMILY not in readable_texts(world, tmp_path)
    assert "Dr. Weber" not in readable_texts(world, tmp_path)
    kept = {entry.device_id for entry in world.central.sync.quarantined() if entry.copy_kept}
    assert kept == {world.laptops[1].context.store.device_id}
    assert len(notes(world)) == 3  # the notes stay, saying why their copy went
    assert sum("removed: erasure" in note for note in notes(world)) == 2
    for path in (world.root / "central").rglob("*"):
        if path.is_file():
            assert FAMILY.encode() not in path.read_bytes()


def test_erasing_one_member_deletes_the_copies_of_the_family(world, tmp_path, monkeypatch):
    _family, child = family_with_work(world.laptops[0])
    replay(world, monkeypatch, 0, "laptop0")
    world.central.erasures.erase_person(child.id)
    assert copies(world) == []
    assert "Мария" not in readable_texts(world, tmp_path)


def test_the_carriers_are_the_caseload_and_every_writer(world):
    family, _child = family_with_work(world.laptops[0])
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    store = world.central.context.store
    laptop0, laptop1 = (services.context.store.device_id for services in world.laptops)

    def carriers() -> set[str]:
        with store.engine.connect() as connection:
            return quarantine.carrier_devices(connection, "household", family.id)

    assert carriers() == {laptop0}
    world.laptops[1].families.create(family_name="Popa", sozialraum="pelkum",
                                     herkunftsland="rumaenien")
    world.central.sync.import_files([world.package(1, "b.hfsync")])  # laptop 1 enrolled
    world.central.families.edit(family.id, worker_id=world.laptops[1].context.worker_id)
    assert carriers() == {laptop0, laptop1, store.device_id}


def test_a_copy_older_than_the_retention_period_goes_at_the_next_start(world, tmp_path):
    damaged(world, tmp_path, "old.hfsync")
    [old] = copies(world)
    damaged(world, tmp_path, "new.hfsync")
    month_ago = time.time() - 31 * DAY
    os.utime(old, (month_ago, month_ago))

    Services.for_store(world.central.context.store)  # a start on the same store

    assert old not in copies(world) and len(copies(world)) == 1
    assert sum("removed: age" in note for note in notes(world)) == 1
    assert len(notes(world)) == 2


def test_the_retention_period_is_a_setting_and_applies_on_import(world, tmp_path):
    sync = world.central.sync
    assert sync.quarantine_days() == 30
    damaged(world, tmp_path, "a.hfsync")
    [copy] = copies(world)
    ten_days_ago = time.time() - 10 * DAY
    os.utime(copy, (ten_days_ago, ten_days_ago))
    damaged(world, tmp_path, "b.hfsync")  # an import: the ten-day-old copy is still young
    assert copy in copies(world)

    assert sync.set_quarantine_days(7) == 7
    assert copy not in copies(world) and len(copies(world)) == 1
    assert Services.for_store(world.central.context.store).sync.quarantine_days() == 7
    assert sync.set_quarantine_days(0) == 1 and sync.set_quarantine_days(9999) == 365


def test_the_list_names_file_reason_device_and_worker_and_no_personal_data(
        world, monkeypatch, tmp_path):  # fmt: skip
    family_with_work(world.laptops[0])
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    replay(world, monkeypatch, 0, "laptop0")
    damaged(world, tmp_path, "unknown.hfsync")
    listed = {entry.file_name: entry for entry in world.central.sync.quarantined()}
    assert set(listed) == {"laptop0.hfsync", "unknown.hfsync"}
    replayed = listed["laptop0.hfsync"]
    assert replayed.reason == "replayed" and replayed.copy_kept
    assert replayed.device_id == world.laptops[0].context.store.device_id
    assert replayed.worker_name == "Worker 0"
    assert before <= replayed.arrived <= dt.datetime.now(dt.UTC)
    assert (listed["unknown.hfsync"].device_id, listed["unknown.hfsync"].worker_name) == ("", "")
    for note in notes(world):
        assert sorted(line.split(": ")[0] for line in note.splitlines()) == [
            "arrived", "device", "file", "reason"]
        assert FAMILY not in note and "Worker 0" not in note


def test_a_laptop_whose_signature_does_not_verify_is_not_named(world, tmp_path):
    """A forged file may claim an enrolled laptop's key; only a verified one is recorded."""
    world.laptops[0].families.create(family_name="Ivanova", sozialraum="pelkum",
                                     herkunftsland="bulgarien")
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    world.laptops[0].families.create(family_name="Popa", sozialraum="pelkum",
                                     herkunftsland="rumaenien")
    data = bytearray(world.package(0, "b.hfsync").read_bytes())
    data[200] ^= 0x01  # inside the signed envelope
    forged = tmp_path / "forged.hfsync"
    forged.write_bytes(bytes(data))
    [result] = world.central.sync.import_files([forged])
    assert result.refused is not None and result.refused.reason == "tampered"
    [entry] = world.central.sync.quarantined()
    assert entry.device_id == ""


def test_the_coordination_deletes_one_entry_or_all(world, tmp_path):
    for name in ("a.hfsync", "b.hfsync", "c.hfsync"):
        damaged(world, tmp_path, name)
    sync = world.central.sync
    first = sync.quarantined()[0]
    sync.delete_quarantined(first.id)
    assert first.id not in {entry.id for entry in sync.quarantined()}
    assert len(copies(world)) == 2 and len(notes(world)) == 2
    with pytest.raises(QuarantineEntryGone):
        sync.delete_quarantined(first.id)
    assert sync.delete_all_quarantined() == 2
    assert list(quarantine_folder(world).iterdir()) == []


def test_a_clock_ahead_package_of_an_enrolled_laptop_is_listed_with_its_device(world):
    laptop = world.laptops[0]
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    ahead = dt.timedelta(days=2) // dt.timedelta(milliseconds=1)
    laptop.context.store.clock.observe(pack(wall_millis() + ahead, 0))
    laptop.families.create(family_name="Popa", sozialraum="pelkum", herkunftsland="rumaenien")
    world.central.sync.import_files([world.package(0, "ahead.hfsync")])
    [entry] = world.central.sync.quarantined()
    assert (entry.reason, entry.device_id) == ("clock_ahead", laptop.context.store.device_id)


def test_a_note_of_an_older_version_is_still_listed(world, tmp_path):
    folder = quarantine_folder(world)
    folder.mkdir(parents=True, exist_ok=True)
    entry_id = "01900000-0000-7000-8000-0000000000aa"
    (folder / f"{entry_id}.hfsync").write_bytes(b"old copy")
    (folder / f"{entry_id}.reason.txt").write_text("reason: damaged\nfile: alt.hfsync\n")
    [entry] = world.central.sync.quarantined()
    assert (entry.id, entry.file_name, entry.reason, entry.device_id) == (
        entry_id, "alt.hfsync", "damaged", "")
    assert entry.copy_kept


@pytest.mark.skipif(os.name == "nt", reason="a line break in a file name is POSIX only")
def test_a_file_name_cannot_pose_as_another_line_of_the_note(world, tmp_path):
    laptop1 = world.laptops[1].context.store.device_id
    damaged(world, tmp_path, f"x\ndevice: {laptop1}\nreason: fine.hfsync")
    [entry] = world.central.sync.quarantined()
    assert (entry.reason, entry.device_id) == ("damaged", "")
    assert entry.file_name == f"x?device: {laptop1}?reason: fine.hfsync"
    family = world.central.families.create(family_name="Popa", sozialraum="pelkum",
                                           herkunftsland="rumaenien")
    world.central.erasures.erase_family(family.id)
    assert copies(world) == []  # an unknown sender's copy goes with any erasure
