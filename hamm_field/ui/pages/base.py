"""What every screen of the main window has in common."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from hamm_field.ui.context import UiContext


class Page(QWidget):
    """A screen: knows how to reload its data and how to re-translate its texts.

    ``refresh`` is called when the page is shown and whenever records it lists change;
    it must not block (load through ``ui.submit``).
    """

    watches: tuple[str, ...] = ()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        ui.changed.connect(self._on_changed)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    def _on_changed(self, entity: str) -> None:
        if entity in self.watches and self.isVisible():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """A font relative to the system's size, so the user's font scaling still applies."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a scroll area without a frame: on a 1024×600 laptop a tall screen or
    form scrolls instead of squeezing its texts or growing beyond the screen.

    The area itself takes no keyboard focus: Tab goes to the controls inside, and the area
    scrolls to show the focused one. Focused itself, it would frame the whole screen in the
    focus colour and be one more stop that does nothing. Callers still name it, for screen
    readers.
    """
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageHeading")
    label.setAccessibleName(text)
    scaled(label, 1.6, bold=True)
    return label
