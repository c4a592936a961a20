"""The funder's measure card (Maßnahmenkarte) as one boxed, form-like page.

The eight fields appear in the funder's order. The text fields come from the stored
card; "Kennzahlen" is filled in from the figures of the report. An empty field keeps an
empty box of a writable height, so a printed card can still be completed by hand.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import MeasureCard
from hamm_field.reports.pdf_layout import GREY, SHADE, WIDTH, Styles

FIELDS = (
    ("titel", N_("Titel")),
    ("traeger", N_("Träger")),
    ("beschreibung", N_("Beschreibung")),
    ("handlungsfelder", N_("Handlungsfelder")),
    ("zielgruppe", N_("Zielgruppe")),
    ("sachstand", N_("Sachstand")),
    ("kennzahlen", N_("Kennzahlen")),
    ("kosten", N_("Kosten")),
)
LABEL_WIDTH = 38 * mm
EMPTY_HEIGHT = 14 * mm


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text.strip()).replace("\n", "<br/>"), style)


def _figures(lines: list[str], style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(escape(line), style, bulletText="•") for line in lines]


def measure_card(card: MeasureCard, figures: list[str], style: Styles) -> list[Flowable]:
    """The heading and the boxed card; ``figures`` are the lines of "Kennzahlen"."""
    value = ParagraphStyle("card_value", style.body, fontSize=9.5, leading=12.5)
    title = ParagraphStyle("card_title", value, fontName=style.bold, fontSize=12, leading=15)
    bullet = ParagraphStyle("card_bullet", value, leftIndent=9, bulletIndent=0)
    label = ParagraphStyle("card_label", style.cell_bold, textColor=GREY)
    rows: list[list[object]] = []
    heights: list[float | None] = []
    for key, caption in FIELDS:
        if key == "kennzahlen":
            content: object = _figures(figures, bullet)
            text = "x" if figures else ""
        else:
            text = getattr(card, key)
            content = _paragraph(text, title if key == "titel" else value)
        rows.append([Paragraph(escape(_(caption)), label), content])
        heights.append(None if text.strip() else EMPTY_HEIGHT)
    table = Table(rows, colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH], rowHeights=heights,
                  splitInRow=1, hAlign="LEFT")  # fmt: skip
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), style.regular),
        ("BOX", (0, 0), (-1, -1), 1, GREY),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, GREY),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))  # fmt: skip
    return [Paragraph(escape(_("Maßnahmenkarte")), style.h1), Spacer(1, 2 * mm), table]
