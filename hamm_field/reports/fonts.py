"""The embedded font of every PDF (DejaVu Sans, regular and bold) and the A4 page.

reportlab's built-in fonts (Helvetica, Courier) know no Cyrillic and no ș ț, and a PDF
that relies on the reader's fonts prints boxes on the next machine. DejaVu Sans covers
German, Bulgarian Cyrillic, Romanian and Turkish; reportlab embeds the subset a document
uses, so the PDF looks the same everywhere. The TTF files and their licence live in
``resources/fonts`` (beside the package in a checkout, under ``sys._MEIPASS`` in the
PyInstaller bundle). Registration happens once per process, guarded by a lock because
documents are built on the background thread.
"""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def font_dirs() -> list[Path]:
    """Where the fonts may be, most specific first."""
    package = Path(__file__).resolve().parent.parent
    candidates = [package / "resources" / "fonts", package.parent / "resources" / "fonts"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources" / "fonts")
    return candidates


def _find(file_name: str) -> Path:
    for directory in font_dirs():
        path = directory / file_name
        if path.is_file():
            return path
    raise FileNotFoundError(f"font {file_name} not found in resources/fonts")


def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab; return their names."""
    global _registered
    with _lock:
        if not _registered:
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(_find(file_name))))
            # <b> inside a Paragraph switches to the bold face.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD


def pdf_bytes(story: list[Flowable], *, title: str, footer: str) -> bytes:
    """Lay ``story`` out on A4 with a footer line, in memory; nothing touches the disk."""
    regular, _bold = register_fonts()
    buffer = io.BytesIO()

    def page_footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8.5)
        canvas.setFillColor(colors.HexColor("#5b6775"))
        canvas.drawString(doc.leftMargin, 12 * mm, footer)
        canvas.drawRightString(A4[0] - doc.rightMargin, 12 * mm, str(doc.page))
        canvas.restoreState()

    document = a4_document(buffer, title=title, side=22 * mm, top=20 * mm, bottom=22 * mm)
    document.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()


class _Document(SimpleDocTemplate):
    """Frames without reportlab's 6 pt side padding: a table of the full text width ends
    where the header and footer rules end, not 2 mm beyond them."""

    def addPageTemplates(self, templates: Any) -> None:  # noqa: N802 - reportlab's name
        for template in templates if isinstance(templates, list | tuple) else [templates]:
            for frame in template.frames:
                frame.leftPadding = frame.rightPadding = 0
        super().addPageTemplates(templates)


def a4_document(
    buffer: io.BytesIO, *, title: str, side: float, top: float, bottom: float
) -> SimpleDocTemplate:
    """An A4 document in ``buffer`` that names and embeds only our fonts."""
    regular, _bold = register_fonts()
    return _Document(
        buffer,
        pagesize=A4,
        title=title,
        author="Hamm Field",
        creator="Hamm Field",
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        initialFontName=regular,  # otherwise every page names an unembedded Helvetica
    )
