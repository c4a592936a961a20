"""Starterpaket handout: tick the items, save once, print the bilingual receipt."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from hamm_field.domain.masterdata import STARTERPAKET_ITEMS
from hamm_field.reports.receipt_texts import texts as receipt_texts
from hamm_field.ui.dialogs.handout_dialog import HandoutDialog
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def family(ui):
    services = ui.services
    household = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg", "tr"], pakete=[1], pseudonym=False,
    )  # fmt: skip
    mother = services.persons.create(
        household_id=household.id, given_name="Мария", family_name="Петрова",
        relation="elternteil",
    )  # fmt: skip
    return household, mother


@pytest.fixture
def dialog(qtbot, ui, family):
    dialog = HandoutDialog(ui, family[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(dialog.isEnabled)
    return dialog


def untick(qtbot, check):
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert not check.isChecked()


def test_form_shows_all_items_ticked_and_the_family_language(dialog, family):
    assert "Петрова" in dialog.heading.text()
    assert list(dialog.checks) == [key for key, _label in STARTERPAKET_ITEMS]
    assert all(check.isChecked() for check in dialog.checks.values())
    assert dialog.edition.currentData() == "bg"  # the family's first language
    assert dialog.recipient.itemText(1) == "Мария Петрова"
    assert dialog.date.date().toPython().isoformat() == "2026-11-20"


def test_saves_the_ticked_items_and_prints_the_receipt(qtbot, ui, dialog, family):
    household, mother = family
    untick(qtbot, dialog.checks["nachtruhe"])
    untick(qtbot, dialog.checks["kitas"])
    dialog.recipient.setCurrentIndex(1)
    changes = []
    ui.changed.connect(changes.append)
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    handout = ui.services.handouts.get(saved.args[0])
    assert handout.household_id == household.id
    assert handout.edition == "bg"
    assert handout.recipient_person_id == mother.id
    expected = [key for key, _l in STARTERPAKET_ITEMS if key not in ("nachtruhe", "kitas")]
    assert handout.items == expected
    assert changes == ["handout"]
    assert dialog.done_label.isVisible() and dialog.receipt_button.isVisible()

    qtbot.mouseClick(dialog.receipt_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    text = " ".join(PdfReader(io.BytesIO(dialog.preview.pdf)).pages[0].extract_text().split())
    assert "Петрова" in text
    assert "Ich habe das Starterpaket erhalten." in text
    bulgarian = receipt_texts("bg")["sentence"]
    assert bulgarian != "Ich habe das Starterpaket erhalten." and bulgarian in text
    assert "Hinweise: Nachtruhe" not in text
    assert dialog.preview.page_count == 1
    dialog.preview.reject()


def test_nothing_ticked_is_refused_beside_the_list(qtbot, ui, dialog, family):
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: dialog.items_error.text() != "")
    assert "mindestens einen Teil" in dialog.items_error.text()
    assert ui.services.overview.handouts(family[0].id) == []
    assert dialog.save_button.isEnabled()  # fix it and try again


def test_double_save_stores_one_handout(qtbot, ui, dialog, family):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.save()  # Ctrl+Enter while the first save is still running
    wait_idle(qtbot, ui)
    assert len(ui.services.overview.handouts(family[0].id)) == 1


def test_receipt_preview_saves_only_when_asked_and_prints_from_memory(
    qtbot, ui, dialog, tmp_path, monkeypatch
):
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    qtbot.mouseClick(dialog.receipt_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    preview = dialog.preview
    assert list(tmp_path.glob("**/*.pdf")) == []  # shown from memory, nothing on disk

    target = tmp_path / "quittung"  # the ".pdf" is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))  # fmt: skip
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.saved_to is not None, timeout=10_000)
    assert (tmp_path / "quittung.pdf").read_bytes() == preview.pdf
    assert "quittung.pdf" in preview.status.text()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "gedruckt.pdf"))
    preview.print_to(printer)
    assert len(PdfReader(tmp_path / "gedruckt.pdf").pages) == 1
    preview.reject()
