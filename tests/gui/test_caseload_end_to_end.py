"""The shared caseload end to end, on screen only (issue 13).

The coordination invites two workers; each laptop is set up from its invitation in the
wizard; a family recorded on the first laptop reaches the coordination, which shares it
with the second laptop's worker and later hands it over to them. The first laptop then
lets the family go with its next return package, and says so.

Three real encrypted stores in one temporary folder, each in its own main window. Only
widgets make things happen; the native file dialogs are replaced by the folder or file a
person would pick (the USB stick). The stores are read afterwards to check the outcome.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTabWidget, QWizard

from hamm_field.services import Services
from hamm_field.services.gateway import Gateway
from hamm_field.services.views import FamilyFilter
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.ui.main_window import MainWindow
from hamm_field.ui.pages.sync_central import CentralSync
from hamm_field.ui.pages.sync_laptop import LaptopSync
from hamm_field.ui.setup_wizard import DEMO, NAME, SetupWizard
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import (
    accept,
    cells,
    click,
    open_window,
    pick_files,
    pick_folder,
    rows,
    select,
)
from tests.gui.wizard_steps import click as wizard_click
from tests.gui.wizard_steps import create_store, tick, to_invitation_page
from tests.sync.conftest import make_world

pytestmark = pytest.mark.gui

FIRST, SECOND = "Ана Петрова", "Фатме Юсеин"  # Schlüsselfigur, Sozialbetreuerin
FAMILY = "Стоянова"
GONE = ("1 Familie ist nicht mehr Ihnen zugeordnet (übergeben, nicht mehr geteilt oder "
        "länger abgeschlossen) und wurde von diesem Laptop entfernt.")

NEXT = QWizard.WizardButton.NextButton
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def world(tmp_path, kdf):
    """Only the coordination's store; the laptops are set up in the wizard."""
    built = make_world(tmp_path / "stores", kdf, laptops=0)
    yield built
    built.close()  # the laptops' stores too: each is added to ``laptops`` once set up


# Moving around, as with the mouse --------------------------------------------------


def use(qtbot, window: MainWindow) -> None:
    """Bring the window to the front, as the person at that computer would see it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def go(qtbot, window: MainWindow, page) -> None:
    """Click the screen's entry in the navigation."""
    nav = window.nav
    item = nav.item(window.pages.index(page))
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(item).center())
    assert window.stack.currentWidget() is page
    wait_idle(qtbot, window.ui)


def open_tab(qtbot, tabs: QTabWidget, widget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tabs.indexOf(widget)).center())
    assert tabs.currentWidget() is widget


def item_named(dialog, name: str):
    """The colleague's line in a sharing dialog, found by the name shown."""
    [item] = [item for item in dialog.items() if item.text().startswith(f"{name} (")]
    return item


def central_section(qtbot, window: MainWindow) -> CentralSync:
    go(qtbot, window, window.sync)
    qtbot.waitUntil(lambda: isinstance(window.sync.section, CentralSync))
    wait_idle(qtbot, window.ui)
    return window.sync.section


def laptop_section(qtbot, window: MainWindow) -> LaptopSync:
    go(qtbot, window, window.sync)
    qtbot.waitUntil(lambda: isinstance(window.sync.section, LaptopSync))
    wait_idle(qtbot, window.ui)
    return window.sync.section


# The steps -----------------------------------------------------------------------


def invite(qtbot, window, monkeypatch, stick, name, role) -> Path:
    """Geräte → Einladung erstellen: name and role typed, the file saved on the stick."""
    devices = central_section(qtbot, window).devices
    open_tab(qtbot, window.sync.section.tabs, devices)
    pick_folder(monkeypatch, stick)
    click(qtbot, window.ui, devices.invite_button)
    dialog = devices.invite_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.name, name)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    qtbot.mouseClick(dialog.ok, LEFT)
    wait_idle(qtbot, window.ui)
    assert f"Einladung für {name} gespeichert" in devices.result.text()
    [invitation] = stick.glob("*.hfinvite")
    return invitation


def set_up_laptop(qtbot, world, tmp_path, monkeypatch, invitation, name, folder) -> Services:
    """The wizard on an empty data folder, with the invitation chosen on its page."""
    gateway = Gateway(StorePaths(world.root / folder), lambda: calibrate_kdf(0),
                      log_file=tmp_path / f"{folder}.log")
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    to_invitation_page(qtbot, wizard)
    page = wizard.invitation_page
    pick_files(monkeypatch, invitation)
    qtbot.mouseClick(page.choose, LEFT)  # "Datei wählen…"
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    assert page.invited.isVisible() and not page.error.isVisible()
    wizard_click(qtbot, wizard, NEXT)
    assert wizard.currentId() == NAME
    type_text(wizard.name_page.name, name)
    wizard_click(qtbot, wizard, NEXT)
    create_store(qtbot, wizard)
    tick(qtbot, wizard.recovery_page.stored)
    wizard_click(qtbot, wizard, NEXT)
    assert wizard.currentId() == DEMO
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000) as finished:
        wizard_click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    wizard.runner.wait()
    services: Services = finished.args[0].services
    world.laptops.append(services)  # closed with the world
    return services


