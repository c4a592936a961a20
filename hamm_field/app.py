"""Composition root: turns a data folder and a password into running services."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from hamm_field.store.keyfile import KdfParams, calibrate_kdf
from hamm_field.store.paths import StorePaths, default_data_dir

if TYPE_CHECKING:
    from hamm_field.services.gateway import Gateway

KDF_SECONDS_ENV = "HAMM_FIELD_KDF_SECONDS"
DEFAULT_KDF_SECONDS = 0.5


def store_paths(data_dir: str | Path | None) -> StorePaths:
    return StorePaths(Path(data_dir).expanduser() if data_dir else default_data_dir())


def kdf_params() -> KdfParams:
    """Argon2id calibrated to about 0.5 s on this machine.

    ``HAMM_FIELD_KDF_SECONDS`` lowers the target (the test suite uses 0, which still
    gives the floor of 64 MiB x 3 passes, never less).
    """
    seconds = float(os.environ.get(KDF_SECONDS_ENV, DEFAULT_KDF_SECONDS))
    return calibrate_kdf(seconds)


def make_gateway(data_dir: str | Path | None) -> Gateway:
    """The GUI's door to ``data_dir``; the log goes to its ``logs`` folder."""
    from hamm_field import logsetup
    from hamm_field.services.gateway import Gateway

    paths = store_paths(data_dir)
    return Gateway(paths, kdf_params, log_file=logsetup.configure(paths.log_dir))


@contextmanager
def folder_locked(paths: StorePaths, *, create: bool) -> Iterator[None]:
    """Hold the data folder's lock for the block: one process per data folder.

    Taken before anything in the folder is read or written, so a refused second process
    changes nothing (not even the log). ``create`` makes the folder first (``init`` and the
    GUI, whose wizard sets it up); a folder that does not exist otherwise has nothing to
    lock, and the command will say there is no store. Once locked, what a killed set-up
    left behind is rolled back, before anything looks at the folder.
    """
    if not create and not paths.root.is_dir():
        yield
        return
    from hamm_field.store.folder_lock import FolderLock  # not needed for --version
    from hamm_field.store.setup_folder import remove_leftovers

    lock = FolderLock(paths)
    lock.acquire(create=create)
    try:
        remove_leftovers(paths)
        yield
    finally:
        lock.release()


def run_gui(data_dir: str | Path | None, language: str | None) -> int:
    """The window, or a dialog saying that another Hamm Field has this data folder."""
    from hamm_field.services.settings import load_settings
    from hamm_field.store.folder_lock import FolderInUse
    from hamm_field.ui import application

    paths = store_paths(data_dir)
    try:
        with folder_locked(paths, create=True):
            return application.run(make_gateway(data_dir), language)
    except FolderInUse as error:
        return application.refuse_start(error, language or load_settings(paths.root).language)
