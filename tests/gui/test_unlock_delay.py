"""After many wrong passwords the unlock form says how long to wait and disables the button."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt

from hamm_field.services.unlock_attempts import FILE_NAME, UnlockAttempts
from hamm_field.ui.unlock_dialog import LockScreen, UnlockDialog
from tests.gui.conftest import type_text, wait_idle

pytestmark = pytest.mark.gui


class Clock:
    """The real time shifted by ``passed``, or a fixed time once the test sets ``now``."""

    def __init__(self) -> None:
        self.passed, self.now = 0.0, None

    def __call__(self) -> float:
        return (time.time() if self.now is None else self.now) + self.passed


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dialog(qtbot, gateway, new_store, clock):
    new_store.store.close()
    attempts = UnlockAttempts.in_folder(gateway.data_dir, clock)
    clock.passed = -60
    for _ in range(5):
        attempts.record_failure()  # five wrong passwords, a minute ago
    clock.passed = 0
    dialog = UnlockDialog(gateway, attempts=attempts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.runner.wait()
    if dialog.opened is not None:
        dialog.opened.services.close()


def test_the_sixth_wrong_password_disables_unlocking_for_two_seconds(qtbot, dialog, clock):
    form = dialog.form
    assert form.unlock_button.isEnabled() and not form.wait_label.isVisible()
    type_text(form.password, "sechstes falsches Passwort")
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.password_error.text() == "Das Passwort ist falsch.",
                    timeout=10_000)  # fmt: skip
    assert form.wait_label.isVisible()
    assert not form.unlock_button.isEnabled()
    assert form.wait_timer.isActive()  # counts down on the GUI thread, nothing sleeps
    clock.now = json.loads((dialog.gateway.data_dir / FILE_NAME).read_text())["last_failure"]
    form.wait_timer.timeout.emit()
    assert form.wait_label.text() == "Bitte 2 Sekunden warten …"

    type_text(form.password, "noch ein Versuch")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)  # Enter does not get around it
    assert not form.busy.isVisible() and dialog.opened is None

    clock.passed += 1.5
    form.wait_timer.timeout.emit()
    assert form.wait_label.text() == "Bitte 1 Sekunde warten …"
    clock.passed += 0.5
    form.wait_timer.timeout.emit()
    assert form.unlock_button.isEnabled()
    assert not form.wait_label.isVisible() and not form.wait_timer.isActive()


def test_a_wait_left_by_the_command_line_shows_when_the_window_opens(qtbot, gateway, new_store):
    new_store.store.close()
    attempts = UnlockAttempts.in_folder(gateway.data_dir)
    for _ in range(8):
        attempts.record_failure()  # the last just now: 8 s to wait
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    assert not dialog.form.unlock_button.isEnabled()
    assert dialog.form.wait_label.text().startswith("Bitte ")
    dialog.form.wait_timer.stop()


def test_the_lock_screen_counts_wrong_passwords_too(qtbot, ui):
    attempts = UnlockAttempts.in_folder(ui.gateway.data_dir)
    lock = LockScreen(ui)
    qtbot.addWidget(lock)
    lock.show()
    type_text(lock.form.password, "nicht richtig")
    qtbot.keyClick(lock.form.password, Qt.Key.Key_Return)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: lock.form.password_error.text() == "Das Passwort ist falsch.")
    assert attempts.failures() == 1