def record_family(qtbot, window: MainWindow) -> str:
    """Neue Familie, filled in and saved; then a Beratung from the family's page."""
    use(qtbot, window)
    families = window.families
    go(qtbot, window, families)
    qtbot.mouseClick(families.new_button, LEFT)
    wait_idle(qtbot, window.ui)
    form = families.dialog
    assert form.body.isEnabled()
    type_text(form.family_name, FAMILY)
    form.sozialraum.setCurrentIndex(form.sozialraum.findData("hamm-westen"))
    form.herkunftsland.setCurrentIndex(form.herkunftsland.findData("bulgarien"))
    form.pakete.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(families.family_opened) as opened:
        qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    wait_idle(qtbot, window.ui)
    detail = window.detail
    assert window.stack.currentWidget() is detail
    qtbot.waitUntil(lambda: detail.heading.text() == FAMILY)

    qtbot.mouseClick(detail.actions["contact"], LEFT)
    qtbot.waitUntil(lambda: bool(window.dialogs))
    contact = window.dialogs[-1]
    wait_idle(qtbot, window.ui)
    qtbot.mouseClick(contact.kind.buttons[1], LEFT)  # Beratung
    assert contact.kind.kind() == "beratung"
    with qtbot.waitSignal(contact.saved):
        qtbot.mouseClick(contact.save_button, LEFT)
    wait_idle(qtbot, window.ui)
    qtbot.waitUntil(lambda: detail.timeline.rowCount() == 1)
    assert detail.timeline.item(0, 3).text() == "Beratung"
    return opened.args[0]


def export(qtbot, window: MainWindow, monkeypatch, stick: Path) -> Path:
    """Paket schreiben onto the stick."""
    use(qtbot, window)
    section = laptop_section(qtbot, window)
    pick_folder(monkeypatch, stick)
    click(qtbot, window.ui, section.export_button)
    assert "Paket geschrieben und geprüft" in section.export_result.text()
    [package] = stick.glob("hamm-field-*.hfsync")
    return package


def write_return(qtbot, window: MainWindow, monkeypatch, stick: Path, name: str) -> Path:
    """Geräte: the worker's laptop selected, Rückpaket schreiben onto the stick."""
    use(qtbot, window)
    section = central_section(qtbot, window)
    devices = section.devices
    open_tab(qtbot, section.tabs, devices)
    devices.table.selectRow(cells(devices.table, 0).index(name))
    pick_folder(monkeypatch, stick)
    click(qtbot, window.ui, devices.return_button)
    assert f"Rückpaket für {name} geschrieben" in devices.result.text()
    [back] = stick.glob("hamm-field-rueckpaket-*.hfsync")
    return back


def read_return(qtbot, window: MainWindow, monkeypatch, back: Path) -> list[str]:
    """Rückpaket einlesen on the laptop; the lines the Sync screen shows afterwards."""
    use(qtbot, window)
    section = laptop_section(qtbot, window)
    pick_files(monkeypatch, back)
    click(qtbot, window.ui, section.return_button)
    lines = section.return_result.text().splitlines()
    assert lines[0].startswith("Rückpaket eingelesen"), lines
    return lines


def listed(qtbot, window: MainWindow) -> dict[str, list[str]]:
    """The Familien list as its rows show it, by family name."""
    use(qtbot, window)
    go(qtbot, window, window.families)
    qtbot.waitUntil(lambda: window.families.model.total is not None)
    return rows(window.families)


# The test ------------------------------------------------------------------------


