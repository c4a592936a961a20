"""The Berichte screen: figures as computed, presets, "< 5", exports, card, plan, filters."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import subprocess

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from hamm_field.domain.vocab import PAKET_LABELS, DeviceRole, WorkerRole
from hamm_field.i18n.catalog import install
from hamm_field.i18n.formatting import format_number
from hamm_field.reports.model import NOT_APPLICABLE, NOT_REPORTED, Cell, Filters, Report
from hamm_field.reports.periods import period_for
from hamm_field.reports.render_json import to_json
from hamm_field.services import Services, setup
from hamm_field.services.reports import Reports
from hamm_field.store.paths import StorePaths
from hamm_field.ui.background import Runner
from hamm_field.ui.context import UiContext
from hamm_field.ui.language import apply_language
from hamm_field.ui.pages.reports_page import ReportsPage
from tests.conftest import PASSWORD, TODAY
from tests.gui.conftest import type_text, wait_idle
from tests.reports.pdf_sample import kennzahlen

pytestmark = pytest.mark.gui

COUNTED = ("begleitungen", "begleitete_familien", "neue_familien", "kontakte", "starterpakete",
           "veranstaltungen", "teilnehmende", "kindeswohl_hinweise")  # fmt: skip


def open_page(qtbot, ui) -> ReportsPage:
    page = ReportsPage(ui)
    qtbot.addWidget(page)
    page.resize(1150, 720)
    page.show()
    page.refresh()
    settle(qtbot, ui, page)
    return page


def plain(text: str) -> str:
    """Babel writes "25 %" with a no-break space."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def settle(qtbot, ui, page: ReportsPage) -> None:
    """Until the figures for what the controls say are on the screen."""
    qtbot.waitUntil(lambda: not page.is_pending, timeout=10_000)
    wait_idle(qtbot, ui)


def begleitungen(services, count: int, day: dt.date = TODAY, duration_min: int = 60) -> None:
    household = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                         herkunftsland="bulgarien")  # fmt: skip
    for _index in range(count):
        services.contacts.create(household_id=household.id, kind="begleitung", date=day,
                                 duration_min=duration_min, institution="kinderarzt", paket=4)


@pytest.fixture
def demo(services):
    services.load_demo(60, seed=2)
    return services


def test_the_year_shows_the_figures_the_engine_computes(qtbot, ui, demo):
    page = open_page(qtbot, ui)
    year = period_for("jahr", TODAY)
    expected = demo.reports.compute(year)
    assert page.period() == year
    assert expected.kontakte > 0
    for key in COUNTED:
        assert page.tiles.value_of(key) == format_number(getattr(expected, key)), key
    assert page.tiles.value_of("ziele_erreicht") == (
        f"{format_number(expected.ziele_erreicht)} / {format_number(expected.ziele_gesamt)}")
    shown_months = [bar.label.split("\n")[0] for bar in page.month_chart.bars]
    assert len(shown_months) == 12 and shown_months[0] == "Jan"
    assert sum(bar.kontakte for bar in page.area_chart.bars) == expected.kontakte


def test_switching_the_preset_changes_period_and_figures(qtbot, ui, demo):
    page = open_page(qtbot, ui)
    year_contacts = page.tiles.value_of("kontakte")
    page.period_picker.set_preset("quartal")
    settle(qtbot, ui, page)
    quarter = period_for("quartal", TODAY)
    assert page.period_picker.range_label.text() == "01.10.2026 – 31.12.2026"
    expected = demo.reports.compute(quarter)
    assert page.tiles.value_of("kontakte") == format_number(expected.kontakte)
    assert page.tiles.value_of("kontakte") != year_contacts
    assert len(page.month_chart.bars) == 3

    page.period_picker.back.click()
    settle(qtbot, ui, page)
    assert page.period() == period_for("quartal", dt.date(2026, 8, 1))
    assert page.tiles.value_of("kontakte") == format_number(
        demo.reports.compute(page.period()).kontakte)


