"""The Verlauf of a family tells when it was pseudonymised, restricted and released.

The restricted family's page is saved as PNG (``HAMM_FIELD_SHOT_DIR``, else the test's
folder) to be looked at.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TODAY
from tests.gui.conftest import wait_idle
from tests.gui.support import _page, column, shot

pytestmark = pytest.mark.gui
REASON = "Richtigkeit der Adresse bestritten"


def history(page) -> list[tuple[str, str, str]]:
    table = page.timeline
    return [(table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 3).text())
            for row in range(table.rowCount()) if table.item(row, 1).text() == "Datenschutz"]


def test_restriction_and_its_lifting_appear_with_their_days(qtbot, central, tmp_path):
    services = central.services
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    services.privacy.restrict(household.id, REASON)
    page = _page(qtbot, central, household.id)
    assert history(page) == [
        ("20.11.2026", "Datenschutz", f"Verarbeitung eingeschränkt: {REASON}")]
    shot(page, "familie-eingeschraenkt-verlauf.png", tmp_path)

    services.context.today = lambda: TODAY + dt.timedelta(days=5)
    services.privacy.lift_restriction(household.id, "Adresse geklärt")
    page.refresh()
    wait_idle(qtbot, central)
    assert history(page) == [
        ("25.11.2026", "Datenschutz", "Einschränkung aufgehoben: Adresse geklärt"),
        ("20.11.2026", "Datenschutz", f"Verarbeitung eingeschränkt: {REASON}")]
    assert column(page.timeline, 1).count("Änderung") == 0  # not also as a bare "change"


def test_pseudonymisation_appears_with_its_day(qtbot, central):
    services = central.services
    household = services.families.create(family_name="Стоянова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    mother = services.persons.create(household_id=household.id, given_name="Елена",
                                     family_name="Стоянова", relation="elternteil",
                                     birth_year=1990)
    consent = services.consents.create(household_id=household.id, person_id=mother.id,
                                       form_language="bg",
                                       given_on=TODAY - dt.timedelta(days=30))
    services.consents.edit(consent.id, withdrawn_on=TODAY - dt.timedelta(days=2),
                           withdrawn_documentation=True, pseudonymise=True)
    page = _page(qtbot, central, household.id)
    assert history(page) == [("18.11.2026", "Datenschutz",
                              "Pseudonymisiert (Dokumentation widerrufen)")]
