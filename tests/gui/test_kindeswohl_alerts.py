"""Kindeswohl alerts on screen: the coordination's Heute screen and its import result list
the family of a new ``erheblich`` observation (never its note) until it is marked as seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from hamm_field.ui.pages.sync_central import CentralSync
from hamm_field.ui.pages.today import TodayPage
from tests.gui.conftest import wait_idle
from tests.gui.support import cells, click, pick_files, show_page
from tests.sync.support import NOTE, observe

pytestmark = pytest.mark.gui


def today_page(qtbot, ui) -> TodayPage:
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    wait_idle(qtbot, ui)
    return page


def visible_texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_heute_lists_the_new_alert_opens_the_family_and_forgets_it_once_seen(
        qtbot, world, make_ui):  # fmt: skip
    household_id = observe(world.laptops[0], "Petrova", "erheblich")
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    ui = make_ui(world.central, "central")
    page = today_page(qtbot, ui)

    assert page.alerts.isVisible()
    assert page.alerts.count_label.text() == "1 neuer Kindeswohl-Hinweis (erheblich)"
    assert cells(page.alerts.table, 0) == ["Petrova"]
    assert cells(page.alerts.table, 2) == ["Worker 0"]
    assert NOTE not in visible_texts(page)
    with qtbot.waitSignal(page.family_opened) as opened:
        qtbot.mouseClick(page.alerts.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [household_id]

    [alert] = world.central.overview.kindeswohl_alerts()
    click(qtbot, ui, page.alerts.seen_button)
    assert not page.alerts.isVisible()
    page.refresh()
    wait_idle(qtbot, ui)
    assert not page.alerts.isVisible()
    seen = [row for row in world.central.overview.audit(record_id=alert.observation_id)
            if row.action == "seen"]
    assert [(row.worker_name, row.entity) for row in seen] == [("Koordination", "observation")]


def test_the_import_result_names_the_alert_and_a_gering_one_raises_nothing(
        qtbot, world, make_ui, monkeypatch):  # fmt: skip
    household_id = observe(world.laptops[0], "Petrova", "erheblich")
    observe(world.laptops[1], "Popa", "gering")
    first, second = world.package(0, "a.hfsync"), world.package(1, "b.hfsync")
    ui = make_ui(world.central, "central")
    page = show_page(qtbot, ui)
    assert isinstance(page.section, CentralSync)
    imports = page.section.imports

    pick_files(monkeypatch, second)
    click(qtbot, ui, imports.import_button)
    assert imports.summary.text() == "1 Datei eingelesen"
    assert not imports.alerts.isVisible()

    pick_files(monkeypatch, first)
    click(qtbot, ui, imports.import_button)
    assert "1 neuer Kindeswohl-Hinweis (erheblich)" in imports.summary.text()
    assert imports.alerts.isVisible()
    assert cells(imports.alerts.table, 0) == ["Petrova"]
    assert NOTE not in visible_texts(page)
    with qtbot.waitSignal(page.family_opened) as opened:
        imports.alerts.table.doubleClicked.emit(imports.alerts.table.model().index(0, 0))
    assert opened.args == [household_id]
    click(qtbot, ui, imports.alerts.seen_button)
    assert not imports.alerts.isVisible()
    assert world.central.overview.kindeswohl_alerts() == []


def test_a_laptop_heute_shows_no_alert_even_for_its_own_erheblich_observation(
        qtbot, world, make_ui):  # fmt: skip
    observe(world.laptops[0], "Petrova", "erheblich")
    ui = make_ui(world.laptops[0], "laptop0")
    page = today_page(qtbot, ui)
    assert not page.alerts.isVisible()
    assert NOTE not in visible_texts(page)
