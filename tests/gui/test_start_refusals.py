"""Starting the GUI on a folder in use, or on a store whose set-up was cut short."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hamm_field import app
from hamm_field.domain.ids import uuid7
from hamm_field.store import lifecycle
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.gui.conftest import type_text
from tests.gui.wizard_steps import create_store, to_password_page
from tests.lock_holder import held_elsewhere

pytestmark = pytest.mark.gui


@pytest.fixture
def plain_style(qapp):
    yield
    qapp.setStyleSheet("")  # the refused start sets the app's own, as a real start does


def test_a_second_start_on_a_folder_in_use_says_so_and_ends(qtbot, tmp_path, plain_style):
    directory = tmp_path / "data"
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        shown.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    with held_elsewhere(directory):
        QTimer.singleShot(0, read_and_close)
        code = app.run_gui(directory, "de")
    assert code == 1
    assert shown == ["Hamm Field ist mit diesem Datenordner schon geöffnet."]
    assert [path.name for path in directory.iterdir()] == ["hamm_field.lock"]  # no log, nothing


def test_unlocking_an_unfinished_store_offers_to_set_it_up_again(qtbot, gateway, paths, kdf):
    lifecycle.create_store(paths, PASSWORD, worker_id=uuid7(), device_id=uuid7(),
                           kdf=kdf).store.close()  # fmt: skip
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.form.password, PASSWORD)
    qtbot.mouseClick(dialog.form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(),
                    timeout=10_000)  # fmt: skip
    qtbot.waitUntil(lambda: not dialog.form.busy.isVisible(), timeout=10_000)
    question = dialog.question
    assert "unvollständig eingerichtet" in question.text()
    assert "Jetzt neu einrichten?" in question.text()
    again = question.button(QMessageBox.StandardButton.Yes)
    assert again.text() == "&Neu einrichten"
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert dialog.set_up_again
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    dialog.runner.wait()

    wizard = SetupWizard(gateway)  # what the start shows next
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    to_password_page(qtbot, wizard)
    create_store(qtbot, wizard)
    try:
        assert wizard.opened.services.context.worker.name == "Мария Иванова"
    finally:
        wizard.runner.wait()
        wizard.opened.services.close()
    assert gateway.store_exists()


def test_declining_keeps_the_unfinished_store_and_the_dialog(qtbot, gateway, paths, kdf):
    lifecycle.create_store(paths, PASSWORD, worker_id=uuid7(), device_id=uuid7(),
                           kdf=kdf).store.close()  # fmt: skip
    before = paths.database.read_bytes()
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.form.password, PASSWORD)
    qtbot.mouseClick(dialog.form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(),
                    timeout=10_000)  # fmt: skip
    qtbot.waitUntil(lambda: not dialog.form.busy.isVisible(), timeout=10_000)
    qtbot.mouseClick(dialog.question.button(QMessageBox.StandardButton.No),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert not dialog.set_up_again and dialog.isVisible()
    assert "unvollständig eingerichtet" in dialog.form.password_error.text()
    dialog.runner.wait()
    assert paths.database.read_bytes() == before
