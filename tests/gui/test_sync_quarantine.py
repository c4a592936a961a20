"""Abgelehnte Pakete on the coordination's Sync screen: the refused files with date, reason in
words and device, deleted one by one or all at once, on real stores."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from hamm_field.store.paths import StorePaths
from hamm_field.sync import export
from hamm_field.ui.pages.sync_central import CentralSync
from tests.gui.conftest import wait_idle
from tests.gui.support import cells, click, pick_files, show_page

FILE, ARRIVED, REASON, DEVICE, COPY = range(5)


def refused_packages(qtbot, world, make_ui, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A damaged file and a replayed package of laptop 0, read through the screen."""
    laptop = world.laptops[0]
    laptop.families.create(family_name="Petrova", sozialraum="pelkum", herkunftsland="bulgarien")
    monkeypatch.setattr(export, "uuid7", lambda: "01900000-0000-7000-8000-000000000001")
    first = world.package(0, "erstes.hfsync")
    laptop.families.create(family_name="Popa", sozialraum="pelkum", herkunftsland="rumaenien")
    replayed = world.package(0, "nochmal.hfsync")
    monkeypatch.undo()
    damaged = tmp_path / "kaputt.hfsync"
    damaged.write_bytes(first.read_bytes()[:300])
    ui = make_ui(world.central, "central")
    page = show_page(qtbot, ui)
    assert isinstance(page.section, CentralSync)
    pick_files(monkeypatch, first, damaged, replayed)
    click(qtbot, ui, page.section.imports.import_button)
    panel = page.section.refused
    page.section.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    return ui, page, panel  # the page too: qtbot holds it weakly, and the panel is inside it


def test_the_refused_packages_are_listed_with_reason_and_device(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    _ui, page, panel = refused_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    assert page.section.tabs.tabText(3) == "Abgelehnte Pakete"
    rows = dict(zip(cells(panel.table, FILE), range(2), strict=True))
    short = world.laptops[0].context.store.device_id[-8:]
    assert cells(panel.table, REASON)[rows["nochmal.hfsync"]] == (
        "Kennung schon mit anderem Inhalt eingelesen")
    assert cells(panel.table, DEVICE)[rows["nochmal.hfsync"]] == f"Worker 0 ({short})"
    assert cells(panel.table, REASON)[rows["kaputt.hfsync"]] == "beschädigt oder unvollständig"
    assert cells(panel.table, DEVICE)[rows["kaputt.hfsync"]] == "unbekannt"
    assert cells(panel.table, COPY) == ["vorhanden", "vorhanden"]
    assert all(cells(panel.table, ARRIVED))
    assert panel.days.value() == 30
    assert not panel.empty.isVisible()


def test_one_entry_is_deleted_then_all_after_asking(qtbot, world, make_ui, tmp_path,
                                                  monkeypatch):  # fmt: skip
    ui, _page, panel = refused_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    folder = StorePaths(world.root / "central").quarantine
    assert len(list(folder.iterdir())) == 4  # two copies, two notes
    panel.table.selectRow(cells(panel.table, FILE).index("kaputt.hfsync"))
    click(qtbot, ui, panel.delete_button)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert cells(panel.table, FILE) == ["nochmal.hfsync"]
    assert "Abgelehntes Paket kaputt.hfsync gelöscht." in panel.result.text()
    assert len(list(folder.iterdir())) == 2

    click(qtbot, ui, panel.delete_all_button)
    box = panel.confirm_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("1 abgelehntes Paket mit seinem Vermerk löschen?")
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, ui)
    assert panel.table.rowCount() == 1 and len(list(folder.iterdir())) == 2

    click(qtbot, ui, panel.delete_all_button)
    panel.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: panel.empty.isVisible())
    assert list(folder.iterdir()) == []
    assert "1 abgelehntes Paket gelöscht." in panel.result.text()
    assert not panel.delete_button.isEnabled() and not panel.delete_all_button.isEnabled()


def test_the_retention_period_is_set_here(qtbot, world, make_ui, tmp_path, monkeypatch):
    ui, _page, panel = refused_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    panel.days.setValue(7)
    panel.days.editingFinished.emit()
    wait_idle(qtbot, ui)
    assert world.central.sync.quarantine_days() == 7
