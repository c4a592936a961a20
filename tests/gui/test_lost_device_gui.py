"""The coordination's "Gerät verloren" on the Geräte tab, and its Datenschutz screen.

Real stores and packages; the native save dialog is replaced by the file a person would
name, everything behind it is real.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from hamm_field.ui.main_window import MainWindow
from tests.gui.conftest import wait_idle
from tests.gui.support import cells, click, show_page
from tests.reports.pdf_tools import pdf_text
from tests.sync.support import family, give_back, send

pytestmark = pytest.mark.gui


@pytest.fixture
def held(world):
    """Worker 0's laptop sent Petrova and Ionescu and got them back; Worker 1 keeps Popa."""
    family(world.laptops[0], "Petrova", child=True)
    family(world.laptops[0], "Ionescu")
    send(world, 0, "a1.hfsync")
    give_back(world, 0, "r1.hfsync")
    family(world.laptops[1], "Popa")
    send(world, 1, "b1.hfsync")
    return world


def devices_tab(qtbot, ui):  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ui)
    devices = page.section.devices
    page.section.tabs.setCurrentWidget(devices)
    return page, devices


def test_gerat_verloren_asks_then_locks_out_and_shows_the_document(
        qtbot, held, make_ui, tmp_path, monkeypatch):  # fmt: skip
    ui = make_ui(held.central, "central")
    _page, devices = devices_tab(qtbot, ui)
    devices.table.selectRow(cells(devices.table, 0).index("Worker 0"))
    click(qtbot, ui, devices.lost_button)
    box = devices.lost_box
    assert box is not None and box.isVisible()
    assert "Worker 0" in box.text() and "72 Stunden" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, ui)
    assert devices.preview is None
    assert all(row.device.revoked_on is None for row in held.central.sync.devices()
               if row.worker_name == "Worker 0")  # fmt: skip

    click(qtbot, ui, devices.lost_button)
    devices.lost_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: devices.preview is not None and devices.preview.isVisible())
    said = devices.result.text()
    assert "ist gesperrt" in said and "2 Familien" in said and "nicht bekannt" in said
    assert "Petrova" not in said  # names only in the document
    assert "Worker 0" in said
    row = cells(devices.table, 0).index("Worker 0")
    assert cells(devices.table, 5)[row] == "gesperrt"
    assert devices.lost_button.isEnabled()  # the document can be made again

    preview = devices.preview
    shots = Path(os.environ.get("HAMM_FIELD_SHOT_DIR", tmp_path))
    assert preview.grab().save(str(shots / "geraet-verloren.png"))
    text = pdf_text(preview.pdf)
    assert "Petrova" in text and "Ionescu" in text and "Popa" not in text
    target = tmp_path / "chosen" / "meldung.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.saved_to == target)
    assert "Petrova" in pdf_text(target.read_bytes())
    preview.reject()
    [refused] = held.central.sync.import_files([held.package(0, "a2.hfsync")])
    assert refused.refused is not None


def test_the_datenschutz_screen_counts_and_lists_each_laptop(
        qtbot, held, make_ui, tmp_path):  # fmt: skip
    held.central.lost_devices.declare_lost(held.laptops[1].context.store.device_id)
    laptop = MainWindow(make_ui(held.laptops[0], "laptop0"))
    qtbot.addWidget(laptop)
    assert laptop.privacy is None
    window = MainWindow(make_ui(held.central, "central"))
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    assert window.privacy is not None
    window.navigate(window.pages.index(window.privacy))
    wait_idle(qtbot, window.ui)
    page = window.privacy
    qtbot.waitUntil(lambda: page.facts.rowCount() > 0)
    facts = dict(zip(cells(page.facts, 0), cells(page.facts, 1), strict=True))
    assert facts["Familien"] == "3" and facts["Mit Einwilligung"] == "3"
    assert facts["Ohne Einwilligung"] == "0" and facts["Gesperrte Laptops"] == "1"
    assert cells(page.devices, 0) == ["Worker 0", "Worker 1"]
    assert cells(page.devices, 2) == ["aktiv", "gesperrt"]
    assert cells(page.devices, 3) == ["2", "1"]
    assert "Beobachtung Kindeswohl 1" in cells(page.devices, 7)[0]
    assert cells(page.devices, 4)[0] == "04.03.2025"
    assert cells(page.devices, 6)[1] == "noch keins"  # Worker 1 never got a return
    target = Path(os.environ.get("HAMM_FIELD_SHOT_DIR", tmp_path)) / "datenschutz.png"
    assert window.grab().save(str(target))
