"""Vector bar charts of the Kennzahlen PDF: Kontakte and Begleitungen side by side.

Drawn with reportlab.graphics shapes rather than its chart widgets, so every label uses
the embedded font and a hidden value of an external report can be handled exactly: it
gets no bar at all, only its marker ("< 5", "x") where the bar would start, and the axis
is scaled to the shown values only. A bar of any length would give the value away.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from hamm_field.i18n import gettext as _
from hamm_field.reports.chart_bars import Bar
from hamm_field.reports.pdf_layout import ACCENT, ACCENT_LIGHT, GREY, INK, LINE
from hamm_field.reports.pdf_values import Counts
from hamm_field.reports.suppression import Shown

LABEL_SIZE = 7
VALUE_SIZE = 6.5
LEGEND_HEIGHT = 16


class _Chart:
    def __init__(self, bars: Sequence[Bar], counts: Counts, font: str, width: float) -> None:
        self.bars, self.counts, self.font, self.width = list(bars), counts, font, width
        shown = [
            float(value)
            for bar in self.bars
            for value in (bar.kontakte, bar.begleitungen)
            if not isinstance(value, str)
        ]
        self.top = max([*shown, 1])

    def series(self, bar: Bar) -> list[tuple[Shown, Color]]:
        return [(bar.kontakte, ACCENT_LIGHT), (bar.begleitungen, ACCENT)]

    def text(self, x: float, y: float, text: str, *, size: float = LABEL_SIZE,
             color: Color = INK, anchor: str = "start") -> String:  # fmt: skip
        return String(x, y, text, fontName=self.font, fontSize=size, fillColor=color,
                      textAnchor=anchor)  # fmt: skip

    def legend(self, drawing: Drawing, y: float) -> None:
        x = 0.0
        for label, color in ((_("Kontakte"), ACCENT_LIGHT), (_("Begleitungen"), ACCENT)):
            drawing.add(Rect(x, y, 8, 7, fillColor=color, strokeColor=None))
            drawing.add(self.text(x + 11, y + 1, label))
            x += 11 + stringWidth(label, self.font, LABEL_SIZE) + 14

    def value_text(self, value: Shown) -> str:
        return self.counts.text(value)


class _Horizontal(_Chart):
    ROW = 20.0
    BAR = 6.5

    def draw(self) -> Drawing:
        label_width = min(62 * 2.835, self.width * 0.38)
        plot_x = label_width + 6
        plot_width = self.width - plot_x - 30  # room for the value after the longest bar
        height = LEGEND_HEIGHT + len(self.bars) * self.ROW + 4
        drawing = Drawing(self.width, height, initialFontName=self.font)
        self.legend(drawing, height - 10)
        base = height - LEGEND_HEIGHT
        drawing.add(Line(plot_x, 2, plot_x, base, strokeColor=GREY, strokeWidth=0.6))
        for index, bar in enumerate(self.bars):
            top = base - index * self.ROW
            lines = simpleSplit(bar.label, self.font, LABEL_SIZE, label_width)[:2]
            middle = top - self.ROW / 2
            first = middle + (len(lines) - 1) * 4 - 2.3
            for number, line in enumerate(lines):
                drawing.add(self.text(label_width, first - number * 8, line, anchor="end"))
            for offset, (value, color) in enumerate(self.series(bar)):
                y = top - 3 - (offset + 1) * self.BAR - offset * 1
                self.bar(drawing, plot_x, y, plot_width, value, color)
            drawing.add(Line(plot_x, top - self.ROW, self.width, top - self.ROW,
                             strokeColor=LINE, strokeWidth=0.25))  # fmt: skip
        return drawing

    def bar(self, drawing: Drawing, x: float, y: float, span: float, value: Shown,
            color: Color) -> None:  # fmt: skip
        if isinstance(value, str):
            drawing.add(self.text(x + 3, y + 1, value, size=VALUE_SIZE, color=GREY))
            return
        length = span * value / self.top
        if length > 0:
            drawing.add(Rect(x, y, length, self.BAR, fillColor=color, strokeColor=None))
        drawing.add(self.text(x + length + 3, y + 1, self.value_text(value), size=VALUE_SIZE))


class _Vertical(_Chart):
    PLOT_HEIGHT = 120.0
    AXIS = 24.0

    def draw(self) -> Drawing:
        height = LEGEND_HEIGHT + self.PLOT_HEIGHT + self.AXIS
        drawing = Drawing(self.width, height, initialFontName=self.font)
        self.legend(drawing, height - 10)
        base = self.AXIS
        slot = self.width / max(len(self.bars), 1)
        bar_width = min(slot * 0.34, 16)
        rotate = slot < 30
        drawing.add(Line(0, base, self.width, base, strokeColor=GREY, strokeWidth=0.6))
        for index, bar in enumerate(self.bars):
            centre = slot * (index + 0.5)
            for offset, (value, color) in enumerate(self.series(bar)):
                x = centre - bar_width - 0.5 if offset == 0 else centre + 0.5
                self.bar(drawing, x, base, bar_width, value, color, rotate)
            lines = bar.label.split("\n")
            for number, line in enumerate(lines):
                drawing.add(self.text(centre, base - 9 - number * 8, line, anchor="middle"))
        return drawing

    def bar(self, drawing: Drawing, x: float, base: float, width: float, value: Shown,
            color: Color, rotate: bool) -> None:  # fmt: skip
        hidden = isinstance(value, str)
        length = 0.0 if hidden else (self.PLOT_HEIGHT - 22) * float(value) / self.top
        if length > 0:
            drawing.add(Rect(x, base, width, length, fillColor=color, strokeColor=None))
        text = self.value_text(value)
        colour = GREY if hidden else INK
        label = self.text(0, 0, text, size=VALUE_SIZE, color=colour,
                          anchor="start" if rotate else "middle")  # fmt: skip
        if rotate:
            group = Group(label)
            group.translate(x + width / 2 + 2.3, base + length + 2)
            group.rotate(90)
            drawing.add(group)
        else:
            label.x, label.y = x + width / 2, base + length + 2
            drawing.add(label)


def horizontal_chart(bars: Sequence[Bar], counts: Counts, font: str, width: float) -> Drawing:
    """Categories down the page (Sozialräume, Pakete), long labels wrapped on two lines."""
    return _Horizontal(bars, counts, font, width).draw()


def vertical_chart(bars: Sequence[Bar], counts: Counts, font: str, width: float) -> Drawing:
    """Categories across the page (months); a label may hold two lines ("Jan.\\n2026")."""
    return _Vertical(bars, counts, font, width).draw()
