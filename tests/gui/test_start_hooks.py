"""Starting the GUI without a person (smoke run, start-up probe) and with a file to open.

The smoke run and the probe start ``python -m hamm_field`` in its own process, as the
bundle's smoke test and the start-up benchmark do with the frozen executable.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard

from hamm_field.ui import application
from tests.conftest import PASSWORD, run_cli

pytestmark = pytest.mark.gui


def start_gui(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HAMM_FIELD_")}
    environment.update(QT_QPA_PLATFORM="offscreen", HAMM_FIELD_KDF_SECONDS="0", **env)
    return subprocess.run(
        [sys.executable, "-m", "hamm_field", "--data-dir", str(folder), *args],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def laptop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("smoke") / "laptop"
    done = run_cli("--data-dir", str(folder), "init", "--role", "field", "--name", "Ana Test")
    assert done.code == 0, done.err
    done = run_cli("--data-dir", str(folder), "demo", "--families", "5")
    assert done.code == 0, done.err
    return folder


def test_a_smoke_run_opens_the_main_window_and_closes_it_cleanly(laptop):
    done = start_gui(laptop, HAMM_FIELD_SMOKE_GUI="1", HAMM_FIELD_PASSWORD=PASSWORD)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_smoke_run_with_a_wrong_password_ends_with_one_line(laptop):
    done = start_gui(laptop, HAMM_FIELD_SMOKE_GUI="1", HAMM_FIELD_PASSWORD="falsch-falsch")
    assert (done.returncode, done.stderr) == (1, "Das Passwort ist falsch.\n")


def test_a_smoke_run_without_a_password_ends_with_one_line(laptop):
    done = start_gui(laptop, HAMM_FIELD_SMOKE_GUI="1")
    assert done.returncode == 1
    assert done.stderr == "Für den Probelauf fehlt das Passwort in HAMM_FIELD_PASSWORD.\n"


def test_a_smoke_run_on_a_folder_without_a_store_does_not_wait_in_the_wizard(tmp_path):
    done = start_gui(tmp_path / "empty", HAMM_FIELD_SMOKE_GUI="1", HAMM_FIELD_PASSWORD=PASSWORD)
    assert done.returncode == 1
    assert done.stderr.startswith("Im Datenordner ") and done.stderr.count("\n") == 1


def test_the_probe_says_when_the_unlock_window_is_shown_and_ends(laptop):
    done = start_gui(laptop, HAMM_FIELD_STARTUP_PROBE="1")
    assert done.returncode == 0
    assert re.fullmatch(r"startup: unlock-window-shown \d+\.\d{3}\n", done.stderr), done.stderr


def test_a_file_opened_with_hamm_field_reaches_the_main_window(laptop, tmp_path):
    invitation = tmp_path / "fuer-ana.hfinvite"  # this laptop is set up already: it says so
    invitation.write_bytes(b"not read here")
    done = start_gui(laptop, "--open", str(invitation), HAMM_FIELD_SMOKE_GUI="1",
                     HAMM_FIELD_PASSWORD=PASSWORD)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")


def test_an_invitation_on_a_computer_without_a_store_starts_the_wizard_with_it(
    qtbot, gateway, tmp_path
):
    invitation = tmp_path / "fuer-ana.hfinvite"
    invitation.write_bytes(b"read by the wizard later")
    seen: list[str] = []

    def look_and_cancel() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, QWizard):
            QTimer.singleShot(20, look_and_cancel)
            return
        seen.append(wizard.invitation_page.file.text())
        seen.append("field" if wizard.role_page.field.isChecked() else "central")
        wizard.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert application.open_store(gateway, invitation) is None
    assert seen == [str(invitation), "field"]
