"""External reports hide the same cells in JSON, CSV and PDF, and nothing derived from them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

from hamm_field.reports.model import CONTACT_KINDS, Cell, Filters, Kennzahlen, Period, Report
from hamm_field.reports.pdf_report import render_pdf
from hamm_field.reports.render_csv import to_csv
from hamm_field.reports.render_json import to_json
from hamm_field.reports.suppression import publish
from tests.reports.pdf_sample import kennzahlen
from tests.reports.pdf_tools import pdf_text

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31), "monat")
FEBRUARY = Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28), "monat")


def small(period: Period = MARCH, **changes: object) -> Kennzahlen:
    """One worker's month: 26 contacts, 10 Begleitungen; from Polen only 3 contacts."""
    values: dict[str, object] = dict(
        period=period, filters=Filters(worker_id="w1"), worker_name="Ana Test",
        app_version="0.1.0", data_hash="cd" * 32, generated_at=dt.datetime(2025, 4, 1, 8),
        begleitungen=10, begleitungsstunden=14.5, begleitete_familien=13, neue_familien=0,
        kontakte=26, kontakte_nach_art={"begleitung": 10, "beratung": 16}, starterpakete=0,
        starterpakete_nach_ausgabe={}, veranstaltungen=0, teilnehmende=0, ziele_gesamt=0,
        ziele_erreicht=0, kindeswohl_hinweise=0,
        nach_herkunftsland={"Bulgarien": Cell(14, 5, 6), "Rumänien": Cell(9, 5, 5),
                            "Polen": Cell(3, 0, 2)},
    )  # fmt: skip
    values.update(changes)
    return Kennzahlen(**values)  # type: ignore[arg-type]


def _lines(pdf: bytes, label: str) -> list[str]:
    """Rows of the laid-out text starting with ``label``, "< 5" written "<5"."""
    return [re.sub(r"<\s?5", "<5", line.strip())
            for line in pdf_text(pdf, layout=True).splitlines()
            if line.strip().startswith(label)]  # fmt: skip


def _csv_row(data: bytes, first: str) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return next(row for row in rows if row and row[0] == first)


def test_few_begleitungen_hide_hours_previous_period_and_change_in_the_pdf():
    """The audit's line: "Begleitungen <5 · Begleitungsstunden 6,9 · Vorperiode 9,6 · −2,7"."""
    kinds = {"begleitung": 3, "beratung": 23}
    now = small(begleitungen=3, begleitungsstunden=6.9, kontakte_nach_art=kinds,
                nach_herkunftsland={})  # fmt: skip
    before = small(FEBRUARY, begleitungen=4, begleitungsstunden=9.6,
                   kontakte_nach_art={"begleitung": 4, "beratung": 22}, nach_herkunftsland={})
    pdf = render_pdf(Report(now, previous=before, external=True))
    for label in ("Begleitungen ", "Begleitungsstunden"):
        row = _lines(pdf, label)[0]
        assert not re.search(r"\d", row.replace("<5", "")), row
    text = pdf_text(pdf)
    for leaked in ("6,9", "9,6", "2,7", "28 %", "−1", "+1"):
        assert leaked not in text
    # Kontakte 26 less the other kinds (23) would give the 3 Begleitungen: Beratung hidden.
    assert re.search(r"\bx\b", _lines(pdf, "Beratung")[0])
    internal = pdf_text(render_pdf(Report(now, previous=before)))
    assert "6,9" in internal and "9,6" in internal


def test_one_small_cell_gets_a_second_hidden_cell_in_json_csv_and_pdf():
    report = Report(small(), external=True)
    data = json.loads(to_json(report))["nach_herkunftsland"]
    assert data["Polen"] == {"kontakte": "< 5", "begleitungen": 0, "familien": "< 5"}
    # 26 - 14 - 9 = 3 and 13 - 6 - 5 = 2: so Rumänien's smaller cells are hidden too.
    assert data["Rumänien"] == {"kontakte": "x", "begleitungen": 5, "familien": "x"}
    assert data["Bulgarien"] == {"kontakte": 14, "begleitungen": 5, "familien": 6}

    csv_data = to_csv(report)
    assert _csv_row(csv_data, "Polen")[1:4] == ["< 5", "0", "< 5"]
    assert _csv_row(csv_data, "Rumänien")[1:4] == ["x", "5", "x"]
    assert _csv_row(csv_data, "Bulgarien")[1:4] == ["14", "5", "6"]

    pdf = render_pdf(report)
    assert _lines(pdf, "Polen")[-1].split()[1:4] == ["<5", "0", "<5"]
    assert _lines(pdf, "Rumänien")[-1].split()[1:4] == ["x", "5", "x"]
    assert _lines(pdf, "Bulgarien")[-1].split()[1:4] == ["14", "5", "6"]
    assert "„x“: verborgen, damit kein kleiner Wert errechnet werden kann" in pdf_text(pdf)


def test_the_hidden_cells_do_not_depend_on_the_order_of_the_keys():
    figures = small()
    turned = dataclasses.replace(
        figures, nach_herkunftsland=dict(reversed(figures.nach_herkunftsland.items())))
    assert publish(figures, True).marks == publish(turned, True).marks


def test_an_internal_report_shows_every_value_exactly():
    figures = kennzahlen(scale=0.002)  # many values from 1 to 4
    shown = publish(figures, False)
    assert not shown.marks
    assert shown.figure("begleitungsstunden") == round(figures.begleitungsstunden, 2)
    assert shown.kinds() == {kind: figures.kontakte_nach_art.get(kind, 0)
                             for kind in CONTACT_KINDS}  # fmt: skip
    for name in ("nach_sozialraum", "nach_monat", "nach_mitarbeitenden"):
        for key, cell in shown.breakdown(name).items():
            assert dataclasses.astuple(cell) == dataclasses.astuple(figures.breakdown(name)[key])
    data = json.loads(to_json(Report(figures)))
    assert not [value for value in data["nach_sozialraum"].values() for v in value.values()
                if isinstance(v, str)]  # fmt: skip
    assert publish(figures, True).marks  # the same figures leaving the office hide some
