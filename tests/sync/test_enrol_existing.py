"""A laptop set up without an invitation loads one later: what it recorded is kept, now
the invited worker's, and the coordination accepts it with the first package."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from hamm_field.domain.errors import WrongPassword
from hamm_field.domain.tables import Contact, Device, FamilyShare, Household, Worker
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.reports.kennzahlen import compute
from hamm_field.reports.model import Filters
from hamm_field.reports.periods import free_range
from hamm_field.services import Services, enrol_existing, setup
from hamm_field.store import audit, reidentify
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.paths import StorePaths
from hamm_field.sync.enrolment import InvitationDamaged, NotAnInvitation
from tests.sync.conftest import TODAY

PASSWORD = "alone password"
NOVEMBER = free_range(TODAY.replace(day=1), TODAY.replace(day=30))


@pytest.fixture
def alone(world, kdf):
    """A laptop set up "ohne Einladung" that has recorded a family and a contact."""
    created = setup.initialize(StorePaths(world.root / "alone"), device_role=DeviceRole.FIELD,
                               name="Alleine", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(created.store, today=lambda: TODAY)
    family = services.families.create(family_name="Petrova", sozialraum="pelkum",
                                      herkunftsland="bulgarien")  # fmt: skip
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=45,
                             paket=1, note="Antrag")  # fmt: skip
    yield services
    services.close()


@pytest.fixture
def invitation(world):
    return world.central.sync.invite("Nadia Neu", WorkerRole.SOZIALBETREUER,
                                     world.root / "alone.invite").read_bytes()  # fmt: skip


def invited_ids(invitation: bytes) -> tuple[str, str]:
    body = json.loads(invitation)["invitation"]
    return body["worker_id"], body["device_id"]


def every_text(services) -> dict[str, str]:
    """All values of every table but the audit chain, as one text per table; the
    ``local_state`` entry that remembers the ids before the invitation left out."""
    with services.context.store.engine.connect() as connection:
        tables = [name for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "audit_entry"]  # fmt: skip
        return {t: repr(sorted(map(tuple, connection.exec_driver_sql(
            f'SELECT * FROM "{t}"' + (" WHERE key != 'enrolled_from'"
                                      if t == "local_state" else ""))))) for t in tables}


def test_recorded_work_travels_with_the_first_package(world, alone, invitation):
    store = alone.context.store
    old_worker, old_device = store.worker_id, store.device_id
    worker_id, device_id = invited_ids(invitation)
    service = alone.enrol_existing
    assert service.possible()
    assert service.read(invitation).role == WorkerRole.SOZIALBETREUER

    service.enrol(invitation, name="Nadia Neu", password=PASSWORD)

    assert not service.possible()
    assert (store.worker_id, store.device_id, store.owner_id) == (worker_id, device_id, worker_id)
    left = [t for t, text in every_text(alone).items() if old_worker in text or old_device in text]
    assert left == []
    with store.read() as session:
        contact = session.exec(Contact.__table__.select()).one()  # type: ignore[attr-defined]
        assert contact.worker_id == worker_id and contact.created_device == device_id
        assert session.get(Worker, worker_id).role == WorkerRole.SOZIALBETREUER.value
        assert session.get(Device, device_id) is not None
        assert audit.verify(session).ok
        last = session.exec(AuditEntry.__table__.select().order_by(  # type: ignore[attr-defined]
            AuditEntry.seq.desc())).first()  # type: ignore[union-attr]
        assert (last.action, last.record_id, last.worker_id) == ("enrol", old_device, worker_id)
    assert KeyFile.load(store.paths.keyfile).user_ids() == [worker_id]
    assert alone.reports.compute(NOVEMBER, Filters(worker_id=worker_id)).kontakte == 1
    with store.read() as session:  # the kept counts moved with the worker, none left over
        kept = compute(session, NOVEMBER, Filters(worker_id=worker_id), app_version="t")
    with store.read() as session:
        direct = compute(session, NOVEMBER, Filters(worker_id=worker_id), app_version="t",
                         kept_counts=False)  # fmt: skip
    assert replace(kept, generated_at=direct.generated_at) == replace(
        direct, data_hash=kept.data_hash)

    package = world.root / "alone.hfsync"
    alone.sync.export(package)
    [result] = world.central.sync.import_files([package])
    assert result.refused is None
    central = world.central.reports.compute(NOVEMBER, Filters(worker_id=worker_id))
    assert central.kontakte == 1
    with world.central.context.store.read() as session:
        family = session.exec(Household.__table__.select()).all()  # type: ignore[attr-defined]
        assert [row.family_name for row in family if row.worker_id == worker_id] == ["Petrova"]


def test_the_enrolled_laptop_opens_as_the_invited_worker(world, alone, invitation, kdf):
    worker_id, _device = invited_ids(invitation)
    alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
    paths = alone.context.store.paths
    alone.close()
    store = setup.unlock(paths, PASSWORD)
    try:
        assert store.worker_id == store.owner_id == worker_id
    finally:
        store.close()


def test_a_crash_inside_the_rewrite_leaves_the_laptop_as_it_was(
        alone, invitation, monkeypatch):  # fmt: skip
    store = alone.context.store
    before = every_text(alone), store.worker_id, store.device_id
    keyfile_before = KeyFile.load(store.paths.keyfile).user_ids()

    def broken(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(reidentify, "rekey_shares", broken)
    with pytest.raises(RuntimeError):
        alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
    assert (every_text(alone), store.worker_id, store.device_id) == before
    assert KeyFile.load(store.paths.keyfile).user_ids() == keyfile_before
    assert alone.enrol_existing.possible()


def test_a_crash_after_the_commit_is_finished_at_the_next_unlock(
        alone, invitation, monkeypatch):  # fmt: skip
    """The key file still holds the old worker's slot (first): unlocking settles it."""
    worker_id, _device = invited_ids(invitation)
    monkeypatch.setattr(enrol_existing.reidentify, "settle_keyfile", lambda _store: None)
    alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
    paths = alone.context.store.paths
    assert len(KeyFile.load(paths.keyfile).user_ids()) == 2
    alone.close()
    monkeypatch.undo()
    store = setup.unlock(paths, PASSWORD)
    try:
        assert store.worker_id == worker_id
        assert KeyFile.load(paths.keyfile).user_ids() == [worker_id]
    finally:
        store.close()


