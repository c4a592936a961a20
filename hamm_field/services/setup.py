"""Setting a store up, unlocking it, and changing or recovering its password."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Device, Worker
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.i18n import N_
from hamm_field.store import lifecycle, state
from hamm_field.store.keyfile import KdfParams
from hamm_field.store.master import seed_defaults
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment

log = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8


class PasswordTooShort(UserError):
    message = N_("Das Passwort muss mindestens {length} Zeichen lang sein.")


class NameMissing(UserError):
    message = N_("Bitte einen Namen angeben.")


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
) -> SetupResult:
    """Create the encrypted store with its first worker, this device and master data.

    ``ids`` are the (worker, device) ids an invitation assigned; new ones otherwise.
    The device's own signing and encryption keys are made here, inside the store.
    """
    name = name.strip()
    if not name:
        raise NameMissing()
    check_password(password)
    if worker_role is None:
        central = device_role == DeviceRole.CENTRAL
        worker_role = WorkerRole.KOORDINATION if central else WorkerRole.SCHLUESSELFIGUR
    worker_id, device_id = ids or (uuid7(), uuid7())
    created = lifecycle.create_store(
        paths, password, worker_id=worker_id, device_id=device_id, kdf=kdf
    )
    store = created.store
    with store.write() as writer:
        writer.insert(Worker(id=worker_id, name=name, role=worker_role.value))
        writer.insert(
            Device(
                id=device_id,
                name=device_name or device_role.label,
                role=device_role.value,
                worker_id=worker_id,
            )
        )
        seed_defaults(writer)
        state.put(writer.session, "device_role", device_role.value)
        enrolment.create_device_keys(writer, device_id)
    log.info("store initialised as %s", device_role.value)
    return SetupResult(store, created.recovery_key)


def join(
    paths: StorePaths, *, invitation: bytes, name: str, password: str, kdf: KdfParams
) -> SetupResult:
    """Set a laptop up from the coordination's invitation file."""
    invited = enrolment.read_invitation(invitation)
    result = initialize(
        paths, device_role=DeviceRole.FIELD, name=name, password=password, kdf=kdf,
        worker_role=WorkerRole(invited.worker_role), ids=(invited.worker_id, invited.device_id),
    )  # fmt: skip
    with result.store.write() as writer:
        enrolment.accept(writer, invited)
    log.info("laptop %s joined from an invitation", invited.device_id)
    return result


def unlock(paths: StorePaths, password: str) -> Store:
    return lifecycle.open_store(paths, password)


def unlock_with_recovery(paths: StorePaths, recovery_key: str) -> Store:
    return lifecycle.open_with_recovery(paths, recovery_key)


def change_password(store: Store, new_password: str, kdf: KdfParams) -> None:
    """Re-wrap the data key for the working user; nothing else is re-encrypted."""
    check_password(new_password)
    lifecycle.set_password(store, new_password, kdf)
