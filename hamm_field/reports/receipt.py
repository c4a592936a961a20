"""The bilingual Empfangsbestätigung for a Starterpaket handout.

Every text appears in German and, below it in grey, in the family's language (the
handout's edition: bg, ro, tr; a German edition gives a German-only receipt). The family
signs the sentence "Ich habe das Starterpaket erhalten." in both languages. The texts
come from the message catalogs (``receipt_texts``), whatever language the app speaks.
The PDF holds the family's name, so it is built in memory and returned as bytes; it is
only written to disk when a person chooses "Speichern unter…".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from hamm_field.i18n.formatting import format_day
from hamm_field.reports.fonts import pdf_bytes, register_fonts
from hamm_field.reports.receipt_texts import EDITIONS, LANGUAGE_NAMES, item_name, texts

GREY = colors.HexColor("#4a5560")
LINE = colors.HexColor("#9aa3ad")
SHADE = colors.HexColor("#f2f4f7")
WIDTH = 166 * mm


@dataclass(frozen=True)
class ReceiptData:
    """What the receipt shows; labels are the German master-data labels."""

    family_name: str
    date: dt.date
    worker_name: str
    edition: str
    edition_label: str
    items: tuple[tuple[str, str], ...]  # (master key, German label)
    recipient_name: str = ""


class _Receipt:
    """Builds the story; ``second`` is None for a German-only receipt."""

    def __init__(self, data: ReceiptData) -> None:
        self.data = data
        self.regular, self.bold = register_fonts()
        self.de = texts("de")
        bilingual = data.edition in EDITIONS and data.edition != "de"
        self.second = texts(data.edition) if bilingual else None
        base = ParagraphStyle(
            "base", fontName=self.regular, bulletFontName=self.regular, fontSize=10, leading=13
        )
        self.base = base
        self.value = ParagraphStyle("value", base, fontName=self.bold)
        self.title = ParagraphStyle("title", base, fontName=self.bold, fontSize=19, leading=24)
        self.subtitle = ParagraphStyle("sub", base, fontSize=13.5, leading=18, textColor=GREY)
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=GREY)
        self.sentence = ParagraphStyle(
            "sentence", base, fontName=self.bold, fontSize=12.5, leading=17
        )

    def both(self, key: str, style: ParagraphStyle | None = None, sep: str = "<br/>") -> str:
        """German text, and the translation in grey below (or after ``sep``)."""
        text = escape(self.de[key])
        if self.second:
            grey = GREY.hexval()[2:]
            text += f'{sep}<font color="#{grey}">{escape(self.second[key])}</font>'
        return text

    def heading(self) -> list[Flowable]:
        story: list[Flowable] = [
            Paragraph(f"{escape(self.de['title'])} · {escape(self.de['subtitle'])}", self.title)
        ]
        if self.second:
            line = f"{escape(self.second['title'])} · {escape(self.second['subtitle'])}"
            story.append(Paragraph(line, self.subtitle))
        return story

    def facts(self) -> Table:
        data = self.data
        edition = data.edition_label
        if self.second:
            edition = f"{edition} · {LANGUAGE_NAMES.get(data.edition, '')}"
        rows = [
            ("family", data.family_name),
            ("date", format_day(data.date, "de")),  # the German part stays German
            ("recipient", data.recipient_name),
            ("worker", data.worker_name),
            ("edition", edition),
        ]
        cells = [
            [Paragraph(self.both(key), self.base), Paragraph(escape(value), self.value)]
            for key, value in rows
        ]
        table = Table(cells, colWidths=[58 * mm, WIDTH - 58 * mm])
        table.setStyle(self._grid_style())
        return table

    def items(self) -> Table:
        rows = []
        for key, german in self.data.items:
            text = escape(german)
            translated = item_name(self.data.edition, key) if self.second else None
            second = Paragraph(escape(translated), self.base) if translated else ""
            rows.append(["✓", Paragraph(text, self.base), second])
        widths = [8 * mm, 78 * mm, WIDTH - 86 * mm] if self.second else [8 * mm, WIDTH - 8 * mm]
        if not self.second:
            rows = [row[:2] for row in rows]
        table = Table(rows, colWidths=widths, repeatRows=0)
        style = self._grid_style()
        style.add("FONTNAME", (0, 0), (0, -1), self.bold)
        for index in range(0, len(rows), 2):
            style.add("BACKGROUND", (0, index), (-1, index), SHADE)
        table.setStyle(style)
        return table

    def _grid_style(self) -> TableStyle:
        return TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.regular),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ])

    def confirmation(self) -> Table:
        text = escape(self.de["sentence"])
        if self.second:
            text += "<br/>" + escape(self.second["sentence"])
        box = Table([[Paragraph(text, self.sentence)]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle([
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("FONTNAME", (0, 0), (-1, -1), self.regular),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ])
        )
        return box

    def signatures(self) -> Table:
        def label(key: str) -> Paragraph:
            return Paragraph(self.both(key), self.small)

        gap = 6 * mm
        rows = [
            ["", "", "", "", ""],
            [label("place_date"), "", label("sign_recipient"), "", label("sign_worker")],
        ]
        column = (WIDTH - 2 * gap - 38 * mm) / 2
        table = Table(
            rows, colWidths=[38 * mm, gap, column, gap, column], rowHeights=[20 * mm, None]
        )
        style = TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.regular),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ])
        for col in (0, 2, 4):
            style.add("LINEABOVE", (col, 1), (col, 1), 0.8, colors.black)
        table.setStyle(style)
        return table

    def story(self) -> list[Flowable]:
        story = [*self.heading(), Spacer(1, 4 * mm), self.facts(), Spacer(1, 5 * mm)]
        story += [Paragraph(self.both("items", sep=" / "), self.base), Spacer(1, 2 * mm)]
        story.append(self.items())
        if any(key == "stadtplan" for key, _label in self.data.items):
            story += [Spacer(1, 2 * mm), Paragraph(self.both("offices"), self.small)]
        story += [Spacer(1, 5 * mm), self.confirmation(), Spacer(1, 2 * mm), self.signatures()]
        return story


def handout_receipt_pdf(data: ReceiptData) -> bytes:
    """The Empfangsbestätigung as PDF bytes, built in memory."""
    receipt = _Receipt(data)
    title = f"{receipt.de['title']} – {receipt.de['subtitle']}"
    return pdf_bytes(receipt.story(), title=title, footer=f"Hamm Field · {title}")
