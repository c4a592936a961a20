"""Family detail: consent warning, members, timeline, case work, Kindeswohl, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hamm_field.domain.tables import Worker
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.dialogs.case_dialogs import ConsentDialog, GoalDialog, PhaseDialog
from hamm_field.ui.dialogs.person_dialog import PersonDialog
from hamm_field.ui.language import apply_language
from hamm_field.ui.pages.families import FamiliesPage
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import column, family, member, opened_dialog, save, search, show, shown_names

pytestmark = pytest.mark.gui


def make_worker(new_store, name, role):
    with new_store.store.write() as writer:
        return writer.insert(Worker(name=name, role=role))


def test_header_shows_who_the_family_is(qtbot, ui, services, page):
    household = family(services, "Петрова", languages=["bg", "tr"], pakete=[1, 2])
    show(qtbot, ui, page, household)
    assert page.heading.text() == "Петрова"
    facts = [label.text() for label in page.facts]
    assert facts[:5] == ["Hamm-Westen", "Bulgarien", "Bulgarisch, Türkisch", "aktiv", "Ana Test"]
    assert facts[5] == "1 Neuzugewanderte, 2 Familien mit Kindern"
    assert facts[6] == "noch nicht übergeben"
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.actions["back"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.back_requested):
        qtbot.keyClick(page.timeline, Qt.Key.Key_Escape)


def test_consent_warning_until_a_consent_is_recorded(qtbot, ui, services, page):
    household = family(services, "Петрова")
    signatory = member(services, household, "Елена", "Петрова")
    services.persons.edit(signatory.id, birth_year=1990)  # an adult may sign
    show(qtbot, ui, page, household)
    assert page.warning.isVisible()
    assert page.warning.text() == ("Keine Einwilligung erfasst – Familie nur unter Pseudonym "
                                   "führen.")
    qtbot.mouseClick(page.actions["consent"], Qt.MouseButton.LeftButton)
    dialog = opened_dialog(qtbot, ui, page)
    assert isinstance(dialog, ConsentDialog)
    dialog.person.setCurrentIndex(dialog.person.findText("Елена Петрова"))
    dialog.form_language.setCurrentIndex(dialog.form_language.findData("bg"))
    save(qtbot, ui, dialog)
    assert not dialog.isVisible()
    assert not page.warning.isVisible()
    assert page.facts[7].text() == "erteilt am 20.11.2026"
    page.tabs.setCurrentWidget(page.consents)
    assert column(page.consents.table, 1) == ["Елена Петрова"]
    assert "Einwilligung" in column(page.timeline, 1)

    page.consents.table.setCurrentCell(0, 0)
    page.consents.table.doubleClicked.emit(page.consents.table.currentIndex())
    dialog = opened_dialog(qtbot, ui, page)
    assert dialog.person.currentText() == "Елена Петрова"
    dialog.withdraw_sharing.setChecked(True)  # the day of withdrawal follows: today
    save(qtbot, ui, dialog)
    assert page.warning.text() == (
        "Weitergabe an Institutionen widerrufen am 20.11.2026: keine Vermittlung und keine "
        "Daten an Institutionen ohne neue Einwilligung.")
    assert page.facts[7].text() == "widerrufen am 20.11.2026 (Weitergabe)"


def test_an_added_member_is_listed_and_found_by_search(qtbot, ui, services, page):
    household = family(services, "Popa", herkunftsland="rumaenien")
    show(qtbot, ui, page, household)
    qtbot.mouseClick(page.members.buttons[0][0], Qt.MouseButton.LeftButton)
    dialog = opened_dialog(qtbot, ui, page)
    assert isinstance(dialog, PersonDialog)
    assert dialog.family_name.text() == "Popa"
    type_text(dialog.given_name, "Ștefan")
    dialog.relation.setCurrentIndex(dialog.relation.findData("kind"))
    dialog.birth_year.setValue(2016)
    type_text(dialog.school, "Grundschule Nord")
    save(qtbot, ui, dialog)
    assert column(page.members.table) == ["Ștefan Popa"]
    assert column(page.members.table, 3) == ["Grundschule Nord"]

    families = FamiliesPage(ui)
    qtbot.addWidget(families)
    families.show()
    search(qtbot, ui, families, "stefan")
    assert shown_names(families) == ["Popa"]


def test_person_form_refuses_a_birth_year_in_the_future_beside_the_field(qtbot, ui, page,
                                                                         services):
    household = family(services, "Popa")
    show(qtbot, ui, page, household)
    page.members.buttons[0][0].click()
    dialog = opened_dialog(qtbot, ui, page)
    type_text(dialog.given_name, "Ion")
    save(qtbot, ui, dialog)
    assert dialog.field_error("relation") == "Bitte auswählen."
    assert dialog.field_error("given_name") == ""
    assert services.views.persons(household.id) == []


def test_timeline_lists_a_contact_and_opens_it_for_editing(qtbot, ui, services, page):
    household = family(services, "Петрова")
    contact = services.contacts.create(household_id=household.id, kind="begleitung",
                                       duration_min=60, institution="kinderarzt", paket=4)
    show(qtbot, ui, page, household)
    assert column(page.timeline, 1) == ["Kontakt"]
    assert column(page.timeline, 3) == ["Begleitung"]
    assert column(page.timeline, 0) == ["20.11.2026"]
    with qtbot.waitSignal(page.contact_opened) as opened:
        page.timeline.setCurrentCell(0, 0)
        page.timeline.doubleClicked.emit(page.timeline.currentIndex())
    assert opened.args == [contact.id]
    with qtbot.waitSignal(page.new_contact_requested) as requested:
        qtbot.mouseClick(page.actions["contact"], Qt.MouseButton.LeftButton)
    assert requested.args == [household.id]


def test_starterpaket_status_shows_the_handout(qtbot, ui, services, page):
    household = family(services, "Петрова")
    show(qtbot, ui, page, household)
    with qtbot.waitSignal(page.handout_requested) as requested:
        page.actions["handout"].click()
    assert requested.args == [household.id]
    services.handouts.create(household_id=household.id, edition="bg", items=["stadtplan"])
    ui.changed.emit("handout")
    wait_idle(qtbot, ui)
    assert page.facts[6].text() == "übergeben am 20.11.2026 (Bulgarisch)"


def test_case_phase_and_goals_for_a_sozialbetreuer(qtbot, ui, services, new_store, page):
    with new_store.store.write() as writer:
        me = writer.session.get(Worker, new_store.store.worker_id)
        writer.update(me, {"role": "sozialbetreuer"})
    household = family(services, "Петрова")
    show(qtbot, ui, page, household)
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.case))
    assert page.phase.text() == "Noch keine Fallphase."
    page.tabs.setCurrentWidget(page.case)
    page.case.buttons[0][0].click()
    dialog = opened_dialog(qtbot, ui, page)
    assert isinstance(dialog, PhaseDialog) and dialog.phase.currentData() == 1
    save(qtbot, ui, dialog)
    assert page.phase.text() == "Aktuelle Phase: 1 – Einstieg, seit 20.11.2026"

    page.case.buttons[1][0].click()
    dialog = opened_dialog(qtbot, ui, page)
    assert isinstance(dialog, GoalDialog)
    type_text(dialog.text, "Sprachkurs A1 beginnen")
    save(qtbot, ui, dialog)
    assert dialog.field_error("handlungsfeld") == "Bitte auswählen."
    dialog.handlungsfeld.setCurrentIndex(dialog.handlungsfeld.findData("sprache"))
    dialog.review_date.set_value(TODAY)
    save(qtbot, ui, dialog)
    assert column(page.case.table) == ["Sprachkurs A1 beginnen"]
    assert column(page.case.table, 2) == ["20.11.2026"]
    assert page.case.table.item(0, 2).toolTip() == "Überprüfung fällig"
    assert "Integrationsziel" in column(page.timeline, 1)


def test_no_case_tab_for_a_schluesselfigur(qtbot, ui, services, page):
    show(qtbot, ui, page, family(services, "Петрова"))
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.case))


def test_kindeswohl_hidden_from_a_worker_who_is_neither_author_nor_coordination(
        qtbot, ui, services, new_store, page):
    colleague = make_worker(new_store, "Colleague", "schluesselfigur")
    household = family(services, "Алиева", worker_id=colleague.id)
    child = member(services, household, "Айше", "Алиева", relation="kind")
    services.observations.create(household_id=household.id, person_id=child.id,
                                 concern="erheblich", author_id=colleague.id)
    show(qtbot, ui, page, household)
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.kindeswohl))
    assert "Kindeswohl" not in column(page.timeline, 1)
    assert page.kindeswohl.table.rowCount() == 0


def test_kindeswohl_for_the_responsible_worker_with_add(qtbot, ui, services, page):
    household = family(services, "Алиева")
    member(services, household, "Айше", "Алиева", relation="kind")
    member(services, household, "Фатме", "Алиева")
    show(qtbot, ui, page, household)
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.kindeswohl))
    page.tabs.setCurrentWidget(page.kindeswohl)
    page.kindeswohl.buttons[0][0].click()
    dialog = opened_dialog(qtbot, ui, page)
    assert [dialog.child.itemText(i) for i in range(1, dialog.child.count())] == ["Айше Алиева"]
    dialog.child.setCurrentIndex(1)
    dialog.concern.setCurrentIndex(dialog.concern.findData("gering"))
    save(qtbot, ui, dialog)
    assert column(page.kindeswohl.table, 1) == ["Айше Алиева"]
    assert column(page.kindeswohl.table, 4) == ["gering"]


def test_delete_asks_first_and_offers_undo(qtbot, ui, services, page):
    household = family(services, "Петрова")
    show(qtbot, ui, page, household)
    page.actions["delete"].click()
    box = page.confirm_box
    assert box is not None and box.isVisible()
    assert "Петрова" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, ui)
    assert services.views.count_families(FamilyFilter()) == 1

    page.actions["delete"].click()
    with qtbot.waitSignal(page.deleted) as deleted, qtbot.waitSignal(page.back_requested):
        page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
        wait_idle(qtbot, ui)
    assert deleted.args == ["household", household.id]
    assert services.views.count_families(FamilyFilter()) == 0
    assert not page.content.isVisible()


def test_edit_family_updates_the_header(qtbot, ui, services, page):
    household = family(services, "Petrova")
    show(qtbot, ui, page, household)
    page.actions["edit"].click()
    dialog = opened_dialog(qtbot, ui, page)
    assert dialog.family_name.text() == "Petrova"
    dialog.family_name.clear()
    type_text(dialog.family_name, "Петрова")
    dialog.status.setCurrentIndex(dialog.status.findData("ruhend"))
    save(qtbot, ui, dialog)
    assert page.heading.text() == "Петрова"
    assert page.facts[3].text() == "ruhend"


def test_a_language_switch_redraws_the_family_without_losing_it(qtbot, ui, services, page):
    household = family(services, "Петрова")
    services.contacts.create(household_id=household.id, kind="beratung", duration_min=30,
                             paket=1)
    show(qtbot, ui, page, household)
    try:
        apply_language("en")
        wait_idle(qtbot, ui)
        assert page.heading.text() == "Петрова"
        assert page.timeline.rowCount() == 1
        assert page.warning.isVisible()
    finally:
        apply_language("de")
