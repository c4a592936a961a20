"""Einstellungen at the coordination: "Verzeichnis (Art. 30) …" shows the record from memory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from hamm_field.ui.pages.settings_page import SettingsPage
from tests.gui.conftest import wait_idle
from tests.reports.pdf_tools import pdf_text

pytestmark = pytest.mark.gui


def _page(qtbot, ui) -> SettingsPage:
    page = SettingsPage(ui)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    wait_idle(qtbot, ui)
    return page


def test_the_coordination_opens_the_record_and_saves_it_when_asked(qtbot, central, tmp_path,
                                                                   monkeypatch):
    page = _page(qtbot, central)
    assert page.privacy_box.isVisible()
    assert page.record_button.text() == "Verzeichnis (Art. 30) …"
    before = set(tmp_path.rglob("*"))
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, central)
    preview = page.record_preview
    assert preview is not None and preview.isVisible()
    text = pdf_text(preview.pdf)
    assert "Verzeichnis von Verarbeitungstätigkeiten" in text and "7. Löschfristen" in text
    assert set(tmp_path.rglob("*")) == before  # shown from memory: nothing written

    target = tmp_path / "verzeichnis.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.ask_save()
    qtbot.waitUntil(lambda: preview.saved_to == target, timeout=10_000)
    assert "8. Technische und organisatorische Maßnahmen" in pdf_text(target.read_bytes())
    preview.close()


def test_a_laptop_has_no_record_button(qtbot, ui):
    page = _page(qtbot, ui)
    assert not page.privacy_box.isVisible()
