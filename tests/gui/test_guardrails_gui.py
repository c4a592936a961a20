"""Guardrails as a person meets them: an erased family is only looked at, a second
Starterpaket asks why, a Hausbesuch starts without an institution, and a consent
names someone who may sign it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hamm_field.domain.vocab import ContactKind, DeviceRole
from hamm_field.services import setup
from hamm_field.ui.dialogs.case_dialogs import ConsentDialog
from hamm_field.ui.dialogs.contact_dialog import ContactDialog
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.dialogs.handout_dialog import HandoutDialog
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from tests.conftest import PASSWORD, TODAY
from tests.gui.conftest import type_text, wait_idle

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def central_store(paths, kdf):
    """The coordination's store: the only one that erases, and records for others."""
    result = setup.initialize(paths, device_role=DeviceRole.CENTRAL, name="Koordination",
                              password=PASSWORD, kdf=kdf)  # fmt: skip
    yield result
    result.store.close()


@pytest.fixture
def central(central_store):
    from hamm_field.services import Services

    return Services.for_store(central_store.store, today=lambda: TODAY)


def family(services, name="Петрова", **extra):
    return services.families.create(family_name=name, sozialraum="hamm-westen",
                                    herkunftsland="bulgarien", languages=["bg"], pakete=[1],
                                    pseudonym=False, **extra)  # fmt: skip


def person(services, household, given, birth_year, relation="elternteil"):
    return services.persons.create(household_id=household.id, given_name=given,
                                   family_name="Петрова", relation=relation,
                                   birth_year=birth_year)  # fmt: skip


def detail_page(qtbot, ui, household):
    page = FamilyDetailPage(ui)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.show_family(household.id)
    wait_idle(qtbot, ui)
    assert page.content.isVisible()
    return page


def column(table, col=0):
    return [table.item(row, col).text() for row in range(table.rowCount())]


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


# Erasure -------------------------------------------------------------------------------


@pytest.fixture
def erased_ui(qtbot, central_store, central, gateway):
    from hamm_field.ui.background import Runner
    from hamm_field.ui.context import UiContext

    runner = Runner()
    yield UiContext(gateway, central, runner)
    runner.wait()


def test_an_erased_family_is_marked_and_read_only(qtbot, erased_ui, central):
    ui = erased_ui
    erased = family(central, address="Wilhelmstr. 1")
    person(central, erased, "Елена", 1990)
    central.erasures.erase_family(erased.id)
    page = detail_page(qtbot, ui, erased)
    assert page.warning.isVisible()
    assert page.warning.text() == ("Familie gelöscht (DSGVO) am 20.11.2026. Nichts kann mehr "
                                   "geändert oder ergänzt werden.")
    assert column(page.members.table) == ["— — (gelöscht (DSGVO) am 20.11.2026)"]
    for key in ("edit", "contact", "handout", "consent", "delete"):
        assert not page.actions[key].isEnabled(), key
    assert not any(button.isEnabled() for button, _t in page.members.buttons)
    assert not page.sharing.responsible_button.isEnabled()
    assert not page.sharing.share_button.isEnabled()
    assert page.sharing.share_button.toolTip() == "Nach DSGVO gelöscht: nicht mehr änderbar"
    assert not page.privacy.erase_action.isVisible()
    kinds = column(page.timeline, 1)
    assert "Löschung (DSGVO)" in kinds
    assert column(page.timeline, 3)[kinds.index("Löschung (DSGVO)")] == (
        "Familie nach DSGVO gelöscht")

    dialog = FamilyDialog(ui, erased.id, parent=page)  # e.g. from an old window
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    assert not dialog.body.isEnabled() and not save_button(dialog).isEnabled()
    assert dialog.message.text() == "Nach DSGVO gelöscht: nur noch lesbar, nicht mehr änderbar."
    dialog.save()
    wait_idle(qtbot, ui)
    assert central.families.get(erased.id).family_name == "—"


def test_an_erased_member_is_marked_and_its_form_cannot_save(qtbot, erased_ui, central):
    ui = erased_ui
    kept = family(central, "Popa")
    child = person(central, kept, "Ana", 2015, relation="kind")
    central.erasures.erase_person(child.id)
    page = detail_page(qtbot, ui, kept)
    assert not page.warning.text().startswith("Familie gelöscht")
    assert page.actions["edit"].isEnabled()
    assert column(page.members.table) == ["— — (gelöscht (DSGVO) am 20.11.2026)"]
    assert "Person nach DSGVO gelöscht" in column(page.timeline, 3)
    page.members.table.setCurrentCell(0, 0)
    page.members.table.doubleClicked.emit(page.members.table.currentIndex())
    dialog = page.dialog
    wait_idle(qtbot, ui)
    assert dialog.isVisible() and not dialog.body.isEnabled()
    assert not save_button(dialog).isEnabled()


