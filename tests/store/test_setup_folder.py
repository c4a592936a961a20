"""A set-up killed at any rename leaves no store or a whole one, and the next start cleans up.

Each case runs a real set-up in a separate process that SIGKILLs itself exactly at one of
the renames that move the new store into its data folder (the test swaps the module's
``os.replace`` in that process only), then checks what the next start finds.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from hamm_field.domain.errors import StoreExists
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import setup
from hamm_field.store import lifecycle
from hamm_field.store.setup_folder import BUILD_PREFIX, remove_leftovers
from tests.conftest import PASSWORD

NEW_PASSWORD = "ein neues Passwort"

_KILLED_SET_UP = """
import os, signal, sys, types
from pathlib import Path
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import setup
from hamm_field.store import setup_folder
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths

root, where, replacing, password = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def replace(source, target):
    target = Path(target)
    if where == "aside" and target.parent.name == "replaced" and target.name.endswith(".db"):
        die()
    if target.parent == root and target.name == where:
        die()
    os.replace(source, target)

setup_folder.os = types.SimpleNamespace(replace=replace)
if where == "rmtree":
    setup_folder.shutil = types.SimpleNamespace(rmtree=die)
setup.initialize(StorePaths(root), device_role=DeviceRole.FIELD, name="Neue Person",
                 password=password, kdf=calibrate_kdf(0), replacing=replacing or None)
"""


def killed_set_up(paths, where: str, replacing: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_SET_UP, str(paths.root), where, replacing, NEW_PASSWORD],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr  # it died where it was meant to


def builds(paths) -> list:
    return list(paths.root.glob(f"{BUILD_PREFIX}*"))


def worker_name(paths, password: str) -> str:
    store = setup.unlock(paths, password)
    try:
        with store.read() as session:
            return session.get(Worker, store.owner_id).name
    finally:
        store.close()


@pytest.mark.parametrize("where", ["hamm_field.key", "hamm_field.db"])
def test_a_set_up_killed_before_the_database_moved_in_leaves_no_store(paths, kdf, where):
    killed_set_up(paths, where)
    assert not paths.exists()
    assert builds(paths)
    remove_leftovers(paths)
    assert builds(paths) == []
    assert not paths.keyfile.exists() and not paths.database.exists()
    result = setup.initialize(paths, device_role=DeviceRole.FIELD, name="Ana Test",
                              password=PASSWORD, kdf=kdf)  # fmt: skip
    result.store.close()
    assert worker_name(paths, PASSWORD) == "Ana Test"


def test_a_set_up_killed_after_the_database_moved_in_leaves_the_whole_store(paths, kdf):
    killed_set_up(paths, "rmtree")
    assert paths.exists()
    remove_leftovers(paths)
    assert builds(paths) == []
    assert worker_name(paths, NEW_PASSWORD) == "Neue Person"
    with pytest.raises(StoreExists):
        setup.initialize(paths, device_role=DeviceRole.FIELD, name="X", password=PASSWORD,
                         kdf=kdf)  # fmt: skip


def incomplete_store(paths, kdf) -> str:
    """What an older version left when killed after the key file: no worker, no device."""
    lifecycle.create_store(paths, PASSWORD, worker_id=uuid7(), device_id=uuid7(),
                           kdf=kdf).store.close()  # fmt: skip
    with pytest.raises(setup.StoreIncomplete) as found:
        setup.unlock(paths, PASSWORD)
    return found.value.store_id


@pytest.mark.parametrize("where", ["aside", "hamm_field.key", "hamm_field.db"])
def test_a_replacement_killed_halfway_gives_back_the_incomplete_store(paths, kdf, where):
    old = incomplete_store(paths, kdf)
    killed_set_up(paths, where, replacing=old)
    remove_leftovers(paths)
    assert builds(paths) == []
    with pytest.raises(setup.StoreIncomplete) as again:
        setup.unlock(paths, PASSWORD)
    assert again.value.store_id == old  # the same store, whole, offered again
    result = setup.initialize(paths, device_role=DeviceRole.FIELD, name="Ana Test",
                              password=PASSWORD, kdf=kdf, replacing=old)  # fmt: skip
    result.store.close()
    assert worker_name(paths, PASSWORD) == "Ana Test"


def test_a_failed_set_up_leaves_the_folder_as_it_was(paths, kdf, monkeypatch):
    paths.root.mkdir()
    (paths.root / "settings.json").write_text("{}")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(setup, "seed_defaults", full_disk)
    with pytest.raises(OSError):
        setup.initialize(paths, device_role=DeviceRole.FIELD, name="X", password=PASSWORD,
                         kdf=kdf)  # fmt: skip
    assert sorted(path.name for path in paths.root.iterdir()) == ["settings.json"]
