"""Unlocking re-wraps an old or weak password slot, and only then."""

from __future__ import annotations

import errno
import itertools
import json
import logging
import shutil

import pytest

from hamm_field.services import setup
from hamm_field.store import kdf
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD

FIXTURE_PASSWORD = "fixture-password"


def derivations_take(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    ticks = itertools.count(step=seconds)
    monkeypatch.setattr(kdf, "_clock", lambda: next(ticks))


@pytest.fixture
def old_store(tmp_path) -> StorePaths:
    shutil.copytree("tests/data/store_0001", tmp_path / "store")
    return StorePaths(tmp_path / "store")


def _password_slot(paths: StorePaths) -> dict:
    data = json.loads(paths.keyfile.read_text())
    return next(slot for slot in data["slots"] if slot["type"] == "password")


def test_unlocking_a_store_of_the_tests_leaves_its_key_file_alone(new_store, paths) -> None:
    new_store.store.close()
    before = paths.keyfile.read_bytes()
    setup.unlock(paths, PASSWORD).close()
    assert paths.keyfile.read_bytes() == before


def test_an_old_store_is_upgraded_by_its_first_unlock(old_store, monkeypatch) -> None:
    derivations_take(monkeypatch, 2.0)  # busy: the floor and the binding, no more passes
    setup.unlock(old_store, FIXTURE_PASSWORD).close()
    slot = _password_slot(old_store)
    assert (slot["aad"], slot["memory_cost"], slot["iterations"]) == (2, 65536, 3)
    upgraded = old_store.keyfile.read_bytes()
    setup.unlock(old_store, FIXTURE_PASSWORD).close()  # nothing left to do
    assert old_store.keyfile.read_bytes() == upgraded
    key = (old_store.root / "RECOVERY_KEY.txt").read_text().strip()
    setup.unlock_with_recovery(old_store, key).close()


def test_a_key_file_that_cannot_be_written_does_not_stop_the_unlock(
    old_store, monkeypatch, caplog
) -> None:
    def disk_full(self, path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    derivations_take(monkeypatch, 2.0)
    before = old_store.keyfile.read_bytes()
    monkeypatch.setattr(KeyFile, "save", disk_full)
    with caplog.at_level(logging.WARNING):
        store = setup.unlock(old_store, FIXTURE_PASSWORD)
    store.close()
    assert old_store.keyfile.read_bytes() == before  # tried again at the next unlock
    assert "ENOSPC" in caplog.text and FIXTURE_PASSWORD not in caplog.text
