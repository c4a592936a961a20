"""The Kennzahlen PDF, read back with pdftotext and pdffonts as a coordinator's tools would."""

from __future__ import annotations

import dataclasses
import gettext
import re

from hamm_field.i18n import set_language, translator
from hamm_field.i18n.catalog import install
from hamm_field.i18n.formatting import format_moment
from hamm_field.reports.model import NOT_APPLICABLE, NOT_REPORTED, Cell, Filters, Report
from hamm_field.reports.pdf_report import render_pdf
from hamm_field.reports.pdf_values import sorted_rows
from tests.reports.pdf_sample import CARD, HASH, WORKERS, kennzahlen, report
from tests.reports.pdf_tools import fonts_embedded, page_texts, pdf_text

CYRILLIC = re.compile("[а-яА-Я]")


def _lines(pdf: bytes, label: str) -> list[str]:
    """The lines of the laid-out text that start with ``label`` (table rows)."""
    return [line.strip() for line in pdf_text(pdf, layout=True).splitlines()
            if line.strip().startswith(label)]  # fmt: skip


def test_headline_figures_with_previous_period_and_plan():
    pdf = render_pdf(report())
    expected = {
        "Begleitungen": ["2.000", "1.600", "+400 (+25 %)"],
        "Begleitungsstunden": ["3.125,5"],
        "begleitete Familien": ["300", "240", "200"],  # 200 is the plan
        "neu aufgenommene Familien": ["85"],
        "Kontakte ": ["5.240"],
        "Starterpakete ": ["64"],
        "Veranstaltungen": ["12"],
        "Teilnehmende": ["431"],
        "Integrationsziele erreicht / gesamt": ["47 / 126"],
        "Kindeswohl-Hinweise (erheblich)": ["7"],
    }
    for label, values in expected.items():
        row = _lines(pdf, label)[0]
        for value in values:
            assert value in row, (label, row)
    text = pdf_text(pdf)
    assert "Begleitungen: 2.000 (90 % Bulgarisch)" in text
    assert "Begleitungen: 2.000 (67 % Hamm-Westen)" in text
    assert "Vorperiode: 01.01.2025 – 31.12.2025 (Jahr)" in text


def test_contacts_by_kind_and_every_breakdown_key():
    pdf = render_pdf(report())
    assert "2.000" in _lines(pdf, "Begleitung ")[0]
    assert "1.100" in _lines(pdf, "Beratung")[0]
    assert "5.240" in _lines(pdf, "Kontakte gesamt")[0]
    text = pdf_text(pdf)
    figures = kennzahlen()
    for name in ("nach_sozialraum", "nach_herkunftsland", "nach_sprache", "nach_institution",
                 "nach_mitarbeitenden"):  # fmt: skip
        for key in figures.breakdown(name):
            assert key in text, (name, key)
    for month in ("Januar 2026", "Juni 2026", "Dezember 2026"):
        assert month in text
    for paket in ("1 · Neuzugewanderte", "5 · Familien in Notlagen"):
        assert paket in text
    assert any("3.300" in row and "1.340" in row and "67 %" in row
               for row in _lines(pdf, "Hamm-Westen"))  # fmt: skip
    # Not reported is its own row, never folded into a zero.
    assert any(line.startswith(NOT_REPORTED) and "40" in line for line in _lines(pdf, "o. A."))


def test_every_page_has_header_page_number_version_and_hash():
    figures = kennzahlen(filters=Filters(sozialraum="Hamm-Westen", paket=1))
    pages = page_texts(render_pdf(Report(current=figures)))
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in page
        assert "Hamm Field 0.1.0" in page and HASH[:16] in page
        assert "01.01.2026 – 31.12.2026 (Jahr)" in page
        assert "Sozialraum: Hamm-Westen; Integrationspaket: 1 · Neuzugewanderte" in page
    assert "Kennzahlen" in pages[0] and format_moment(figures.generated_at) in pages[0]


