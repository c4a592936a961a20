"""Closing a report on the Berichte screen and finding it, compared, in the Berichtsarchiv."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from hamm_field.domain.vocab import DeviceRole
from hamm_field.services import Services, setup
from hamm_field.store.paths import StorePaths
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.report_archive import HIGHLIGHT, ReportArchiveDialog
from hamm_field.ui.pages.reports_page import ReportsPage
from tests.conftest import PASSWORD, TODAY
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui
PNG_FOLDER = Path(os.environ.get("HAMM_FIELD_ARCHIVE_PNG", "/tmp/archive-png"))


@pytest.fixture
def central(tmp_path, kdf, gateway):
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store, today=lambda: TODAY)
    services.load_demo(30, seed=5)
    runner = Runner()
    yield UiContext(gateway, services, runner)
    runner.wait()
    result.store.close()


def open_page(qtbot, ui) -> ReportsPage:
    page = ReportsPage(ui)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_pending, timeout=10_000)
    wait_idle(qtbot, ui)
    return page


def test_a_laptop_has_no_close_button(qtbot, ui):
    page = open_page(qtbot, ui)
    assert not page.close_button.isVisibleTo(page)
    assert not page.archive_button.isVisibleTo(page)


def test_close_open_the_archive_and_see_a_later_begleitung(qtbot, central, monkeypatch):
    page = open_page(qtbot, central)
    assert page.close_button.isVisibleTo(page)
    monkeypatch.setattr(page, "confirm_close", lambda period: True)
    page.close_button.click()
    wait_idle(qtbot, central)
    assert "Bericht abgeschlossen" in page.exports.status.text()
    [archived] = central.services.report_archive.list()

    family = central.services.families.create(family_name="Петрова", sozialraum="pelkum",
                                              herkunftsland="bulgarien")  # fmt: skip
    central.services.contacts.create(household_id=family.id, kind="begleitung",
                                     date=dt.date(2026, 2, 3), duration_min=45,
                                     institution="kinderarzt", paket=4)  # fmt: skip

    dialog = page.open_archive()
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    wait_idle(qtbot, central)
    assert dialog.table.rowCount() == 1
    assert "01.01.2026" in dialog.table.item(0, 0).text()
    assert dialog.table.item(0, 3).text() == "Koordination"
    dialog.table.selectRow(0)
    wait_idle(qtbot, central)
    assert dialog.comparison is not None and dialog.comparison.archived.id == archived.id
    assert "weichen heute ab" in dialog.summary.text()
    rows = {dialog.figures.item(r, 0).text(): r for r in range(dialog.figures.rowCount())}
    row = rows["Begleitungen"]
    before = int(dialog.figures.item(row, 1).text())
    assert int(dialog.figures.item(row, 2).text()) == before + 1
    assert dialog.figures.item(row, 3).text() == "+1"
    assert dialog.table.item(0, 1).text() == "alle"  # the filter, in words
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Schließen"
    hours = dialog.figures.item(rows["Begleitungsstunden"], 1).text()
    assert "." not in hours  # German numbers: 235,5, not 235.5
    assert dialog.figures.item(row, 2).background().color() == QColor(HIGHLIGHT)
    untouched = rows["Kindeswohl-Hinweise (erheblich)"]
    assert dialog.figures.item(untouched, 2).background().color() != QColor(HIGHLIGHT)
    causes = [dialog.causes.item(i).text() for i in range(dialog.causes.count())]
    assert "Begleitung am 03.02.2026: nachgetragen" in causes
    assert not any("Петрова" in text for text in causes)
    assert dialog.save_button.isEnabled() and dialog.open_button.isEnabled()

    PNG_FOLDER.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(PNG_FOLDER / "report-archive-1024.png"))
    preview = dialog.open_pdf()
    assert preview is not None
    qtbot.addWidget(preview)
    preview.close()
    dialog.close()


def archive_with_a_later_begleitung(qtbot, central, monkeypatch) -> ReportArchiveDialog:
    """Close the year's report, enter a Begleitung dated in it, open the comparison."""
    page = open_page(qtbot, central)
    monkeypatch.setattr(page, "confirm_close", lambda period: True)
    page.close_button.click()
    wait_idle(qtbot, central)
    family = central.services.families.create(family_name="Петрова", sozialraum="pelkum",
                                              herkunftsland="bulgarien")  # fmt: skip
    central.services.contacts.create(household_id=family.id, kind="begleitung",
                                     date=dt.date(2026, 2, 3), duration_min=45,
                                     institution="kinderarzt", paket=4)  # fmt: skip
    dialog = page.open_archive()
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    wait_idle(qtbot, central)
    dialog.table.selectRow(0)
    wait_idle(qtbot, central)
    return dialog


def shown_figures(dialog: ReportArchiveDialog) -> dict[str, int]:
    return {dialog.figures.item(row, 0).text(): row for row in range(dialog.figures.rowCount())
            if not dialog.figures.isRowHidden(row)}  # fmt: skip


def test_only_differences_hides_the_unchanged_figures(qtbot, central, monkeypatch):
    dialog = archive_with_a_later_begleitung(qtbot, central, monkeypatch)
    assert dialog.only_differences.isChecked()
    assert dialog.only_differences.text().replace("&", "") == "nur Unterschiede"
    shown = shown_figures(dialog)
    assert "Begleitungen" in shown and "Kindeswohl-Hinweise (erheblich)" not in shown
    assert len(shown) == len(dialog.comparison.differences)
    for row in shown.values():
        assert dialog.figures.item(row, 2).background().color() == QColor(HIGHLIGHT)
    PNG_FOLDER.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(PNG_FOLDER / "report-archive-differences-1024.png"))

    dialog.only_differences.setChecked(False)
    everything = shown_figures(dialog)
    assert "Kindeswohl-Hinweise (erheblich)" in everything
    assert len(everything) == dialog.figures.rowCount()
    assert len(everything) > len(shown)
    dialog.only_differences.setChecked(True)
    assert shown_figures(dialog) == shown
    dialog.close()


def test_save_pdf_writes_the_archived_pdf(qtbot, central, monkeypatch, tmp_path):
    dialog = archive_with_a_later_begleitung(qtbot, central, monkeypatch)
    asked = []

    def choose(parent, title, suggested, kinds):
        asked.append(suggested)
        return str(tmp_path / "bericht"), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.save_button.click()
    wait_idle(qtbot, central)
    saved = tmp_path / "bericht.pdf"
    archived = central.services.report_archive.load(dialog.comparison.archived.id)
    assert saved.read_bytes() == archived.pdf
    assert asked == ["Kennzahlen_2026-01-01_2026-12-31.pdf"]
    assert str(saved) in dialog.summary.text()
    dialog.close()
