"""Kontakt erfassen, driven like a person would: keys typed, buttons clicked, real store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from hamm_field.domain.vocab import ContactKind
from tests.conftest import TODAY
from tests.gui.conftest import press, type_keys, type_text, wait_idle
from tests.gui.support import open_dialog

pytestmark = [
    pytest.mark.gui,
    # Completion popups ask the offscreen platform for things it cannot do.
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def family(services):
    """A Bulgarian family in Hamm-Westen, written in Cyrillic."""
    household = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg"], pakete=[1],
    )
    services.families.create(
        family_name="Popescu", sozialraum="pelkum", herkunftsland="rumaenien", languages=["ro"],
    )
    return household


def contacts_of(services, household_id):
    entries = services.views.timeline(household_id)
    return [services.contacts.get(e.record_id) for e in entries if e.kind == "contact"]


def choose_family(qtbot, ui, dialog, text="petrova"):
    type_text(dialog.family, text)
    qtbot.waitUntil(lambda: dialog.family.completer.popup().isVisible())
    press(Qt.Key.Key_Return)
    wait_idle(qtbot, ui)


def test_begleitung_by_keyboard_only(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui)
    assert dialog.family.hasFocus()
    type_text(dialog.family, "petrova")  # Latin letters find "Петрова"
    press(Qt.Key.Key_Return)  # before the results are in: the first one is taken then
    qtbot.waitUntil(lambda: dialog.family.household_id is not None)
    assert dialog.family.household_id == family.id
    assert dialog.family.text() == "Петрова – Hamm-Westen"
    assert dialog.date.hasFocus()
    press(Qt.Key.Key_Tab)
    type_keys("60")
    press(Qt.Key.Key_Tab)
    type_keys("4")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    assert dialog.institution.hasFocus()
    type_keys("kin")
    press(Qt.Key.Key_Return)
    assert dialog.institution.currentText() == "Kinderarztpraxis"
    with qtbot.waitSignal(dialog.saved) as saved:
        press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    [contact] = contacts_of(services, family.id)
    assert contact.id == saved.args[0]
    assert (contact.kind, contact.duration_min, contact.paket) == ("begleitung", 60, 4)
    assert contact.institution == "kinderarzt"
    assert contact.sozialraum == "hamm-westen"
    assert contact.date == TODAY
    assert contact.worker_id == ui.worker_id
    assert not dialog.isVisible()
    assert services.drafts.load("contact:new") is None


def test_begleitung_without_institution_is_refused_beside_the_field(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    assert dialog.sozialraum.key() == "hamm-westen"
    press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    error = dialog.slots["institution"].error
    assert error.isVisible() and error.text() == "Bitte auswählen."
    assert dialog.institution.hasFocus()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert contacts_of(services, family.id) == []


def test_veranstaltung_has_no_family_and_needs_title_and_participants(qtbot, ui, services):
    dialog = open_dialog(qtbot, ui)
    assert dialog.family.isVisible()
    press("8", CTRL)
    assert dialog.kind.kind() == ContactKind.VERANSTALTUNG
    assert not dialog.family.isVisible()
    assert dialog.title_edit.isVisible() and dialog.participants.isVisible()
    press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert dialog.slots["title"].error.text() == "Bitte ausfüllen."
    assert dialog.slots["participants"].error.isVisible()
    assert not dialog.slots["household_id"].error.isVisible()
    assert dialog.title_edit.hasFocus()
    type_text(dialog.title_edit, "Elterncafé Grundschule")
    press(Qt.Key.Key_Tab)
    assert dialog.participants.hasFocus()
    type_keys("25")
    dialog.sozialraum.set_key("hamm-norden")
    with qtbot.waitSignal(dialog.saved) as saved:
        press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    contact = services.contacts.get(saved.args[0])
    assert (contact.household_id, contact.title, contact.participants) == (
        None, "Elterncafé Grundschule", 25)


def test_double_click_on_speichern_stores_one_contact(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    dialog.institution.set_key("schule")
    saves = []
    dialog.saved.connect(saves.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.save()  # even past the disabled button
    press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert len(saves) == 1
    assert len(contacts_of(services, family.id)) == 1


def test_draft_survives_an_unclean_close(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    type_text(dialog.note, "Среща в училище, майката носи документите.")
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    type_keys("45")
    qtbot.wait(500)  # the debounced autosave
    wait_idle(qtbot, ui)
    dialog.hide()  # a crash or power cut: no reject, no discard
    again = open_dialog(qtbot, ui)
    assert again.note.toPlainText() == "Среща в училище, майката носи документите."
    assert again.duration.value() == 45
    assert again.family.household_id == family.id
    assert again.notice.isVisible() and again.notice.text() == "Entwurf wiederhergestellt"
    assert again.has_input()


def answer_discard_question(qtbot, button_name: str, asked: list[str]) -> None:
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.findChild(QPushButton, button_name).click()

    QTimer.singleShot(50, answer)


def test_escape_asks_before_discarding_typed_input(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui)
    type_text(dialog.family, "Петр")
    qtbot.waitUntil(lambda: dialog.family.completer.popup().isVisible())
    press(Qt.Key.Key_Escape)  # the first Esc closes the suggestions only
    assert dialog.isVisible() and not dialog.family.completer.popup().isVisible()
    wait_idle(qtbot, ui)
    asked: list[str] = []
    answer_discard_question(qtbot, "keep", asked)
    press(Qt.Key.Key_Escape)
    assert asked == ["Eingaben verwerfen?"]
    assert dialog.isVisible() and dialog.family.text() == "Петр"
    qtbot.waitUntil(lambda: dialog.family.hasFocus())  # back where the person was typing
    answer_discard_question(qtbot, "discard", asked)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    wait_idle(qtbot, ui)
    assert services.drafts.load("contact:new") is None


def test_escape_without_input_closes_at_once(qtbot, ui):
    dialog = open_dialog(qtbot, ui)
    assert not dialog.has_input()
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_medical_institution_shows_the_interpreter_hint(qtbot, ui, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    assert not dialog.hint.isVisible()
    type_text(dialog.institution.lineEdit(), "Kinderarzt")
    press(Qt.Key.Key_Return)
    assert dialog.hint.isVisible()
    assert "keine beeidigten Dolmetscher" in dialog.hint.text()
    dialog.institution.set_key("schule")
    assert not dialog.hint.isVisible()
    dialog.institution.set_key("auslaenderbehoerde")
    assert dialog.hint.isVisible()


def test_topics_follow_the_paket(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    master = services.context.master

    def listed():
        return [dialog.topics.item(i).text() for i in range(dialog.topics.count())]

    assert dialog.paket.key() == 1  # the family's Paket
    assert listed() == [t.label for t in master.themes_for(1)]
    dialog.topics.setFocus()
    dialog.topics.setCurrentRow(0)
    press(Qt.Key.Key_Space)
    assert dialog.topics.checked() == ["p1-krankenkasse"]
    dialog.paket.setFocus()
    type_keys("4")
    assert dialog.paket.key() == 4
    assert listed() == ["Vorsorge", "Vorsorge in der Schwangerschaft", "Impfungen",
                        "Begleitung zu Arztterminen"]
    assert dialog.topics.checked() == []


def test_editing_a_contact_changes_it_and_the_timeline(qtbot, ui, services, family):
    contact = services.contacts.create(
        kind="begleitung", household_id=family.id, duration_min=30, paket=1,
        institution="krankenkasse", date=TODAY - dt.timedelta(days=2),
    )
    dialog = open_dialog(qtbot, ui, contact_id=contact.id)
    assert dialog.windowTitle() == "Kontakt bearbeiten"
    assert dialog.institution.currentText() == "Krankenkasse"
    assert dialog.family.text() == "Петрова – Hamm-Westen"
    assert not dialog.has_input()
    press("3", CTRL)
    dialog.duration.setFocus()
    dialog.duration.selectAll()
    type_keys("90")
    with qtbot.waitSignal(dialog.saved):
        press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    changed = services.contacts.get(contact.id)
    assert (changed.kind, changed.duration_min) == ("hausbesuch", 90)
    change, entry = services.views.timeline(family.id)
    assert entry.title == "Hausbesuch"
    assert (change.kind, change.title, change.record_id) == ("change", "Kontakt geändert",
                                                             contact.id)
    assert len(contacts_of(services, family.id)) == 1


def test_family_defaults_come_from_its_last_contact(qtbot, ui, services, family):
    services.contacts.create(
        kind="begleitung", household_id=family.id, duration_min=30, paket=4, institution="arzt",
    )
    dialog = open_dialog(qtbot, ui)
    choose_family(qtbot, ui, dialog, "Петро")
    assert dialog.sozialraum.key() == "hamm-westen"
    assert dialog.paket.key() == 4
    assert dialog.institution.key() == "arzt"
    assert dialog.hint.isVisible()


def test_sprechstunde_asks_for_the_place(qtbot, ui, services, family):
    dialog = open_dialog(qtbot, ui, household_id=family.id)
    assert not dialog.place.isVisible()
    assert dialog.kind.buttons[0].hasFocus()
    press("4")  # digits choose the kind while it has the focus
    assert dialog.place.isVisible()
    press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert dialog.slots["place"].error.text() == "Bitte auswählen."
    dialog.place.set_key("pelkum")
    with qtbot.waitSignal(dialog.saved) as saved:
        press(Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert services.contacts.get(saved.args[0]).place == "pelkum"


def test_a_family_that_is_not_there_is_said_beside_the_field(qtbot, ui, family):
    dialog = open_dialog(qtbot, ui)
    type_text(dialog.family, "Иванов")
    error = dialog.slots["household_id"].error
    qtbot.waitUntil(error.isVisible)
    assert error.text().startswith("Keine Familie gefunden.")
    press(Qt.Key.Key_Return)
    wait_idle(qtbot, ui)
    assert dialog.family.household_id is None
    dialog.family.selectAll()
    type_text(dialog.family, "Popescu")
    qtbot.waitUntil(lambda: not error.isVisible())
