"""The coordination's Dubletten screen: a pair side by side, merged into the chosen family."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.duplicates import DuplicatesPage
from tests.gui.conftest import wait_idle
from tests.gui.support import cells, click
from tests.services.support import YEAR, meet_twice

pytestmark = pytest.mark.gui


def show(qtbot, ui) -> DuplicatesPage:
    page = DuplicatesPage(ui)
    qtbot.addWidget(page)
    page.resize(1024 - 230, 600 - 40)  # the page's part of a 1024x600 window
    page.show()
    page.refresh()
    wait_idle(qtbot, ui)
    return page


def test_the_coordinator_keeps_the_second_family_and_the_pair_is_gone(
        qtbot, world, make_ui, monkeypatch):  # fmt: skip
    _first, second = meet_twice(world)
    ui = make_ui(world.central, "central")
    page = show(qtbot, ui)
    assert cells(page.table, 0) == ["Petrova"] or cells(page.table, 1) == ["Petrova"]
    texts = [panel.details.text() for panel in page.panels]
    assert any("Worker 0" in t and "Ивана Петрова (1990)" in t and "2 Kontakte" in t
               for t in texts)
    assert any("Worker 1" in t and "1 Kontakt" in t for t in texts)
    keep = next(p for p in page.panels if "Worker 1" in p.details.text())
    keep.keep.click()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text: (
        asked.append(text) or QMessageBox.StandardButton.Yes))
    click(qtbot, ui, page.merge_button)
    wait_idle(qtbot, ui)
    assert "„Петрова“ wird in „Petrova“ zusammengeführt" in asked[0]
    assert page.table.rowCount() == 0 and not page.merge_button.isEnabled()
    assert world.central.reports.compute(YEAR).begleitete_familien == 1
    timeline = world.central.views.timeline(second)
    assert len([e for e in timeline if e.kind == "contact"]) == 3


def test_keine_dublette_hides_the_pair(qtbot, world, make_ui):
    meet_twice(world)
    ui = make_ui(world.central, "central")
    page = show(qtbot, ui)
    click(qtbot, ui, page.dismiss_button)
    wait_idle(qtbot, ui)
    assert page.table.rowCount() == 0
    assert world.central.duplicates.likely_pairs() == []


def test_only_the_coordination_has_the_screen_and_it_fits_a_small_window(
        qtbot, world, make_ui, tmp_path):  # fmt: skip
    meet_twice(world)
    laptop = MainWindow(make_ui(world.laptops[0], "laptop0"))
    qtbot.addWidget(laptop)
    assert laptop.duplicates is None
    window = MainWindow(make_ui(world.central, "central"))
    qtbot.addWidget(window)
    assert window.duplicates is not None
    window.resize(1024, 600)
    window.show()
    window.navigate(window.pages.index(window.duplicates))
    wait_idle(qtbot, window.ui)
    page = window.duplicates
    assert page.table.rowCount() == 1
    assert page.minimumSizeHint().width() <= 1024 - window.nav.width()
    for widget in (page.merge_button, page.dismiss_button, *page.panels):
        assert widget.isVisible()
        bottom = widget.mapTo(window, widget.rect().bottomRight())
        assert bottom.y() <= window.height() and bottom.x() <= window.width()
    target = Path(os.environ.get("HAMM_FIELD_SHOT_DIR", tmp_path)) / "dubletten.png"
    assert window.grab().save(str(target))
