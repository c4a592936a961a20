"""Cosmetic defects seen in screenshots (issue 14, item 8): each test is what a worker saw."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QStyle, QTableView

from hamm_field.i18n import set_language
from hamm_field.ui.dialogs.conflict_view import ConflictReview
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from hamm_field.ui.resources import stylesheet
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import member, open_dialog, open_window
from tests.services.support import clash, new_family

pytestmark = pytest.mark.gui


def headers(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.headerData(column, Qt.Orientation.Horizontal))
            for column in range(model.columnCount())]


# Column headers: "срок", "отговорник", "първи контакт" next to "Семейство" ------------

@pytest.mark.parametrize("language", ["de", "bg"])
def test_every_table_header_starts_with_a_capital(qtbot, ui, central, language):
    set_language(language)
    seen = []
    for context in (ui, central):
        window = open_window(qtbot, context)
        window.navigate(window.pages.index(window.sync))
        wait_idle(qtbot, context)
        for view in window.findChildren(QTableView):
            seen += [(view.accessibleName(), text) for text in headers(view)]
    assert len(seen) > 60  # every page's tables, the sync tabs of the coordination included
    assert [entry for entry in seen if not entry[1][:1].isupper()] == []


# A long window title on a short question box is cut off ("Да се откаже… т въведеното?") --

def test_the_discard_question_keeps_its_title_short_and_asks_in_the_text(
        qtbot, ui, monkeypatch):  # fmt: skip
    set_language("bg")
    boxes: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        boxes.append(box)
        box.findChild(QPushButton, "keep").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog = open_dialog(qtbot, ui)
    type_text(dialog.family, "Петр")
    dialog.reject()
    [box] = boxes
    assert box.text() == "Да се откажем ли от въведеното?"
    # The title bar has the window buttons and a bolder font: the title must be much narrower.
    title = box.fontMetrics().horizontalAdvance(box.windowTitle())
    assert title * 1.3 + 120 <= box.sizeHint().width()
    assert dialog.isVisible()


# A green tick on "Löschen" ------------------------------------------------------------

def test_delete_confirmation_has_no_icon_and_a_red_button_even_where_buttons_have_icons(
        qtbot, ui, services, qapp):  # fmt: skip
    # A desktop that puts icons on dialog buttons (GNOME: a green tick on "Yes").
    qapp.setStyleSheet("QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 1; }\n"
                       + stylesheet())
    try:
        household = new_family(services, "Петрова")
        page = FamilyDetailPage(ui)
        qtbot.addWidget(page)
        page.show()
        page.show_family(household.id)
        wait_idle(qtbot, ui)
        page.actions["delete"].click()
        box = page.confirm_box
        assert box is not None
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes.icon().isNull()
        assert yes.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons,
                                     None, yes.parentWidget()) == 0
        assert yes.palette().color(yes.foregroundRole()).red() > 150
        box.button(QMessageBox.StandardButton.No).click()
    finally:
        qapp.setStyleSheet("")


# Conflict times without seconds: two edits in one minute looked alike ------------------

def test_conflict_sides_show_the_time_with_seconds(qtbot, world, make_ui):
    clash(world)
    ui = make_ui(world.central, "central")
    review = ConflictReview(ui)
    qtbot.addWidget(review)
    review.resize(1024, 600)
    review.show()
    review.refresh()
    wait_idle(qtbot, ui)
    assert review.table.rowCount() == 1
    for side in (review.current, review.other):
        assert re.search(r"\d:\d\d:\d\d$", side.when.text()), side.when.text()


# The empty conflict tab: "Keine offenen Konflikte" floated in the middle of the page ---

def test_no_conflicts_text_sits_at_the_top(qtbot, world, make_ui):
    ui = make_ui(world.central, "central")
    review = ConflictReview(ui)
    qtbot.addWidget(review)
    review.resize(1024, 600)
    review.show()
    review.refresh()
    wait_idle(qtbot, ui)
    assert review.empty.isVisible() and review.table.isHidden()
    assert review.empty.geometry().bottom() < review.intro.geometry().bottom() + 60
    assert review.empty.geometry().top() < review.height() / 4


# Cut off at 1024x600 in Bulgarian: the family field's hint and the "Осигурен" column ---

def test_the_family_field_hint_fits_in_bulgarian(qtbot, ui):
    set_language("bg")
    dialog = open_dialog(qtbot, ui)
    assert dialog.width() <= 1000  # as it opens on a 1024 x 600 screen
    field = dialog.family
    hint = field.placeholderText()
    assert hint
    frame = field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    room = field.width() - 2 * frame - 8  # the frame and the text margins
    assert field.fontMetrics().horizontalAdvance(hint) <= room, (hint, room)


def test_member_table_columns_fit_their_titles_in_bulgarian(qtbot, ui, services):
    set_language("bg")
    household = new_family(services, "Петрова")
    member(services, household, "Мария", "Петрова")
    page = FamilyDetailPage(ui)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.show_family(household.id)
    wait_idle(qtbot, ui)
    table = page.members.table
    header = table.horizontalHeader()
    cut = []
    for column, title in enumerate(headers(table)):
        needed = header.fontMetrics().horizontalAdvance(title) + 8
        visible = min(header.sectionViewportPosition(column) + header.sectionSize(column),
                      table.viewport().width()) - header.sectionViewportPosition(column)
        if visible < needed:
            cut.append((title, visible, needed))
    assert cut == []
    assert QApplication.activeModalWidget() is None
