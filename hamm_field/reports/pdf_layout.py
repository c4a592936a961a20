"""Page frame, styles and tables shared by the Kennzahlen PDF and the person data report.

Every page carries a header line and a footer with "Seite X von Y". The total is only
known after the last page is laid out, so the canvas keeps each finished page's state
and draws the header and footer onto all pages when the document is saved (the usual
reportlab pattern; one pass, everything in memory).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from hamm_field.reports.fonts import a4_document, register_fonts

INK = colors.HexColor("#1f2933")
GREY = colors.HexColor("#5b6775")
LINE = colors.HexColor("#c3cad3")
SHADE = colors.HexColor("#f2f4f7")
ACCENT = colors.HexColor("#1d5f8a")
ACCENT_LIGHT = colors.HexColor("#8fb8d6")
MARGIN_X = 20 * mm
WIDTH = A4[0] - 2 * MARGIN_X  # 170 mm of text width

Decorate = Callable[[int, int], tuple[str, str, str]]
"""``(page, total) -> (header, footer left, footer right)``."""


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of both documents, in the embedded font."""

    regular: str
    bold: str
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle


def styles() -> Styles:
    regular, bold = register_fonts()
    body = ParagraphStyle(
        "body", fontName=regular, bulletFontName=regular, fontSize=9.5, leading=12.5,
        textColor=INK,
    )  # fmt: skip
    cell = ParagraphStyle("cell", body, fontSize=8.5, leading=10.5)
    return Styles(
        regular=regular,
        bold=bold,
        body=body,
        small=ParagraphStyle("small", body, fontSize=8, leading=10, textColor=GREY),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", cell, fontName=bold),
        title=ParagraphStyle("title", body, fontName=bold, fontSize=30, leading=36,
                             textColor=ACCENT),
        subtitle=ParagraphStyle("subtitle", body, fontSize=13, leading=17, textColor=GREY),
        h1=ParagraphStyle("h1", body, fontName=bold, fontSize=14, leading=18, spaceBefore=4,
                          spaceAfter=6, textColor=ACCENT, keepWithNext=True),
        h2=ParagraphStyle("h2", body, fontName=bold, fontSize=11, leading=14, spaceBefore=8,
                          spaceAfter=4, keepWithNext=True),
    )  # fmt: skip


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    style: Styles,
    *,
    numeric_from: int = 1,
    header_rows: int = 1,
    bold_last: bool = False,
    valign: str = "MIDDLE",
) -> Table:
    """A table with a shaded header that repeats on every page the table runs over.

    Columns from ``numeric_from`` on are right-aligned numbers.
    """
    rows = [list(row) for row in rows]
    for row in rows[:header_rows]:
        scale = min((fitting_scale(cell, width - 8) for cell, width in zip(row, widths,
                                                                           strict=False)),
                    default=1.0)  # fmt: skip
        row[:] = [scaled(cell, scale) for cell in row]
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), style.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), style.bold),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, GREY),
        ]
    if numeric_from < len(widths):
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if bold_last:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), style.bold),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
        ]
    table.setStyle(TableStyle(commands))
    return table


MIN_HEADER_SIZE = 6.0


def fitting_scale(cell: Any, room: float) -> float:
    """How much a header paragraph must shrink for its longest word to fit the column.

    reportlab splits a word that does not fit mid-word ("Придружава|ния"); Bulgarian and
    German column titles have such long words. Not below 6 pt: beyond that it wraps.
    """
    if not isinstance(cell, Paragraph):
        return 1.0
    style = cell.style
    longest = max((stringWidth(word, style.fontName, style.fontSize)
                   for word in cell.getPlainText().split()), default=0.0)  # fmt: skip
    if longest <= room:
        return 1.0
    return max(MIN_HEADER_SIZE / style.fontSize, room / longest)


def scaled(cell: Any, scale: float) -> Any:
    """The header paragraph in ``scale`` times its size (the whole row alike, for calm)."""
    if scale >= 1.0 or not isinstance(cell, Paragraph):
        return cell
    style = cell.style
    smaller = ParagraphStyle(f"{style.name}_fit", style, fontSize=style.fontSize * scale,
                             leading=style.leading * scale)  # fmt: skip
    return Paragraph(cell.text, smaller)


def header_cells(
    labels: Sequence[str], style: Styles, *, numeric_from: int = 1
) -> list[Paragraph]:
    """Header labels as paragraphs, so a long translated label wraps instead of overflowing;
    right-aligned over the number columns (from ``numeric_from`` on)."""
    right = ParagraphStyle("head_right", style.cell_bold, alignment=2)
    return [
        Paragraph(escape(label), style.cell_bold if index < numeric_from else right)
        for index, label in enumerate(labels)
    ]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` with an ellipsis (a header line must not run off the page)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _numbered_canvas(decorate: Decorate, regular: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            header, left, right = decorate(self._pageNumber, total)
            width, height = self._pagesize
            header = fit(header, regular, 7.5, width - 2 * MARGIN_X)
            room = width - 2 * MARGIN_X - stringWidth(right, regular, 7.5) - 6 * mm
            left = fit(left, regular, 7.5, room)
            self.saveState()
            self.setFont(regular, 7.5)
            self.setFillColor(GREY)
            self.setStrokeColor(LINE)
            self.setLineWidth(0.5)
            self.drawString(MARGIN_X, height - 12 * mm, header)
            self.line(MARGIN_X, height - 13.5 * mm, width - MARGIN_X, height - 13.5 * mm)
            self.line(MARGIN_X, 14.5 * mm, width - MARGIN_X, 14.5 * mm)
            self.drawString(MARGIN_X, 10.5 * mm, left)
            self.drawRightString(width - MARGIN_X, 10.5 * mm, right)
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: list[Flowable], *, title: str, decorate: Decorate) -> bytes:
    """Lay ``story`` out on A4 in memory, header and footer on every page."""
    regular, _bold = register_fonts()
    buffer = io.BytesIO()
    document = a4_document(buffer, title=title, side=MARGIN_X, top=19 * mm, bottom=19 * mm)
    document.build(story, canvasmaker=_numbered_canvas(decorate, regular))
    return buffer.getvalue()
