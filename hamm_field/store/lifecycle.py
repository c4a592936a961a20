"""Create, unlock and re-key a store: the database file plus its key file.

The data key is random; the key file holds it wrapped under each user's password
and under the recovery key. Changing a password re-wraps those 32 bytes only. A store that a
newer version wrote is refused before anything in its folder changes (:mod:`.written_by`).
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
from hamm_field.store import migrate, state, written_by
from hamm_field.store.engine import KEY_BYTES, make_engine
from hamm_field.store.keyfile import KdfParams, KeyFile, KeyFileDamaged, PasswordUnlock
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
        written_by.note_database(engine)
        written_by.note_keyfile(keyfile)
        keyfile.save(paths.keyfile)
    except BaseException:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
        raise
    log.info("store created: store %s, device %s", store_id, device_id)
    return NewStore(Store(engine, paths, data_key, worker_id), recovery_key)


def _load_keyfile(paths: StorePaths) -> KeyFile:
    """The key file, once it is known that a newer version did not write the store."""
    if not paths.exists():
        raise StoreMissing(path=str(paths.root))
    if not paths.keyfile.exists():  # never "set up again": that would lose the data
        raise KeyFileMissing(path=str(paths.keyfile))
    keyfile = KeyFile.load(paths.keyfile)
    written_by.check_keyfile(keyfile)
    return keyfile


def check_version(paths: StorePaths) -> None:
    """Refuse a store of a newer version before a password is even asked for.

    A folder without a (readable) store passes: opening it says what is wrong there.
    """
    if paths.exists() and paths.keyfile.exists():
        with contextlib.suppress(KeyFileDamaged):
            written_by.check_keyfile(KeyFile.load(paths.keyfile))


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


def _open(paths: StorePaths, data_key: bytes, worker_id: str | None,
          keyfile: KeyFile | None = None) -> Store:  # fmt: skip
    """Refuse a newer store's database first; only then tidy, migrate and note this app."""
    engine = make_engine(paths.database, data_key)
    try:
        written_by.check_database(engine, keyfile)
        _clear_staging(paths)
        paths.make_private()
        migrate.upgrade(engine)
        written_by.note_database(engine)
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
    store = _open(paths, unlocked.data_key, unlocked.user_id, keyfile)
    try:
        _update_keyfile(keyfile, paths, password, unlocked)
    except BaseException:
        store.close()
        raise
    return store


def _update_keyfile(keyfile: KeyFile, paths: StorePaths, password: str | None = None,
                    unlocked: PasswordUnlock | None = None) -> None:  # fmt: skip
    """After the unlock, in its (background) call: re-wrap a weak password slot (once per
    slot, and only when the unlock just measured the machine quiet) and note this app and
    the schema. Best effort: a key file that cannot be written now (read-only, full disk)
    is tried again at the next unlock."""
    strengthened = (password is not None and unlocked is not None
                    and keyfile.strengthen(password, unlocked))  # fmt: skip
    noted = written_by.note_keyfile(keyfile)
    if not (strengthened or noted):
        return
    try:
        keyfile.save(paths.keyfile)
    except OSError as error:
        log.warning("key file not updated (key slot parameters, app version): %s",
                    errno.errorcode.get(error.errno or 0))  # fmt: skip
        return
    if unlocked is not None and strengthened:
        log.info("key-file slot of worker %s re-wrapped with stronger parameters",
                 unlocked.user_id)  # fmt: skip


def open_with_recovery(paths: StorePaths, recovery_key: str) -> Store:
    """Unlock with the printed recovery key; the store's owner is the one working.

    The caller should ask for a new password right away (:func:`set_password`).
    """
    keyfile = _load_keyfile(paths)
    data_key = keyfile.unlock_with_recovery(recovery_key)
    store = _open(paths, data_key, None, keyfile)
    try:
        _update_keyfile(keyfile, paths)
    except BaseException:
        store.close()
        raise
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
