"""The "Notfallblatt": the recovery key on paper, with plain instructions.

The key is printed large, one character per fixed cell (DejaVu Sans has no monospace
face, the cells make it read like one), in its groups of 4-4-5 / 4-4-5-4 (the last one the
check group, which tells a typo from a wrong key) so it can be read aloud and typed back.
It also appears once as plain text, so a copy made by a screen reader or a text extractor
carries the exact key. The PDF is built in memory and returned as bytes: it holds the key
and the worker's name and must never touch an unencrypted temp file.

The texts are German source strings translated into ``language`` without touching the
process-wide language (the sheet is built on the background thread).
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from hamm_field.i18n import N_, translator
from hamm_field.i18n.formatting import babel_locale
from hamm_field.reports.fonts import pdf_bytes, register_fonts

TEXTS = {
    "title": N_("Notfallblatt"),
    "subtitle": N_("Wiederherstellungsschlüssel für Hamm Field"),
    "for": N_("Für"),
    "created": N_("Erstellt am"),
    "plain": N_("Derselbe Schlüssel zum Abtippen:"),
    "why_h": N_("Wozu dient dieses Blatt?"),
    "why": N_(
        "Mit diesem Schlüssel kommen Sie wieder an Ihre Daten, wenn Sie Ihr Passwort "
        "vergessen haben. Er ersetzt das Passwort ein einziges Mal: danach legen Sie ein "
        "neues Passwort fest."
    ),
    "use_h": N_("So benutzen Sie den Schlüssel"),
    "use_1": N_(
        "Im Programm: Auf dem Anmeldebildschirm „Passwort vergessen? Mit "
        "Wiederherstellungsschlüssel entsperren“ wählen."
    ),
    "use_2": N_("Den Schlüssel von diesem Blatt eintippen und ein neues Passwort festlegen."),
    "use_3": N_("Oder in der Befehlszeile:"),
    "use_4": N_(
        "Groß- und Kleinschreibung und Bindestriche sind egal. O und 0 gelten als gleich, "
        "ebenso I, L und 1."
    ),
    "check": N_(
        "Die letzte Gruppe ist eine Prüfgruppe: Mit ihr erkennt Hamm Field Tippfehler."
    ),
    "keep_h": N_("Wo Sie das Blatt aufbewahren"),
    "keep_1": N_(
        "An einem sicheren, verschlossenen Ort, getrennt vom Laptop, zum Beispiel im "
        "verschlossenen Schrank der Koordination."
    ),
    "keep_2": N_(
        "Nicht fotografieren, nicht in E-Mails oder Chats abtippen, nicht in die "
        "Laptoptasche legen."
    ),
    "keep_3": N_(
        "Wer dieses Blatt hat, kann alle Daten dieses Laptops lesen. Es gibt keine Kopie: "
        "Sind Blatt und Passwort verloren, lassen sich die Daten nicht mehr öffnen."
    ),
    "sign_place": N_("Ort, Datum"),
    "sign_name": N_("Aufbewahrt von (Name, Unterschrift)"),
    "footer": N_("Hamm Field · Notfallblatt · vertraulich"),
}
COMMAND = "hamm-field passwd --recovery"
GROUP_BREAK = 3  # groups on the first printed line: 4-4-5 / 4-4-5-4


def texts(language: str) -> dict[str, str]:
    """The sheet's texts in ``language`` (German where no translation exists)."""
    translate = translator(language)
    return {key: translate(message) for key, message in TEXTS.items()}


