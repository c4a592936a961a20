"""The whole app as a person meets it: first start, unlock, navigation, lock, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWizard,
)

from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.gui.conftest import press, type_keys, type_text, wait_idle
from tests.gui.support import open_window
from tests.gui.wizard_steps import PASSWORD_TEXT, click, create_store, tick, to_password_page
from tests.services.support import new_family

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def visible_texts() -> str:
    """Every text a person could read on screen right now."""
    texts = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            texts.append(widget.text())
        if hasattr(widget, "toPlainText"):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(widget, QListWidget) else model.columnCount(QModelIndex())
            for row in range(model.rowCount(QModelIndex())):
                for column in range(columns):
                    texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def test_navigation_reaches_every_screen_by_keyboard(qtbot, ui):
    window = open_window(qtbot, ui)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Heute", "Familien", "Kontakte", "Starterpakete", "Sync", "Berichte", "Einstellungen"]
    for number, page in enumerate(window.pages, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.stack.currentWidget() is page
        assert window.nav.currentRow() == number - 1


def test_ctrl_n_opens_kontakt_erfassen_from_any_screen(qtbot, ui):
    window = open_window(qtbot, ui)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: any(isinstance(d, ContactDialog) and d.isVisible()
                                for d in window.dialogs))


def test_first_start_to_a_begleitung_in_the_timeline(qtbot, gateway):
    """Setup wizard -> unlock -> new family -> Begleitung by keyboard -> timeline."""
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    to_password_page(qtbot, wizard, name="Fatme Yusein")
    create_store(qtbot, wizard)
    tick(qtbot, wizard.recovery_page.stored)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # to the demo page
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    wizard.runner.wait()
    wizard.opened.services.close()
    wizard.close()

    unlock = UnlockDialog(gateway)
    qtbot.addWidget(unlock)
    unlock.show()
    type_text(unlock.form.password, PASSWORD_TEXT)
    with qtbot.waitSignal(unlock.unlocked, timeout=10_000):
        qtbot.keyClick(unlock.form.password, Qt.Key.Key_Return)
    unlock.runner.wait()
    unlock.close()

    ui = UiContext(gateway, unlock.opened.services, Runner())
    window = open_window(qtbot, ui)
    try:
        qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
        families = window.families
        qtbot.mouseClick(families.new_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, ui)
        form = families.dialog
        type_text(form.family_name, "Петрова")
        form.sozialraum.setCurrentIndex(form.sozialraum.findData("hamm-westen"))
        form.herkunftsland.setCurrentIndex(form.herkunftsland.findData("bulgarien"))
        with qtbot.waitSignal(families.family_opened):
            qtbot.keyClick(form.family_name, Qt.Key.Key_Return, CTRL)
        wait_idle(qtbot, ui)
        assert window.stack.currentWidget() is window.detail

        window.activateWindow()  # what the window manager does when a dialog closes
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.detail, Qt.Key.Key_N, CTRL)
        qtbot.waitUntil(lambda: bool(window.dialogs))
        dialog = window.dialogs[-1]
        qtbot.waitUntil(dialog.family.hasFocus)
        wait_idle(qtbot, ui)
        type_text(dialog.family, "petrova")
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.family.household_id is not None)
        press(Qt.Key.Key_Tab)
        type_keys("60")
        press(Qt.Key.Key_Tab)
        type_keys("4")
        press(Qt.Key.Key_Tab)
        press(Qt.Key.Key_Tab)
        type_keys("kin")
        press(Qt.Key.Key_Return)
        with qtbot.waitSignal(dialog.saved):
            press(Qt.Key.Key_Return, CTRL)
        wait_idle(qtbot, ui)
        timeline = window.detail.timeline
        qtbot.waitUntil(lambda: timeline.rowCount() == 1)
        assert timeline.item(0, 1).text() == "Kontakt"
        assert timeline.item(0, 3).text() == "Begleitung"
    finally:
        ui.runner.wait()
        ui.services.close()


def test_auto_lock_hides_everything_and_keeps_a_half_typed_contact(qtbot, ui, services):
    new_family(services, "Петрова")
    window = open_window(qtbot, ui)
    window.new_contact()
    dialog = window.dialogs[-1]
    qtbot.waitExposed(dialog)
    wait_idle(qtbot, ui)
    type_text(dialog.note, "Mutter braucht Termin beim Jugendamt – Петрова")
    window.idle.timer.setInterval(50)  # instead of five minutes
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    wait_idle(qtbot, ui)
    assert not dialog.isVisible()
    assert "Петрова" not in visible_texts()
    assert services.drafts.load("contact:new")["note"].startswith("Mutter braucht")

    lock = window.lock_screen
    type_text(lock.form.password, "falsch falsch")
    qtbot.keyClick(lock.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.form.password_error.text() == "Das Passwort ist falsch.",
                    timeout=10_000)
    assert window.is_locked
    type_text(lock.form.password, PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.keyClick(lock.form.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert dialog.isVisible()
    assert dialog.note.toPlainText() == "Mutter braucht Termin beim Jugendamt – Петрова"


def test_ctrl_l_locks_at_once(qtbot, ui, services):
    new_family(services, "Стоянова")
    window = open_window(qtbot, ui)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: "Стоянова" in visible_texts())
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.is_locked
    assert "Стоянова" not in visible_texts()


def test_delete_then_undo_from_the_status_bar(qtbot, ui, services, monkeypatch):
    family = new_family(services)
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=1)
    window = open_window(qtbot, ui)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.contacts
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.setCurrentCell(0, 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert window.undo_button.isVisible()
    window.undo_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert not window.undo_button.isVisible()
