"""A row of buttons that wraps onto a second line when a language needs more room.

Qt has no flow layout of its own (only an example). This one keeps its items
right-aligned in as few lines as the width allows, so a German or Bulgarian screen keeps
one row and a longer translation wraps instead of pushing the window off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6,
                 left: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._left = left  # filters read from the left; buttons sit on the right
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Everything in one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """One item per line at the narrowest."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Fill lines from the right (or the left); return the height used."""
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = item.sizeHint().width()
            if lines[-1] and used + self.spacing() + width > rect.width():
                lines.append([])
                used = 0
            used += width + (self.spacing() if lines[-1] else 0)
            lines[-1].append(item)
        y = rect.y()
        for line in lines:
            height = max((_height(item, rect.width()) for item in line), default=0)
            x = rect.x() if self._left else rect.right() + 1
            for item in line if self._left else reversed(line):
                width = min(item.sizeHint().width(), rect.width())
                if not self._left:
                    x -= width
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, _height(item, width))))
                x += width + self.spacing() if self._left else -self.spacing()
            y += height + self.spacing()
        return max(0, y - rect.y() - self.spacing())


def _height(item: QLayoutItem, width: int) -> int:
    """An item that wraps itself (a nested flow, a wrapped label) as high as it needs."""
    width = min(item.sizeHint().width(), width)
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return item.sizeHint().height()
