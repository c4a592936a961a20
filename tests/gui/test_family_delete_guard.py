"""Deleting a family that has contacts is refused on the family page, and nothing is lost."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from hamm_field.services.views import FamilyFilter
from hamm_field.ui.pages.family_detail import FamilyDetailPage
from tests.gui.conftest import wait_idle
from tests.gui.support import family

pytestmark = pytest.mark.gui


def test_a_family_with_a_contact_stays_and_the_page_says_why(qtbot, ui, services):
    household = family(services, "Петрова")
    services.contacts.create(household_id=household.id, kind="hausbesuch", duration_min=30,
                             paket=1)  # fmt: skip
    page = FamilyDetailPage(ui)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.show_family(household.id)
    wait_idle(qtbot, ui)

    page.actions["delete"].click()
    page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, ui)

    [box] = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == (
        "Diese Familie hat 1 Kontakt und kann nicht gelöscht werden. Führen Sie sie mit der "
        "richtigen Familie zusammen oder löschen Sie zuerst den Kontakt.")
    box.button(QMessageBox.StandardButton.Ok).click()
    assert page.content.isVisible() and page.household_id == household.id
    assert [f.family_name for f in services.views.search_families(FamilyFilter())] == ["Петрова"]
