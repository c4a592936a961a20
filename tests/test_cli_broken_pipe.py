"""``hamm-field status | head``: a reader that stops early is normal (issue 14, item 10).

It used to end in the bug path: "Entschuldigung, ein Fehler ist aufgetreten", a traceback
in the log and exit 3. Now the command ends quietly with 141, as a shell reports any
command a closed pipe stopped.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def data_dir(tmp_path, cli):
    directory = tmp_path / "laptop"
    result = cli("--data-dir", str(directory), "init", "--role", "field", "--name", "Мария Тест")
    assert result.code == 0, result.err
    return directory


def into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with stdout a pipe whose reader is already gone (``| head`` done)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    environment.update(HAMM_FIELD_KDF_SECONDS="0", HAMM_FIELD_PASSWORD=PASSWORD)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "hamm_field", *args], stdout=write_end,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              env=environment, timeout=300)  # fmt: skip
    finally:
        os.close(write_end)


def test_status_into_a_closed_pipe_ends_quietly(data_dir):
    done = into_closed_pipe("--data-dir", str(data_dir), "status")
    assert done.returncode == 141
    assert done.stderr == ""  # no apology, no "Exception ignored … BrokenPipeError"
    log = "".join(p.read_text(encoding="utf-8") for p in data_dir.rglob("*.log"))
    assert "unexpected error" not in log
    assert "Traceback" not in log


def test_status_into_an_open_pipe_is_unchanged(data_dir, cli):
    result = cli("--data-dir", str(data_dir), "status")
    assert result.code == 0, result.err
    assert "Laptop im Feld" in result.out
