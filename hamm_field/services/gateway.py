"""The GUI's door to one data folder: set up, unlock, relock, change the password.

The GUI never sees paths of the store, keys or the engine; it asks this object and
gets :class:`~hamm_field.services.Services` back.

It is also what the GUI holds before unlocking, so importing it and asking it whether a
store exists, for the settings or for the count of wrong passwords loads no SQL, no
cryptography and no migrations: those are imported by the calls that open a store (in the
background), or ahead of time by :meth:`Gateway.warm_up`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamm_field.domain.errors import UserError, WrongPassword
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.i18n import N_
from hamm_field.services import Services
from hamm_field.services.settings import Settings, load_settings, save_settings
from hamm_field.services.unlock_attempts import UnlockAttempts

if TYPE_CHECKING:
    from hamm_field.store.keyfile import KdfParams
    from hamm_field.store.paths import StorePaths


@dataclass(frozen=True)
class Opened:
    services: Services
    recovery_key: str | None = None


class InvitationUnreadable(UserError):
    message = N_("Die Einladungsdatei lässt sich nicht lesen.")


@dataclass(frozen=True)
class Invitation:
    """An invitation file read and checked, before anything is set up from it."""

    data: bytes
    worker_name: str  # empty for an invitation that does not carry it: then it is asked
    worker_role: WorkerRole


def _warmed(services: Services) -> Services:
    """Load master data and the worker now, in the unlocking background call, so the
    screens built next read them from memory instead of the GUI thread reading the store."""
    _ = services.context.master, services.context.worker
    return services


class Gateway:
    def __init__(
        self,
        paths: StorePaths,
        kdf: Callable[[], KdfParams],
        log_file: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.paths = paths
        self._kdf = kdf
        self.log_file = log_file
        self._today = today
        # An unlock found this store's set-up unfinished: the wizard may set it up anew.
        self.incomplete_store: str | None = None

    @property
    def data_dir(self) -> Path:
        return self.paths.root

    @property
    def log_dir(self) -> Path:
        """Where the log is kept (shown in Über Hamm Field, also when it could not be made)."""
        return self.paths.log_dir

    def store_exists(self) -> bool:
        return self.paths.exists()

    def settings(self) -> Settings:
        return load_settings(self.paths.root)

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.paths.root, settings)

    def warm_up(self) -> None:
        """Import what opening a store needs, so that unlocking does not wait for it.

        Run in the background while the unlock window waits for the password.
        """
        from hamm_field import services

        services.load()

    def read_invitation(self, path: Path) -> Invitation:
        """Read and check an invitation file (in the background: it verifies a signature).

        Raises a :class:`UserError` for a file that cannot be read, is no invitation or
        fails its checks; nothing is set up.
        """
        from hamm_field.services import setup

        try:
            data = path.read_bytes()
        except OSError:
            raise InvitationUnreadable() from None
        invited = setup.read_invitation(data)
        return Invitation(data, invited.name, invited.role)

    def initialize(
        self,
        *,
        central: bool,
        name: str,
        password: str,
        worker_role: WorkerRole | None = None,
        invitation: Invitation | None = None,
    ) -> Opened:
        """Set the store up; with an ``invitation`` a laptop enrolled at the coordination,
        named and with the role the invitation gives."""
        from hamm_field.services import setup

        if invitation is not None:
            result = setup.join(self.paths, invitation=invitation.data, name=name,
                                password=password, kdf=self._kdf(),
                                replacing=self.incomplete_store)  # fmt: skip
            return Opened(_warmed(Services.for_store(result.store, self._today)),
                          result.recovery_key)  # fmt: skip
        result = setup.initialize(
            self.paths,
            device_role=DeviceRole.CENTRAL if central else DeviceRole.FIELD,
            name=name,
            password=password,
            kdf=self._kdf(),
            worker_role=worker_role,
            replacing=self.incomplete_store,
        )
        return Opened(_warmed(Services.for_store(result.store, self._today)), result.recovery_key)

    def unlock(self, password: str) -> Opened:
        from hamm_field.services import setup

        try:
            store = setup.unlock(self.paths, password)
        except setup.StoreIncomplete as error:
            self.incomplete_store = error.store_id
            raise
        return Opened(_warmed(Services.for_store(store, self._today)))

    def unlock_with_recovery(self, recovery_key: str) -> Opened:
        from hamm_field.services import setup

        store = setup.unlock_with_recovery(self.paths, recovery_key)
        return Opened(_warmed(Services.for_store(store, self._today)))

    def check_password(self, services: Services, password: str) -> None:
        """Unlock again after an auto-lock: the password must open this user's slot.

        Raises WrongPassword; the open store stays as it is either way.
        """
        from hamm_field.store.keyfile import KeyFile

        with UnlockAttempts.in_folder(self.paths.root).counting():  # as at the first unlock
            _key, user = KeyFile.load(self.paths.keyfile).unlock_with_password(password)
            if user != services.context.worker_id:
                raise WrongPassword()

    def check_recovery_key(self, recovery_key: str) -> None:
        from hamm_field.store.keyfile import KeyFile

        KeyFile.load(self.paths.keyfile).unlock_with_recovery(recovery_key)

    def change_password(self, services: Services, old: str, new: str) -> None:
        from hamm_field.services import setup

        self.check_password(services, old)
        setup.change_password(services.context.store, new, self._kdf())

    def set_password_after_recovery(self, services: Services, new: str) -> None:
        from hamm_field.services import setup

        setup.change_password(services.context.store, new, self._kdf())
