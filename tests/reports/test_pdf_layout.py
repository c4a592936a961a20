"""PDF tables as printed (issue 14, item 8): flush with the header rule, headers whole words."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, Table

from hamm_field.i18n import set_language
from hamm_field.reports.pdf_layout import MARGIN_X, WIDTH
from hamm_field.reports.pdf_report import render_pdf
from hamm_field.reports.receipt import handout_receipt_pdf
from tests.reports.pdf_sample import report
from tests.reports.support import make_family, receipt_data

TOLERANCE = 0.01  # points


@pytest.fixture
def drawn(monkeypatch) -> list[tuple[Table, float]]:
    """Every table put on a page itself (not into another table's cell), with its left edge."""
    tables: list[tuple[Table, float]] = []
    depth = [0]
    original = Table.drawOn

    def draw_on(self, canvas, x, y, _sW=0):  # noqa: N803 - reportlab's name
        if depth[0] == 0:
            tables.append((self, self._hAlignAdjust(x, _sW)))
        depth[0] += 1
        try:
            return original(self, canvas, x, y, _sW)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(Table, "drawOn", draw_on)
    return tables


def test_report_tables_end_where_the_header_rule_ends(drawn):
    render_pdf(report())
    tables = drawn
    assert len(tables) > 5
    for table, x in tables:
        assert abs(x - MARGIN_X) < TOLERANCE  # the rule starts at the margin
        assert x + table._width <= MARGIN_X + WIDTH + TOLERANCE  # ... and ends 170 mm later
    assert any(abs(x + t._width - (MARGIN_X + WIDTH)) < TOLERANCE for t, x in tables)


def test_person_data_tables_end_where_the_header_rule_ends(drawn, services):
    family, _mother, _child = make_family(services)
    services.person_data.family(family.id)
    tables = drawn
    assert len(tables) > 10
    for table, x in tables:
        assert abs(x - MARGIN_X) < TOLERANCE
        assert abs(x + table._width - (MARGIN_X + WIDTH)) < TOLERANCE


def test_receipt_tables_stay_inside_the_margins(drawn):
    handout_receipt_pdf(receipt_data())
    side = 22 * 72 / 25.4
    tables = drawn
    assert tables
    for table, x in tables:
        assert x >= side - TOLERANCE
        assert x + table._width <= A4[0] - side + TOLERANCE


def line_words(paragraph: Paragraph) -> list[str]:
    """The words of each laid-out line of ``paragraph``, in order."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [word for line in lines for word in line[1]]
    return ["".join(fragment.text for fragment in line.words).strip() for line in lines]


def header_paragraphs(tables: list[tuple[Table, float]]) -> list[Paragraph]:
    """The header cells of every table (reportlab keeps a cell as a tuple of flowables)."""
    cells = [cell for table, _x in tables if table.repeatRows
             for row in table._cellvalues[:table.repeatRows] for cell in row]
    flat = [part for cell in cells
            for part in (cell if isinstance(cell, (list, tuple)) else [cell])]
    return [part for part in flat if isinstance(part, Paragraph)]


def test_bulgarian_report_headers_break_between_words_only(drawn):
    set_language("bg")
    render_pdf(report())
    headers = header_paragraphs(drawn)
    assert len(headers) > 20
    assert any("Придружавания" in p.getPlainText() for p in headers)
    broken = [(p.getPlainText(), line_words(p)) for p in headers
              if " ".join(line_words(p)).split() != p.getPlainText().split()]
    assert broken == []


def test_bulgarian_person_data_headers_break_between_words_only(drawn, services):
    set_language("bg")
    family, _mother, _child = make_family(services)
    services.person_data.family(family.id)
    headers = header_paragraphs(drawn)
    assert len(headers) > 20
    broken = [(p.getPlainText(), line_words(p)) for p in headers
              if " ".join(line_words(p)).split() != p.getPlainText().split()]
    assert broken == []
