"""Consent withdrawn and restriction (Art. 18) as a person meets them on screen.

The family pages of a pseudonymised and of a restricted family are saved as PNG
(``HAMM_FIELD_SHOT_DIR``, else the test's folder) to be looked at.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.domain.tables_privacy import Restriction
from hamm_field.services.views import FamilyFilter
from hamm_field.ui.dialogs.case_dialogs import ConsentDialog
from hamm_field.ui.family_hint import DETAIL_ROLE
from hamm_field.ui.family_model import STATUS_COLUMN
from hamm_field.ui.pages.families import FamiliesPage
from tests.conftest import TODAY
from tests.gui.conftest import wait_idle
from tests.gui.support import (
    _page,
    column,
    family,
    open_dialog,
    opened_dialog,
    save,
    shot,
    show,
    with_consent,
)

pytestmark = pytest.mark.gui
REASON = "Richtigkeit der Adresse bestritten"


def open_consent(qtbot, ui, page):
    page.tabs.setCurrentWidget(page.consents)
    page.consents.table.setCurrentCell(0, 0)
    page.consents.table.doubleClicked.emit(page.consents.table.currentIndex())
    dialog = opened_dialog(qtbot, ui, page)
    assert isinstance(dialog, ConsentDialog)
    return dialog


def test_documentation_withdrawn_asks_clearly_then_shows_the_pseudonym(
        qtbot, ui, services, page, tmp_path):
    household, _consent = with_consent(services)
    show(qtbot, ui, page, household)
    dialog = open_consent(qtbot, ui, page)
    dialog.withdraw_documentation.setChecked(True)
    assert dialog.withdrawn.value() == TODAY
    save(qtbot, ui, dialog)
    box = dialog.confirm_box
    assert box is not None and "nicht rückgängig" in box.text() and "Pseudonym" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, ui)
    assert dialog.isVisible()  # nothing saved, the form stays open
    assert services.families.get(household.id).family_name == "Стоянова"

    save(qtbot, ui, dialog)
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)
    wait_idle(qtbot, ui)
    assert not dialog.isVisible()
    assert page.heading.text() == pseudonym_for(household.id)
    assert page.warning.text().startswith(
        "Pseudonymisiert seit 20.11.2026: Einwilligung in die Dokumentation widerrufen.")
    page.tabs.setCurrentWidget(page.members)
    assert column(page.members.table) == ["— —"]
    page.tabs.setCurrentWidget(page.consents)
    assert column(page.consents.table, 4) == ["20.11.2026 (Dokumentation)"]
    # The family is still worked with under its pseudonym.
    assert page.actions["contact"].isEnabled()
    shot(page, "familie-pseudonymisiert.png", tmp_path)


def test_sharing_withdrawn_is_marked_in_the_list_and_warned_in_the_contact_dialog(
        qtbot, ui, services):
    household, consent = with_consent(services)
    family(services, "Popescu", herkunftsland="rumaenien")
    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_sharing=True)
    listing = FamiliesPage(ui)
    qtbot.addWidget(listing)
    listing.resize(1150, 700)
    listing.show()
    wait_idle(qtbot, ui)
    model = listing.model
    marks = {model.index(row, 0).data(): model.index(row, STATUS_COLUMN).data(DETAIL_ROLE)
             for row in range(model.rowCount())}
    assert marks == {"Стоянова": "Weitergabe widerrufen", "Popescu": ""}
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("Стоянова")
    assert model.index(row, STATUS_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == (
        "Weitergabe widerrufen")

    dialog = open_dialog(qtbot, ui, household_id=household.id)
    dialog.kind.set_kind("hausbesuch")
    assert not dialog.sharing_warning.isVisible()
    dialog.kind.set_kind("vermittlung")
    assert dialog.sharing_warning.isVisible()
    assert dialog.sharing_warning.text() == (
        "Achtung: Die Familie hat die Einwilligung zur Weitergabe an Institutionen am "
        "20.11.2026 widerrufen. Ohne neue Einwilligung keine Daten der Familie an "
        "Institutionen weitergeben.")
    dialog.kind.set_kind("begleitung")
    assert dialog.sharing_warning.isVisible()


def test_the_coordination_restricts_and_lifts_with_reasons(qtbot, central, tmp_path):
    services = central.services
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    page = _page(qtbot, central, household.id)
    assert page.privacy.restriction.restrict_action.isVisible()
    assert not page.privacy.restriction.lift_action.isVisible()

    page.privacy.restriction.restrict_action.trigger()
    form = page.privacy.restriction.form
    assert isinstance(form, QInputDialog) and "Петрова" in form.labelText()
    form.setTextValue(REASON)
    form.accept()
    wait_idle(qtbot, central)
    wait_idle(qtbot, central)
    assert page.warning.text().startswith(
        f"Verarbeitung eingeschränkt (DSGVO Art. 18) seit 20.11.2026: {REASON}.")
    for key in ("contact", "edit", "delete", "handout", "consent"):
        assert not page.actions[key].isEnabled()
        assert page.actions[key].toolTip() == (
            "Verarbeitung eingeschränkt (DSGVO Art. 18): nicht änderbar")
    assert page.privacy.restriction.lift_action.isVisible()
    # The coordination still finds it, marked.
    assert [f.id for f in services.views.search_families(FamilyFilter(query="petrova"))] == [
        household.id]
    shot(page, "familie-eingeschraenkt-koordination.png", tmp_path)

    page.privacy.restriction.lift_action.trigger()
    form = page.privacy.restriction.form
    form.setTextValue("Adresse geklärt")
    form.accept()
    wait_idle(qtbot, central)
    wait_idle(qtbot, central)
    assert page.actions["edit"].isEnabled() and not page.warning.text().startswith(
        "Verarbeitung eingeschränkt")


def test_a_laptop_reaching_a_restricted_family_by_a_link_sees_why(
        qtbot, ui, services, page, tmp_path):
    household, _consent = with_consent(services, "Петрова")
    with services.context.store.write() as writer:  # as a return package brings it
        writer.insert(Restriction(household_id=household.id, reason=REASON, since=TODAY))
    assert services.views.search_families(FamilyFilter(query="petrova")) == []
    show(qtbot, ui, page, household)
    assert page.heading.text() == "Петрова"
    assert REASON in page.warning.text() and "seit 20.11.2026" in page.warning.text()
    assert not page.actions["edit"].isEnabled() and not page.actions["contact"].isEnabled()
    assert not page.privacy.restriction.lift_action.isVisible()
    assert not page.sharing.share_button.isEnabled()
    shot(page, "familie-eingeschraenkt-laptop.png", tmp_path)
