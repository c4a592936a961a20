"""Bar charts of the Berichte screen, painted with QPainter.

Decision: the bars are painted here rather than with Qt Charts, although
``PySide6.QtCharts`` is installed.

- Licence: Qt Charts is offered under the GPL v3 or a commercial licence only, not the
  LGPL like the rest of Qt that the app ships; a proprietary app cannot bundle it.
- Same look as the PDF (``reports/pdf_charts.py``): two bars per category (Kontakte
  light, Begleitungen dark), the value at the end of each bar, and a value an external
  report hides (``reports/suppression.py``) drawn as its marker ("< 5", "x") without any
  bar, because a bar of any length would give the value away against the others. Qt
  Charts has no such cell.
- Accessibility: a screen reader gets every value as text (``accessibleDescription``),
  and each category shows its values as a tooltip; a Qt Charts scene offers neither.
- Size: no extra Qt module (Charts pulls in OpenGL and the Graphics View) in the
  installer, and the widget renders offscreen in tests and screenshots like any other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from hamm_field.domain.vocab import PAKET_LABELS
from hamm_field.i18n import gettext as _
from hamm_field.reports.chart_bars import Bar
from hamm_field.reports.model import NOT_APPLICABLE, NOT_REPORTED
from hamm_field.reports.pdf_values import NOT_APPLICABLE_LABEL, NOT_REPORTED_LABEL, Counts
from hamm_field.reports.suppression import PublishedCell, Shown

KONTAKTE = QColor("#8fb8d6")  # the PDF's ACCENT_LIGHT and ACCENT
BEGLEITUNGEN = QColor("#1d5f8a")
MUTED = QColor("#5b6775")
RULE = QColor("#c3cad3")
BAR, GAP, PAD = 9, 2, 4


def plain_label(key: str) -> str:
    """A breakdown key as shown: master-data names as they are, "o. A." and "entfällt"
    translated."""
    if key == NOT_APPLICABLE:
        return _(NOT_APPLICABLE_LABEL)
    return _(NOT_REPORTED_LABEL) if key == NOT_REPORTED else key


def paket_label(key: str) -> str:
    """A Paket, keyed by its German name, as "1 · Neuzugewanderte" in the current language."""
    for number, name in PAKET_LABELS.items():
        if key == name:
            return f"{number} · {_(name)}"
    return plain_label(key)


def breakdown_bars(rows: Sequence[tuple[str, PublishedCell]],
                   label: Callable[[str], str] = plain_label) -> list[Bar]:  # fmt: skip
    """Bars of a breakdown's rows, in the order given; ``label`` maps a key to its text."""
    return [Bar(label(key), cell.kontakte, cell.begleitungen) for key, cell in rows]


