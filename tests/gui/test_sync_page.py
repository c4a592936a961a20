"""The Sync screen on real stores: a laptop writes its package to a folder (the USB stick),
the coordination reads packages, manages devices and reviews a conflict.

The native file dialogs cannot run here, so ``QFileDialog``'s static choosers are replaced
by the folder or files a person would pick; everything behind them is real.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.i18n.formatting import format_moment, format_number
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.language import apply_language
from hamm_field.ui.pages.sync_central import CentralSync
from hamm_field.ui.pages.sync_laptop import LaptopSync
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import cells, click, open_window, pick_files, pick_folder, show_page
from tests.services.support import clash

pytestmark = pytest.mark.gui


def test_laptop_writes_its_package_to_the_stick_and_reads_the_return(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    laptop = world.laptops[0]
    before = laptop.sync.status().unsynced_changes
    for name in ("Petrova", "Popa"):
        laptop.families.create(family_name=name, sozialraum="pelkum", herkunftsland="bulgarien")
    ui = make_ui(laptop, "laptop0")
    page = show_page(qtbot, ui)
    section = page.section
    assert isinstance(section, LaptopSync)
    assert section.unsynced.text() == format_number(before + 2)
    assert section.last_export.text() == "noch keins"

    stick = tmp_path / "usb"
    pick_folder(monkeypatch, stick)
    click(qtbot, ui, section.export_button)
    short = laptop.context.store.device_id[-8:]
    package = stick / f"hamm-field-{short}-1.hfsync"
    assert package.exists()
    assert (f"Paket geschrieben und geprüft: {before + 2} Änderungen"
            in section.export_result.text())
    assert str(package) in section.export_result.text()
    assert section.last_export.text() != "noch keins"
    assert section.unsynced.text() == format_number(before + 2)  # not yet acknowledged

    [imported] = world.central.sync.import_files([package])
    assert imported.refused is None and imported.sequence == 1
    found = world.central.views.search_families(FamilyFilter(query="Petrova"))
    assert [f.family_name for f in found] == ["Petrova"]
    back = world.central.sync.make_return(laptop.context.store.device_id,
                                          stick / "back.hfsync")
    pick_files(monkeypatch, back.path)
    click(qtbot, ui, section.return_button)
    assert "Rückpaket eingelesen" in section.return_result.text()
    assert "bestätigt bis Paket 1" in section.return_result.text()
    assert section.unsynced.text() == "keine – alles bestätigt"
    assert section.last_ack.text() != "noch keine"
    # the next package is numbered on
    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    click(qtbot, ui, section.export_button)
    assert (stick / f"hamm-field-{short}-2.hfsync").exists()
    assert "Paket geschrieben und geprüft: " in section.export_result.text()


def test_a_foreign_file_as_return_package_is_refused_with_its_reason(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    ui = make_ui(world.laptops[0], "laptop0")
    page = show_page(qtbot, ui)
    junk = tmp_path / "junk.hfsync"
    junk.write_bytes(b"HFPKG01\n" + bytes(300))
    pick_files(monkeypatch, junk)
    click(qtbot, ui, page.section.return_button)
    assert page.section.return_result.text().startswith("Nicht eingelesen: ")
    assert page.section.return_button.isEnabled()


def central_with_packages(qtbot, world, make_ui, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Both laptops' packages plus a damaged copy of the first, read in one go."""
    for number, name in enumerate(("Petrova", "Popa")):
        world.laptops[number].families.create(family_name=name, sozialraum="pelkum",
                                              herkunftsland="bulgarien")
    first, second = world.package(0, "a.hfsync"), world.package(1, "b.hfsync")
    data = bytearray(first.read_bytes())
    data[-50] ^= 0x01
    flipped = tmp_path / "kaputt.hfsync"
    flipped.write_bytes(bytes(data))
    ui = make_ui(world.central, "central")
    page = show_page(qtbot, ui)
    assert isinstance(page.section, CentralSync)
    pick_files(monkeypatch, flipped, first, second)
    click(qtbot, ui, page.section.imports.import_button)
    return ui, page