def test_a_free_range_takes_from_and_to(qtbot, ui, demo):
    page = open_page(qtbot, ui)
    page.period_picker.set_preset("zeitraum")
    assert page.period_picker.start.isVisibleTo(page)
    assert not page.period_picker.day.isVisibleTo(page)
    page.period_picker.start.setDate(dt.date(2026, 3, 1))
    page.period_picker.end.setDate(dt.date(2026, 4, 15))
    settle(qtbot, ui, page)
    period = page.report.current.period
    assert (period.start, period.end) == (dt.date(2026, 3, 1), dt.date(2026, 4, 15))
    assert page.tiles.value_of("begleitungen") == format_number(
        demo.reports.compute(period).begleitungen)


def test_over_more_than_two_years_the_chart_counts_by_year(qtbot, ui, services):
    begleitungen(services, 2, dt.date(2024, 3, 5))
    begleitungen(services, 1)
    page = open_page(qtbot, ui)
    page.period_picker.set_preset("zeitraum")
    page.period_picker.start.setDate(dt.date(2023, 1, 1))
    settle(qtbot, ui, page)
    assert page.month_box.title() == "Nach Jahr"
    bars = [(bar.label, bar.begleitungen) for bar in page.month_chart.bars]
    assert bars == [("2023", 0), ("2024", 2), ("2025", 0), ("2026", 1)]


def test_the_previous_period_and_change_are_shown(qtbot, ui, services):
    begleitungen(services, 3, dt.date(2025, 5, 2))
    begleitungen(services, 7)
    page = open_page(qtbot, ui)
    tile = page.tiles.tiles["begleitungen"]
    assert tile.value.text() == "7"
    assert tile.previous.text() == "Vorperiode: 3"
    assert plain(tile.change.text()) == "+4 (+133 %)"
    assert "01.01.2025 – 31.12.2025" in page.compared.text()


def test_for_outside_hides_small_figures(qtbot, ui, services):
    begleitungen(services, 3)
    page = open_page(qtbot, ui)
    assert page.tiles.value_of("begleitungen") == "3"
    page.external.setChecked(True)
    settle(qtbot, ui, page)
    assert page.tiles.value_of("begleitungen") == "< 5"
    assert page.tiles.value_of("begleitete_familien") == "< 5"
    assert "< 5" in page.area_chart.accessibleDescription()
    assert page.tiles.tiles["begleitungen"].change.text() == ""  # would give the 3 away
    assert "„< 5“: 1 bis 4. „x“: verborgen" in page.compared.text()  # what the marks mean
    page.external.setChecked(False)
    settle(qtbot, ui, page)
    assert page.tiles.value_of("begleitungen") == "3"
    assert "„x“" not in page.compared.text()


def test_for_outside_the_screen_hides_the_cells_the_json_hides(qtbot, ui, services):
    begleitungen(services, 3)  # Pelkum
    household = services.families.create(family_name="Ionescu", sozialraum="heessen",
                                         herkunftsland="rumaenien")  # fmt: skip
    for _index in range(9):
        services.contacts.create(household_id=household.id, kind="begleitung", date=TODAY,
                                 duration_min=60, institution="kinderarzt", paket=4)
    page = open_page(qtbot, ui)
    page.external.setChecked(True)
    settle(qtbot, ui, page)
    assert page.tiles.value_of("kontakte") == "12"
    areas = json.loads(to_json(page.report))["nach_sozialraum"]
    assert areas["Heessen"]["kontakte"] == "x"  # 12 less Heessen's 9 would be Pelkum's 3
    description = page.area_chart.accessibleDescription()
    assert "Heessen: Kontakte x, Begleitungen x" in description
    assert "Pelkum: Kontakte < 5, Begleitungen < 5" in description


def test_csv_export_writes_an_excel_table(qtbot, ui, demo, tmp_path, monkeypatch):
    page = open_page(qtbot, ui)
    target = tmp_path / "kennzahlen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "CSV-Tabelle (*.csv)"))  # fmt: skip
    page.exports.csv_button.click()
    assert not page.exports.csv_button.isEnabled() and page.exports.progress.isVisible()
    wait_idle(qtbot, ui)
    written = tmp_path / "kennzahlen.csv"
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data
    assert "Begleitungen" in data.decode("utf-8-sig")
    assert page.exports.csv_button.isEnabled() and not page.exports.progress.isVisible()
    assert str(written) in page.exports.status.text()


