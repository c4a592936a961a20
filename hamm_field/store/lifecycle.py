"""Create, unlock and re-key a store: the database file plus its key file.

The data key is random; the key file holds it wrapped under each user's password
and under the recovery key. Changing a password re-wraps those 32 bytes only.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
from dataclasses import dataclass

from sqlmodel import Session

from hamm_field.domain.errors import KeyFileMissing, StoreExists, StoreMissing
from hamm_field.domain.ids import uuid7
from hamm_field.store import migrate, state
from hamm_field.store.engine import KEY_BYTES, make_engine
from hamm_field.store.keyfile import KdfParams, KeyFile, PasswordUnlock
from hamm_field.store.paths import StorePaths
from hamm_field.store.recovery_key import new_recovery_key
from hamm_field.store.unit import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewStore:
    store: Store
    recovery_key: str


def create_store(
    paths: StorePaths, password: str, *, worker_id: str, device_id: str, kdf: KdfParams
) -> NewStore:
    """Make an empty, migrated, encrypted store; the caller seeds it."""
    if paths.database.exists() or paths.keyfile.exists():
        raise StoreExists(path=str(paths.root))
    paths.root.mkdir(parents=True, exist_ok=True)
    data_key = os.urandom(KEY_BYTES)
    store_id = uuid7()
    recovery_key = new_recovery_key()
    keyfile = KeyFile.new(store_id)
    keyfile.add_password(worker_id, password, data_key, kdf)
    keyfile.set_recovery(recovery_key, data_key)
    engine = make_engine(paths.database, data_key)
    try:
        migrate.upgrade(engine)
        with Session(engine) as session:
            state.put(session, "store_id", store_id)
            state.put(session, "device_id", device_id)
            state.put(session, "worker_id", worker_id)
            session.commit()
        keyfile.save(paths.keyfile)
    except BaseException:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
        raise
    log.info("store created: store %s, device %s", store_id, device_id)
    return NewStore(Store(engine, paths, data_key, worker_id), recovery_key)


def _load_keyfile(paths: StorePaths) -> KeyFile:
    if not paths.exists():
        raise StoreMissing(path=str(paths.root))
    if not paths.keyfile.exists():  # never "set up again": that would lose the data
        raise KeyFileMissing(path=str(paths.keyfile))
    return KeyFile.load(paths.keyfile)


def _clear_staging(paths: StorePaths) -> None:
    """Remove what an import, export or return package cut short left in ``staging/``.

    Copies, payloads and their ``-wal``/``-shm``/journal files are encrypted, yet large and
    useless once their process is gone; the data-folder lock, taken before a store is
    opened, makes sure no other process is still using them. Best effort: a leftover that
    cannot go is no reason not to open the store.
    """
    with contextlib.suppress(OSError):
        for leftover in paths.staging.iterdir() if paths.staging.is_dir() else ():
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _open(paths: StorePaths, data_key: bytes, worker_id: str | None) -> Store:
    _clear_staging(paths)
    paths.make_private()
    engine = make_engine(paths.database, data_key)
    try:
        migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, paths, data_key, worker_id)


def open_store(paths: StorePaths, password: str) -> Store:
    """Unlock with a user's password; the store knows who is working.

    Then the password slot is strengthened if it is old or weak (:meth:`KeyFile.strengthen`).
    """
    keyfile = _load_keyfile(paths)
    unlocked = keyfile.open_with_password(password)
    store = _open(paths, unlocked.data_key, unlocked.user_id)
    try:
        _strengthen_password_slot(keyfile, paths, password, unlocked)
    except BaseException:
        store.close()
        raise
    return store


def _strengthen_password_slot(
    keyfile: KeyFile, paths: StorePaths, password: str, unlocked: PasswordUnlock
) -> None:
    """Re-wrap after the unlock, in its (background) call: once per weak slot, and only when
    the unlock just measured the machine quiet. Best effort: a key file that cannot be
    written now (read-only, full disk) is tried again at the next unlock."""
    if not keyfile.strengthen(password, unlocked):
        return
    try:
        keyfile.save(paths.keyfile)
    except OSError as error:
        log.warning("password slot not strengthened: %s", errno.errorcode.get(error.errno or 0))
        return
    log.info("password slot of worker %s re-wrapped with stronger parameters", unlocked.user_id)


def open_with_recovery(paths: StorePaths, recovery_key: str) -> Store:
    """Unlock with the printed recovery key; the store's owner is the one working.

    The caller should ask for a new password right away (:func:`set_password`).
    """
    data_key = _load_keyfile(paths).unlock_with_recovery(recovery_key)
    store = _open(paths, data_key, None)
    store.worker_id = store.owner_id
    return store


def open_with_key(paths: StorePaths, data_key: bytes, worker_id: str | None) -> Store:
    """Open with a data key in hand: a new store once it has moved into its data folder.

    Saves a second, deliberately slow password derivation right after set-up.
    """
    return _open(paths, data_key, worker_id)


def set_password(store: Store, new_password: str, kdf: KdfParams) -> None:
    """Re-wrap the data key under a new password for the working user.

    Only the 32-byte key is wrapped anew; the database is not touched.
    """
    if store.worker_id is None:
        raise ValueError("no user to set a password for")
    keyfile = _load_keyfile(store.paths)
    keyfile.change_password(store.worker_id, new_password, store.data_key, kdf)
    keyfile.save(store.paths.keyfile)
    log.info("data key re-wrapped for worker %s", store.worker_id)