def test_central_reads_several_files_and_shows_a_row_for_each(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    _ui, page = central_with_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    table = page.section.imports.table
    assert cells(table, 0) == ["kaputt.hfsync", "a.hfsync", "b.hfsync"]
    assert cells(table, 1) == ["", "Worker 0", "Worker 1"]
    assert cells(table, 2) == ["", "1", "1"]
    assert cells(table, 6) == ["abgelehnt: Die Paketdatei ist beschädigt oder unvollständig.",
                               "eingelesen", "eingelesen"]
    assert int(cells(table, 3)[1]) > 0
    assert "2 Dateien eingelesen · 1 abgelehnt" in page.section.imports.summary.text()
    assert not page.section.imports.progress.isVisible()
    devices = page.section.devices.table
    assert sorted(cells(devices, 0)) == ["Worker 0", "Worker 1"]
    assert cells(devices, 2) == ["1", "1"]
    [popa] = world.laptops[1].views.search_families(FamilyFilter())
    assert world.central.families.get(popa.id).family_name == "Popa"


def test_revoke_asks_first_then_locks_the_laptop_out(qtbot, world, make_ui, tmp_path,
                                                    monkeypatch):
    ui, page = central_with_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    devices = page.section.devices
    page.section.tabs.setCurrentWidget(devices)
    row = cells(devices.table, 0).index("Worker 1")
    devices.table.selectRow(row)
    click(qtbot, ui, devices.revoke_button)
    box = devices.confirm_box
    assert box is not None and box.isVisible() and "Worker 1" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, ui)
    assert cells(devices.table, 5)[row] == "aktiv"

    click(qtbot, ui, devices.revoke_button)
    devices.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: "gesperrt" in cells(devices.table, 5))
    revoked = {row.worker_name: row.device.revoked_on for row in world.central.sync.devices()}
    assert revoked["Worker 1"] is not None and revoked["Worker 0"] is None
    row = cells(devices.table, 0).index("Worker 1")
    assert cells(devices.table, 5)[row] == "gesperrt"
    devices.table.selectRow(row)
    assert not devices.revoke_button.isEnabled() and not devices.return_button.isEnabled()
    [refused] = world.central.sync.import_files([world.package(1, "b2.hfsync")])
    assert str(refused.refused) == "Das Paket stammt von einem gesperrten Gerät."


