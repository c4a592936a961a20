"""Silent or late feedback (issue 14, item 5): each test is what a worker ran into."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from hamm_field.domain.tables import Worker
from hamm_field.ui.dialogs.case_dialogs import GoalDialog, ObservationDialog
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.pages.contacts import ContactsPage
from hamm_field.ui.pages.starterpakete import StarterpaketePage
from hamm_field.ui.pages.sync_laptop import LaptopSync
from hamm_field.ui.pages.today import TodayPage
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import member
from tests.services.support import begleitung, new_family

pytestmark = pytest.mark.gui


def show(qtbot, ui, widget):
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    wait_idle(qtbot, ui)
    return widget


def cells(table, column):
    return [table.item(row, column).text() for row in range(table.rowCount())]


# "Starterpaket übergeben" without a family ------------------------------------------

def test_hand_out_is_off_until_a_family_is_chosen_and_says_so(qtbot, ui, services):
    waiting = new_family(services, "Иванова", pakete=[1])
    page = show(qtbot, ui, StarterpaketePage(ui))
    assert cells(page.waiting, 0) == ["Иванова"]
    assert not page.hand_out.isEnabled()
    assert page.hand_out_hint.isVisible()
    assert "Familie auswählen" in page.hand_out_hint.text()

    page.waiting.setCurrentCell(0, 0)
    assert page.hand_out.isEnabled()
    assert page.hand_out_hint.text() == ""
    with qtbot.waitSignal(page.handout_requested) as requested:
        qtbot.mouseClick(page.hand_out, Qt.MouseButton.LeftButton)
    assert requested.args == [waiting.id]


def test_hand_out_with_nobody_waiting_says_all_have_one(qtbot, ui):
    page = show(qtbot, ui, StarterpaketePage(ui))
    assert not page.hand_out.isEnabled()
    assert page.hand_out_hint.text() == "Alle neuen Familien haben ein Starterpaket."


def test_contact_edit_and_delete_are_off_until_a_contact_is_chosen(qtbot, ui, services):
    """The same on the Kontakte screen: the buttons did nothing without a chosen row."""
    contact = begleitung(services, new_family(services))
    page = show(qtbot, ui, ContactsPage(ui))
    assert page.table.rowCount() == 1
    for button in (page.edit_button, page.delete_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Bitte zuerst einen Kontakt in der Liste auswählen."
    page.table.setCurrentCell(0, 0)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()
    with qtbot.waitSignal(page.contact_opened) as opened:
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert opened.args == [contact.id]


# Export on a laptop that is not enrolled ----------------------------------------------

def test_a_laptop_not_enrolled_says_so_before_any_folder_is_asked_for(
        qtbot, ui, services, monkeypatch):  # fmt: skip
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: asked.append("folder") or "")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: asked.append("files") or ([], ""))
    section = show(qtbot, ui, LaptopSync(ui))
    section.show_status(services.sync.status())
    wait_idle(qtbot, ui)
    assert section.enrol_box.isVisible()  # the way to an enrolment is on screen
    for button, hint in ((section.export_button, section.export_hint),
                         (section.return_button, section.return_hint)):
        assert not button.isEnabled()
        assert hint.isVisible() and "angemeldet ist" in hint.text()
    qtbot.mouseClick(section.export_button, Qt.MouseButton.LeftButton)
    section.export()  # the shortcut Alt+P calls it too
    section.read_return()
    wait_idle(qtbot, ui)
    assert asked == []


# Hints beside the fields go once answered ---------------------------------------------

def save(qtbot, ui, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ui)


def open_dialog(qtbot, ui, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    assert dialog.body.isEnabled()
    return dialog


@pytest.fixture
def sozialbetreuer(new_store):
    with new_store.store.write() as writer:
        me = writer.session.get(Worker, new_store.store.worker_id)
        writer.update(me, {"role": "sozialbetreuer"})


def test_goal_hints_go_when_the_fields_are_filled(qtbot, ui, services, sozialbetreuer):
    family = new_family(services)
    dialog = open_dialog(qtbot, ui, GoalDialog(ui, family.id))
    save(qtbot, ui, dialog)
    assert dialog.field_error("handlungsfeld") == "Bitte auswählen."
    assert dialog.field_error("text") == "Bitte ausfüllen."

    dialog.handlungsfeld.setCurrentIndex(dialog.handlungsfeld.findData("sprache"))
    assert dialog.field_error("handlungsfeld") == ""
    assert dialog.field_error("text") == "Bitte ausfüllen."  # still unanswered
    type_text(dialog.text, "Sprachkurs A1 beginnen")
    assert dialog.field_error("text") == ""
    save(qtbot, ui, dialog)
    assert not dialog.isVisible()


def test_observation_hint_goes_when_a_child_is_chosen(qtbot, ui, services, sozialbetreuer):
    household = new_family(services)
    children = [member(services, household, name, "Алиева", relation="kind")
                for name in ("Айше", "Мехмед")]  # fmt: skip
    people = [(child.id, child.given_name) for child in children]
    dialog = open_dialog(qtbot, ui, ObservationDialog(ui, household.id, people=people))
    save(qtbot, ui, dialog)
    assert dialog.field_error("person_id") == "Bitte das Kind auswählen."
    dialog.child.setCurrentIndex(dialog.child.findData(children[1].id))
    assert dialog.field_error("person_id") == ""


def test_family_name_hint_goes_when_a_name_is_typed(qtbot, ui):
    dialog = open_dialog(qtbot, ui, FamilyDialog(ui))
    save(qtbot, ui, dialog)
    assert dialog.field_error("family_name") == "Bitte ausfüllen."
    type_text(dialog.family_name, "Петрова")
    assert dialog.field_error("family_name") == ""


# "ohne Kontakt seit 6 Wochen" shows the last contact ----------------------------------

def test_quiet_families_show_their_last_contact_not_their_first(qtbot, ui, services):
    quiet = new_family(services, "Popescu", herkunftsland="rumaenien",
                       first_contact=TODAY - dt.timedelta(weeks=30))
    begleitung(services, quiet, date=TODAY - dt.timedelta(weeks=20))
    begleitung(services, quiet, date=TODAY - dt.timedelta(weeks=8))
    new_family(services, "Стоянова", first_contact=TODAY - dt.timedelta(weeks=10))
    page = show(qtbot, ui, TodayPage(ui))
    assert page.quiet.horizontalHeaderItem(1).text() == "Letzter Kontakt"
    assert cells(page.quiet, 0) == ["Popescu", "Стоянова"]
    eight_weeks_ago = (TODAY - dt.timedelta(weeks=8)).strftime("%d.%m.%Y")
    assert cells(page.quiet, 1) == [eight_weeks_ago, "noch keiner"]