def test_an_export_that_cannot_be_written_says_so(qtbot, ui, services, tmp_path, monkeypatch):
    begleitungen(services, 1)
    page = open_page(qtbot, ui)
    target = tmp_path / "fehlt" / "kennzahlen.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.exports.csv_button.click()
    wait_idle(qtbot, ui)
    [box] = page.exports.findChildren(QMessageBox)
    assert "lässt sich nicht schreiben" in box.text() and str(target) in box.text()
    assert page.exports.csv_button.isEnabled() and not page.exports.progress.isVisible()
    assert not target.exists()
    box.close()


def test_pdf_export_writes_the_report(qtbot, ui, demo, tmp_path, monkeypatch):
    page = open_page(qtbot, ui)
    target = tmp_path / "bericht.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF-Dokument (*.pdf)"))  # fmt: skip
    page.exports.pdf_button.click()
    wait_idle(qtbot, ui)
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "Begleitungen" in text
    assert "Gespeichert" in page.exports.status.text()


def test_the_pdf_preview_shows_the_report_from_memory(qtbot, ui, services, tmp_path):
    begleitungen(services, 2)
    page = open_page(qtbot, ui)
    page.exports.preview_button.click()
    wait_idle(qtbot, ui)
    assert page.exports.preview is not None and page.exports.preview.isVisible()
    assert page.exports.preview.page_count >= 1
    assert list(tmp_path.rglob("*.pdf")) == []
    page.exports.preview.reject()


def test_the_measure_card_is_stored_and_shown_again(qtbot, ui, services):
    page = open_page(qtbot, ui)
    dialog = page.edit_card()
    wait_idle(qtbot, ui)
    assert dialog.isEnabled()
    type_text(dialog.editors["titel"], "Peer2Peer Südosteuropa")
    type_text(dialog.editors["traeger"], "Amt für Integration")
    type_text(dialog.editors["zielgruppe"], "Familien aus Bulgarien und Rumänien")
    dialog.buttons.accepted.emit()
    wait_idle(qtbot, ui)
    assert not dialog.isVisible()
    assert services.reports.load_card().titel == "Peer2Peer Südosteuropa"

    again = page.edit_card()
    wait_idle(qtbot, ui)
    assert again.editors["titel"].text() == "Peer2Peer Südosteuropa"
    assert again.editors["traeger"].text() == "Amt für Integration"
    assert again.editors["zielgruppe"].toPlainText() == "Familien aus Bulgarien und Rumänien"
    assert again.editors["kosten"].toPlainText() == ""
    again.reject()


def test_plan_values_appear_beside_the_figure(qtbot, ui, services):
    begleitungen(services, 5)
    page = open_page(qtbot, ui)
    tile = page.tiles.tiles["begleitungen"]
    assert not tile.plan.isVisibleTo(page)
    dialog = page.edit_plan()
    wait_idle(qtbot, ui)
    dialog.spins["begleitungen"].setValue(20)
    dialog.buttons.accepted.emit()
    wait_idle(qtbot, ui)
    settle(qtbot, ui, page)
    assert services.reports.load_plan(page.period()).values == {"begleitungen": 20}
    assert tile.plan.isVisibleTo(page)
    assert plain(tile.plan.text()) == "Plan: 20 · 25 % erreicht"
    assert not page.tiles.tiles["kontakte"].plan.isVisibleTo(page)


@pytest.fixture
def central(tmp_path, kdf, gateway):
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store, today=lambda: TODAY)
    services.load_demo(40, seed=5)
    runner = Runner()
    yield UiContext(gateway, services, runner)
    runner.wait()
    result.store.close()


def test_only_the_coordination_filters_by_worker_and_team(qtbot, ui, central, demo):
    laptop = open_page(qtbot, ui)
    assert not laptop.filter_bar.worker.isVisibleTo(laptop)
    assert not laptop.filter_bar.team.isVisibleTo(laptop)
    assert not laptop.filter_bar.role.isVisibleTo(laptop)
    assert laptop.filter_bar.filters().worker_id is None

    page = open_page(qtbot, central)
    combo = page.filter_bar.worker
    assert combo.isVisibleTo(page) and page.filter_bar.team.isVisibleTo(page)
    workers = central.services.reports.workers()
    assert [combo.itemText(i) for i in range(1, combo.count())] == [name for _i, name in workers]
    worker_id, _name = workers[0]
    combo.setCurrentIndex(combo.findData(worker_id))
    settle(qtbot, central, page)
    expected = central.services.reports.compute(page.period(), Filters(worker_id=worker_id))
    assert page.report.current.filters.worker_id == worker_id
    assert page.tiles.value_of("kontakte") == format_number(expected.kontakte)


