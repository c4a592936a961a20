"""The lock screen's "Passwort vergessen?" mode is a state of its own (issue 14, item 7).

On a 1024 x 600 laptop in Bulgarian the recovery page was cut in half, its heading still
asked for the password, and the old "wrong password" came back with the password page.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from hamm_field.ui.language import apply_language
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.gui.conftest import type_text, wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def bulgarian():
    apply_language("bg")
    yield
    apply_language("de")


@pytest.fixture
def locked(qtbot, ui):
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ui)
    window.lock()
    return window


def whole(widget: QWidget, within: QWidget) -> bool:
    """Is ``widget`` as high as it needs and fully inside ``within``?"""
    needed = (widget.heightForWidth(widget.width()) if isinstance(widget, QLabel)
              and widget.wordWrap() else widget.sizeHint().height())  # fmt: skip
    box = QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())
    return widget.height() >= needed and within.rect().contains(box)


def wrong_password(qtbot, ui, form) -> str:
    type_text(form.password, "falsch")
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.password_error.text() != "", timeout=10_000)
    wait_idle(qtbot, ui)
    return form.password_error.text()


def test_recovery_mode_on_a_small_screen_in_bulgarian(qtbot, ui, bulgarian, locked):
    screen = locked.lock_screen
    form = screen.form
    asking_for_password = screen.heading.text()
    assert wrong_password(qtbot, ui, form) == "Паролата е грешна."

    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: whole(form.recovery_button, screen))  # after the layout settled
    card = form.recovery_button.window().findChild(QWidget, "lockCard")
    for widget in (form.recovery_hint, form.recovery_key, form.back_button,
                   form.recovery_button):  # fmt: skip
        assert whole(widget, card), widget.text() if hasattr(widget, "text") else widget
    assert screen.heading.text() != asking_for_password
    assert whole(screen.heading, card)

    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert form.pages.currentIndex() == 0
    assert form.password_error.text() == ""
    assert screen.heading.text() == asking_for_password
    assert form.password.hasFocus()


def test_new_password_page_has_its_own_heading(qtbot, ui, locked, new_store):
    screen = locked.lock_screen
    form = screen.form
    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    assert screen.heading.text() == (
        "Passwort vergessen – mit dem Wiederherstellungsschlüssel entsperren")
    type_text(form.recovery_key, new_store.recovery_key)
    qtbot.keyClick(form.recovery_key, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.pages.currentIndex() == 2, timeout=10_000)
    assert screen.heading.text() == "Neues Passwort festlegen"
    screen.reset()
    assert screen.heading.text() == "Gesperrt – bitte Passwort eingeben"


def test_start_dialog_says_the_mode_and_forgets_the_old_error(qtbot, gateway, new_store):
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    type_text(form.password, "falsch")
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.password_error.text() == "Das Passwort ist falsch.",
                    timeout=10_000)  # fmt: skip
    qtbot.mouseClick(form.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.heading.text() == (
        "Passwort vergessen – mit dem Wiederherstellungsschlüssel entsperren")
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert dialog.heading.text() == "Hamm Field entsperren"
    assert form.password_error.text() == ""
    dialog.runner.wait()
