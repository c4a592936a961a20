"""A file the person double-clicked: Hamm Field opens on it and does what the file is for.

A laptop's package is read at the coordination, a return package on the laptop, an
invitation sets up a new laptop; anything else gets one message naming the file. Real
stores, real packages (the world of tests/sync), real widgets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from hamm_field.domain.vocab import WorkerRole
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.sync_central import CentralSync
from hamm_field.ui.pages.sync_laptop import LaptopSync
from hamm_field.ui.setup_wizard import INVITATION, NAME, RECOVERY, SetupWizard
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import cells, open_window
from tests.gui.wizard_steps import PASSWORD_TEXT, click, create_store

pytestmark = pytest.mark.gui


def new_family(laptop, name: str) -> None:  # type: ignore[no-untyped-def]
    laptop.families.create(family_name=name, sozialraum="pelkum", herkunftsland="bulgarien")


def message(window: MainWindow) -> QMessageBox:
    """The one message the window shows now."""
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    return box


def no_message(window: MainWindow) -> bool:
    return not [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def central_window(qtbot, world, make_ui) -> tuple[MainWindow, object]:  # type: ignore[no-untyped-def]
    ui = make_ui(world.central, "central")
    return open_window(qtbot, ui), ui


def test_a_laptops_package_opened_at_the_coordination_is_read_at_once(qtbot, world, make_ui):
    new_family(world.laptops[0], "Petrova")
    package = world.package(0, "hamm-field-laptop-1.hfsync")
    window, ui = central_window(qtbot, world, make_ui)
    assert window.stack.currentWidget() is window.today

    window.open_file(package)
    assert window.stack.currentWidget() is window.sync
    assert window.nav.currentRow() == window.pages.index(window.sync)
    qtbot.waitUntil(lambda: window.sync.section is not None)
    section = window.sync.section
    assert isinstance(section, CentralSync)
    qtbot.waitUntil(lambda: section.imports.table.rowCount() == 1)
    wait_idle(qtbot, ui)
    assert section.tabs.currentWidget() is section.imports
    assert cells(section.imports.table, 0) == ["hamm-field-laptop-1.hfsync"]
    assert cells(section.imports.table, 6) == ["eingelesen"]
    assert "1 Datei eingelesen" in section.imports.summary.text()
    found = world.central.views.search_families(FamilyFilter(query="Petrova"))
    assert [f.family_name for f in found] == ["Petrova"]
    assert no_message(window)


def test_a_return_package_opened_on_the_laptop_is_read_as_such(qtbot, world, make_ui, tmp_path):
    laptop = world.laptops[0]
    new_family(laptop, "Popa")
    [imported] = world.central.sync.import_files([world.package(0, "out.hfsync")])
    assert imported.refused is None
    back = world.central.sync.make_return(laptop.context.store.device_id,
                                          tmp_path / "rueckpaket.hfsync").path
    ui = make_ui(laptop, "laptop0")
    window = open_window(qtbot, ui)
    window.navigate(window.pages.index(window.sync))  # already built: read at once
    qtbot.waitUntil(lambda: window.sync.section is not None)
    wait_idle(qtbot, ui)

    window.open_file(back)
    section = window.sync.section
    assert isinstance(section, LaptopSync)
    qtbot.waitUntil(lambda: "Rückpaket eingelesen" in section.return_result.text())
    wait_idle(qtbot, ui)
    assert "bestätigt bis Paket 1" in section.return_result.text()
    assert section.unsynced.text() == "keine – alles bestätigt"
    assert laptop.sync.status().unsynced_changes == 0


def test_the_laptops_own_package_opened_on_the_laptop_changes_nothing(qtbot, world, make_ui):
    laptop = world.laptops[0]
    new_family(laptop, "Popa")
    own = world.package(0, "mein-paket.hfsync")
    before = laptop.sync.status().unsynced_changes
    ui = make_ui(laptop, "laptop0")
    window = open_window(qtbot, ui)

    window.open_file(own)
    qtbot.waitUntil(lambda: window.sync.section is not None)
    section = window.sync.section
    qtbot.waitUntil(lambda: section.return_result.isVisible())
    wait_idle(qtbot, ui)
    assert section.return_result.text().startswith("Nicht eingelesen: ")
    assert laptop.sync.status().unsynced_changes == before


def test_an_invitation_on_a_set_up_computer_says_it_is_for_a_new_laptop(
        qtbot, world, make_ui, tmp_path):  # fmt: skip
    invitation = world.central.sync.invite("Neue Kollegin", WorkerRole.SOZIALBETREUER,
                                           tmp_path / "einladung-neue-kollegin.hfinvite")
    ui = make_ui(world.laptops[0], "laptop0")
    window = open_window(qtbot, ui)
    window.open_file(invitation)
    box = message(window)
    assert "schon eingerichtet" in box.text()
    assert "„einladung-neue-kollegin.hfinvite“" in box.text()
    assert "für einen neuen Laptop" in box.text()
    assert window.stack.currentWidget() is window.today  # nothing else happened
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: no_message(window))


def test_another_file_gets_one_message_naming_it_not_its_content(qtbot, ui, tmp_path):
    window = open_window(qtbot, ui)
    notes = tmp_path / "Notizen Familie.txt"
    notes.write_text("Familie Petrova, Hausbesuch am Dienstag", encoding="utf-8")
    window.open_file(notes)
    box = message(window)
    assert "„Notizen Familie.txt“ kann Hamm Field nicht öffnen" in box.text()
    assert ".hfsync" in box.text() and ".hfinvite" in box.text()
    assert "Petrova" not in box.text()
    assert window.stack.currentWidget() is window.today
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: no_message(window))

    window.open_file(tmp_path / "stick" / "weg.hfsync")
    box = message(window)
    assert "Die Datei „weg.hfsync“ gibt es nicht (mehr)." in box.text()
    assert window.stack.currentWidget() is window.today
    box.button(QMessageBox.StandardButton.Ok).click()


def test_a_file_opened_while_locked_waits_for_the_password(qtbot, world, make_ui):
    new_family(world.laptops[1], "Ivanova")
    package = world.package(1, "gesperrt.hfsync")
    window, ui = central_window(qtbot, world, make_ui)
    window.lock()
    window.open_file(package)
    wait_idle(qtbot, ui)
    assert window.is_locked and window.sync.section is None
    assert world.central.views.search_families(FamilyFilter(query="Ivanova")) == []

    lock = window.lock_screen
    type_text(lock.form.password, "central password")
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.keyClick(lock.form.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert window.stack.currentWidget() is window.sync
    qtbot.waitUntil(lambda: window.sync.section is not None)
    section = window.sync.section
    qtbot.waitUntil(lambda: section.imports.table.rowCount() == 1)
    wait_idle(qtbot, ui)
    assert cells(section.imports.table, 6) == ["eingelesen"]
    found = world.central.views.search_families(FamilyFilter(query="Ivanova"))
    assert [f.family_name for f in found] == ["Ivanova"]
    # opened once, not again at the next unlock
    window.lock()
    type_text(lock.form.password, "central password")
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.keyClick(lock.form.password, Qt.Key.Key_Return)
    wait_idle(qtbot, ui)
    assert cells(section.imports.table, 6) == ["eingelesen"]  # not "schon eingelesen"


@pytest.fixture
def invitation(world, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    return world.central.sync.invite("Neuer Laptop", WorkerRole.SCHLUESSELFIGUR,
                                     tmp_path / "einladung-neuer-laptop.hfinvite")


def test_the_wizard_opened_with_an_invitation_chooses_field_and_carries_the_file(
        qtbot, gateway, invitation):  # fmt: skip
    wizard = SetupWizard(gateway, invitation)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    try:
        assert wizard.role_page.field.isChecked() and not wizard.role_page.is_central()
        assert wizard.invitation_page.file.text() == str(invitation)
        qtbot.waitUntil(lambda: not wizard.invitation_page.reading, timeout=10_000)
        for _step in range(2):  # language, role
            click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == INVITATION
        assert wizard.invitation_page.file.text() == str(invitation)
        assert "Schlüsselfigur" in wizard.invitation_page.invited.text()
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == NAME  # the invitation names no one: typed once here
        type_text(wizard.name_page.name, "Neuer Laptop")
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        create_store(qtbot, wizard)
        assert wizard.currentId() == RECOVERY
    finally:
        wizard.runner.wait()
        if wizard.opened is not None:
            wizard.opened.services.close()
    reopened = gateway.unlock(PASSWORD_TEXT).services
    try:
        assert reopened.context.worker.name == "Neuer Laptop"
    finally:
        reopened.close()


def test_the_wizard_without_an_invitation_has_none(qtbot, gateway):
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    assert wizard.invitation_page.file.text() == ""
