"""The GUI says a full disk, a read-only folder and a lost key file as such, not as a bug."""

from __future__ import annotations

import errno
import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from hamm_field.domain.errors import FolderNotWritable
from hamm_field.ui.background import Runner
from hamm_field.ui.errors import show_error
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui

DISK_FULL = ("Auf dem Datenträger ist kein Platz mehr. Bitte Platz schaffen und noch einmal "
             "versuchen; es wurde nichts geändert.")


def test_a_full_disk_is_a_hint_with_its_own_line_not_an_apology(qtbot, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    show_error(window, OSError(errno.ENOSPC, "No space left on device"), tmp_path / "x.log")
    box = window.findChild(QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert (box.windowTitle(), box.text()) == ("Hinweis", DISK_FULL)
    box.close()


def test_background_work_hands_on_a_read_only_folder_as_a_user_error(qtbot, caplog):
    runner = Runner()
    failures: list[BaseException] = []

    def write_to_stick() -> None:
        raise OSError(errno.EROFS, "Read-only file system", "/media/stick/paket.hfsync")

    with qtbot.waitSignal(runner.submit(write_to_stick, on_error=failures.append).done):
        pass
    runner.wait()
    assert len(failures) == 1 and isinstance(failures[0], FolderNotWritable)
    assert str(failures[0]).startswith("In den Ordner /media/stick darf Hamm Field nicht")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # not logged as a bug


def test_unlocking_without_the_key_file_says_it_is_missing(qtbot, gateway, new_store):
    new_store.store.close()
    gateway.paths.keyfile.unlink()
    assert gateway.store_exists()  # the unlock dialog, not the set-up wizard
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    type_text(form.password, PASSWORD)
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.password_error.text() != "", timeout=10_000)
    dialog.runner.wait()
    assert form.password_error.text().startswith(
        f"Die Schlüsseldatei {gateway.paths.keyfile} fehlt. Der Datenspeicher ist noch da")
    assert dialog.opened is None
