"""The forms of a pseudonymous family: names stay as stored, and the form says why.

Before, a typed name vanished on saving (the service stores the blanks); now the fields
that a pseudonymous family never stores are read-only with a one-line reason. The family
and member forms are saved as PNG (``HAMM_FIELD_SHOT_DIR``, else the test's folder).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from hamm_field.domain.erasure import BLANK_NAME
from hamm_field.domain.pseudonym import pseudonym_for
from hamm_field.ui.dialogs.case_dialogs import ConsentDialog
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.dialogs.person_dialog import PersonDialog
from tests.conftest import TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.gui.support import save, shot, with_consent

pytestmark = pytest.mark.gui
REASON = "Pseudonymisiert seit 20.11.2026: Namen und Adresse werden nicht gespeichert."


def pseudonymous(services):
    household, consent = with_consent(services)
    services.consents.edit(consent.id, withdrawn_on=TODAY, withdrawn_documentation=True,
                           pseudonymise=True)
    return household


def opened(qtbot, ui, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ui)
    assert dialog.body.isEnabled()
    return dialog


def test_family_form_keeps_the_pseudonym_and_says_why(qtbot, ui, services, tmp_path):
    household = pseudonymous(services)
    dialog = opened(qtbot, ui, FamilyDialog(ui, household.id))
    assert dialog.notice.isVisible() and dialog.notice.text() == REASON
    shot(dialog, "familie-pseudonymisiert-formular.png", tmp_path)
    assert dialog.family_name.text() == pseudonym_for(household.id)
    type_text(dialog.family_name, "Стоянова")
    type_text(dialog.address, "Lange Straße 5")
    assert dialog.family_name.text() == pseudonym_for(household.id)  # typing goes nowhere
    assert dialog.address.text() == ""
    assert not dialog.family_name.isEnabled() and not dialog.address.isEnabled()
    assert not dialog.pseudonym.isEnabled() and dialog.address.toolTip() == REASON
    assert dialog.status.isEnabled() and dialog.sozialraum.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("ruhend"))
    save(qtbot, ui, dialog)
    assert not dialog.isVisible()
    stored = services.families.get(household.id)
    assert (stored.family_name, stored.status) == (pseudonym_for(household.id), "ruhend")


def test_other_families_forms_stay_open_to_names(qtbot, ui, services):
    household, _consent = with_consent(services, "Петрова")
    dialog = opened(qtbot, ui, FamilyDialog(ui, household.id))
    assert not dialog.notice.isVisible() and dialog.family_name.isEnabled()
    person = opened(qtbot, ui, PersonDialog(ui, household.id))
    assert not person.notice.isVisible() and person.given_name.isEnabled()


def test_member_form_shows_the_blanks_it_will_store(qtbot, ui, services, tmp_path):
    household = pseudonymous(services)
    member = services.views.persons(household.id)[0]
    dialog = opened(qtbot, ui, PersonDialog(ui, household.id, member.id))
    assert dialog.notice.isVisible() and dialog.notice.text() == REASON
    shot(dialog, "person-pseudonymisiert-formular.png", tmp_path)
    assert [dialog.given_name.text(), dialog.family_name.text()] == [BLANK_NAME] * 2
    assert not dialog.given_name.isEnabled() and not dialog.family_name.isEnabled()
    assert dialog.birth_year.isEnabled() and dialog.birth_year.value() == 1990

    new = opened(qtbot, ui, PersonDialog(ui, household.id, family_name="Стоянова"))
    assert [new.given_name.text(), new.family_name.text()] == [BLANK_NAME] * 2
    type_text(new.given_name, "Мария")
    assert new.given_name.text() == BLANK_NAME
    new.relation.setCurrentIndex(new.relation.findData("kind"))
    save(qtbot, ui, new)
    assert not new.isVisible()  # saved: the person is added under the blanks
    names = sorted(f"{p.given_name} {p.family_name}" for p in services.views.persons(
        household.id))
    assert names == [f"{BLANK_NAME} {BLANK_NAME}"] * 2


def test_consent_form_locks_the_guardian(qtbot, ui, services):
    household = pseudonymous(services)
    dialog = opened(qtbot, ui, ConsentDialog(ui, household.id))
    assert dialog.notice.isVisible() and dialog.notice.text() == REASON
    assert isinstance(dialog.guardian, QLineEdit) and not dialog.guardian.isEnabled()
    assert dialog.person.isEnabled()