def test_shares_get_the_ids_of_their_new_pair(alone, invitation):
    """A share row's id derives from (family, worker): renamed, it is derived again."""
    from hamm_field.domain.ids import share_id

    worker_id, _device = invited_ids(invitation)
    store = alone.context.store
    family = alone.families.create(family_name="Ivanova", sozialraum="pelkum",
                                   herkunftsland="bulgarien")  # fmt: skip
    with store.write() as writer:
        writer.insert(FamilyShare(id=share_id(family.id, store.worker_id),
                                  household_id=family.id, worker_id=store.worker_id))
    alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
    with store.read() as session:
        [share] = session.exec(FamilyShare.__table__.select()).all()  # type: ignore[attr-defined]
    assert share.id == share_id(family.id, worker_id) and share.worker_id == worker_id


def test_refusals(world, alone, invitation, tmp_path):
    with pytest.raises(WrongPassword):
        alone.enrol_existing.enrol(invitation, name="Nadia Neu", password="not the password")
    with pytest.raises(NotAnInvitation):
        alone.enrol_existing.read(b"%PDF-1.7 not an invitation")
    damaged = invitation.replace(b"sozialbetreuer", b"koordination", 1)
    with pytest.raises(InvitationDamaged):
        alone.enrol_existing.read(damaged)
    with pytest.raises(enrol_existing.CoordinationStore):
        world.central.enrol_existing.read(invitation)
    with pytest.raises(enrol_existing.AlreadyEnrolled):
        world.laptops[0].enrol_existing.read(invitation)
    alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
    with pytest.raises(enrol_existing.AlreadyEnrolled):
        alone.enrol_existing.enrol(invitation, name="Nadia Neu", password=PASSWORD)
