"""Helpers and fixtures the GUI tests share: windows, pages, dialogs, clicks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog
from shiboken6 import isValid

from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.families import FamiliesPage
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from hamm_field.ui.pages.sync_page import SyncPage
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle


def shot(widget, name: str, tmp_path: Path) -> Path:
    target = Path(os.environ.get("HAMM_FIELD_SHOT_DIR", tmp_path)) / name
    assert widget.grab().save(str(target))
    return target


def with_consent(services, name="Стоянова"):
    household = family(services, name, address="Lange Straße 5")
    mother = member(services, household, "Елена", name)
    services.persons.edit(mother.id, birth_year=1990)
    consent = services.consents.create(household_id=household.id, person_id=mother.id,
                                       scope_sharing=True, form_language="bg",
                                       given_on=TODAY - dt.timedelta(days=30))
    return household, consent


def _close_quietly(dialog: ContactDialog) -> None:
    if isValid(dialog):
        dialog.close_keeping_draft()


def open_dialog(qtbot, ui, **kwargs) -> ContactDialog:
    dialog = ContactDialog(ui, **kwargs)
    # Closing at teardown must not ask (a modal question would wait forever).
    qtbot.addWidget(dialog, before_close_func=_close_quietly)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    wait_idle(qtbot, ui)
    return dialog


def family(services, name, **extra):
    values = {"family_name": name, "sozialraum": "hamm-westen", "herkunftsland": "bulgarien",
              "languages": ["bg"], "pakete": [1], "pseudonym": False}
    values.update(extra)
    return services.families.create(**values)


def member(services, household, given, surname, relation="elternteil"):
    return services.persons.create(household_id=household.id, given_name=given,
                                   family_name=surname, relation=relation)


def shown_names(page):
    model = page.model
    return sorted(model.index(row, 0).data() for row in range(model.rowCount()))


def search(qtbot, ui, page, text):
    page.search.clear()
    type_text(page.search, text)
    qtbot.waitUntil(lambda: not page.debounce.isActive(), timeout=2_000)
    wait_idle(qtbot, ui)


def show(qtbot, ui, page, household):
    page.show_family(household.id)
    wait_idle(qtbot, ui)
    assert page.content.isVisible()


def column(table, col=0):
    return [table.item(row, col).text() for row in range(table.rowCount())]


def opened_dialog(qtbot, ui, page):
    dialog = page.dialog
    wait_idle(qtbot, ui)
    assert dialog.isVisible() and dialog.body.isEnabled()
    return dialog


def save(qtbot, ui, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ui)


def _page(qtbot, ui, household_id):
    page = FamilyDetailPage(ui)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.show_family(household_id)
    wait_idle(qtbot, ui)
    return page


def open_window(qtbot, ui) -> MainWindow:
    window = MainWindow(ui)
    qtbot.addWidget(window, before_close_func=lambda w: _close_dialogs(w))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wait_idle(qtbot, ui)
    return window


def _close_dialogs(window: MainWindow) -> None:
    for dialog in list(window.dialogs):
        if isValid(dialog) and hasattr(dialog, "close_keeping_draft"):
            dialog.close_keeping_draft()


def rows(page: FamiliesPage) -> dict[str, list[str]]:
    model = page.model
    return {model.index(row, 0).data(): [model.index(row, c).data()
                                         for c in range(model.columnCount())]
            for row in range(model.rowCount())}


def select(page: FamiliesPage, *names: str) -> None:
    model, selection = page.model, page.table.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() in names:
            flags = (QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
            selection.select(model.index(row, 0), flags)


def accept(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def show_page(qtbot, ui) -> SyncPage:
    page = SyncPage(ui)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.section is not None)
    wait_idle(qtbot, ui)
    return page


def pick_folder(monkeypatch, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def pick_files(monkeypatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in paths], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(paths[0]), ""))


def cells(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def click(qtbot, ui, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