def test_invitation_and_return_package_are_written_to_the_chosen_folder(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    ui, page = central_with_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    devices = page.section.devices
    stick = tmp_path / "stick"
    pick_folder(monkeypatch, stick)
    click(qtbot, ui, devices.invite_button)
    dialog = devices.invite_dialog
    assert dialog is not None and not dialog.ok.isEnabled()
    type_text(dialog.name, "Фатме Юсеин")
    dialog.role.setCurrentIndex(dialog.role.findData("sozialbetreuer"))
    type_text(dialog.team.lineEdit(), "AWO")
    dialog.ok.click()
    wait_idle(qtbot, ui)
    invitation = stick / "einladung-fatme-yusein.hfinvite"
    assert invitation.exists()
    assert "Einladung für Фатме Юсеин gespeichert" in devices.result.text()
    assert "Фатме Юсеин" in [w.name for w in world.central.overview.workers()]
    assert world.central.reports.teams() == ["AWO"]  # the Träger the reports filter by

    devices.table.selectRow(cells(devices.table, 0).index("Worker 0"))
    click(qtbot, ui, devices.return_button)
    short = world.laptops[0].context.store.device_id[-8:]
    back = stick / f"hamm-field-rueckpaket-{short}-1.hfsync"
    assert back.exists() and "bestätigt bis Paket 1" in devices.result.text()
    [applied] = world.laptops[0].sync.import_files([back])
    assert applied.refused is None


def test_the_coordination_sets_a_workers_traeger_for_the_reports(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    ui, page = central_with_packages(qtbot, world, make_ui, tmp_path, monkeypatch)
    devices = page.section.devices
    devices.table.selectRow(cells(devices.table, 0).index("Worker 0"))
    click(qtbot, ui, devices.team_button)
    dialog = devices.team_dialog
    assert dialog is not None and "Worker 0" in dialog.labelText()
    dialog.setTextValue("  Caritasverband ")
    dialog.accept()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: "Worker 0 · Caritasverband" in cells(devices.table, 0))
    assert "Träger gespeichert" in devices.result.text()
    assert world.central.reports.teams() == ["Caritasverband"]


def test_conflict_view_shows_both_sides_and_taking_the_other_renames_the_family(
        qtbot, world, make_ui):  # fmt: skip
    found = clash(world)
    current, other = found.values[found.winner], found.values[found.loser]
    ui = make_ui(world.central, "central")
    window = open_window(qtbot, ui)
    window.navigate(window.pages.index(window.sync))
    qtbot.waitUntil(lambda: window.sync.section is not None)
    wait_idle(qtbot, ui)
    review = window.sync.section.conflicts
    assert window.sync.section.tabs.tabText(2) == "Konflikt (1)"
    window.sync.section.tabs.setCurrentWidget(review)
    assert review.table.rowCount() == 1
    assert review.record.text() == f"Familie {current} · Familienname"
    assert (review.current.value.text(), review.other.value.text()) == (current, other)
    assert review.current.who.text() == f"Worker {found.winner}"
    assert review.other.who.text() == f"Worker {found.loser}"
    assert review.other.when.text() and review.current.when.text()
    assert review.take_button.text() == "&Diesen Wert übernehmen"

    window.open_family(found.family_id)
    wait_idle(qtbot, ui)
    assert window.detail.heading.text() == current
    window.navigate(window.pages.index(window.sync))
    wait_idle(qtbot, ui)
    click(qtbot, ui, review.take_button)
    assert review.table.isHidden() and review.empty.isVisible()
    assert window.sync.section.tabs.tabText(2) == "Konflikte"
    window.open_family(found.family_id)
    wait_idle(qtbot, ui)
    assert window.detail.heading.text() == other
    window.navigate(window.pages.index(window.families))
    wait_idle(qtbot, ui)
    model = window.families.model
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert other in names and current not in names


def test_keep_current_leaves_the_value_and_clears_the_list(qtbot, world, make_ui):
    found = clash(world)
    ui = make_ui(world.central, "central")
    page = show_page(qtbot, ui)
    review = page.section.conflicts
    page.section.tabs.setCurrentWidget(review)
    assert review.table.rowCount() == 1 and review.keep_button.isVisible()
    click(qtbot, ui, review.keep_button)
    assert review.empty.isVisible() and review.table.isHidden()
    assert world.central.families.get(found.family_id).family_name == found.values[found.winner]
    assert world.central.conflicts.open() == []


def test_a_clock_behind_the_store_is_warned_about_on_screen_and_in_the_status_bar(
        qtbot, world, make_ui):  # fmt: skip
    laptop = world.laptops[0]
    ui = make_ui(laptop, "laptop0")
    window = open_window(qtbot, ui)
    assert window.clock_label.isHidden()
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    laptop.context.store.clock.last = pack(int(ahead.timestamp() * 1000), 0)
    assert laptop.context.store.clock.last >> 16 > wall_millis()
    window.navigate(window.pages.index(window.sync))
    wait_idle(qtbot, ui)
    banner = window.sync.banner
    assert banner.isVisible() and "Die Uhr dieses Laptops geht nach" in banner.text()
    assert "Datum und Uhrzeit" in banner.text()
    assert window.clock_label.isVisible()
    assert "Die Uhr des Laptops geht nach" in window.clock_label.text()
    seen = format_moment(dt.datetime.fromtimestamp(int(ahead.timestamp()), dt.UTC).astimezone())
    assert seen in banner.text() and seen in window.clock_label.text()


def test_a_language_switch_keeps_the_open_conflict_and_the_devices(qtbot, world, make_ui):
    clash(world)
    ui = make_ui(world.central, "central")
    page = show_page(qtbot, ui)
    try:
        apply_language("en")
        wait_idle(qtbot, ui)
        assert page.section.tabs.tabText(2).endswith("(1)")
        assert page.section.conflicts.table.rowCount() == 1
        assert page.section.conflicts.current.value.text()
        assert sorted(cells(page.section.devices.table, 0)) == ["Worker 0", "Worker 1"]
    finally:
        apply_language("de")