def test_the_coordination_filters_by_traeger_and_by_role(qtbot, central):
    """Träger are the organisations of the team, not its roles."""
    page = open_page(qtbot, central)
    team, role = page.filter_bar.team, page.filter_bar.role
    assert [team.itemText(i) for i in range(1, team.count())] == [
        "AWO", "Caritasverband", "DRK", "Peer2Peer Südosteuropa", "Stadt Hamm"]
    assert role.count() == 1 + len(WorkerRole)
    team.setCurrentIndex(team.findText("DRK"))
    settle(qtbot, central, page)
    expected = central.services.reports.compute(page.period(), Filters(team="DRK"))
    assert page.report.current.filters.team == "DRK"
    assert page.tiles.value_of("kontakte") == format_number(expected.kontakte)
    role.setCurrentIndex(role.findData("schluesselfigur"))
    settle(qtbot, central, page)
    assert page.report.current.filters == Filters(team="DRK", role="schluesselfigur")
    assert page.report.current.kontakte == 0  # the DRK has no Schlüsselfigur


def test_the_sozialraum_filter_narrows_the_figures(qtbot, ui, demo):
    page = open_page(qtbot, ui)
    combo = page.filter_bar.sozialraum
    combo.setCurrentIndex(combo.findText("Pelkum"))
    settle(qtbot, ui, page)
    filters = page.report.current.filters
    assert filters.sozialraum is not None
    expected = demo.reports.compute(page.period(), filters)
    assert page.tiles.value_of("kontakte") == format_number(expected.kontakte)
    assert [bar.label for bar in page.area_chart.bars] in (["Pelkum"], [])


def test_a_language_switch_rewrites_texts_and_numbers(qtbot, ui, services):
    begleitungen(services, 3, duration_min=30)  # 1.5 hours
    page = open_page(qtbot, ui)
    assert page.tiles.value_of("begleitungsstunden") == "1,5"
    try:
        apply_language("en")
        assert page.heading.text() == "Reports"
        assert page.tiles.tiles["kontakte"].caption.text() == "Contacts"
        assert page.tiles.value_of("begleitungsstunden") == "1.5"
    finally:
        apply_language("de")
    assert page.tiles.value_of("begleitungsstunden") == "1,5"


class _English(gettext.NullTranslations):
    """A hand-made catalog: the real one may not have the new words yet."""

    def gettext(self, message: str) -> str:
        return {"entfällt": "not applicable", "o. A.": "not stated"}.get(message, message)


def test_kindeswohl_tile_says_erheblich_and_entfaellt_bars_come_last(qtbot, ui, services,
                                                                     monkeypatch):
    areas = {NOT_APPLICABLE: Cell(500, 0, 0), NOT_REPORTED: Cell(3, 1, 1),
             "Hamm-Westen": Cell(90, 40, 10), "Pelkum": Cell(20, 5, 2)}
    pakete = {NOT_APPLICABLE: Cell(7, 0, 0), PAKET_LABELS[2]: Cell(30, 9, 3),
              PAKET_LABELS[1]: Cell(60, 20, 5)}
    figures = kennzahlen(nach_sozialraum=areas, nach_integrationspaket=pakete)
    monkeypatch.setattr(Reports, "report", lambda *_args, **_kw: Report(current=figures))
    page = open_page(qtbot, ui)
    assert page.tiles.tiles["kindeswohl_hinweise"].caption.text() == \
        "Kindeswohl-Hinweise (erheblich)"
    assert [bar.label for bar in page.area_chart.bars] == ["Hamm-Westen", "Pelkum", "o. A.",
                                                          "entfällt"]  # fmt: skip
    assert [bar.label for bar in page.paket_chart.bars] == [
        "1 · Neuzugewanderte", f"2 · {PAKET_LABELS[2]}", "entfällt"]
    install(_English(), "en")
    page.refresh()
    settle(qtbot, ui, page)
    assert [bar.label for bar in page.area_chart.bars][-2:] == ["not stated", "not applicable"]
