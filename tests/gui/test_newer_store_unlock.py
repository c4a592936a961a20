"""Unlocking a data folder that a newer Hamm Field wrote: the lock screen says which version
it needs, in one line where a wrong password would be told, and the folder stays as it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.gui.conftest import type_text
from tests.store.support import REFUSED, as_a_newer_version_left_it, snapshot

pytestmark = pytest.mark.gui


def test_the_lock_screen_names_the_version_needed(qtbot, gateway, new_store, paths):
    new_store.store.close()
    as_a_newer_version_left_it(paths, new_store.store.data_key)
    before = snapshot(paths.root)
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.form.password, PASSWORD)
    qtbot.mouseClick(dialog.form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.password_error.text() != "", timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.form.busy.isVisible(), timeout=10_000)
    assert dialog.form.password_error.text() == REFUSED
    assert dialog.isVisible()  # nothing opened
    dialog.runner.wait()
    assert snapshot(paths.root) == before
