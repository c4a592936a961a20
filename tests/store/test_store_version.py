"""A data folder a newer Hamm Field wrote is refused by this one in one clear line, and
nothing in it changes; a store records which version opened it, and never goes back."""

from __future__ import annotations

import json
import shutil

import pytest

from hamm_field.domain import app_version
from hamm_field.domain.errors import StoreTooNew, WrongPassword
from hamm_field.services import setup
from hamm_field.services.gateway import Gateway
from hamm_field.store import migrate, written_by
from hamm_field.store.engine import make_engine
from hamm_field.store.keyfile import KeyFile, KeyFileDamaged, calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.store.recovery_key import new_recovery_key
from tests.conftest import PASSWORD, run_cli
from tests.store.support import FUTURE_SCHEMA, NEWER, REFUSED, as_a_newer_version_left_it, snapshot

REFUSED_UNNAMED = ("Dieser Datenordner stammt von einer neueren Version von Hamm Field; bitte "
                   "aktualisieren Sie Hamm Field.")


@pytest.fixture
def gateway(paths):
    return Gateway(paths, lambda: calibrate_kdf(0))


@pytest.fixture
def closed(new_store):
    """The fixture's store, closed: its folder and data key."""
    new_store.store.close()
    return new_store.store.paths, new_store.store.data_key


def revision(paths: StorePaths, data_key: bytes) -> str | None:
    engine = make_engine(paths.database, data_key)
    try:
        with engine.connect() as connection:
            return migrate.current_revision(connection)
    finally:
        engine.dispose()


def test_a_newer_store_is_refused_before_the_password_and_left_as_it_is(closed, gateway):
    paths, data_key = closed
    as_a_newer_version_left_it(paths, data_key)
    (paths.staging / "left-over.payload").parent.mkdir(exist_ok=True)
    (paths.staging / "left-over.payload").write_bytes(b"what a cut-short import left")
    before = snapshot(paths.root)
    for password in (PASSWORD, "not the password at all"):  # the key file already tells
        with pytest.raises(StoreTooNew) as refused:
            gateway.unlock(password)
        assert str(refused.value) == REFUSED
    with pytest.raises(StoreTooNew):
        setup.check_version(paths)  # what a caller may ask before it asks for a password
    assert snapshot(paths.root) == before
    assert revision(paths, data_key) == FUTURE_SCHEMA  # no migration, no stamp rewritten


def test_the_database_refuses_when_the_key_file_does_not_tell(closed, gateway):
    paths, data_key = closed
    as_a_newer_version_left_it(paths, data_key, in_keyfile=False)
    recovery_key = known_recovery_key(paths, data_key)
    with pytest.raises(WrongPassword):  # only the database tells, after the unlock
        gateway.unlock("not the password at all")
    before = snapshot(paths.root)
    with pytest.raises(StoreTooNew) as refused:
        gateway.unlock(PASSWORD)
    assert str(refused.value) == REFUSED
    with pytest.raises(StoreTooNew):
        gateway.unlock_with_recovery(recovery_key)
    assert snapshot(paths.root) == before
    assert revision(paths, data_key) == FUTURE_SCHEMA


def known_recovery_key(paths: StorePaths, data_key: bytes) -> str:
    """A recovery key this test knows (the fixture does not keep its own)."""
    key = new_recovery_key()
    keyfile = KeyFile.load(paths.keyfile)
    keyfile.set_recovery(key, data_key)
    keyfile.save(paths.keyfile)
    return key


def test_a_store_that_names_no_version_is_still_refused_in_words(closed, gateway):
    paths, data_key = closed
    as_a_newer_version_left_it(paths, data_key, version=None, in_keyfile=False)
    with pytest.raises(StoreTooNew) as refused:
        gateway.unlock(PASSWORD)
    assert str(refused.value) == REFUSED_UNNAMED


def test_a_version_that_is_no_version_is_not_shown(closed, gateway):
    paths, data_key = closed
    as_a_newer_version_left_it(paths, data_key, version="9.9.9\nrm -rf /", in_keyfile=False)
    with pytest.raises(StoreTooNew) as refused:
        gateway.unlock(PASSWORD)
    assert str(refused.value) == REFUSED_UNNAMED


def test_a_key_file_of_a_newer_format_names_the_version(closed, gateway):
    paths, _key = closed
    data = json.loads(paths.keyfile.read_text())
    data |= {"format": 3, "app_version": NEWER, "slots": "arranged otherwise"}
    paths.keyfile.write_text(json.dumps(data))
    with pytest.raises(StoreTooNew) as refused:
        gateway.unlock(PASSWORD)
    assert str(refused.value) == REFUSED
    data["app_version"] = app_version.current()  # no newer version wrote it: damage
    paths.keyfile.write_text(json.dumps(data))
    with pytest.raises(KeyFileDamaged):
        gateway.unlock(PASSWORD)


def test_the_command_line_says_it_in_one_line_with_exit_1(closed):
    paths, data_key = closed
    as_a_newer_version_left_it(paths, data_key)
    store_files = {name: (paths.root / name).read_bytes()
                   for name in ("hamm_field.db", "hamm_field.key")}  # fmt: skip
    result = run_cli("--data-dir", str(paths.root), "status")
    assert (result.code, result.out, result.err) == (1, "", REFUSED + "\n")
    assert {name: (paths.root / name).read_bytes() for name in store_files} == store_files
    assert not (paths.root / "hamm_field.db-wal").exists()


# --- What a store records ----------------------------------------------------------------


def recorded_in_database(paths: StorePaths, data_key: bytes) -> str | None:
    engine = make_engine(paths.database, data_key)
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT value FROM local_state WHERE key = ?",
                (written_by.APP_VERSION,)).scalar()  # fmt: skip
    finally:
        engine.dispose()


def test_a_new_store_names_this_version_and_its_schema(closed):
    paths, data_key = closed
    keyfile = json.loads(paths.keyfile.read_text())
    assert (keyfile["app_version"], keyfile["schema"]) == (
        app_version.current(), migrate.head_revision())
    assert recorded_in_database(paths, data_key) == app_version.current()


def test_a_store_of_an_older_version_is_noted_at_its_first_unlock(tmp_path):
    shutil.copytree("tests/data/store_0001", tmp_path / "store")
    paths = StorePaths(tmp_path / "store")
    assert "app_version" not in json.loads(paths.keyfile.read_text())
    store = setup.unlock(paths, "fixture-password")
    try:
        data_key = store.data_key
    finally:
        store.close()
    keyfile = json.loads(paths.keyfile.read_text())
    assert (keyfile["app_version"], keyfile["schema"]) == (
        app_version.current(), migrate.head_revision())
    assert recorded_in_database(paths, data_key) == app_version.current()


def test_a_newer_version_of_the_same_schema_opens_and_stays_recorded(closed):
    """A newer release without a migration wrote it: this one reads it and keeps the record."""
    paths, data_key = closed
    engine = make_engine(paths.database, data_key)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE local_state SET value = ? WHERE key = ?",
                                       (NEWER, written_by.APP_VERSION))  # fmt: skip
    finally:
        engine.dispose()
    data = json.loads(paths.keyfile.read_text()) | {"app_version": NEWER}
    paths.keyfile.write_text(json.dumps(data, indent=2))
    setup.unlock(paths, PASSWORD).close()
    assert json.loads(paths.keyfile.read_text())["app_version"] == NEWER
    assert recorded_in_database(paths, data_key) == NEWER