class BarChart(QWidget):
    """Kontakte and Begleitungen per category; ``vertical`` puts the categories across."""

    def __init__(self, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vertical = vertical
        self.bars: list[Bar] = []
        self.counts = Counts()
        self.empty_text = ""
        self._regions: list[tuple[QRect, Bar]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read

    def set_bars(self, bars: Sequence[Bar], counts: Counts, empty_text: str) -> None:
        self.bars, self.counts, self.empty_text = list(bars), counts, empty_text
        self.setAccessibleDescription(self.description())
        self.updateGeometry()
        self.update()

    # What a screen reader and a tooltip say --------------------------------------

    def value_text(self, value: Shown) -> str:
        return self.counts.text(value)

    def bar_text(self, bar: Bar) -> str:
        return _("{label}: Kontakte {kontakte}, Begleitungen {begleitungen}").format(
            label=bar.label.replace("\n", " "), kontakte=self.value_text(bar.kontakte),
            begleitungen=self.value_text(bar.begleitungen))  # fmt: skip

    def description(self) -> str:
        return "; ".join(self.bar_text(bar) for bar in self.bars) or self.empty_text

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for region, bar in self._regions:
                if region.contains(event.pos()):
                    QToolTip.showText(event.globalPos(), self.bar_text(bar), self, region)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    # Size ------------------------------------------------------------------------

    def _row_height(self) -> int:
        return max(self.fontMetrics().height(), 2 * BAR + GAP) + 2 * PAD

    def _labels_above(self, width: int) -> bool:
        """Long labels (the Pakete's names) get their own line above the bars."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        return widest > width * 0.4

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        line = self.fontMetrics().height()
        if self.vertical:
            return QSize(220, line * 9)  # three charts side by side at 1024 px
        rows = max(len(self.bars), 1)
        per_row = self._row_height() + (line if self._labels_above(self.width()) else 0)
        return QSize(200, line + PAD * 2 + rows * per_row)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.minimumSizeHint()
        return QSize(max(hint.width(), 360), max(hint.height(), 220))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.updateGeometry()  # labels above or beside depends on the width
        super().resizeEvent(event)

    # Painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._regions = []
        area = self.rect().adjusted(2, 2, -2, -2)
        if not self.bars:
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.empty_text)  # fmt: skip
            return
        top = self._legend(painter, area)
        plot = QRect(area.left(), top, area.width(), area.bottom() - top)
        if self.vertical:
            self._paint_columns(painter, plot)
        else:
            self._paint_rows(painter, plot)
        painter.end()

    def _legend(self, painter: QPainter, area: QRect) -> int:
        metrics = self.fontMetrics()
        x, size = area.left(), metrics.ascent() - 2
        for text, colour in ((_("Kontakte"), KONTAKTE), (_("Begleitungen"), BEGLEITUNGEN)):
            painter.fillRect(QRect(x, area.top() + 3, size, size), colour)
            painter.setPen(self.palette().text().color())
            painter.drawText(x + size + 5, area.top() + metrics.ascent(), text)
            x += size + 5 + metrics.horizontalAdvance(text) + 16
        return area.top() + metrics.height() + PAD * 2

    def _top(self) -> int:
        shown = [float(value) for bar in self.bars for value in (bar.kontakte, bar.begleitungen)
                 if not isinstance(value, str)]  # fmt: skip
        return max([*shown, 1.0])

    def _paint_rows(self, painter: QPainter, plot: QRect) -> None:
        metrics = self.fontMetrics()
        above = self._labels_above(plot.width())
        label_width = 0 if above else max(metrics.horizontalAdvance(b.label) for b in self.bars)
        bar_x = plot.left() + (label_width + 8 if label_width else 0)
        value_room = metrics.horizontalAdvance("8.888.888") + 6
        span = max(plot.right() - bar_x - value_room, 10)
        row = self._row_height() + (metrics.height() if above else 0)
        top_value, y = self._top(), plot.top()
        text_colour = self.palette().text().color()
        for bar in self.bars:
            region = QRect(plot.left(), y, plot.width(), row)
            self._regions.append((region, bar))
            bars_top = y + PAD
            painter.setPen(text_colour)
            if above:
                painter.drawText(plot.left(), y + metrics.ascent(), bar.label)
                bars_top += metrics.height()
            else:
                middle = bars_top + BAR + GAP // 2
                painter.drawText(QRect(plot.left(), middle - metrics.height() // 2, label_width,
                                       metrics.height()),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 bar.label)  # fmt: skip
            for offset, (value, colour) in enumerate(
                    ((bar.kontakte, KONTAKTE), (bar.begleitungen, BEGLEITUNGEN))):
                bar_y = bars_top + offset * (BAR + GAP)
                length = 0 if isinstance(value, str) else round(span * value / top_value)
                if length:
                    painter.fillRect(QRect(bar_x, bar_y, length, BAR), colour)
                self._value(painter, bar_x + length + 4, bar_y + BAR // 2, value, metrics)
            painter.setPen(RULE)
            painter.drawLine(plot.left(), y + row - 1, plot.right(), y + row - 1)
            y += row
        painter.setPen(MUTED)
        painter.drawLine(bar_x, plot.top(), bar_x, y - 1)

    def _value(self, painter: QPainter, x: int, middle: int, value: Shown,
               metrics: QFontMetrics) -> None:  # fmt: skip
        small = metrics.height() - 2
        painter.setPen(MUTED if self.counts.hidden(value) else self.palette().text().color())
        painter.drawText(QPoint(x, middle + small // 2 - 2), self.value_text(value))

    def _paint_columns(self, painter: QPainter, plot: QRect) -> None:
        metrics = self.fontMetrics()
        lines = max(bar.label.count("\n") + 1 for bar in self.bars)
        base = plot.bottom() - lines * metrics.height() - 2
        slot = plot.width() / len(self.bars)
        width = max(3, min(int(slot * 0.34), 18))
        widest = max(metrics.horizontalAdvance(self.value_text(v)) for bar in self.bars
                     for v in (bar.kontakte, bar.begleitungen))  # fmt: skip
        rotate = widest > width + 2
        height = base - plot.top() - (widest if rotate else metrics.height()) - 4
        top_value = self._top()
        text_colour = self.palette().text().color()
        label_width = max(metrics.horizontalAdvance(bar.label.split("\n")[0]) for bar in self.bars)
        label_step = max(1, math.ceil((label_width + 2) / slot))
        crowded = len(self.bars) > 12
        painter.setPen(MUTED)
        painter.drawLine(plot.left(), base, plot.right(), base)
        for index, bar in enumerate(self.bars):
            centre = round(plot.left() + slot * (index + 0.5))
            self._regions.append((QRect(round(plot.left() + slot * index), plot.top(),
                                        round(slot), plot.height()), bar))  # fmt: skip
            for offset, (value, colour) in enumerate(
                    ((bar.kontakte, KONTAKTE), (bar.begleitungen, BEGLEITUNGEN))):
                x = centre - width - 1 if offset == 0 else centre + 1
                length = 0 if isinstance(value, str) else round(height * value / top_value)
                if length:
                    painter.fillRect(QRect(x, base - length, width, length), colour)
                if value or not crowded:  # a long row of zeros only clutters the axis
                    self._column_value(painter, x + width // 2, base - length - 3, value, rotate)
            painter.setPen(text_colour)
            if index % label_step and "\n" not in bar.label:
                continue  # too narrow for every month: every n-th, and each new year
            room = max(round(slot), label_width + 4)  # kept inside the chart at both ends
            left = min(max(centre - room // 2, plot.left()), plot.right() - room)
            for number, line in enumerate(bar.label.split("\n")):
                painter.drawText(QRect(left, base + 2 + number * metrics.height(), room,
                                       metrics.height()), Qt.AlignmentFlag.AlignHCenter, line)

    def _column_value(self, painter: QPainter, centre: int, bottom: int, value: Shown,
                      rotate: bool) -> None:  # fmt: skip
        text = self.value_text(value)
        metrics = self.fontMetrics()
        painter.setPen(MUTED if self.counts.hidden(value) else self.palette().text().color())
        if rotate:
            painter.save()
            painter.translate(centre + metrics.ascent() // 2 - 1, bottom)
            painter.rotate(-90)
            painter.drawText(0, 0, text)
            painter.restore()
        else:
            painter.drawText(centre - metrics.horizontalAdvance(text) // 2, bottom, text)

