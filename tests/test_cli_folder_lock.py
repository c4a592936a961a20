"""One process per data folder: a second one says so in one line, exit 1, and changes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamm_field.domain.errors import WrongPassword
from hamm_field.domain.tables import Worker
from hamm_field.services import setup
from hamm_field.store.paths import StorePaths
from tests.lock_holder import held_elsewhere

IN_USE = "Hamm Field ist mit diesem Datenordner schon geöffnet."


def snapshot(root: Path) -> dict[str, str]:
    """Every file in the data folder but the lock file, by content."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path != StorePaths(root).lock
    }


@pytest.fixture
def data_dir(tmp_path, cli):
    directory = tmp_path / "laptop"
    result = cli("--data-dir", str(directory), "init", "--role", "field", "--name", "Ana Test")
    assert result.code == 0, result.err
    return directory


COMMANDS = {
    "status": ("status",),
    "passwd": ("passwd",),
    "import": ("import", "package.hfsync"),
    "demo": ("demo", "--families", "3"),
    "check": ("check",),
    "init": ("init", "--role", "field", "--name", "Zweite Person"),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_on_a_folder_in_use_exits_1_and_changes_nothing(data_dir, tmp_path, cli,
                                                                 command):
    package = tmp_path / "package.hfsync"
    package.write_bytes(b"not read while the folder is in use")
    before = snapshot(data_dir)
    with held_elsewhere(data_dir):
        result = cli("--data-dir", str(data_dir), *COMMANDS[command],
                     HAMM_FIELD_NEW_PASSWORD="ein ganz neues Passwort")  # fmt: skip
    assert result.code == 1
    assert result.err == IN_USE + "\n"
    assert result.out == ""
    assert snapshot(data_dir) == before  # the log included: not even a line was written


def test_the_lock_goes_with_the_process_that_held_it(data_dir, cli):
    with held_elsewhere(data_dir):
        assert cli("--data-dir", str(data_dir), "status").code == 1
    result = cli("--data-dir", str(data_dir), "status")  # the holder was killed
    assert result.code == 0, result.err
    assert "Ana Test" in result.out


def _init(directory: Path, name: str, password: str) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    environment |= {"HAMM_FIELD_KDF_SECONDS": "0", "HAMM_FIELD_PASSWORD": password}
    return subprocess.Popen(
        [sys.executable, "-m", "hamm_field", "--data-dir", str(directory), "init",
         "--role", "field", "--name", name],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=environment,
    )  # fmt: skip


def test_two_inits_at_once_on_an_empty_folder_leave_the_winners_store(tmp_path):
    directory = tmp_path / "empty"
    contenders = {"Erste Person": "erstes Passwort 1", "Zweite Person": "zweites Passwort 2"}
    running = {name: _init(directory, name, password) for name, password in contenders.items()}
    done = {name: (process.wait(timeout=300), *process.communicate())
            for name, process in running.items()}  # fmt: skip
    codes = sorted(code for code, _out, _err in done.values())
    assert codes == [0, 1], done
    winner = next(name for name, (code, _out, _err) in done.items() if code == 0)
    loser = next(name for name in contenders if name != winner)
    loser_err = done[loser][2]
    assert loser_err.count("\n") == 1
    assert loser_err.strip() in (IN_USE, f"Im Datenordner {directory} gibt es schon einen "
                                          "Datenspeicher.")  # fmt: skip
    paths = StorePaths(directory)
    store = setup.unlock(paths, contenders[winner])
    try:
        with store.read() as session:
            assert session.get(Worker, store.owner_id).name == winner
    finally:
        store.close()
    with pytest.raises(WrongPassword):
        setup.unlock(paths, contenders[loser])
