"""A laptop set up in the wizard from the coordination's invitation is enrolled at once.

A real coordination store writes the invitation; the wizard runs on an empty folder; the
laptop's first package is then read at the coordination, which lists the laptop under the
name it gave when inviting. The invitation names no person (nothing personal in a plaintext
file), so the laptop's user types their name once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from hamm_field.domain.vocab import WorkerRole
from hamm_field.services import Services
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.setup_wizard import DEMO, NAME, PASSWORD, RECOVERY, SetupWizard
from tests.gui.conftest import type_text
from tests.gui.wizard_steps import PASSWORD_TEXT, click, create_store, tick, to_invitation_page
from tests.sync.conftest import make_world

pytestmark = pytest.mark.gui

NAME_TEXT = "Ана Петрова"


@pytest.fixture
def central(tmp_path, kdf):
    world = make_world(tmp_path / "stores", kdf, laptops=0)
    yield world.central
    world.close()


@pytest.fixture
def invitation(central, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    return central.sync.invite(NAME_TEXT, WorkerRole.SOZIALBETREUER,
                               tmp_path / "einladung-ana.hfinvite")


def choose(qtbot, wizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    """What the file dialog of "Datei wählen…" hands the page."""
    page = wizard.invitation_page
    page.use_file(path)
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)


def test_a_laptop_set_up_from_an_invitation_sends_its_work_under_the_invited_name(
        qtbot, wizard, gateway, central, invitation, tmp_path):  # fmt: skip
    to_invitation_page(qtbot, wizard)
    choose(qtbot, wizard, invitation)
    page = wizard.invitation_page
    assert page.invited.isVisible()
    assert page.invited.text().startswith("Einladung für die Aufgabe Sozialbetreuer/in.")
    assert NAME_TEXT not in invitation.read_text(encoding="utf-8")  # no name in plain text
    assert not page.error.isVisible()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == NAME
    type_text(wizard.name_page.name, NAME_TEXT)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PASSWORD
    create_store(qtbot, wizard)
    tick(qtbot, wizard.recovery_page.stored)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == DEMO
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000) as finished:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    laptop: Services = finished.args[0].services
    assert laptop.context.worker.name == NAME_TEXT
    assert laptop.context.worker.role == WorkerRole.SOZIALBETREUER

    laptop.families.create(family_name="Ivanova", sozialraum="pelkum", herkunftsland="bulgarien")
    exported = laptop.sync.export(tmp_path / "paket.hfsync")  # enrolled: no refusal
    assert exported.sequence == 1
    [imported] = central.sync.import_files([exported.path])
    assert imported.refused is None
    [family] = central.views.search_families(FamilyFilter(query="Ivanova"))
    assert family.worker_id == laptop.context.worker_id
    [device] = [d for d in central.sync.status().devices if d.last_sequence]
    assert device.worker_name == NAME_TEXT


def test_a_file_that_is_no_invitation_is_refused_on_the_page_and_nothing_is_made(
        qtbot, wizard, gateway, tmp_path):  # fmt: skip
    other = tmp_path / "notiz.hfinvite"
    other.write_bytes(b"%PDF-1.7 no invitation")
    to_invitation_page(qtbot, wizard)
    choose(qtbot, wizard, other)
    page = wizard.invitation_page
    assert page.error.isVisible()
    assert page.error.text() == "Diese Datei ist keine Einladung von Hamm Field."
    assert not page.invited.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not gateway.store_exists()

    qtbot.mouseClick(page.remove, Qt.MouseButton.LeftButton)  # "Ohne Einladung"
    assert not page.error.isVisible() and page.file.text() == ""
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == NAME  # set up as before, not enrolled


def test_a_changed_invitation_is_refused_as_damaged(qtbot, wizard, gateway, invitation):
    body = json.loads(invitation.read_bytes())
    body["invitation"]["worker_role"] = "koordination"  # a changed role breaks the signature
    invitation.write_text(json.dumps(body), encoding="utf-8")
    to_invitation_page(qtbot, wizard)
    choose(qtbot, wizard, invitation)
    assert wizard.invitation_page.error.text() == (
        "Die Einladungsdatei ist beschädigt oder wurde verändert.")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not gateway.store_exists()


def test_the_wizard_started_with_an_invitation_shows_whom_it_is_for(qtbot, gateway, invitation):
    wizard = SetupWizard(gateway, invitation)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    try:
        page = wizard.invitation_page
        qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
        assert "Sozialbetreuer/in" in page.invited.text()
        to_invitation_page(qtbot, wizard)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == NAME
        type_text(wizard.name_page.name, NAME_TEXT)
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.currentId() == PASSWORD
        create_store(qtbot, wizard)
        assert wizard.currentId() == RECOVERY
    finally:
        wizard.runner.wait()
        if wizard.opened is not None:
            wizard.opened.services.close()
    reopened = gateway.unlock(PASSWORD_TEXT).services
    try:
        assert reopened.context.worker.name == NAME_TEXT
    finally:
        reopened.close()