class KeyCells(Flowable):
    """The key in fixed-width cells on a light box, groups split over two lines.

    The type is ``size`` points, or smaller if the longer line would not fit the width.
    """

    def __init__(self, key: str, font: str, size: float = 24) -> None:
        super().__init__()
        groups = key.split("-")
        self.lines = [groups[:GROUP_BREAK], groups[GROUP_BREAK:]]
        self.font, self.largest, self.pad = font, size, 5 * mm
        self._set_size(size)

    def _set_size(self, size: float) -> None:
        self.size, self.cell, self.gap = size, size * 0.95, size * 0.8
        self.line_height = size * 1.6

    def _line_width(self, groups: list[str]) -> float:
        chars = sum(len(group) for group in groups)
        return chars * self.cell + (len(groups) - 1) * self.gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._set_size(self.largest)
        widest = max(self._line_width(groups) for groups in self.lines)
        room = avail_width - 2 * self.pad
        if widest > room:
            self._set_size(self.largest * room / widest)
        self.width = avail_width
        self.height = len(self.lines) * self.line_height + 2 * self.pad
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(colors.HexColor("#f2f4f7"))
        canvas.setStrokeColor(colors.HexColor("#5b6775"))
        canvas.roundRect(0, 0, self.width, self.height, 3 * mm, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, self.size)
        widest = max(self._line_width(groups) for groups in self.lines)
        for row, groups in enumerate(self.lines):
            x = (self.width - widest) / 2
            y = self.height - self.pad - (row + 1) * self.line_height + self.size * 0.45
            for index, group in enumerate(groups):
                if index:
                    canvas.setFont(self.font, self.size * 0.6)
                    canvas.drawCentredString(x - self.gap / 2, y + self.size * 0.2, "–")
                    canvas.setFont(self.font, self.size)
                for char in group:
                    canvas.drawCentredString(x + self.cell / 2, y, char)
                    x += self.cell
                x += self.gap


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    grey = colors.HexColor("#3c4650")
    base = ParagraphStyle(
        "base", fontName=regular, bulletFontName=regular, fontSize=11, leading=15
    )
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=24, leading=30),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=18, textColor=grey),
        "heading": ParagraphStyle(
            "heading", base, fontName=bold, fontSize=12.5, leading=17, spaceBefore=9,
            spaceAfter=3,
        ),
        "item": ParagraphStyle(
            "item", base, leftIndent=7 * mm, bulletIndent=1.5 * mm, spaceAfter=2
        ),
        "command": ParagraphStyle(
            "command", base, fontName=bold, leftIndent=12 * mm, spaceAfter=2
        ),
        "small": ParagraphStyle("small", base, fontSize=9.5, leading=13, textColor=grey),
    }


def _signature(t: dict[str, str], style: ParagraphStyle) -> Table:
    place = Paragraph(escape(t["sign_place"]), style)
    name = Paragraph(escape(t["sign_name"]), style)
    table = Table(
        [["", "", ""], [place, "", name]],
        colWidths=[55 * mm, 10 * mm, 95 * mm],
        rowHeights=[16 * mm, None],
    )
    table.setStyle(
        TableStyle([
            ("LINEABOVE", (0, 1), (0, 1), 0.8, colors.black),
            ("LINEABOVE", (2, 1), (2, 1), 0.8, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("FONTNAME", (0, 0), (-1, -1), style.fontName),
        ])
    )
    return table


def recovery_sheet_pdf(
    recovery_key: str, *, worker_name: str, created: dt.date, language: str
) -> bytes:
    """The Notfallblatt as PDF bytes, in ``language``, built in memory."""
    regular, bold = register_fonts()
    t = texts(language)
    s = _styles(regular, bold)
    when = format_date(created, "long", locale=babel_locale(language))
    rows = [(t["for"], worker_name), (t["created"], when)]
    facts = Table(
        [[Paragraph(escape(label) + ":", s["base"]), Paragraph(escape(value), s["base"])]
         for label, value in rows],
        colWidths=[35 * mm, 125 * mm],
    )
    facts.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("FONTNAME", (0, 0), (-1, -1), regular)])
    )
    story = [
        Paragraph(escape(t["title"]), s["title"]),
        Paragraph(escape(t["subtitle"]), s["subtitle"]),
        Spacer(1, 5 * mm),
        facts,
        Spacer(1, 5 * mm),
        KeyCells(recovery_key, bold),
        Spacer(1, 2 * mm),
        Paragraph(f"{escape(t['plain'])} <b>{escape(recovery_key)}</b>", s["small"]),
        Paragraph(escape(t["why_h"]), s["heading"]),
        Paragraph(escape(t["why"]), s["base"]),
        Paragraph(escape(t["use_h"]), s["heading"]),
        Paragraph(escape(t["use_1"]), s["item"], bulletText="1."),
        Paragraph(escape(t["use_2"]), s["item"], bulletText="2."),
        Paragraph(escape(t["use_3"]), s["item"], bulletText="•"),
        Paragraph(escape(COMMAND), s["command"]),
        Paragraph(escape(t["use_4"]), s["item"], bulletText="•"),
        Paragraph(escape(t["check"]), s["item"], bulletText="•"),
        Paragraph(escape(t["keep_h"]), s["heading"]),
        Paragraph(escape(t["keep_1"]), s["item"], bulletText="•"),
        Paragraph(escape(t["keep_2"]), s["item"], bulletText="•"),
        Paragraph(escape(t["keep_3"]), s["item"], bulletText="•"),
        Spacer(1, 6 * mm),
        _signature(t, s["small"]),
    ]
    return pdf_bytes(story, title=t["title"], footer=t["footer"])