def test_a_family_travels_from_one_laptop_via_the_coordination_to_a_colleague(
        qtbot, world, make_ui, tmp_path, monkeypatch):  # fmt: skip
    # 1. The coordination invites both workers on its Sync screen.
    central = open_window(qtbot, make_ui(world.central, "central"))
    first_invite = invite(qtbot, central, monkeypatch, tmp_path / "stick-a", FIRST,
                          "schluesselfigur")
    second_invite = invite(qtbot, central, monkeypatch, tmp_path / "stick-b", SECOND,
                           "sozialbetreuer")
    devices = central.sync.section.devices
    qtbot.waitUntil(lambda: sorted(cells(devices.table, 0)) == sorted([FIRST, SECOND]))
    assert cells(devices.table, 2) == ["noch keins", "noch keins"]

    # 2. Each laptop is set up from its invitation.
    first = set_up_laptop(qtbot, world, tmp_path, monkeypatch, first_invite, FIRST, "laptop1")
    second = set_up_laptop(qtbot, world, tmp_path, monkeypatch, second_invite, SECOND,
                           "laptop2")
    assert (first.context.worker.name, first.context.worker.role) == (FIRST, "schluesselfigur")
    assert (second.context.worker.name, second.context.worker.role) == (SECOND,
                                                                        "sozialbetreuer")
    laptop1 = open_window(qtbot, make_ui(first, "laptop1"))
    laptop2 = open_window(qtbot, make_ui(second, "laptop2"))

    # 3. Laptop 1 records a family with a contact and writes its package; laptop 2 writes
    #    its first package too (a return package answers a package).
    family_id = record_family(qtbot, laptop1)
    first_package = export(qtbot, laptop1, monkeypatch, tmp_path / "stick-a")
    second_package = export(qtbot, laptop2, monkeypatch, tmp_path / "stick-b")

    # 4. The coordination reads both, shares the family with the second worker and writes
    #    the second laptop's return package.
    use(qtbot, central)
    imports = central_section(qtbot, central).imports
    open_tab(qtbot, central.sync.section.tabs, imports)
    pick_files(monkeypatch, first_package, second_package)
    click(qtbot, central.ui, imports.import_button)
    assert cells(imports.table, 1) == [FIRST, SECOND]
    assert cells(imports.table, 6) == ["eingelesen", "eingelesen"]
    assert listed(qtbot, central)[FAMILY][4] == FIRST  # zuständig

    families = central.families
    type_text(families.search, "stoyanova")  # Latin letters find the Cyrillic name
    qtbot.waitUntil(lambda: not families.debounce.isActive())
    wait_idle(qtbot, central.ui)
    assert list(rows(families)) == [FAMILY]
    qtbot.keyClick(families.search, Qt.Key.Key_Return)  # opens the first match
    detail = central.detail
    qtbot.waitUntil(lambda: central.stack.currentWidget() is detail)
    qtbot.waitUntil(lambda: detail.heading.text() == FAMILY)
    wait_idle(qtbot, central.ui)
    qtbot.waitUntil(lambda: detail.timeline.rowCount() == 1)  # the contact came along
    sharing = detail.sharing
    assert sharing.shared_label.text() == "Mit niemandem geteilt."
    qtbot.mouseClick(sharing.share_button, LEFT)
    dialog = sharing.dialog
    assert [item.text().split(" (")[0] for item in dialog.items()] == [SECOND]
    item_named(dialog, SECOND).setCheckState(Qt.CheckState.Checked)
    accept(qtbot, dialog)
    wait_idle(qtbot, central.ui)
    assert sharing.shared_label.text() == f"Geteilt mit: {SECOND}"
    second_back = write_return(qtbot, central, monkeypatch, tmp_path / "stick-b", SECOND)

    # 5. Laptop 2 reads its return package: the family is on its list, shared with her.
    read_return(qtbot, laptop2, monkeypatch, second_back)
    shown = listed(qtbot, laptop2)
    assert list(shown) == [FAMILY]
    assert shown[FAMILY][4] == FIRST and shown[FAMILY][5] == SECOND  # zuständig, geteilt mit
    qtbot.mouseClick(laptop2.families.shared, LEFT)  # "mit mir geteilt"
    wait_idle(qtbot, laptop2.ui)
    assert list(rows(laptop2.families)) == [FAMILY]

    # 6. The coordination hands the family over to the second worker and writes the first
    #    laptop's return package; the first laptop lets the family go and says so.
    use(qtbot, central)
    families.search.clear()
    listed(qtbot, central)
    select(families, FAMILY)
    qtbot.mouseClick(families.hand_over_button, LEFT)  # "Zuständigkeit ändern…"
    dialog = families.dialog
    dialog.list.setCurrentItem(item_named(dialog, SECOND))
    accept(qtbot, dialog)
    wait_idle(qtbot, central.ui)
    assert families.message.text() == f"1 Familie an {SECOND} übergeben"
    qtbot.waitUntil(lambda: rows(families)[FAMILY][4] == SECOND)
    first_back = write_return(qtbot, central, monkeypatch, tmp_path / "stick-a-back", FIRST)

    lines = read_return(qtbot, laptop1, monkeypatch, first_back)
    assert "bestätigt bis Paket 1" in lines[0]
    assert GONE in lines[1:]
    assert laptop1.sync.section.unsynced.text() == "keine – alles bestätigt"
    assert listed(qtbot, laptop1) == {}
    assert laptop1.families.count.text() == "0 Familien"

    # What the stores hold: gone from laptop 1, kept at the coordination and on laptop 2.
    assert first.views.search_families(FamilyFilter()) == []
    [kept] = world.central.views.search_families(FamilyFilter())
    assert (kept.id, kept.worker_id) == (family_id, second.context.worker_id)
    assert [f.id for f in second.views.search_families(FamilyFilter())] == [family_id]
