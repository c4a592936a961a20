"""Steps through the setup wizard, shared by the tests that start from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from hamm_field.ui.setup_wizard import INVITATION, NAME, PASSWORD, RECOVERY, ROLE
from tests.gui.conftest import type_text

PASSWORD_TEXT = "Sonnenblume-2026"


def click(qtbot, wizard, which):
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, checkbox):
    """Tick a check box or choose a radio button by keyboard, as when tabbing through."""
    checkbox.setFocus()
    qtbot.keyClick(checkbox, Qt.Key.Key_Space)


def to_password_page(qtbot, wizard, *, central=False, social=False, name="Мария Иванова"):
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ROLE
    if central:
        tick(qtbot, wizard.role_page.central)
        assert not wizard.role_page.roles.isEnabled()
    elif social:
        tick(qtbot, wizard.role_page.social)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    if not central:  # a laptop is asked for its invitation first; going on without one
        assert wizard.currentId() == INVITATION
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == NAME
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # name required
    type_text(wizard.name_page.name, name)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PASSWORD


def create_store(qtbot, wizard, password=PASSWORD_TEXT):
    fields = wizard.password_page.fields
    type_text(fields.first, password)
    type_text(fields.second, password)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY, timeout=20_000)


def to_invitation_page(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ROLE
    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # Laptop im Feld, Schlüsselfigur
    assert wizard.currentId() == INVITATION
