"""The headline figures of the Berichte screen as tiles: value, change, previous period, plan.

The figures, their names and what an external report hides come from the same functions
as the PDF's overview table (``reports/pdf_figures.py``, ``reports/suppression.py``), so
screen and paper never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_number
from hamm_field.reports.model import Report
from hamm_field.reports.pdf_figures import HEADLINE, number, value_text
from hamm_field.reports.pdf_values import BLANK, Counts, percent
from hamm_field.reports.suppression import Published, publish_report, share
from hamm_field.ui.pages.base import scaled

COLUMNS, MIN_COLUMNS = 5, 2
TILE_STYLE = (
    "QFrame#figureTile { background: palette(base); border: 1px solid #c3cad3;"
    " border-radius: 4px; }"
    "QLabel[role='muted'] { color: #5b6775; }"
)


def _muted(label: QLabel) -> QLabel:
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


class FigureTile(QFrame):
    """One headline figure. Its accessible name reads everything the tile shows."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("figureTile")
        self.caption = _muted(QLabel())
        self.value = QLabel(BLANK)
        self.value.setObjectName("figureValue")
        scaled(self.value, 1.7, bold=True)
        self.change = _muted(QLabel())
        self.previous = _muted(QLabel())
        self.plan = _muted(QLabel())
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.value)
        row.addWidget(self.change, 1, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(self.previous)
        layout.addWidget(self.plan)
        layout.addStretch()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def show_figures(self, caption: str, report: Report,
                     shown: tuple[Published, Published | None]) -> None:  # fmt: skip
        counts = Counts()
        current, previous = shown
        self.caption.setText(caption)
        self.value.setText(value_text(current, self.key, counts))
        if previous is None:
            self.change.clear()
            self.previous.clear()
        else:
            change = counts.change(number(current, self.key), number(previous, self.key))
            self.change.setText("" if change == BLANK else change)
            self.previous.setText(_("Vorperiode: {value}").format(
                value=value_text(previous, self.key, counts)))  # fmt: skip
        self.plan.setText(self._plan_text(report, current))
        self.plan.setVisible(bool(self.plan.text()))
        parts = [caption, self.value.text(), self.change.text(), self.previous.text(),
                 self.plan.text()]  # fmt: skip
        self.setAccessibleName(", ".join(part for part in parts if part))

    def _plan_text(self, report: Report, current: Published) -> str:
        if report.plan is None or self.key not in report.plan.values:
            return ""
        planned = report.plan.values[self.key]
        reached = share(number(current, self.key), planned)
        text = _("Plan: {value}").format(value=format_number(planned))
        if reached is not None:
            text += " · " + _("{share} erreicht").format(share=percent(reached))
        return text


class FigureTiles(QWidget):
    """The ten headline figures in a grid of up to :data:`COLUMNS` columns.

    Where five do not fit (a 1024 px laptop in a long language) the tiles take fewer
    columns and more rows, instead of being cut off at the right edge.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TILE_STYLE)
        self.tiles = {key: FigureTile(key) for key, _label in HEADLINE}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self._arrange(COLUMNS)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for index, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, index // columns, index % columns)  # moves it
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def _tile_width(self) -> int:
        return max(tile.minimumSizeHint().width() for tile in self.tiles.values())

    def _columns_for(self, width: int) -> int:
        tile, gap = self._tile_width(), self.grid.spacing()
        return max(MIN_COLUMNS, min(COLUMNS, (width + gap) // (tile + gap)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """As narrow as the fewest columns: the grid reflows on resize."""
        tile, gap = self._tile_width(), self.grid.spacing()
        return QSize(MIN_COLUMNS * tile + (MIN_COLUMNS - 1) * gap,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._arrange(self._columns_for(event.size().width()))
        super().resizeEvent(event)

    def show_report(self, report: Report) -> None:
        shown = publish_report(report)
        for key, label in HEADLINE:
            self.tiles[key].show_figures(_(label), report, shown)

    def value_of(self, key: str) -> str:
        return self.tiles[key].value.text()
