"""Where the main window opens: as the user left it, else fitted to the screen.

A fixed default size put the status bar (with "Rückgängig") below the taskbar of a
1366×768 laptop. The first start now fits the screen's free area (taskbar excluded) with
room for the title bar; later starts restore size, position and the maximised state this
user left. The geometry lives in the settings file: it is not personal data.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize, Qt
from PySide6.QtWidgets import QMainWindow

from hamm_field.services.gateway import Gateway

PREFERRED = QSize(1280, 760)
# What the window manager adds around the window: title bar and borders.
FRAME = QMargins(8, 32, 8, 8)


def default_geometry(available: QRect) -> QRect:
    """The window's inner rectangle: at most ``PREFERRED``, centred, frame included."""
    room = available.marginsRemoved(FRAME)
    size = PREFERRED.boundedTo(room.size())
    inner = QRect(0, 0, size.width(), size.height())
    inner.moveCenter(room.center())
    return inner


def restore(window: QMainWindow, gateway: Gateway) -> None:
    """Size, position and maximised state as saved, or the default for this screen.

    Call before ``show``; Qt moves a saved position that lies off every screen back on.
    """
    settings = gateway.settings()
    blob = QByteArray.fromBase64(settings.window_geometry.encode("ascii", "ignore"))
    if blob.isEmpty() or not window.restoreGeometry(blob):
        window.setGeometry(default_geometry(window.screen().availableGeometry()))
    if settings.window_maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QMainWindow, gateway: Gateway) -> None:
    """Save how the window is placed now, for this user's next start."""
    blob = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
    with suppress(OSError):  # a read-only data folder: the next start fits the screen
        gateway.save_settings(replace(gateway.settings(), window_geometry=blob,
                                      window_maximized=window.isMaximized()))
