"""Creating, unlocking, recovering and re-keying a store through its key file."""

import hashlib

import pytest

from hamm_field.domain.errors import StoreExists, StoreMissing, WrongPassword, WrongRecoveryKey
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from tests.conftest import PASSWORD


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_unlock_with_password_knows_the_worker(new_store, paths):
    worker = new_store.store.worker_id
    new_store.store.close()
    store = setup.unlock(paths, PASSWORD)
    assert store.worker_id == worker
    store.close()


def test_wrong_password_is_refused(new_store, paths):
    new_store.store.close()
    with pytest.raises(WrongPassword):
        setup.unlock(paths, "not the password")


def test_recovery_key_unlocks_and_lets_the_owner_set_a_new_password(new_store, paths, kdf):
    services = Services.for_store(new_store.store)
    family = services.families.create(
        family_name="Иванова", sozialraum="pelkum", herkunftsland="bulgarien"
    )
    owner = new_store.store.worker_id
    new_store.store.close()
    typed = new_store.recovery_key.lower().replace("-", " ")
    store = setup.unlock_with_recovery(paths, typed)
    assert store.worker_id == owner
    setup.change_password(store, "a brand new password", kdf)
    store.close()
    with pytest.raises(WrongPassword):
        setup.unlock(paths, PASSWORD)
    store = setup.unlock(paths, "a brand new password")
    assert Services.for_store(store).families.get(family.id).family_name == "Иванова"
    store.close()


def test_wrong_recovery_key_is_refused(new_store, paths):
    new_store.store.close()
    with pytest.raises(WrongRecoveryKey):
        setup.unlock_with_recovery(paths, "AAAA-AAAA-AAAAA-AAAA-AAAA-AAAAA")


def test_changing_the_password_rewraps_the_key_only(new_store, paths, kdf):
    store = new_store.store
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(paths.database)
    key_before = paths.keyfile.read_text()
    setup.change_password(store, "another good password", kdf)
    assert digest(paths.database) == before
    assert paths.keyfile.read_text() != key_before
    store.close()
    setup.unlock(paths, "another good password").close()
    setup.unlock_with_recovery(paths, new_store.recovery_key).close()


def test_a_short_password_is_refused_before_anything_is_written(paths, kdf):
    with pytest.raises(setup.PasswordTooShort):
        setup.initialize(paths, device_role=DeviceRole.FIELD, name="X", password="short", kdf=kdf)
    assert not paths.database.exists()


def test_init_twice_is_refused(new_store, paths, kdf):
    with pytest.raises(StoreExists):
        setup.initialize(paths, device_role=DeviceRole.FIELD, name="X", password=PASSWORD, kdf=kdf)


def test_opening_a_missing_store_says_so(paths):
    with pytest.raises(StoreMissing):
        setup.unlock(paths, PASSWORD)


def test_key_file_and_database_hold_neither_password_nor_names(new_store, paths):
    services = Services.for_store(new_store.store)
    services.families.create(family_name="Стоянова", sozialraum="pelkum", herkunftsland="bulgarien")
    new_store.store.close()
    for path in paths.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASSWORD.encode() not in data, path
            assert "Стоянова".encode() not in data, path
            assert b"Ana Test" not in data, path
            assert not data.startswith(b"SQLite format 3"), path
