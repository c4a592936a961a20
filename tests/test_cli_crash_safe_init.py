"""A killed ``init`` leaves no store or a whole one; an unfinished older store is set up anew.

``init`` runs as a real process and is SIGKILLed as soon as the file system shows it has
reached a given step of building the new store.
"""

from __future__ import annotations

import hashlib
import os
import pty
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hamm_field.domain.ids import uuid7
from hamm_field.services import setup
from hamm_field.store import lifecycle
from hamm_field.store.paths import StorePaths
from hamm_field.store.setup_folder import BUILD_PREFIX
from tests.conftest import PASSWORD

NO_STORE = "noch keinen Datenspeicher"
INCOMPLETE = ("ist unvollständig eingerichtet, weil die Einrichtung abgebrochen wurde. "
              "Bitte neu einrichten.")  # fmt: skip


def _environment(password: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    return environment | {"HAMM_FIELD_KDF_SECONDS": "0", "HAMM_FIELD_PASSWORD": password}


def _init_command(directory: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "hamm_field", "--data-dir", str(directory), "init",
            "--role", "field", "--name", "Ana Test", *extra]  # fmt: skip


def _in_build(directory: Path, name: str) -> Callable[[], bool]:
    return lambda: any(directory.glob(f"{BUILD_PREFIX}*/{name}"))


STEPS = {
    "build folder made": lambda directory: lambda: any(directory.glob(f"{BUILD_PREFIX}*")),
    "database being built": lambda directory: _in_build(directory, "hamm_field.db"),
    "key file written": lambda directory: _in_build(directory, "hamm_field.key"),
}


def init_killed_at(directory: Path, reached: Callable[[], bool]) -> int:
    process = subprocess.Popen(_init_command(directory), env=_environment(PASSWORD),
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    give_up = time.monotonic() + 120  # a safety net, not a measurement
    while process.poll() is None and not reached() and time.monotonic() < give_up:
        time.sleep(0.0005)
    process.kill()
    return process.wait(timeout=60)


@pytest.mark.parametrize("step", STEPS)
def test_init_killed_while_building_leaves_no_store_and_init_works_again(tmp_path, cli, step):
    directory = tmp_path / "laptop"
    assert init_killed_at(directory, STEPS[step](directory)) == -9
    status = cli("--data-dir", str(directory), "status")
    assert status.code == 1, status.err  # a clear line, not a crash (3)
    assert NO_STORE in status.err and status.err.count("\n") == 1
    assert list(directory.glob(f"{BUILD_PREFIX}*")) == []  # cleaned up under the lock
    again = cli("--data-dir", str(directory), "init", "--role", "field", "--name", "Ana Test")
    assert again.code == 0, again.err
    status = cli("--data-dir", str(directory), "status")
    assert status.code == 0, status.err
    assert "Ana Test" in status.out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def incomplete(paths, kdf) -> StorePaths:
    """What an older version left when killed after the key file: no worker, no device."""
    lifecycle.create_store(paths, PASSWORD, worker_id=uuid7(), device_id=uuid7(),
                           kdf=kdf).store.close()  # fmt: skip
    return paths


def test_status_on_an_unfinished_store_says_so_in_one_line(incomplete, cli):
    result = cli("--data-dir", str(incomplete.root), "status")
    assert result.code == 1
    assert result.err == f"Der Datenspeicher in {incomplete.root} {INCOMPLETE}\n"


def test_init_in_a_script_needs_the_flag_to_replace_an_unfinished_store(incomplete, cli):
    before = digest(incomplete.database)
    refused = cli("--data-dir", str(incomplete.root), "init", "--role", "field",
                  "--name", "Ana Test")  # fmt: skip
    assert refused.code == 1
    assert "--replace-incomplete" in refused.err and refused.err.count("\n") == 1
    assert digest(incomplete.database) == before
    replaced = cli("--data-dir", str(incomplete.root), "init", "--role", "field",
                   "--name", "Ana Test", "--replace-incomplete")  # fmt: skip
    assert replaced.code == 0, replaced.err
    status = cli("--data-dir", str(incomplete.root), "status")
    assert status.code == 0, status.err
    assert "Ana Test (Schlüsselfigur)" in status.out


def test_init_does_not_replace_an_unfinished_store_it_cannot_open(incomplete, cli):
    before = digest(incomplete.database)
    result = cli("--data-dir", str(incomplete.root), "init", "--role", "field", "--name", "X",
                 "--replace-incomplete", password="ein anderes Passwort")  # fmt: skip
    assert result.code == 1
    assert result.err.strip() == f"Im Datenordner {incomplete.root} gibt es schon einen " \
                                 "Datenspeicher."
    assert digest(incomplete.database) == before


def test_init_never_replaces_a_complete_store(new_store, paths, cli):
    new_store.store.close()
    before = digest(paths.keyfile), digest(paths.database)
    result = cli("--data-dir", str(paths.root), "init", "--role", "field", "--name", "X",
                 "--replace-incomplete")  # fmt: skip
    assert result.code == 1
    assert "gibt es schon einen Datenspeicher" in result.err
    assert (digest(paths.keyfile), digest(paths.database)) == before


def init_on_a_terminal(directory: Path, answer: str) -> tuple[int, str, str]:
    """``init`` with its stdin on a terminal, as a person runs it, answering its question."""
    terminal, their_side = pty.openpty()
    try:
        process = subprocess.Popen(_init_command(directory), env=_environment(PASSWORD),
                                   stdin=their_side, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)  # fmt: skip
        os.write(terminal, answer.encode() + b"\n")
        out, err = process.communicate(timeout=300)
    finally:
        os.close(their_side)
        os.close(terminal)
    return process.returncode, out, err


def test_init_on_a_terminal_asks_before_replacing_an_unfinished_store(incomplete, cli):
    before = digest(incomplete.database)
    code, out, err = init_on_a_terminal(incomplete.root, "n")
    assert code == 1
    assert "unvollständig eingerichtet" in out and "Neu einrichten? [j/N]" in out
    assert err.strip() == "Es wurde nichts geändert."
    assert digest(incomplete.database) == before

    code, out, err = init_on_a_terminal(incomplete.root, "j")
    assert code == 0, err
    assert "Wiederherstellungsschlüssel" in out
    store = setup.unlock(incomplete, PASSWORD)  # complete now: no StoreIncomplete
    store.close()
