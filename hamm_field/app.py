"""Composition root: turns a data folder and a password into running services."""

from __future__ import annotations

import os
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
    gives the OWASP minimum parameters, never less).
    """
    seconds = float(os.environ.get(KDF_SECONDS_ENV, DEFAULT_KDF_SECONDS))
    return calibrate_kdf(seconds)


def make_gateway(data_dir: str | Path | None) -> Gateway:
    """The GUI's door to ``data_dir``; the log goes to its ``logs`` folder."""
    from hamm_field import logsetup
    from hamm_field.services.gateway import Gateway

    paths = store_paths(data_dir)
    return Gateway(paths, kdf_params, log_file=logsetup.configure(paths.log_dir))


def run_gui(data_dir: str | Path | None, language: str | None) -> int:
    from hamm_field.ui.application import run

    return run(make_gateway(data_dir), language)
