"""The main window opens fully on the laptop's screen and as the user left it (issue 14).

A fixed 1280×760 window hid the status bar, with "Rückgängig" and every message, below
the taskbar of a 1366×768 laptop; and every start began at that size again.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen

from hamm_field.app import store_paths
from hamm_field.services.gateway import Gateway
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.window_place import FRAME
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui

# A 1366×768 laptop with a 40 px taskbar; a 1024×600 netbook with the same.
LAPTOP = QRect(0, 0, 1366, 768 - 40)
NETBOOK = QRect(0, 0, 1024, 600 - 40)
# Moved and resized by the user; inside the test's (offscreen, 800×800) screen, as Qt
# moves a restored window back onto the real screen.
SAVED = QRect(8, 40, 784, 520)


def screen_of(monkeypatch, available: QRect) -> None:
    """Let the (offscreen) screen have the free area of a real laptop's screen."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(available))


def opened(qtbot, ui) -> MainWindow:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ui)
    return window


def closed(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())


def on_screen(window: MainWindow, available: QRect) -> bool:
    """The whole window, title bar and status bar included, inside the free area."""
    bar = window.statusBar()
    status = QRect(bar.mapToGlobal(QPoint(0, 0)), bar.size())
    return (available.contains(window.geometry().marginsAdded(FRAME))
            and available.contains(status))


@pytest.mark.parametrize("available", [LAPTOP, NETBOOK], ids=["1366x768", "1024x600"])
def test_the_first_start_fits_the_screen_status_bar_included(qtbot, ui, monkeypatch,
                                                              available):
    screen_of(monkeypatch, available)
    window = opened(qtbot, ui)
    assert on_screen(window, available), window.geometry()
    window.offer_undo("contact", "c-1")  # the undo button must be there to be clicked
    assert window.undo_button.isVisible()
    assert on_screen(window, available)


def test_size_position_and_maximised_state_come_back_for_this_user_only(
        qtbot, ui, services, tmp_path, monkeypatch):
    screen_of(monkeypatch, LAPTOP)
    window = opened(qtbot, ui)
    window.setGeometry(SAVED)
    qtbot.waitUntil(lambda: window.geometry() == SAVED)
    closed(qtbot, window)

    again = opened(qtbot, ui)
    assert again.geometry() == SAVED
    assert not again.isMaximized()
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    closed(qtbot, again)

    maximised = opened(qtbot, ui)
    assert maximised.isMaximized()
    assert maximised.normalGeometry() == SAVED  # where un-maximising takes it
    closed(qtbot, maximised)

    # Another user of this laptop has a data folder (and settings) of their own.
    other_gateway = Gateway(store_paths(tmp_path / "other"), lambda: calibrate_kdf(0))
    other_ui = UiContext(other_gateway, services, Runner())
    other = opened(qtbot, other_ui)
    assert not other.isMaximized()
    assert other.geometry() != SAVED
    assert on_screen(other, LAPTOP)
    closed(qtbot, other)
    other_ui.runner.wait()


def test_an_unreadable_saved_geometry_falls_back_to_fitting_the_screen(qtbot, ui,
                                                                       monkeypatch):
    screen_of(monkeypatch, LAPTOP)
    ui.gateway.save_settings(replace(ui.gateway.settings(), window_geometry="kaputt!"))
    window = opened(qtbot, ui)
    assert on_screen(window, LAPTOP)
