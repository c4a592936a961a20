"""The data folder's lock: exclusive, owner-only, gone with its process, no sign of a store."""

from __future__ import annotations

import stat

import pytest

from hamm_field.services.gateway import Gateway
from hamm_field.store.folder_lock import FolderInUse, FolderLock
from hamm_field.store.keyfile import calibrate_kdf
from tests.lock_holder import held_elsewhere


def test_a_second_lock_on_the_folder_is_refused_until_the_first_is_released(paths):
    first, second = FolderLock(paths), FolderLock(paths)
    first.acquire(create=True)
    with pytest.raises(FolderInUse) as refused:
        second.acquire()
    assert str(refused.value) == "Hamm Field ist mit diesem Datenordner schon geöffnet."
    first.release()
    second.acquire()
    assert second.held
    second.release()


def test_the_folder_and_its_lock_file_are_owner_only(paths):
    lock = FolderLock(paths)
    lock.acquire(create=True)
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.lock.stat().st_mode) == 0o600
    lock.release()


def test_a_folder_holding_only_the_lock_file_is_offered_the_setup_wizard(paths):
    lock = FolderLock(paths)
    lock.acquire(create=True)
    assert paths.lock.exists()
    assert not Gateway(paths, lambda: calibrate_kdf(0)).store_exists()
    lock.release()


def test_the_lock_of_a_killed_process_is_free_again(paths):
    with held_elsewhere(paths.root) as holder:
        with pytest.raises(FolderInUse):
            FolderLock(paths).acquire()
        holder.kill()  # SIGKILL: no clean-up code runs
        holder.wait(timeout=30)
        lock = FolderLock(paths)
        lock.acquire()
        assert lock.held
        lock.release()
