"""Shipped master data, the PDFs and Qt's own dialog in the reader's language.

Each test is one report from the field: institutions only in German ("kin" had to be
typed for Kinderarztpraxis), "Bulgarien" and "Bulgarisch, Türkisch" in the Bulgarian part
of the Art. 15 PDF, the Starterpaket editions in German in the Bulgarian Kennzahlen, and
"Look in:", "Files of type:", "Folder" in Qt's file dialog. These pass with today's
catalogs; tests/i18n/test_no_german_in_bulgarian.py checks every screen and PDF.
"""

from __future__ import annotations

import datetime as dt
import gettext
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QLabel
from sqlmodel import select

from hamm_field.domain.tables import Household
from hamm_field.i18n import set_language, translator
from hamm_field.i18n.catalog import install
from hamm_field.reports.model import Period
from hamm_field.reports.person_data_texts import TEXT
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.language import apply_language
from tests.conftest import TODAY
from tests.gui.conftest import press, type_text
from tests.gui.support import open_dialog
from tests.i18n.conftest import drop_closed_windows
from tests.reports.pdf_tools import page_texts

OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support")


class _Catalog(gettext.NullTranslations):
    """A language whose catalog names two offices (what the translator pass will do)."""

    NAMES: ClassVar[dict[str, str]] = {
        "Kinderarztpraxis": "Детски лекар", "Ausländerbehörde": "Служба за чужденци"}

    def gettext(self, message: str) -> str:
        return self.NAMES.get(message, message)


@pytest.fixture
def offices_translated():
    install(_Catalog(), "bg")
    yield
    set_language("de")


@pytest.mark.gui
@OFFSCREEN
def test_institutions_read_translated_and_are_found_by_either_name(
        qtbot, ui, services, offices_translated):
    dialog = open_dialog(qtbot, ui)
    box = dialog.institution
    shown = [box.itemText(i) for i in range(box.count())]
    assert "Детски лекар" in shown and "Kinderarztpraxis" not in shown
    assert "Служба за чужденци" in shown
    type_text(box.lineEdit(), "kin")  # the German name, as the office calls itself
    qtbot.waitUntil(lambda: box.completer().popup().isVisible())
    press(Qt.Key.Key_Return)
    assert box.currentText() == "Детски лекар"
    assert box.key() == "kinderarzt"
    box.lineEdit().clear()
    type_text(box.lineEdit(), "чужд")  # the reader's own word
    qtbot.waitUntil(lambda: box.completer().popup().isVisible())
    press(Qt.Key.Key_Return)
    assert box.key() == "auslaenderbehoerde"
    box.set_key(None)
    type_text(box.lineEdit(), "Ausländerbehörde")
    assert box.key() == "auslaenderbehoerde"  # typed in full, without the list


def _bulgarian_family(services) -> str:
    family = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg", "tr"], pakete=[1])  # fmt: skip
    services.contacts.create(
        kind="begleitung", household_id=family.id, duration_min=60, paket=4,
        institution="kinderarzt", topics=["p4-impfungen"], language="tr", date=TODAY)
    return family.id


def test_bulgarian_part_of_the_art15_pdf_names_country_and_languages_in_bulgarian(services):
    """Made by a worker whose app is in German, as it is at the office."""
    set_language("de")
    family = _bulgarian_family(services)
    pages = page_texts(services.person_data.family(family))
    first = next(i for i, page in enumerate(pages) if translator("bg")(TEXT["title"]) in page)
    german, bulgarian = " ".join(pages[:first]), " ".join(pages[first:])
    assert "Bulgarien" in german and "Bulgarisch, Türkisch" in german
    assert "Impfungen" in german
    assert "Bulgarien" not in bulgarian and "Bulgarisch" not in bulgarian
    assert "Türkisch" not in bulgarian and "Impfungen" not in bulgarian
    bg = translator("bg")
    assert bg("Bulgarien") in bulgarian
    assert f"{bg('Bulgarisch')}, {bg('Türkisch')}" in bulgarian
    assert bg("Impfungen") in bulgarian


def test_bulgarian_kennzahlen_name_the_starterpaket_editions_in_bulgarian(
        demo_services, german_afterwards):
    apply_language("bg")
    reports = demo_services.reports
    editions = reports.compute(Period(dt.date(TODAY.year, 1, 1), TODAY, "jahr"))
    # Which editions a laptop's demo handed out depends on its device id: use those it has.
    handed_out = set(editions.starterpakete_nach_ausgabe) & {"Bulgarisch", "Türkisch",
                                                            "Rumänisch"}  # fmt: skip
    assert "Bulgarisch" in handed_out
    text = " ".join(page_texts(reports.render(reports.report(
        Period(dt.date(TODAY.year, 1, 1), TODAY, "jahr")), "pdf")))
    bg = translator("bg")
    section = text[text.index(bg("Starterpakete nach Sprachausgabe")):]
    for edition in handed_out:
        assert bg(edition) in section and edition not in text


def _file_dialog(qtbot, folder) -> QFileDialog:
    (folder / "Sicherung").mkdir(exist_ok=True)
    dialog = QFileDialog(None, "", str(folder), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # as on Linux, and offscreen
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QAbstractItemView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1)
    return dialog


def _file_dialog_texts(dialog: QFileDialog) -> tuple[str, str, str]:
    view = dialog.findChild(QAbstractItemView, "treeView")
    kind = view.model().index(0, 2, view.rootIndex()).data()
    return (dialog.findChild(QLabel, "lookInLabel").text(),
            dialog.findChild(QLabel, "fileTypeLabel").text(), kind)


@pytest.mark.gui
@OFFSCREEN
@pytest.mark.parametrize("language", ["de", "bg", "ro", "tr"])
def test_qts_file_dialog_fills_qts_gaps_from_our_catalog(qtbot, tmp_path, german_afterwards,
                                                         language):  # fmt: skip
    drop_closed_windows()
    apply_language(language)
    look_in, file_type, kind = _file_dialog_texts(_file_dialog(qtbot, tmp_path))
    ours = translator(language)
    assert look_in != "&Look in:" and file_type != "Files of &type:" and kind != "Folder"
    if language != "de":  # where Qt's own catalog has no word, ours has
        assert (look_in, file_type) == (ours("Suchen &in:"), ours("Datei&typ:"))
    if language in ("bg", "ro"):
        assert kind == ours("Ordner")


def test_demo_pseudonyms_are_initials_in_no_language(services):
    # A laptop's demo draws from its device id; about one family in seven has no consent,
    # so 24 families had none in about 2 % of stores, 120 in practically none.
    services.load_demo(120, seed=3)
    with services.context.store.read() as session:
        pseudonyms = [h.family_name for h in session.exec(select(Household)) if h.pseudonym]
    assert pseudonyms
    assert all(len(name) == 2 and name.endswith(".") for name in pseudonyms), pseudonyms
    mine = services.views.search_families(FamilyFilter(), limit=200)
    assert not [f for f in mine if "Familie" in f.family_name]
