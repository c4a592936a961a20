"""Sync screen of a laptop set up without an invitation: "Einladung laden …" enrols it and
keeps what it recorded; a foreign file or a wrong password is refused beside the button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.services import Services, setup
from hamm_field.services.gateway import Gateway
from hamm_field.store.keyfile import calibrate_kdf
from hamm_field.store.paths import StorePaths
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.load_invitation import LoadInvitationDialog
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import click, pick_files, show_page
from tests.sync.conftest import TODAY, make_world

pytestmark = pytest.mark.gui

PASSWORD = "alone password"


@pytest.fixture
def world(tmp_path, kdf):
    built = make_world(tmp_path / "stores", kdf, laptops=1)
    yield built
    built.close()


@pytest.fixture
def alone(world, tmp_path, kdf):
    """The GUI context of a laptop set up alone, with one family and one contact."""
    paths = StorePaths(world.root / "alone")
    created = setup.initialize(paths, device_role=DeviceRole.FIELD, name="Alleine",
                               password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(created.store, today=lambda: TODAY)
    family = services.families.create(family_name="Petrova", sozialraum="pelkum",
                                      herkunftsland="bulgarien")  # fmt: skip
    services.contacts.create(household_id=family.id, kind="beratung", duration_min=45, paket=1)
    gateway = Gateway(paths, lambda: calibrate_kdf(0), log_file=tmp_path / "alone.log")
    ui = UiContext(gateway, services, Runner())
    yield ui
    ui.runner.wait()
    services.close()


@pytest.fixture
def invitation(world):
    return world.central.sync.invite("Nadia Neu", WorkerRole.SOZIALBETREUER,
                                     world.root / "alone.hfinvite")  # fmt: skip


def open_dialog(qtbot, ui, box, monkeypatch, path) -> LoadInvitationDialog:  # type: ignore[no-untyped-def]
    pick_files(monkeypatch, path)
    click(qtbot, ui, box.button)
    qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible())
    return box.dialog


def test_loading_the_invitation_enrols_the_laptop_and_keeps_its_work(
        qtbot, world, alone, invitation, monkeypatch):  # fmt: skip
    page = show_page(qtbot, alone)
    box = page.section.enrol_box
    qtbot.waitUntil(box.isVisible)
    assert box.button.text() == "Einladung &laden …"

    dialog = open_dialog(qtbot, alone, box, monkeypatch, invitation)
    assert dialog.whom.text() == "Einladung für die Aufgabe Sozialbetreuer/in."
    assert dialog.name.text() == "Alleine" and not dialog.ok.isEnabled()
    dialog.name.clear()
    type_text(dialog.name, "Nadia Neumann")
    type_text(dialog.password, PASSWORD)
    assert dialog.ok.text() == "&Übernehmen"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.result.isVisible(), timeout=20_000)
    wait_idle(qtbot, alone)

    assert box.result.text().startswith("Dieser Laptop ist jetzt bei der Koordination angemeldet")
    assert not box.button.isVisible()
    status = alone.services.sync.status()
    assert (status.worker_name, status.worker_role) == ("Nadia Neumann", "sozialbetreuer")
    package = world.root / "first.hfsync"
    alone.services.sync.export(package)
    [result] = world.central.sync.import_files([package])
    assert result.refused is None
    assert world.central.overview.count_contacts(_all_contacts()) == 1


def _all_contacts():  # type: ignore[no-untyped-def]
    from hamm_field.services.overview import ContactFilter

    return ContactFilter()


def test_a_foreign_file_and_a_wrong_password_are_refused_beside_the_button(
        qtbot, world, alone, invitation, monkeypatch, tmp_path):  # fmt: skip
    page = show_page(qtbot, alone)
    box = page.section.enrol_box
    qtbot.waitUntil(box.isVisible)
    letter = tmp_path / "brief.txt"
    letter.write_text("Sehr geehrte Damen und Herren")
    pick_files(monkeypatch, letter)
    click(qtbot, alone, box.button)
    assert box.result.text() == (
        "Nicht übernommen: Diese Datei ist keine Einladung von Hamm Field.")
    assert box.dialog is None

    dialog = open_dialog(qtbot, alone, box, monkeypatch, invitation)
    assert not box.result.isVisible()
    type_text(dialog.password, "not the password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.result.isVisible(), timeout=20_000)
    wait_idle(qtbot, alone)
    assert box.result.text() == "Nicht übernommen: Das Passwort ist falsch."
    assert box.button.isVisible() and box.button.isEnabled()
    assert alone.services.enrol_existing.possible()


def test_an_enrolled_laptop_shows_no_invitation_box(qtbot, world, tmp_path):
    services = world.laptops[0]
    gateway = Gateway(services.context.store.paths, lambda: calibrate_kdf(0),
                      log_file=tmp_path / "laptop.log")  # fmt: skip
    ui = UiContext(gateway, services, Runner())
    try:
        page = show_page(qtbot, ui)
        wait_idle(qtbot, ui)
        assert not page.section.enrol_box.isVisible()
    finally:
        ui.runner.wait()
