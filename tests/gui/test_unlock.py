"""Unlocking at start and after an auto-lock, by password or by the recovery key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from hamm_field.domain.errors import WrongPassword
from hamm_field.ui.unlock_dialog import LockScreen, UnlockDialog, password_strength
from tests.conftest import PASSWORD
from tests.gui.conftest import type_text, wait_idle

pytestmark = pytest.mark.gui

NEW_PASSWORD = "Neues-Passwort-2026"


@pytest.fixture
def dialog(qtbot, gateway, new_store):
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.runner.wait()
    if dialog.opened is not None:
        dialog.opened.services.close()


def press_enter(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_wrong_password_is_said_beside_the_field_then_the_right_one_unlocks(qtbot, dialog):
    form = dialog.form
    type_text(form.password, "falsches Passwort")
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.password_error.text() == "Das Passwort ist falsch.",
                    timeout=10_000)  # fmt: skip
    assert form.password.text() == ""  # cleared for the next try
    assert dialog.opened is None and dialog.isVisible()

    type_text(form.password, PASSWORD)
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000) as unlocked:
        press_enter(qtbot, form.password)
    assert unlocked.args[0] is dialog.opened
    assert dialog.opened.services.context.worker.name == "Ana Test"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_empty_password_asks_for_one(qtbot, dialog):
    qtbot.mouseClick(dialog.form.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.form.password_error.text() == "Bitte das Passwort eingeben."


def test_recovery_key_unlocks_and_sets_a_new_password(qtbot, dialog, gateway, new_store):
    form = dialog.form
    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    assert form.pages.currentIndex() == 1
    # Typed as read from paper: lower case, spaces instead of dashes.
    type_text(form.recovery_key, new_store.recovery_key.lower().replace("-", " "))
    press_enter(qtbot, form.recovery_key)
    qtbot.waitUntil(lambda: form.pages.currentIndex() == 2, timeout=10_000)

    type_text(form.new_password.first, NEW_PASSWORD)
    type_text(form.new_password.second, NEW_PASSWORD + "?")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "stimmen nicht überein" in form.new_password.error.text()

    form.new_password.second.clear()
    type_text(form.new_password.second, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    dialog.opened.services.close()
    dialog.opened = None

    reopened = gateway.unlock(NEW_PASSWORD)
    reopened.services.close()
    with pytest.raises(WrongPassword):
        gateway.unlock(PASSWORD)


def test_wrong_recovery_key_is_said_beside_the_field(qtbot, dialog):
    form = dialog.form
    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    type_text(form.recovery_key, "0000-0000-00000-0000-0000-00000")
    qtbot.mouseClick(form.recovery_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "falsch" in form.recovery_error.text(), timeout=10_000)
    assert form.pages.currentIndex() == 1
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert form.pages.currentIndex() == 0


@pytest.fixture
def lock(qtbot, ui):
    screen = LockScreen(ui)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_lock_screen_wrong_then_right_password_emits_unlocked(qtbot, ui, lock):
    assert lock.heading.text() == "Gesperrt – bitte Passwort eingeben"
    form = lock.form
    type_text(form.password, "nicht richtig")
    press_enter(qtbot, form.password)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: form.password_error.text() == "Das Passwort ist falsch.")
    assert form.password.text() == ""
    type_text(form.password, PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    assert form.password.text() == ""  # nothing secret left in the hidden widget


def test_lock_screen_reset_clears_and_focuses(qtbot, lock):
    qtbot.mouseClick(lock.form.forgot_button, Qt.MouseButton.LeftButton)
    type_text(lock.form.recovery_key, "ABCD")
    lock.reset()
    assert lock.form.pages.currentIndex() == 0
    assert lock.form.recovery_key.text() == ""
    qtbot.waitUntil(lock.form.password.hasFocus)


def test_lock_screen_recovery_sets_a_new_password(qtbot, ui, lock, new_store):
    form = lock.form
    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    type_text(form.recovery_key, new_store.recovery_key)
    press_enter(qtbot, form.recovery_key)
    qtbot.waitUntil(lambda: form.pages.currentIndex() == 2, timeout=10_000)
    type_text(form.new_password.first, NEW_PASSWORD)
    type_text(form.new_password.second, NEW_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        press_enter(qtbot, form.new_password.second)
    ui.gateway.check_password(ui.services, NEW_PASSWORD)


def test_strength_grows_with_length_and_variety():
    assert password_strength("abcdefgh") == 0
    assert password_strength("abcdefghijkl") == 1
    assert password_strength("Abc-1234") == 1
    assert password_strength("Sonnenblume-am-Kanal") == 2
