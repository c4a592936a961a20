"""The report archive on a real encrypted central store: close, list, compare, verify."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from hamm_field.domain.errors import UserError
from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports.model import Filters
from hamm_field.reports.periods import period_for
from hamm_field.services import Services, setup
from hamm_field.services.report_archive import ArchiveOnlyCentral
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.reports.pdf_tools import pdf_text

YEAR = period_for("jahr", TODAY)


@pytest.fixture
def central(tmp_path, kdf) -> Services:
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination Test", password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store, today=lambda: TODAY)
    services.load_demo(30, seed=3)
    yield services
    services.close()


def close_year(services: Services, filters: Filters | None = None, external: bool = False):
    report = services.reports.report(YEAR, filters or Filters(), external=external)
    return services.report_archive.close(report)


def begleitung(services: Services, day: dt.date = dt.date(2026, 3, 4)) -> str:
    family = services.families.create(family_name="Петрова", sozialraum="pelkum",
                                      herkunftsland="bulgarien", first_contact=day)  # fmt: skip
    return services.contacts.create(
        household_id=family.id,
        kind="begleitung",
        date=day,
        duration_min=60,
        institution="kinderarzt",
        paket=4,
    ).id


def test_a_closed_report_is_listed_and_keeps_its_files(central):
    archived = close_year(central, Filters(paket=2), external=True)
    [listed] = central.report_archive.list()
    assert listed.id == archived.id
    assert (listed.period, listed.filters, listed.external) == (YEAR, Filters(paket=2), True)
    assert listed.worker_name == "Koordination Test"
    assert listed.archived_at.tzinfo is not None
    loaded = central.report_archive.load(archived.id)
    figures = loaded.figures_dict()
    today = central.reports.compute(YEAR, Filters(paket=2))
    assert figures["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert figures["data_hash"] == today.data_hash == loaded.data_hash
    text_of_pdf = pdf_text(loaded.pdf)
    assert "Kennzahlen" in text_of_pdf and "01.01.2026" in text_of_pdf


def test_unchanged_data_shows_no_difference(central):
    archived = close_year(central)
    comparison = central.report_archive.compare(archived.id)
    assert comparison.differences == [] and comparison.causes == []
    assert comparison.today_figures == comparison.archived_figures


def test_a_begleitung_entered_later_is_a_difference_with_its_cause(central):
    archived = close_year(central)
    before = archived.figures_dict()["begleitungen"]
    begleitung(central)
    comparison = central.report_archive.compare(archived.id)
    changed = {d.path: (d.archived, d.today) for d in comparison.differences}
    assert changed[("begleitungen",)] == (before, before + 1)
    assert (
        changed[("kontakte_nach_art", "begleitung")][1]
        == changed[("kontakte_nach_art", "begleitung")][0] + 1
    )
    assert ("nach_monat", "2026-03", "begleitungen") in changed
    kinds = {(c.kind, c.detail, c.date, c.change) for c in comparison.causes}
    assert ("contact", "begleitung", dt.date(2026, 3, 4), "late") in kinds
    assert ("household", "", dt.date(2026, 3, 4), "late") in kinds
    shown = repr(comparison.causes)
    assert "Петрова" not in shown


def test_a_changed_and_a_deleted_contact_are_named_as_such(central):
    first, second = begleitung(central), begleitung(central, dt.date(2026, 5, 6))
    archived = close_year(central)
    central.contacts.edit(first, duration_min=90)
    central.contacts.delete(second)
    comparison = central.report_archive.compare(archived.id)
    causes = {(c.kind, c.date, c.change) for c in comparison.causes}
    assert ("contact", dt.date(2026, 3, 4), "changed") in causes
    assert ("contact", dt.date(2026, 5, 6), "deleted") in causes


def test_an_archived_file_verifies_and_a_tampered_entry_does_not(central, tmp_path):
    archived = central.report_archive.load(close_year(central).id)
    pdf, data = tmp_path / "bericht.pdf", tmp_path / "bericht.json"
    pdf.write_bytes(archived.pdf)
    data.write_bytes(archived.figures)
    assert central.report_archive.verify(pdf).status == "match"
    assert central.report_archive.verify(data).ok
    forged = json.loads(archived.figures)
    forged["begleitungen"] += 1
    with central.context.store.write() as writer:
        writer.session.execute(text("UPDATE report_archive SET figures = :f"),
                               {"f": json.dumps(forged).encode()})  # fmt: skip
    result = central.report_archive.verify(data)
    assert result.status == "bad_signature"
    assert central.report_archive.verify(pdf).status == "bad_signature"


def test_an_edited_json_names_the_figure(central, tmp_path):
    archived = central.report_archive.load(close_year(central).id)
    forged = json.loads(archived.figures)
    forged["kontakte"] += 5
    path = tmp_path / "bericht.json"
    path.write_text(json.dumps(forged, ensure_ascii=False, indent=2), encoding="utf-8")
    result = central.report_archive.verify(path)
    assert result.status == "altered" and result.entry.id == archived.id
    assert [(d.path, d.today - d.archived) for d in result.differences] == [(("kontakte",), 5)]
    other = tmp_path / "fremd.pdf"
    other.write_bytes(b"%PDF-1.4 not ours")
    assert central.report_archive.verify(other).status == "not_archived"


def test_a_laptop_refuses_to_archive(services):
    report = services.reports.report(YEAR)
    with pytest.raises(ArchiveOnlyCentral) as refused:
        services.report_archive.close(report)
    assert isinstance(refused.value, UserError)
    assert "Koordination" in str(refused.value)
    assert services.report_archive.list() == []
