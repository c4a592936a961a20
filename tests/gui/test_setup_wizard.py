"""First start: the setup wizard leaves a store that the chosen password opens."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import current_language
from hamm_field.store.search import FamilyFilter
from hamm_field.ui import setup_wizard
from hamm_field.ui.setup_wizard import DEMO, INVITATION, NAME, PASSWORD, RECOVERY, ROLE
from tests.gui.conftest import type_text
from tests.gui.wizard_steps import PASSWORD_TEXT, click, create_store, tick, to_password_page

pytestmark = pytest.mark.gui

KEY_PATTERN = re.compile(r"^\w{4}-\w{4}-\w{5}-\w{4}-\w{4}-\w{5}-\w{4}$")


def test_setup_end_to_end_leaves_a_store_the_password_opens(qtbot, wizard, gateway):
    assert wizard.language_page.buttons["de"].isChecked()
    to_password_page(qtbot, wizard, social=True)
    create_store(qtbot, wizard)

    key = wizard.recovery_page.key.text()
    assert KEY_PATTERN.match(key)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the key must be stored first
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible() or not wizard.button(
        QWizard.WizardButton.BackButton
    ).isEnabled()
    tick(qtbot, wizard.recovery_page.stored)
    assert wizard.recovery_page.stored.isChecked()
    assert next_button.isEnabled()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == DEMO
    assert not wizard.demo_page.demo.isChecked()
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000) as finished:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert finished.args[0] is wizard.opened
    wizard.opened.services.close()
    wizard.opened = None

    reopened = gateway.unlock(PASSWORD_TEXT)
    try:
        worker = reopened.services.context.worker
        assert worker.name == "Мария Иванова"
        assert worker.role == WorkerRole.SOZIALBETREUER
        assert reopened.services.views.count_families(FamilyFilter()) == 0
    finally:
        reopened.services.close()
    gateway.check_recovery_key(key)  # the key shown opens the store too
    assert gateway.settings().language == "de"


def test_mismatched_passwords_are_refused_with_a_message(qtbot, wizard, gateway):
    to_password_page(qtbot, wizard)
    fields = wizard.password_page.fields
    type_text(fields.first, PASSWORD_TEXT)
    type_text(fields.second, PASSWORD_TEXT + "x")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert "stimmen nicht überein" in fields.error.text()
    assert wizard.currentId() == PASSWORD
    assert not gateway.store_exists()


def test_short_password_is_refused_and_strength_is_shown(qtbot, wizard, gateway):
    to_password_page(qtbot, wizard)
    fields = wizard.password_page.fields
    type_text(fields.first, "abc")
    assert "schwach" in fields.strength.text()
    type_text(fields.second, "abc")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert "mindestens 8 Zeichen" in fields.error.text()
    assert not gateway.store_exists()
    fields.first.clear()
    type_text(fields.first, "Lange-Sonnenblume-2026")
    assert "stark" in fields.strength.text()


def test_central_role_skips_the_invitation_and_loads_demo_data(qtbot, wizard, gateway,
                                                               monkeypatch):  # fmt: skip
    monkeypatch.setattr(setup_wizard, "DEMO_FAMILIES", 6)
    to_password_page(qtbot, wizard, central=True, name="Koordination Hamm")
    create_store(qtbot, wizard)
    tick(qtbot, wizard.recovery_page.stored)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == DEMO
    wizard.demo_page.demo.setChecked(True)
    with qtbot.waitSignal(wizard.finished_setup, timeout=60_000) as finished:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
        assert wizard.demo_page.progress.isVisible()
    services = finished.args[0].services
    assert services.context.worker.role == WorkerRole.KOORDINATION
    assert services.views.count_families(FamilyFilter()) == 6


def test_recovery_sheet_opens_as_a_preview(qtbot, wizard):
    to_password_page(qtbot, wizard)
    create_store(qtbot, wizard)
    qtbot.mouseClick(wizard.recovery_page.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.recovery_page.preview is not None, timeout=10_000)
    preview = wizard.recovery_page.preview
    assert preview.page_count == 1
    text = PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    assert wizard.recovery_page.key.text() in text
    assert "Мария Иванова" in text
    preview.reject()


def test_choosing_a_language_switches_and_is_saved(qtbot, wizard, gateway):
    tick(qtbot, wizard.language_page.buttons["bg"])
    assert current_language() == "bg"
    to_password_page(qtbot, wizard)
    create_store(qtbot, wizard)
    assert gateway.settings().language == "bg"


def test_cancel_is_gone_once_the_store_exists(qtbot, wizard):
    to_password_page(qtbot, wizard)
    create_store(qtbot, wizard)
    wizard.reject()
    assert wizard.isVisible()  # the key was not confirmed yet; no way out but forward


def test_setup_by_keyboard_only(qtbot, wizard, gateway):
    def enter():
        qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)

    enter()  # language: Deutsch is preselected
    assert wizard.currentId() == ROLE
    enter()  # Laptop im Feld, Schlüsselfigur
    assert wizard.currentId() == INVITATION
    enter()  # without one
    assert wizard.currentId() == NAME
    type_text(wizard.name_page.name, "Elif Yılmaz")
    enter()
    assert wizard.currentId() == PASSWORD
    fields = wizard.password_page.fields
    type_text(fields.first, PASSWORD_TEXT)
    qtbot.keyClick(fields.first, Qt.Key.Key_Tab)
    assert fields.second.hasFocus()
    type_text(fields.second, PASSWORD_TEXT)
    enter()
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY, timeout=20_000)
    tick(qtbot, wizard.recovery_page.stored)
    enter()
    assert wizard.currentId() == DEMO
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000) as finished:
        enter()
    assert finished.args[0].services.context.worker.name == "Elif Yılmaz"
