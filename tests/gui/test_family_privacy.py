"""The family's "Datenschutz" menu: the report as PDF and JSON; the coordination erases,
a laptop cannot."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.conftest import wait_idle
from tests.gui.support import _page
from tests.reports.pdf_tools import pdf_text

pytestmark = pytest.mark.gui


def test_the_coordination_erases_a_family_after_a_clear_warning(qtbot, central):
    services = central.services
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    page = _page(qtbot, central, household.id)
    assert page.privacy.erase_action.isVisible()

    page.privacy.erase_action.trigger()
    box = page.privacy.confirm_box
    assert box is not None and "Петрова" in box.text() and "nicht rückgängig" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot, central)
    assert services.families.get(household.id).family_name == "Петрова"

    page.privacy.erase_action.trigger()
    page.privacy.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, central)
    wait_idle(qtbot, central)  # the page reloads the family after the erasure
    assert services.families.get(household.id).family_name == "—"
    assert page.heading.text() == "—"


def test_a_laptop_offers_no_erasure(qtbot, ui, services):
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    page = _page(qtbot, ui, household.id)
    assert not page.privacy.erase_action.isVisible()
    assert page.privacy.report_action.isVisible()


def test_the_data_report_opens_as_a_pdf_with_the_family_in_it(qtbot, ui, services):
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")
    page = _page(qtbot, ui, household.id)
    page.privacy.report_action.trigger()
    wait_idle(qtbot, ui)
    preview = page.privacy.preview
    assert preview is not None and preview.isVisible()
    text = pdf_text(preview.pdf)
    assert "Петрова" in text and "Pelkum" in text
    preview.close()


def test_the_data_is_saved_as_json_only_where_chosen(qtbot, ui, services, tmp_path,
                                                     monkeypatch):
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien", languages=["bg"])
    services.contacts.create(household_id=household.id, kind="beratung", duration_min=30,
                             paket=1, note="Kita-Anmeldung besprochen")
    page = _page(qtbot, ui, household.id)
    assert page.privacy.json_action.isVisible()
    asked = []

    def choose(_parent, _title, suggestion, _filter):
        asked.append(suggestion)
        return (str(tmp_path / "familie"), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    page.privacy.json_action.trigger()
    wait_idle(qtbot, ui)
    assert asked == ["Auskunft-Datenschutz.json"]  # no family name in the suggestion
    written = tmp_path / "familie.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["family"]["family_name"] == "Петрова"
    assert document["contacts"][0]["note"] == "Kita-Anmeldung besprochen"
    assert document["languages"] == ["de", "bg"]
    box = page.privacy.saved_box
    assert box is not None and str(written) in box.text()
    box.close()

    # Cancelling the dialog writes nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    page.privacy.json_action.trigger()
    wait_idle(qtbot, ui)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".json"] == ["familie.json"]
