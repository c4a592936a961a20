"""Set-up: a store whose set-up was cut short is named as such and only it may be replaced."""

from __future__ import annotations

import hashlib

import pytest

from hamm_field.domain.errors import StoreExists
from hamm_field.domain.ids import uuid7
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import setup
from hamm_field.store import lifecycle
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def incomplete(paths, kdf):
    """What an older version left when killed after the key file: no worker, no device."""
    lifecycle.create_store(paths, PASSWORD, worker_id=uuid7(), device_id=uuid7(),
                           kdf=kdf).store.close()  # fmt: skip
    return paths


def test_unlocking_an_unfinished_store_says_so(incomplete):
    with pytest.raises(setup.StoreIncomplete) as found:
        setup.unlock(incomplete, PASSWORD)
    assert str(found.value) == (
        f"Der Datenspeicher in {incomplete.root} ist unvollständig eingerichtet, weil die "
        "Einrichtung abgebrochen wurde. Bitte neu einrichten."
    )
    assert found.value.store_id
    assert setup.incomplete_store_id(incomplete, PASSWORD) == found.value.store_id


def test_a_store_is_replaceable_only_if_unfinished_and_opened_by_the_password(
    incomplete, tmp_path, kdf
):
    with pytest.raises(StoreExists):
        setup.incomplete_store_id(incomplete, "nicht das Passwort")
    complete = StorePaths(tmp_path / "complete")
    setup.initialize(complete, device_role=DeviceRole.FIELD, name="X", password=PASSWORD,
                     kdf=kdf).store.close()  # fmt: skip
    with pytest.raises(StoreExists):  # never replaced
        setup.incomplete_store_id(complete, PASSWORD)


def test_set_up_replaces_only_the_store_it_was_told_about(incomplete, kdf):
    before = digest(incomplete.database), digest(incomplete.keyfile)
    with pytest.raises(StoreExists):
        setup.initialize(incomplete, device_role=DeviceRole.FIELD, name="X", password=PASSWORD,
                         kdf=kdf, replacing=uuid7())  # fmt: skip
    assert (digest(incomplete.database), digest(incomplete.keyfile)) == before
    result = setup.initialize(
        incomplete, device_role=DeviceRole.CENTRAL, name="Koordination", password=PASSWORD,
        kdf=kdf, replacing=setup.incomplete_store_id(incomplete, PASSWORD),
    )  # fmt: skip
    result.store.close()
    store = setup.unlock(incomplete, PASSWORD)
    store.close()


def test_a_database_without_its_key_file_is_never_set_up_over(paths, kdf):
    paths.root.mkdir()
    paths.database.write_bytes(b"a store whose key file went missing")
    with pytest.raises(StoreExists):
        setup.initialize(paths, device_role=DeviceRole.FIELD, name="X", password=PASSWORD,
                         kdf=kdf)  # fmt: skip
    with pytest.raises(StoreExists):
        setup.incomplete_store_id(paths, PASSWORD)
    assert paths.database.read_bytes() == b"a store whose key file went missing"
