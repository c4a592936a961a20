"""A coordination store and invited laptops, all real encrypted stores in a temp folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.services import Services, setup
from hamm_field.store.paths import StorePaths

TODAY = dt.date(2026, 11, 20)


@dataclass
class World:
    root: Path
    central: Services
    laptops: list[Services]

    def package(self, laptop: int, name: str) -> Path:
        path = self.root / name
        self.laptops[laptop].sync.export(path)
        return path

    def close(self) -> None:
        for services in [self.central, *self.laptops]:
            services.close()


def make_world(root: Path, kdf, laptops: int = 2) -> World:  # type: ignore[no-untyped-def]
    central = setup.initialize(StorePaths(root / "central"), device_role=DeviceRole.CENTRAL,
                               name="Koordination", password="central password", kdf=kdf)
    central_services = Services.for_store(central.store, today=lambda: TODAY)
    members = []
    for number in range(laptops):
        role = WorkerRole.SCHLUESSELFIGUR if number % 2 == 0 else WorkerRole.SOZIALBETREUER
        invitation = central_services.sync.invite(f"Worker {number}", role,
                                                  root / f"laptop{number}.invite")
        joined = setup.join(StorePaths(root / f"laptop{number}"),
                            invitation=invitation.read_bytes(), name=f"Worker {number}",
                            password="laptop password", kdf=kdf)
        members.append(Services.for_store(joined.store, today=lambda: TODAY))
    return World(root, central_services, members)


@pytest.fixture
def world(tmp_path, kdf):
    built = make_world(tmp_path, kdf)
    yield built
    built.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory, kdf):  # type: ignore[no-untyped-def]
    """The hostile scene (``hostile.py``), built once per test session."""
    from tests.sync.hostile import shared_template  # it imports this module

    return shared_template(tmp_path_factory, kdf)


@pytest.fixture
def scene(template, tmp_path):  # type: ignore[no-untyped-def]
    """A copy of the hostile scene of one's own."""
    copied = template.copy(tmp_path)
    yield copied
    copied.close()


@pytest.fixture
def judge(scene, caplog, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """Imports a hostile package and checks what its refusal promises (``judge.py``)."""
    from tests.sync.judge import judging  # through hostile.py, it imports this module

    with judging(scene, caplog, monkeypatch, capsys) as judged:
        yield judged
