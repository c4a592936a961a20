"""Telling families apart: "petrova" + Enter must not open one of seven "Петров" families.

The issue's day in the field: seven families Петров in Hamm-Westen, each with a daughter
Петрова, and one family Петрова. Typing "petrova" listed the seven first, alike to the
letter, and Enter opened the first of them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.family_hint import DETAIL_ROLE
from hamm_field.ui.pages.families import FamiliesPage
from tests.gui.conftest import press, type_text, wait_idle
from tests.gui.support import open_dialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),  # completion popups offscreen
]

PARENTS = ("Иван", "Георги", "Стефан", "Димитър", "Николай", "Петър", "Христо")


def _family(services, name, members, street=None):
    household = services.families.create(
        family_name=name, sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg"], pakete=[1], pseudonym=False,
        address=f"{street}, 59077 Hamm" if street else None)
    for year, (given, surname) in enumerate(members, start=1980):
        services.persons.create(household_id=household.id, given_name=given,
                                family_name=surname, relation="kind", birth_year=year)
    return household


@pytest.fixture
def petrovi(services):
    """Seven Петров families with a daughter Петрова each; the id of the one Петрова."""
    for number, parent in enumerate(PARENTS):
        _family(services, "Петров", [(parent, "Петров"), ("Мария", "Петрова")]
                + [("Ани", "Петрова")] * (number % 3), street=f"Wilhelmstraße {number + 1}")
    return _family(services, "Петрова", [("Елена", "Петрова"), ("Гергана", "Петрова")],
                   street="Lange Straße 4").id


@pytest.fixture
def page(qtbot, ui):
    widget = FamiliesPage(ui)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    wait_idle(qtbot, ui)
    return widget


def _search(qtbot, ui, page, text):
    page.search.clear()
    type_text(page.search, text)
    qtbot.waitUntil(lambda: not page.debounce.isActive(), timeout=2_000)
    wait_idle(qtbot, ui)


def _row(model, row):
    """What a person sees of a row: the two lines of name and Sozialraum, the rest."""
    cells = [model.index(row, column) for column in range(model.columnCount())]
    return (cells[0].data(), cells[0].data(DETAIL_ROLE), cells[1].data(DETAIL_ROLE),
            *(cell.data() for cell in cells[1:]))


def test_the_family_named_so_comes_first_and_namesakes_differ(qtbot, ui, petrovi, page):
    _search(qtbot, ui, page, "petrova")
    model = page.model
    assert model.rowCount() == 8
    assert _row(model, 0)[:3] == ("Петрова", "Елена, Гергана · 2 Personen", "Lange Straße 4")
    rows = [_row(model, row) for row in range(8)]
    assert len(set(rows)) == 8  # no two rows look alike
    assert ("Петров", "Иван, Мария · 2 Personen", "Wilhelmstraße 1") in [r[:3] for r in rows]
    assert "Георги, Мария, … · 3 Personen" in [r[1] for r in rows]
    # a screen reader reads the second line too
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Петрова, Елена, Гергана · 2 Personen")


def test_enter_opens_the_only_family_named_so(qtbot, ui, petrovi, page):
    _search(qtbot, ui, page, "petrova")
    with qtbot.waitSignal(page.family_opened) as opened:
        press(Qt.Key.Key_Return)
    assert opened.args == [petrovi]


def test_enter_among_namesakes_lets_the_person_choose(qtbot, ui, petrovi, page):
    _search(qtbot, ui, page, "petrov")
    assert page.model.index(0, 0).data() == "Петров"
    with qtbot.assertNotEmitted(page.family_opened):
        press(Qt.Key.Key_Return)
    assert page.table.hasFocus()
    assert page.table.selectionModel().isRowSelected(0)
    with qtbot.waitSignal(page.family_opened) as opened:
        press(Qt.Key.Key_Return)  # now knowingly, on the marked row
    assert opened.args == [page.model.household_id(0)]


def test_enter_does_not_open_a_family_found_only_through_a_member(qtbot, ui, services, page):
    _family(services, "Петров", [("Мария", "Петрова")])
    _family(services, "Иванова", [("Мария", "Петрова")])
    _search(qtbot, ui, page, "petrova")
    with qtbot.assertNotEmitted(page.family_opened):
        press(Qt.Key.Key_Return)
    assert page.table.hasFocus()


def test_enter_opens_the_only_match_even_through_a_member(qtbot, ui, petrovi, page):
    _search(qtbot, ui, page, "gergana")
    with qtbot.waitSignal(page.family_opened) as opened:
        press(Qt.Key.Key_Return)
    assert opened.args == [petrovi]


def test_a_german_spelling_finds_the_cyrillic_family(qtbot, ui, services, page):
    stoyanova = _family(services, "Стоянова", [("Радка", "Стоянова")])
    _search(qtbot, ui, page, "Stojanowa")
    assert page.model.rowCount() == 1
    with qtbot.waitSignal(page.family_opened) as opened:
        press(Qt.Key.Key_Return)
    assert opened.args == [stoyanova.id]


# The contact dialog's family search -------------------------------------------------


def _popup_rows(dialog: ContactDialog):
    model = dialog.family.completer.popup().model()
    return [(model.index(row, 0).data(), model.index(row, 0).data(DETAIL_ROLE))
            for row in range(model.rowCount())]


def test_contact_dialog_takes_the_family_named_so(qtbot, ui, petrovi):
    dialog = open_dialog(qtbot, ui)
    type_text(dialog.family, "petrova")
    qtbot.waitUntil(lambda: dialog.family.completer.popup().isVisible())
    rows = _popup_rows(dialog)
    assert rows[0] == ("Петрова – Hamm-Westen", "Елена, Гергана · 2 Personen · Lange Straße 4")
    assert len(set(rows)) == 8
    press(Qt.Key.Key_Return)
    wait_idle(qtbot, ui)
    assert dialog.family.household_id == petrovi


def test_contact_dialog_among_namesakes_enter_shows_the_choice(qtbot, ui, petrovi):
    dialog = open_dialog(qtbot, ui)
    type_text(dialog.family, "petrov")
    press(Qt.Key.Key_Return)  # before the results are in
    wait_idle(qtbot, ui)
    popup = dialog.family.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert dialog.family.household_id is None
    assert popup.currentIndex().row() == 0
    assert popup.currentIndex().data(DETAIL_ROLE).endswith("Personen · Wilhelmstraße 4")
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)  # a choice made while seeing who is who
    wait_idle(qtbot, ui)
    assert dialog.family.household_id is not None and dialog.family.household_id != petrovi
    assert dialog.family.text() == "Петров – Hamm-Westen"