def test_long_tables_repeat_their_header_on_the_next_page():
    workers = {f"Mitarbeiterin Nummer {i:03d}": Cell(100 + i, 50, 10) for i in range(90)}
    pages = page_texts(render_pdf(Report(current=kennzahlen(nach_mitarbeitenden=workers))))
    holding = [page for page in pages if "Mitarbeiterin Nummer" in page]
    assert len(holding) >= 2
    for page in holding:
        assert "Mitarbeiter/in" in page and "Kontakte Begleitungen Familien" in page
    # Largest first: the busiest worker opens the table, the last one ends it.
    assert "Mitarbeiterin Nummer 089" in holding[0] and "Mitarbeiterin Nummer 000" in holding[-1]


def test_fonts_are_embedded(tmp_path):
    assert fonts_embedded(render_pdf(report()), tmp_path)
    assert fonts_embedded(render_pdf(report(external=True)), tmp_path)


def test_external_report_suppresses_small_counts_in_tables_and_charts():
    sozialraum = {"Hamm-Westen": Cell(900, 300, 80), "Heessen": Cell(3, 2, 1)}
    figures = kennzahlen(nach_sozialraum=sozialraum, kindeswohl_hinweise=3)
    internal = render_pdf(Report(current=figures))
    assert any(re.search(r"\b3\b", line) for line in _lines(internal, "Heessen"))

    external = render_pdf(Report(current=figures, external=True))
    rows = _lines(external, "Heessen")
    assert len(rows) >= 2  # the table row and the chart label
    for row in rows:
        assert not re.search(r"\d", re.sub(r"<\s?5", "", row)), row
    assert len(re.findall(r"<\s?5", rows[-1])) == 3  # the table row: all three counts
    assert re.search(r"<\s?5", _lines(external, "Kindeswohl-Hinweise")[0])
    assert "Werte von 1 bis 4" in pdf_text(external)


def test_measure_card_shows_the_stored_texts_and_the_figures():
    pages = page_texts(render_pdf(report()))
    card = pages[-2]  # just before the definitions
    assert "Maßnahmenkarte" in card
    for stored in (CARD.titel, CARD.traeger, CARD.handlungsfelder, CARD.zielgruppe,
                   CARD.sachstand):  # fmt: skip
        assert stored in card
    for label in ("Titel", "Träger", "Beschreibung", "Zielgruppe", "Sachstand", "Kosten"):
        assert label in card
    assert "Begleitungen: 2.000 (90 % Bulgarien) · Plan: 2.000" in card
    assert "begleitete Familien: 300 · Plan: 200" in card
    assert "Kindeswohl" not in card
    without = pdf_text(render_pdf(report(card=None)))
    assert "Maßnahmenkarte" not in without


def test_an_empty_period_still_gives_a_readable_report():
    empty = dataclasses.replace(
        kennzahlen(scale=0), nach_sozialraum={}, nach_integrationspaket={},
        nach_herkunftsland={}, nach_sprache={}, nach_institution={}, nach_monat={},
        nach_mitarbeitenden={}, starterpakete_nach_ausgabe={},
    )  # fmt: skip
    text = pdf_text(render_pdf(Report(current=empty)))
    assert "Keine Einträge im Zeitraum." in text
    assert "Seite 1 von" in text


def test_bulgarian_report_follows_the_bulgarian_catalog():
    """Passes with today's catalog and once the translations arrive: the heading is
    whatever the Bulgarian catalog says for "Kennzahlen", Cyrillic when it has one."""
    set_language("bg")
    heading = translator("bg")("Kennzahlen")
    text = pdf_text(render_pdf(report()))
    assert heading in text
    if heading != "Kennzahlen":
        assert CYRILLIC.search(heading)
    assert "1.01.2026 г." in text  # Bulgarian dates in any case


