"""Familien: transliterated search as you type, filters, the lazy list, Neue Familie."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hamm_field.domain.tables import Worker
from hamm_field.domain.translit import search_key
from hamm_field.services.demo import load_demo
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.family_model import PAGE_SIZE
from hamm_field.ui.pages.families import FamiliesPage
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import family, member, search, shown_names

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, ui):
    widget = FamiliesPage(ui)
    qtbot.addWidget(widget)
    widget.resize(1150, 700)
    widget.show()
    wait_idle(qtbot, ui)
    return widget


def test_petrova_in_latin_finds_the_family_written_in_cyrillic(qtbot, ui, services, page):
    family(services, "Петрова")
    family(services, "Popescu", herkunftsland="rumaenien")
    page.refresh()
    wait_idle(qtbot, ui)
    assert page.count.text() == "2 Familien"
    search(qtbot, ui, page, "petrova")
    assert shown_names(page) == ["Петрова"]
    assert page.count.text() == "1 Familie"


def test_stefan_finds_both_romanian_spellings_of_a_member(qtbot, ui, services, page):
    comma, cedilla = family(services, "Popa"), family(services, "Ionescu")
    member(services, comma, "Ștefan", "Popa")  # s with comma below
    member(services, cedilla, "Ştefan", "Ionescu")  # s with cedilla
    member(services, family(services, "Петров"), "Иван", "Петров")
    search(qtbot, ui, page, "stefan")
    assert shown_names(page) == ["Ionescu", "Popa"]
    search(qtbot, ui, page, "ŞTEFAN ion")
    assert shown_names(page) == ["Ionescu"]


def test_filters_by_sozialraum_paket_status_and_only_mine(qtbot, ui, services, new_store, page):
    with new_store.store.write() as writer:
        colleague = writer.insert(Worker(name="Colleague", role="schluesselfigur"))
    family(services, "Петрова", sozialraum="pelkum", pakete=[2])
    family(services, "Popescu", pakete=[5], status="ruhend", worker_id=colleague.id)
    family(services, "Alieva", pakete=[1, 5])
    page.refresh()
    wait_idle(qtbot, ui)

    def pick(combo, value):
        combo.setCurrentIndex(combo.findData(value))
        wait_idle(qtbot, ui)

    pick(page.sozialraum, "pelkum")
    assert shown_names(page) == ["Петрова"]
    pick(page.sozialraum, None)
    pick(page.paket, 5)
    assert shown_names(page) == ["Alieva", "Popescu"]
    qtbot.mouseClick(page.mine, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    assert shown_names(page) == ["Alieva"]
    assert page.count.text() == "1 Familie"
    page.mine.setChecked(False)
    pick(page.paket, None)
    pick(page.status, "ruhend")
    assert shown_names(page) == ["Popescu"]
    assert page.model.index(0, 4).data() == "Colleague"


def test_a_newer_query_is_never_overwritten_by_an_older_answer(qtbot, ui, services, page):
    for name in ("Petrov", "Petrova", "Petkov", "Popescu"):
        family(services, name)
    page.model.set_filter(FamilyFilter(query="p"))
    page.model.set_filter(FamilyFilter(query="pet"))
    page.model.set_filter(FamilyFilter(query="petrova"))
    wait_idle(qtbot, ui)
    assert shown_names(page) == ["Petrova"]
    assert page.model.total == 1


def test_keyboard_only_from_search_to_the_opened_family(qtbot, ui, services, page):
    wanted = family(services, "Стоянова")
    family(services, "Стоянов")
    search(qtbot, ui, page, "stoyanova")
    with qtbot.waitSignal(page.family_opened) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        assert page.table.hasFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [wanted.id]


def open_new_family_dialog(qtbot, ui, page) -> FamilyDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    wait_idle(qtbot, ui)
    assert dialog.body.isEnabled()
    return dialog


def test_new_family_with_a_cyrillic_name_is_created_and_listed(qtbot, ui, services, page):
    dialog = open_new_family_dialog(qtbot, ui, page)
    type_text(dialog.family_name, "Стоянова")
    dialog.sozialraum.setCurrentIndex(dialog.sozialraum.findData("hamm-westen"))
    dialog.herkunftsland.setCurrentIndex(dialog.herkunftsland.findData("bulgarien"))
    dialog.pakete.item(1).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.family_opened) as opened:
        qtbot.keyClick(dialog.family_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait_idle(qtbot, ui)
    created = services.families.get(opened.args[0])
    assert (created.family_name, created.pakete, created.first_contact) == ("Стоянова", [2], TODAY)
    page.refresh()
    search(qtbot, ui, page, "stoyanova")
    assert shown_names(page) == ["Стоянова"]


def test_new_family_form_shows_what_is_missing_beside_the_fields(qtbot, ui, services, page):
    dialog = open_new_family_dialog(qtbot, ui, page)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # a double click stores nothing twice
    wait_idle(qtbot, ui)
    assert dialog.isVisible()
    assert dialog.field_error("family_name") == "Bitte ausfüllen."
    assert dialog.field_error("sozialraum") == "Bitte auswählen."
    assert dialog.field_error("address") == ""
    assert services.views.count_families(FamilyFilter()) == 0
    type_text(dialog.family_name, "Popescu")
    dialog.sozialraum.setCurrentIndex(dialog.sozialraum.findData("pelkum"))
    dialog.herkunftsland.setCurrentIndex(dialog.herkunftsland.findData("rumaenien"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    assert not dialog.isVisible()
    assert services.views.count_families(FamilyFilter()) == 1


@pytest.mark.slow
def test_the_list_of_many_families_scrolls_and_filters(qtbot, ui, services, new_store, page):
    # The size the list must stay fluid with; loading takes about 90 s here.
    load_demo(new_store.store, families=100_000, seed=1, year=2026, today=TODAY)
    page.refresh()
    wait_idle(qtbot, ui, timeout=30_000)
    assert page.count.text() == "100.000 Familien"
    assert page.model.rowCount() == PAGE_SIZE
    for pages in (2, 3):
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda n=pages: page.model.rowCount() == n * PAGE_SIZE, timeout=10_000)
        wait_idle(qtbot, ui)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    keys = [search_key(name) for name in names]
    assert keys == sorted(keys)  # Cyrillic and Latin spellings interleave
    page.sozialraum.setCurrentIndex(page.sozialraum.findData("pelkum"))
    search(qtbot, ui, page, "petrova")
    expected = services.views.count_families(FamilyFilter(query="petrova", sozialraum="pelkum"))
    assert 0 < expected < 100_000
    assert page.count.text() == f"{expected} Familien"
    assert page.model.rowCount() == min(expected, PAGE_SIZE)
    assert {page.model.index(r, 1).data() for r in range(page.model.rowCount())} == {"Pelkum"}
    page.sozialraum.setCurrentIndex(0)
    search(qtbot, ui, page, "")
    assert page.count.text() == "100.000 Familien"
