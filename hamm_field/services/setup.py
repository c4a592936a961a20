"""Setting a store up, unlocking it, and changing or recovering its password."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hamm_field.domain.errors import StoreExists, UserError
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Device, Worker
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.i18n import N_
from hamm_field.services.password_policy import MIN_PASSWORD_LENGTH
from hamm_field.services.unlock_attempts import UnlockAttempts, UnlockDelayed
from hamm_field.store import lifecycle, reidentify, setup_folder, state
from hamm_field.store.keyfile import KdfParams
from hamm_field.store.master import seed_defaults
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment

log = logging.getLogger(__name__)


class PasswordTooShort(UserError):
    message = N_("Das Passwort muss mindestens {length} Zeichen lang sein.")


class NameMissing(UserError):
    message = N_("Bitte einen Namen angeben.")


class StoreIncomplete(UserError):
    """``store_id`` names the store, for :func:`initialize` to replace it on request."""

    message = N_("Der Datenspeicher in {path} ist unvollständig eingerichtet, weil die "
                 "Einrichtung abgebrochen wurde. Bitte neu einrichten.")

    def __init__(self, path: object, store_id: str) -> None:
        super().__init__(path=str(path))
        self.store_id = store_id


@dataclass(frozen=True)
class SetupResult:
    store: Store
    recovery_key: str


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(length=MIN_PASSWORD_LENGTH)


def initialize(
    paths: StorePaths,
    *,
    device_role: DeviceRole,
    name: str,
    password: str,
    kdf: KdfParams,
    worker_role: WorkerRole | None = None,
    device_name: str = "",
    ids: tuple[str, str] | None = None,
    replacing: str | None = None,
) -> SetupResult:
    """Create the encrypted store with its first worker, this device and master data.

    ``ids`` are the (worker, device) ids an invitation assigned; new ones otherwise.
    The device's own signing and encryption keys are made here, inside the store.
    ``replacing`` is the id of an incomplete store in ``paths`` to set up anew (from
    :class:`StoreIncomplete`); a complete store is never replaced.
    """
    return _set_up(paths, device_role=device_role, name=name, password=password, kdf=kdf,
                   worker_role=worker_role, device_name=device_name, ids=ids,
                   replacing=replacing)  # fmt: skip


@dataclass(frozen=True)
class InvitedWorker:
    """Whom an invitation is for, shown before the laptop is set up from it."""

    name: str  # empty for an invitation that does not carry it: then the name is asked
    role: WorkerRole


def read_invitation(invitation: bytes) -> InvitedWorker:
    """Check an invitation file without setting anything up; raises a :class:`UserError`
    for a file that is not an invitation or fails its checks."""
    invited = enrolment.read_invitation(invitation)
    return InvitedWorker(invited.worker_name, WorkerRole(invited.worker_role))


def join(
    paths: StorePaths,
    *,
    invitation: bytes,
    name: str = "",
    password: str,
    kdf: KdfParams,
    replacing: str | None = None,
) -> SetupResult:
    """Set a laptop up from the coordination's invitation file.

    The worker is named as the coordination invited them; ``name`` is only used for an
    invitation that carries no name.
    """
    invited = enrolment.read_invitation(invitation)
    result = _set_up(
        paths, device_role=DeviceRole.FIELD, name=invited.worker_name or name,
        password=password, kdf=kdf,
        worker_role=WorkerRole(invited.worker_role), ids=(invited.worker_id, invited.device_id),
        replacing=replacing, invited=invited,
    )  # fmt: skip
    log.info("laptop %s joined from an invitation", invited.device_id)
    return result


def _set_up(
    paths: StorePaths,
    *,
    device_role: DeviceRole,
    name: str,
    password: str,
    kdf: KdfParams,
    worker_role: WorkerRole | None,
    device_name: str = "",
    ids: tuple[str, str] | None,
    replacing: str | None,
    invited: enrolment.Invitation | None = None,
) -> SetupResult:
    """Everything goes into a build folder first and moves in last (:mod:`setup_folder`)."""
    name = name.strip()
    if not name:
        raise NameMissing()
    check_password(password)
    if worker_role is None:
        central = device_role == DeviceRole.CENTRAL
        worker_role = WorkerRole.KOORDINATION if central else WorkerRole.SCHLUESSELFIGUR
    worker_id, device_id = ids or (uuid7(), uuid7())
    with setup_folder.building(paths, replacing=replacing) as build:
        created = lifecycle.create_store(
            build, password, worker_id=worker_id, device_id=device_id, kdf=kdf
        )
        try:
            with created.store.write() as writer:
                writer.insert(Worker(id=worker_id, name=name, role=worker_role.value))
                writer.insert(Device(id=device_id, name=device_name or device_role.label,
                                     role=device_role.value, worker_id=worker_id))
                seed_defaults(writer)
                state.put(writer.session, "device_role", device_role.value)
                enrolment.create_device_keys(writer, device_id)
                if invited is not None:
                    enrolment.accept(writer, invited)
        finally:
            created.store.close()
    store = lifecycle.open_with_key(paths, created.store.data_key, worker_id)
    log.info("store initialised as %s", device_role.value)
    return SetupResult(store, created.recovery_key)


def unlock(paths: StorePaths, password: str, *, attempts: UnlockAttempts | None = None) -> Store:
    """Open with a password; wrong ones in a row make the next try wait (:mod:`unlock_attempts`)."""
    with (attempts or UnlockAttempts.in_folder(paths.root)).counting():
        store = lifecycle.open_store(paths, password)
    return _complete(store)


def unlock_with_recovery(paths: StorePaths, recovery_key: str) -> Store:
    return _complete(lifecycle.open_with_recovery(paths, recovery_key))


def check_version(paths: StorePaths) -> None:
    """Raise :class:`~hamm_field.domain.errors.StoreTooNew` for a store a newer version wrote,
    before a password is asked for; :func:`unlock` refuses it the same way in any case."""
    lifecycle.check_version(paths)


def _complete(store: Store) -> Store:
    """The store, if its set-up finished; else :class:`StoreIncomplete` (and it is closed).

    Set-up is all or nothing since it builds in a separate folder, but an older version
    could be killed after the key file was written and before the worker and this device
    were: such a store opens and then every command trips over what is missing.
    """
    with store.read() as session:
        store_id = state.get(session, "store_id") or ""
        complete = bool(store.owner_id and store.device_id) and (
            session.get(Worker, store.owner_id) is not None
            and session.get(Device, store.device_id) is not None
        )
    if not complete:
        store.close()
        log.warning("store %s is incomplete: an earlier set-up was interrupted", store_id)
        raise StoreIncomplete(store.paths.root, store_id)
    reidentify.settle_keyfile(store)  # an invitation loaded later, cut off before its end
    return store


def store_present(paths: StorePaths) -> bool:
    """Is there a store, or part of one, that a new set-up must not overwrite unasked?"""
    return paths.database.exists() or paths.keyfile.exists()


def incomplete_store_id(paths: StorePaths, password: str) -> str:
    """The id of the incomplete store in ``paths`` that ``password`` opens.

    Anything else there, a complete store, one this password does not open, a database
    without its key file, raises :class:`StoreExists`: only a store known to be empty of
    work may be set up anew.
    """
    try:
        unlock(paths, password).close()
    except StoreIncomplete as error:
        return error.store_id
    except UnlockDelayed:
        raise
    except UserError:
        pass
    raise StoreExists(path=str(paths.root))


def change_password(store: Store, new_password: str, kdf: KdfParams) -> None:
    """Re-wrap the data key for the working user; nothing else is re-encrypted."""
    check_password(new_password)
    lifecycle.set_password(store, new_password, kdf)