BULGARIAN = {"Kennzahlen": "Показатели", "Überblick": "Общ преглед",
             "Seite {page} von {total}": "Страница {page} от {total}",
             "entfällt": "не се отнася"}  # fmt: skip


class _Bulgarian(gettext.NullTranslations):
    """A hand-made catalog, so the test does not wait for the real translations."""

    def gettext(self, message: str) -> str:
        return BULGARIAN.get(message, message)


def test_a_bulgarian_catalog_gives_cyrillic_headings():
    install(_Bulgarian(), "bg")
    pages = page_texts(render_pdf(report()))
    assert "Показатели" in pages[0] and "Общ преглед" in pages[1]
    assert f"Страница 1 от {len(pages)}" in pages[0]
    assert "2 000" in pages[1]  # Bulgarian digit grouping


def test_a_long_range_charts_years_but_tables_every_month():
    months = {f"{y}-{m:02d}": Cell(300, 100, 80) for y in (2024, 2025, 2026) for m in range(1, 13)}
    text = pdf_text(render_pdf(Report(current=kennzahlen(nach_monat=months))))
    assert "Kontakte und Begleitungen nach Jahr" in text
    assert "3.600" in text  # a year's bar: 12 months of 300 contacts
    assert "Januar 2024" in text and "Dezember 2026" in text


def test_the_last_page_of_every_report_defines_the_figures():
    empty = dataclasses.replace(kennzahlen(scale=0), nach_mitarbeitenden={})
    for each in (report(), report(card=None), report(external=True), Report(current=empty)):
        pages = page_texts(render_pdf(each))
        last = pages[-1]
        assert "Begriffe und Zählregeln" in last
        assert "Begriffe und Zählregeln" not in " ".join(pages[:-1])
        for term in ("Begleitungsstunden", "begleitete Familien", "neu aufgenommene Familien",
                     "Teilnehmende", "Kindeswohl-Hinweise (erheblich)", "o. A.", "entfällt"):
            assert term in last, term
        assert ("vereinbart bis zum Ende des Zeitraums und nicht vor seinem Beginn erreicht "
                "oder verworfen") in last
        assert "Werte von 1 bis 4 als „< 5“ aus" in last and "„x“ verborgen" in last
        assert f"Seite {len(pages)} von {len(pages)}" in last  # the page frame, as elsewhere
        assert "01.01.2026 – 31.12.2026 (Jahr)" in last


def test_external_report_has_no_table_by_worker():
    internal = pdf_text(render_pdf(report()))
    assert "Nach Mitarbeitenden" in internal and WORKERS[0] in internal
    external = pdf_text(render_pdf(report(external=True)))
    assert "Nach Mitarbeitenden" not in external
    for name in WORKERS:
        assert name not in external, name


def test_entfaellt_rows_come_after_o_a_at_the_end_of_their_table():
    cells = {NOT_APPLICABLE: Cell(900, 0, 0), NOT_REPORTED: Cell(5, 1, 1),
             "Bulgarien": Cell(100, 50, 20), "Rumänien": Cell(300, 10, 5)}  # fmt: skip
    assert [key for key, _cell in sorted_rows("nach_herkunftsland", cells)] == [
        "Rumänien", "Bulgarien", NOT_REPORTED, NOT_APPLICABLE]
    figures = kennzahlen(nach_herkunftsland=cells)
    text = pdf_text(render_pdf(Report(current=figures)), layout=True)
    start = text.index("Nach Herkunftsland")
    rows = [line.split()[:2] for line in text[start:text.index("Nach Sprache", start)]
            .splitlines() if line.strip()]  # fmt: skip
    assert rows[-4:] == [["Rumänien", "300"], ["Bulgarien", "100"], ["o.", "A."],
                         ["entfällt", "900"]]  # fmt: skip
    install(_Bulgarian(), "bg")
    assert "не се отнася" in _lines(render_pdf(Report(current=figures)), "не се отнася")[0]
