"""Composition root: turns a data folder and a password into running services.

Imported by the command line before it knows what to do, so it imports nothing at the top:
``--version`` must not pay for cryptography, and the GUI shows its unlock window before the
store's engine, key file or migrations are loaded (see :mod:`hamm_field.ui.application`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamm_field.services.gateway import Gateway
    from hamm_field.store.keyfile import KdfParams
    from hamm_field.store.paths import StorePaths

KDF_SECONDS_ENV = "HAMM_FIELD_KDF_SECONDS"
DEFAULT_KDF_SECONDS = 0.5


# A set-up cut short leaves a build folder of this name (store.setup_folder.BUILD_PREFIX).
_BUILD_PREFIX = ".setup-"


def store_paths(data_dir: str | Path | None) -> StorePaths:
    from hamm_field.store.paths import StorePaths, default_data_dir  # no SQL, no crypto

    return StorePaths(Path(data_dir).expanduser() if data_dir else default_data_dir())


def kdf_params() -> KdfParams:
    """Argon2id calibrated to about 0.5 s on this machine.

    ``HAMM_FIELD_KDF_SECONDS`` lowers the target (the test suite uses 0, which still
    gives the floor of 64 MiB x 3 passes, never less).
    """
    from hamm_field.store.keyfile import calibrate_kdf

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
    left behind is rolled back, before anything looks at the folder. Only a folder that holds
    a build folder needs that (and the key file code it takes), so a start without one stays
    cheap.
    """
    if not create and not paths.root.is_dir():
        yield
        return
    from hamm_field.store.folder_lock import FolderLock  # not needed for --version

    lock = FolderLock(paths)
    lock.acquire(create=create)
    try:
        if any(paths.root.glob(f"{_BUILD_PREFIX}*")):
            from hamm_field.store.setup_folder import remove_leftovers

            remove_leftovers(paths)
        yield
    finally:
        lock.release()


def run_gui(
    data_dir: str | Path | None, language: str | None, open_file: str | Path | None = None
) -> int:
    """The window, or a dialog saying that another Hamm Field has this data folder.

    ``open_file`` is a package or invitation the person opened with Hamm Field (``--open``).
    """
    from hamm_field.ui.desktop_check import missing_desktop_packages, missing_packages_line

    missing = missing_desktop_packages()  # Linux under X11 only: before Qt fails on them
    if missing:
        print(missing_packages_line(missing), file=sys.stderr)
        return 1
    from hamm_field.services.settings import load_settings
    from hamm_field.store.folder_lock import FolderInUse
    from hamm_field.ui import application

    paths = store_paths(data_dir)
    try:
        with folder_locked(paths, create=True):
            return application.run(make_gateway(data_dir), language, open_file)
    except FolderInUse as error:
        return application.refuse_start(error, language or load_settings(paths.root).language)
