"""Shared fixtures: real encrypted stores in temporary folders, offscreen Qt."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Argon2id at its floor (64 MiB x 3) instead of the calibrated 0.5 s: same code path, faster.
os.environ["HAMM_FIELD_KDF_SECONDS"] = "0"

from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import set_language
from hamm_field.services import Services, setup
from hamm_field.store.keyfile import KdfParams, calibrate_kdf
from hamm_field.store.paths import StorePaths

PASSWORD = "correct horse battery"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    set_language("de")
    yield
    set_language("de")


@pytest.fixture(scope="session")
def kdf() -> KdfParams:
    return calibrate_kdf(0)


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    return StorePaths(tmp_path / "data")


@pytest.fixture
def new_store(paths: StorePaths, kdf: KdfParams) -> Iterator[setup.SetupResult]:
    result = setup.initialize(
        paths, device_role=DeviceRole.FIELD, name="Ana Test", password=PASSWORD, kdf=kdf
    )
    yield result
    result.store.close()


@pytest.fixture
def services(new_store: setup.SetupResult) -> Services:
    return Services.for_store(new_store.store, today=lambda: TODAY)


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str, password: str | None = PASSWORD, **env: str) -> CliResult:
    """Run ``python -m hamm_field`` as a user would, in a separate process."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    environment["HAMM_FIELD_KDF_SECONDS"] = "0"
    if password is not None:
        environment["HAMM_FIELD_PASSWORD"] = password
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "hamm_field", *args],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli():
    return run_cli
