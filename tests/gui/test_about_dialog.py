"""Einstellungen -> Über Hamm Field: the version, the data folder the app really uses, and the
third-party licence notices, readable on a small screen and closed with Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from hamm_field import __version__
from hamm_field.i18n.catalog import install
from hamm_field.ui.about_dialog import MAX_HEIGHT, AboutDialog
from hamm_field.ui.language import apply_language, retranslate_all
from hamm_field.ui.pages.settings_page import SettingsPage
from hamm_field.ui.resources import app_icon, licenses_dir
from hamm_field.ui.setup_wizard import SetupWizard
from tests.i18n.pseudo import PseudoTranslations, is_hard_coded
from tests.i18n.screens import texts

pytestmark = pytest.mark.gui

NOTICES = """Hamm Field enthält Software Dritter.

Qt for Python (PySide6)   LGPL-3.0-only   LICENSE-LGPL-3.0.txt
SQLCipher                 BSD-3-Clause    LICENSE-SQLCipher.txt
"""


@pytest.fixture
def licences(tmp_path):
    """A licence folder of our own, in the shape the bundle ships (never into resources/)."""
    folder = tmp_path / "licenses"
    folder.mkdir()
    (folder / "NOTICES.txt").write_text(NOTICES, encoding="utf-8")
    (folder / "LICENSE-LGPL-3.0.txt").write_text(
        "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n", encoding="utf-8")
    (folder / "LICENSE-SQLCipher.txt").write_text(
        "Copyright (c) 2025, ZETETIC LLC\nAll rights reserved.\n", encoding="utf-8")
    return folder


def about_dialog(qtbot, gateway, folder) -> AboutDialog:
    dialog = AboutDialog(gateway.data_dir, gateway.log_dir, licenses=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_settings_opens_about_with_the_version_and_the_data_folder_in_use(qtbot, ui, gateway):
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.show()
    assert page.about_button.text() == "Über Hamm Field …"
    qtbot.mouseClick(page.about_button, Qt.MouseButton.LeftButton)
    dialog = page.about
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Über Hamm Field"
    assert dialog.version.text() == f"Version {__version__}"
    assert dialog.data_row.path.text() == str(gateway.data_dir)
    assert dialog.data_row.path.isReadOnly()
    assert dialog.log_row.path.text() == str(gateway.log_dir)
    assert dialog.python_value.text().count(".") == 2
    shipped = licenses_dir() / "NOTICES.txt"
    if shipped.exists():  # the notices the bundle carries
        assert dialog.licence_names()[0] == "NOTICES.txt"
        first = shipped.read_text(encoding="utf-8").strip().splitlines()[0]
        assert first in dialog.licence_text.toPlainText()

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.close_button
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.about is None)


def test_the_notices_come_first_and_every_licence_text_can_be_read(qtbot, gateway, licences):
    dialog = about_dialog(qtbot, gateway, licences)
    assert dialog.licence_names() == [
        "NOTICES.txt", "LICENSE-LGPL-3.0.txt", "LICENSE-SQLCipher.txt"]
    assert dialog.licence_text.toPlainText() == NOTICES
    assert dialog.licence_text.isReadOnly()

    dialog.tabs.setCurrentIndex(1)
    dialog.licence_list.setFocus()
    qtbot.keyClick(dialog.licence_list, Qt.Key.Key_Down)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    qtbot.keyClick(dialog.licence_list, Qt.Key.Key_Down)
    assert "ZETETIC" in dialog.licence_text.toPlainText()


def test_missing_notices_are_said_not_hidden(qtbot, gateway, tmp_path):
    dialog = about_dialog(qtbot, gateway, tmp_path / "nowhere")
    assert dialog.licence_names() == []
    assert dialog.licence_text.toPlainText() == (
        f"Die Lizenzhinweise fehlen in dieser Installation ({tmp_path / 'nowhere'}).")


def test_it_fits_a_small_screen_and_every_control_has_a_name(qtbot, gateway, licences):
    gateway.log_dir.mkdir(parents=True)
    dialog = about_dialog(qtbot, gateway, licences)
    assert dialog.height() <= MAX_HEIGHT
    assert dialog.minimumSizeHint().height() <= MAX_HEIGHT
    assert dialog.minimumSizeHint().width() <= 1024 - 40
    for widget in (dialog.data_row.path, dialog.data_row.open_button, dialog.log_row.path,
                   dialog.log_row.open_button, dialog.licence_list, dialog.licence_text):
        assert widget.accessibleName()
    assert dialog.data_row.open_button.accessibleName() == "Datenordner öffnen"
    # Tab walks from the paths to the licences to Schließen, in reading order.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.data_row.path.setFocus()
    walked = []
    for _step in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == [dialog.data_row.open_button, dialog.log_row.path,
                      dialog.log_row.open_button, dialog.close_button]


def test_open_folder_hands_the_data_folder_to_the_file_manager(qtbot, gateway, licences,
                                                               monkeypatch):  # fmt: skip
    gateway.data_dir.mkdir(parents=True, exist_ok=True)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = about_dialog(qtbot, gateway, licences)
    qtbot.mouseClick(dialog.data_row.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(gateway.data_dir)]


def test_the_icon_is_shipped_and_shown(qtbot, gateway, licences):
    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes()[0].width() == 256
    dialog = about_dialog(qtbot, gateway, licences)
    assert dialog.icon.isVisible()
    assert not dialog.icon.pixmap().isNull()


def test_every_window_takes_the_apps_icon(qtbot, gateway, licences):
    """Set once on the application (make_app), it is every window's and dialog's icon."""
    app = QApplication.instance()
    before = app.windowIcon()
    app.setWindowIcon(app_icon())
    try:
        wizard = SetupWizard(gateway)
        qtbot.addWidget(wizard)
        dialog = about_dialog(qtbot, gateway, licences)
        for window in (wizard, dialog):
            assert window.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    finally:
        app.setWindowIcon(before)


def test_it_follows_a_language_switch(qtbot, gateway, licences):
    dialog = about_dialog(qtbot, gateway, licences)
    try:
        apply_language("bg")
        assert dialog.close_button.text() == "Затвори"
    finally:
        apply_language("de")
    assert dialog.close_button.text() == "Schließen"


def test_every_text_is_translated_and_a_longer_language_still_fits(qtbot, gateway, licences):
    """The pseudo-locale wraps each translated text (and pads it by 40 %, as Bulgarian
    needs): nothing may be left unwrapped, and the dialog still fits a 1024 x 600 screen."""
    dialog = about_dialog(qtbot, gateway, licences)
    try:
        install(PseudoTranslations(stretch=0.4), "de")
        retranslate_all(QApplication.instance())
        assert dialog.close_button.text() == "⟪Schließenоооо⟫"
        for tab in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(tab)
            assert [where for where, text in texts(dialog) if text and is_hard_coded(text)] == []
        assert dialog.minimumSizeHint().height() <= MAX_HEIGHT
        assert dialog.minimumSizeHint().width() <= 1024 - 40
    finally:
        apply_language("de")