# A second Starterpaket -------------------------------------------------------------------


def test_a_second_starterpaket_asks_for_a_reason_and_keeps_it(qtbot, ui, services):
    got = family(services)
    services.handouts.create(household_id=got.id, edition="bg", items=["stadtplan"])
    dialog = HandoutDialog(ui, got.id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(dialog.isEnabled)
    assert not dialog.reason.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ui)
    assert dialog.repeat_warning.isVisible() and dialog.reason.isVisible()
    assert dialog.repeat_warning.text() == (
        "Diese Familie hat am 20.11.2026 schon ein Starterpaket erhalten (von Ana Test). "
        "Ein weiteres nur mit Begründung speichern.")
    assert dialog.reason.hasFocus()
    assert dialog.handout_id is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)  # still no reason: still not saved
    wait_idle(qtbot, ui)
    assert dialog.handout_id is None and dialog.repeat_warning.isVisible()
    type_text(dialog.reason, "Erstes Paket verloren")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    handouts = services.overview.handouts(got.id)
    assert len(handouts) == 2
    assert services.handouts.get(dialog.handout_id).note == "Erstes Paket verloren"


# The institution and the interpreter hint of a contact ---------------------------------


def open_contact(qtbot, ui, household):
    dialog = ContactDialog(ui, household_id=household.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.close_keeping_draft())
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_idle(qtbot, ui)
    return dialog


def test_a_hausbesuch_gets_no_institution_and_no_interpreter_hint(qtbot, ui, services):
    got = family(services)
    services.contacts.create(household_id=got.id, kind="begleitung", duration_min=60, paket=1,
                             institution="buergeramt")  # fmt: skip
    dialog = open_contact(qtbot, ui, got)
    dialog.kind.set_kind(ContactKind.HAUSBESUCH)
    assert dialog.institution.currentText() == ""
    assert not dialog.hint.isVisible()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert services.contacts.get(saved.args[0]).institution is None

    again = open_contact(qtbot, ui, got)
    again.kind.set_kind(ContactKind.BEGLEITUNG)  # an appointment: the last one is offered
    assert again.institution.key() == "buergeramt"
    assert again.hint.isVisible()
    again.kind.set_kind(ContactKind.BERATUNG)
    assert again.institution.currentText() == "" and not again.hint.isVisible()
    again.kind.set_kind(ContactKind.BEGLEITUNG)
    again.institution.set_key("schule")  # chosen by hand: a kind switch keeps it
    again.kind.set_kind(ContactKind.HAUSBESUCH)
    assert again.institution.key() == "schule"


def test_the_coordination_sees_no_interpreter_hint(qtbot, erased_ui, central):
    got = family(central)
    dialog = open_contact(qtbot, erased_ui, got)
    dialog.kind.set_kind(ContactKind.BEGLEITUNG)
    dialog.institution.set_key("kinderarzt")
    assert not dialog.hint.isVisible()


# The signatory of a consent ----------------------------------------------------------------


def test_a_consent_needs_an_adult_or_a_named_guardian(qtbot, ui, services):
    got = family(services)
    child = person(services, got, "Ана", 2016, relation="kind")
    page = detail_page(qtbot, ui, got)
    qtbot.mouseClick(page.actions["consent"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    wait_idle(qtbot, ui)
    assert isinstance(dialog, ConsentDialog)
    dialog.form_language.setCurrentIndex(dialog.form_language.findData("bg"))
    dialog.person.setCurrentIndex(dialog.person.findData(child.id))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert dialog.isVisible()
    assert dialog.field_error("person_id") == (
        "Unterschreiben kann nur ein volljähriges Familienmitglied (Geburtsjahr angeben) oder "
        "ein namentlich genannter gesetzlicher Vormund.")
    dialog.person.setCurrentIndex(0)  # nobody: refused the same way
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert dialog.isVisible() and dialog.field_error("person_id")
    assert services.views.consents(got.id) == []
    type_text(dialog.guardian, "Frau Schmidt")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, ui)
    assert not dialog.isVisible()
    [consent] = services.views.consents(got.id)
    assert consent.guardian_name == "Frau Schmidt"
    assert page.facts[7].text() == "erteilt am 20.11.2026"
