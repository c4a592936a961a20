"""The language switches in the Einstellungen without a restart, Qt's own texts included."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from hamm_field.i18n import current_language, translator
from hamm_field.i18n.formatting import format_day
from hamm_field.ui.language import apply_language
from tests.conftest import TODAY
from tests.gui.conftest import wait_idle
from tests.gui.support import open_window

pytestmark = pytest.mark.gui


def choose_language(window, code: str) -> None:
    """What a person does: open the Einstellungen and pick the language."""
    window.navigate(window.pages.index(window.settings))
    combo = window.settings.language
    combo.setCurrentIndex(combo.findData(code))


def test_switching_in_the_settings_retranslates_the_window_and_an_open_dialog(
        qtbot, ui, german_afterwards):
    window = open_window(qtbot, ui)
    dialog = window.new_contact()
    wait_idle(qtbot, ui)
    assert window.nav.item(0).text() == "Heute"
    assert dialog.save_button.text() == "&Speichern"
    german_save = dialog.save_button.text()

    choose_language(window, "en")
    wait_idle(qtbot, ui)

    english = translator("en")
    assert current_language() == "en"
    assert ui.gateway.settings().language == "en"  # remembered for the next start
    assert window.nav.item(0).text() == english("Heute") != "Heute"
    assert window.settings.heading.text() == english("Einstellungen") != "Einstellungen"
    assert window.today.record_button.text() == english("Kontakt erfassen (Strg+N)")
    assert dialog.isVisible()
    assert dialog.save_button.text() != german_save
    assert dialog.windowTitle() not in ("", "Kontakt erfassen")

    choose_language(window, "de")
    wait_idle(qtbot, ui)
    assert window.nav.item(0).text() == "Heute"
    assert dialog.save_button.text() == german_save
    dialog.close_keeping_draft()
    wait_idle(qtbot, ui)


@pytest.mark.parametrize(("language", "cancel"), [
    ("de", "Abbrechen"), ("bg", "Отказ"), ("tr", "İptal"), ("en", "Cancel")])
def test_qt_standard_buttons_use_qts_own_translations(qapp, language, cancel,
                                                      german_afterwards):
    apply_language(language)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == cancel


def test_romanian_qt_buttons_come_from_our_catalog(qapp, german_afterwards):
    """Qt ships no Romanian catalog; the few Qt texts we show are in ours."""
    apply_language("ro")
    message = QMessageBox(QMessageBox.Icon.Question, "", "",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    romanian = translator("ro")
    texts = {message.button(b).text() for b in (QMessageBox.StandardButton.Yes,
                                                 QMessageBox.StandardButton.Cancel)}
    assert texts == {romanian("&Ja"), romanian("Abbrechen")}
    assert not texts & {"&Yes", "Cancel", "&Ja", "Abbrechen"}


def test_dates_follow_the_language(qapp, german_afterwards):
    assert format_day(TODAY) == "20.11.2026"
    apply_language("bg")
    assert format_day(TODAY) == "20.11.2026\u202fг."  # CLDR: a narrow no-break space
    apply_language("en")
    assert format_day(TODAY) == "20 Nov 2026"
    assert QApplication.instance() is qapp
