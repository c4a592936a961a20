"""Hard-coded text: every UI text of the main screens must come from the catalog.

A pseudo-locale wraps every translated message in ⟪…⟫. The screens are opened in German,
the pseudo-locale is switched on at runtime, and then every label, button, title, tab,
column header, menu entry, placeholder and accessible name must be wrapped. What is not
was either set without ``_()`` or is never re-translated when the language changes. Data
(names, dates, master data) is marked with the ``data`` property and left out.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget

from hamm_field.i18n.catalog import install
from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.language import retranslate_all
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.gui.conftest import wait_idle
from tests.gui.support import open_window
from tests.i18n.conftest import drop_closed_windows
from tests.i18n.pseudo import PseudoTranslations, is_hard_coded
from tests.i18n.screens import busy_family, main_screens, settle, texts

pytestmark = pytest.mark.gui


def pseudo_locale() -> None:
    drop_closed_windows()
    install(PseudoTranslations(), "de")
    retranslate_all(QApplication.instance())


def hard_coded(root, screen: str) -> list[str]:
    return [f"{screen}: {where}: {text!r}" for where, text in texts(root)
            if text and is_hard_coded(text)]


def test_the_checker_tells_wrapped_from_hard_coded_text():
    assert not is_hard_coded("⟪Kontakte⟫")
    assert not is_hard_coded("⟪Stärke: ⟪mittel⟫⟫. ⟪Mindestens 12 Zeichen.⟫")
    assert not is_hard_coded("<b>⟪Heute⟫</b> 3 · 21.11.2026")
    assert is_hard_coded("Kontakte")
    assert is_hard_coded("⟪Familie⟫ Петрова")


def test_main_window_screens_have_no_hard_coded_text(qtbot, ui, demo_services,
                                                      german_afterwards):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    pseudo_locale()
    found = []
    for screen in main_screens(qtbot, window, family):
        found += hard_coded(window, screen)
    window.lock()
    found += hard_coded(window, "gesperrt")
    assert not found, "\n".join(sorted(set(found)))


def test_coordination_screens_have_no_hard_coded_text(qtbot, central_ui, german_afterwards):
    window = open_window(qtbot, central_ui)
    family = busy_family(central_ui.services)
    pseudo_locale()
    found = []
    for screen in main_screens(qtbot, window, family):
        found += hard_coded(window, f"Koordination {screen}")
        tabs = window.stack.currentWidget().findChildren(QTabWidget)
        for tab_widget in tabs:  # every tab of the Sync screen, not only the first
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                settle(qtbot, central_ui)
                found += hard_coded(window, f"Koordination {screen} Tab {index}")
    assert not found, "\n".join(sorted(set(found)))


def test_dialogs_have_no_hard_coded_text(qtbot, ui, demo_services, german_afterwards):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    dialogs = {
        "Kontakt erfassen": window.new_contact(family),
        "Starterpaket": window.hand_out(family),
        "Familie bearbeiten": FamilyDialog(ui, family, parent=window),
        "Familie anlegen": FamilyDialog(ui, parent=window),
    }
    for dialog in dialogs.values():
        dialog.show()
    wait_idle(qtbot, ui)
    pseudo_locale()
    wait_idle(qtbot, ui)
    found = [line for name, dialog in dialogs.items() for line in hard_coded(dialog, name)]
    for dialog in dialogs.values():
        getattr(dialog, "close_keeping_draft", dialog.close)()
    wait_idle(qtbot, ui)
    assert not found, "\n".join(sorted(set(found)))


def test_setup_wizard_pages_have_no_hard_coded_text(qtbot, gateway, german_afterwards):
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    wizard.show()
    pseudo_locale()
    wizard.retranslate()  # what the language page does when a language is chosen
    found = hard_coded(wizard, "Einrichtung")
    for page_id in wizard.pageIds():
        found += hard_coded(wizard.page(page_id), f"Einrichtung Seite {page_id}")
    assert not found, "\n".join(sorted(set(found)))


def test_unlock_dialog_has_no_hard_coded_text(qtbot, gateway, new_store, german_afterwards):
    dialog = UnlockDialog(gateway)
    qtbot.addWidget(dialog)
    dialog.show()
    pseudo_locale()
    found = []
    for page in range(3):  # password, recovery key, new password
        dialog.form.show_page(page)
        found += hard_coded(dialog, f"Entsperren Seite {page}")
    assert not found, "\n".join(sorted(set(found)))


def test_the_contact_dialog_is_checked_with_its_pickers_open(qtbot, ui, demo_services,
                                                              german_afterwards):
    """The contact dialog's kind buttons re-label their fields; every kind is shown once."""
    dialog = ContactDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    pseudo_locale()
    found = []
    for button in dialog.kind.buttons:
        button.click()
        wait_idle(qtbot, ui)
        found += hard_coded(dialog, f"Kontakt erfassen ({button.text()})")
    dialog.close_keeping_draft()
    wait_idle(qtbot, ui)
    assert not found, "\n".join(sorted(set(found)))

