"""The coordination sets its Löschfristen in the Einstellungen and works through the list
"Zur Löschung fällig": delete a selection (with four eyes), or keep a family with a reason."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from hamm_field.domain import retention as periods
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.settings_page import SettingsPage
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import click
from tests.sync.support import LATER, OLD, _at, _family

pytestmark = pytest.mark.gui


def _settings(qtbot, ui) -> SettingsPage:
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    wait_idle(qtbot, ui)
    return page


def test_the_coordination_sets_the_periods_and_a_laptop_sees_none(qtbot, world, make_ui):
    ui = make_ui(world.central, "central")
    page = _settings(qtbot, ui)
    box = page.retention_box
    assert box.isVisible() and box.title() == "Löschfristen"
    family = box.fields[periods.FAMILY]
    assert (family.value(), family.suffix()) == (36, " Monate")
    assert box.fields[periods.DRAFTS].suffix() == " Tage"
    family.setFocus()
    family.selectAll()
    qtbot.keyClicks(family, "24")
    qtbot.keyClick(family, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: world.central.retention.rules()[periods.FAMILY] == 24)
    box.four_eyes.click()
    qtbot.waitUntil(world.central.retention.four_eyes)

    laptop = _settings(qtbot, make_ui(world.laptops[0], "laptop0"))
    assert not laptop.retention_box.isVisible()


def _review(qtbot, ui):
    page = _settings(qtbot, ui)
    dialog = page.retention_box.show_review()
    wait_idle(qtbot, ui)
    return page, dialog


def _cells(dialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]  # fmt: skip


def _confirm(qtbot, ui, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.confirm_box is not None)
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)


def test_four_eyes_deletion_and_a_hold_in_the_review_list(qtbot, world, make_ui, tmp_path):
    central = _at(world.central, LATER)
    families = [_family(central, name, OLD + dt.timedelta(days=number))
                for number, name in enumerate(("Стоянова", "Popa", "Yilmaz"))]  # fmt: skip
    central.retention.set_four_eyes(True)
    ui = make_ui(central, "central")
    _page, dialog = _review(qtbot, ui)
    dialog.resize(1366, 768)
    assert _cells(dialog)[0] == ["Стоянова", "Familie", "Letzter Kontakt am 12.01.2026",
                                 "12.01.2029", "Fällig"]

    # Eva marks two families; she cannot confirm them herself.
    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.table.model().index(1, 0),
        dialog.table.selectionModel().SelectionFlag.Select
        | dialog.table.selectionModel().SelectionFlag.Rows)
    type_text(dialog.name, "Eva Koch")
    click(qtbot, ui, dialog.delete_button)
    _confirm(qtbot, ui, dialog)
    assert "2 Einträge vorgemerkt" in dialog.message.text()
    assert [row[4] for row in _cells(dialog)][:2] == ["Vorgemerkt von Eva Koch"] * 2
    _screenshot(dialog, tmp_path)
    dialog.table.selectRow(0)
    click(qtbot, ui, dialog.delete_button)
    _confirm(qtbot, ui, dialog)
    assert "Bestätigen muss eine andere Person" in dialog.message.text()
    assert central.families.get(families[0].id).family_name == "Стоянова"

    # Jan confirms both at once.
    dialog.name.clear()
    type_text(dialog.name, "Jan Berg")
    dialog.table.selectAll()
    dialog.table.clearSelection()
    for row in (0, 1):
        dialog.table.selectionModel().select(
            dialog.table.model().index(row, 0),
            dialog.table.selectionModel().SelectionFlag.Select
            | dialog.table.selectionModel().SelectionFlag.Rows)
    click(qtbot, ui, dialog.delete_button)
    _confirm(qtbot, ui, dialog)
    assert "2 Einträge gelöscht" in dialog.message.text()
    assert central.families.get(families[0].id).family_name == "—"
    assert [row[0] for row in _cells(dialog)] == ["Yilmaz"]

    # The last one is kept a year longer, with its reason.
    dialog.table.selectRow(0)
    dialog.until.setDate(QDate(2030, 12, 31))
    type_text(dialog.hold_reason, "Laufendes Verfahren")
    click(qtbot, ui, dialog.hold_button)
    assert _cells(dialog)[0][4] == "Aufbewahrt bis 31.12.2030 (Laufendes Verfahren)"
    dialog.table.selectRow(0)
    assert not dialog.delete_button.isEnabled()


def _screenshot(dialog, tmp_path: Path) -> None:
    """Kept where HAMM_FIELD_SCREENSHOTS points, to look at; else in the test's folder."""
    folder = Path(os.environ.get("HAMM_FIELD_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / "retention_review.png"))


def test_a_laptop_blanks_what_is_due_when_it_is_unlocked(qtbot, world, make_ui):
    laptop = world.laptops[0]
    family = _family(laptop, "Стоянова", OLD)
    [sent] = world.central.sync.import_files([world.package(0, "a.hfsync")])
    assert sent.refused is None
    back = world.central.sync.make_return(laptop.context.store.device_id,
                                          world.root / "back.hfsync")
    laptop.sync.import_files([back.path])  # acknowledged; still within its period
    assert laptop.families.get(family.id).family_name == "Стоянова"

    ui = make_ui(_at(laptop, LATER), "laptop0")
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ui)
    assert [f.id for f in laptop.views.search_families(FamilyFilter())] == []


def test_a_hold_is_ended_and_four_eyes_show_in_the_audit_log(qtbot, world, make_ui):
    central = _at(world.central, LATER)
    gone, kept = (_family(central, name, OLD) for name in ("Стоянова", "Popa"))
    central.retention.set_four_eyes(True)
    central.retention.delete([("household", gone.id)], coordinator="Eva Koch")
    central.retention.delete([("household", gone.id)], coordinator="Jan Berg")
    central.retention.hold([kept.id], dt.date(2030, 12, 31), "Laufendes Verfahren")
    ui = make_ui(central, "central")
    page, dialog = _review(qtbot, ui)
    assert _cells(dialog)[0][4] == "Aufbewahrt bis 31.12.2030 (Laufendes Verfahren)"

    dialog.table.selectRow(0)
    assert dialog.end_button.isEnabled()
    click(qtbot, ui, dialog.end_button)  # without a reason
    assert "warum die Aufbewahrung endet" in dialog.message.text()
    type_text(dialog.end_reason, "Verfahren abgeschlossen")
    click(qtbot, ui, dialog.end_button)
    assert "wieder zur Löschung fällig" in dialog.message.text()
    assert _cells(dialog)[0][4] == "Fällig"
    dialog.table.selectRow(0)
    assert dialog.delete_button.isEnabled() and not dialog.end_button.isEnabled()

    page.refresh()
    wait_idle(qtbot, ui)
    rows = [[page.audit.item(row, column).text() for column in (2, 4)]
            for row in range(page.audit.rowCount())]  # fmt: skip
    assert ["Familie zur Löschung vorgemerkt", "Vorgemerkt von Eva Koch"] in rows
    assert ["Löschung bestätigt: Familie",
            "Vorgemerkt von Eva Koch, bestätigt von Jan Berg"] in rows
