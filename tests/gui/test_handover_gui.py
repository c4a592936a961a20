"""The laptop's Sync screen tells which families left it with a return package, and the
coordination sets in its Einstellungen how long closed families stay on the laptops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hamm_field.services.views import FamilyFilter
from hamm_field.ui.pages.settings_page import SettingsPage
from hamm_field.ui.pages.sync_laptop import LaptopSync
from tests.gui.support import click, pick_files, show_page
from tests.sync.support import family_with_contact, give_back, send, worker

pytestmark = pytest.mark.gui

REMOVED = ("2 Familien sind nicht mehr Ihnen zugeordnet (übergeben, nicht mehr geteilt oder "
           "länger abgeschlossen) und wurden von diesem Laptop entfernt.")
KEPT = "1 Familie bleibt, bis Ihre letzten Änderungen bestätigt sind."


def test_the_return_result_says_which_families_left_and_which_wait(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    first, second = world.laptops
    families = [family_with_contact(first, name) for name in ("Petrova", "Popa", "Ilieva")]
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    first.contacts.create(household_id=families[2], kind="hausbesuch", duration_min=20, paket=1)
    world.central.sharing.set_responsible(families, worker(second))
    back = world.central.sync.make_return(first.context.store.device_id,
                                          tmp_path / "back.hfsync").path

    ui = make_ui(first, "laptop0")
    page = show_page(qtbot, ui)
    section = page.section
    assert isinstance(section, LaptopSync)
    pick_files(monkeypatch, back)
    click(qtbot, ui, section.return_button)
    lines = section.return_result.text().splitlines()
    assert lines[0].startswith("Rückpaket eingelesen")
    assert lines[1:] == [REMOVED, KEPT]
    assert [f.id for f in first.views.search_families(FamilyFilter())] == [families[2]]


def test_the_coordination_sets_how_long_closed_families_stay_on_laptops(
        qtbot, world, make_ui):  # fmt: skip
    ui = make_ui(world.central, "central")
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not ui.runner.is_busy)
    assert page.laptops_box.isVisible()
    assert page.closed_months.value() == 6
    assert page.closed_months.suffix() == " Monate"
    page.closed_months.setFocus()
    page.closed_months.selectAll()
    qtbot.keyClicks(page.closed_months, "3")
    qtbot.keyClick(page.closed_months, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: world.central.sync.closed_months() == 3)

    again = SettingsPage(ui)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.closed_months.value() == 3)


def test_a_laptop_has_no_such_setting(qtbot, world, make_ui):
    ui = make_ui(world.laptops[0], "laptop0")
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not ui.runner.is_busy)
    assert not page.laptops_box.isVisible()
