"""Opening the main screens and reading every text they show, for the language tests."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from hamm_field.services.views import FamilyFilter
from hamm_field.ui.main_window import MainWindow
from tests.gui.conftest import wait_idle


def shows_data(widget: QWidget, root: QWidget) -> bool:
    """Marked with the ``data`` property (names, numbers, master data): never translated."""
    while widget is not None:
        if widget.property("data"):
            return True
        if widget is root:
            return False
        widget = widget.parentWidget()
    return False


def _is_standard_button(widget: QWidget) -> bool:
    box = widget.parentWidget()
    return (isinstance(box, QDialogButtonBox)
            and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton)


def shown_widgets(root: QWidget) -> Iterator[QWidget]:
    """``root`` and its descendants that are on screen when ``root`` is (no data widgets)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if not shows_data(widget, root):
            yield widget


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every UI text in ``root``: labels, buttons, titles, tabs, headers,
    menu entries, placeholders and the names a screen reader speaks. Table cells and list
    entries are data and left out."""
    for widget in shown_widgets(root):
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
        yield f"{where} accessible name", widget.accessibleName()
        if widget.isWindow():
            yield f"{where} window title", widget.windowTitle()
        if isinstance(widget, QLabel):
            yield where, widget.text()
        if isinstance(widget, QAbstractButton) and not _is_standard_button(widget):
            yield where, widget.text()
        if isinstance(widget, QGroupBox):
            yield f"{where} title", widget.title()
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield f"{where} tab {index}", widget.tabText(index)
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield f"{where} placeholder", widget.placeholderText()
        if isinstance(widget, QComboBox):  # the "alle" / "bitte wählen" entry, not the data
            for index in range(widget.count()):
                if widget.itemData(index) is None:
                    yield f"{where} entry {index}", widget.itemText(index)
        if isinstance(widget, QListWidget) and widget.objectName() == "navigation":
            for index in range(widget.count()):
                yield f"{where} entry {index}", widget.item(index).text()
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListWidget):
            yield from _headers(widget, where)
        for action in QWidget.actions(widget):  # some screens keep a dict "actions"
            if action.text():
                yield f"{where} action", action.text()


def _headers(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    header = getattr(view, "horizontalHeader", lambda: None)() or getattr(
        view, "header", lambda: None)()
    model = view.model()
    if header is None or model is None or header.isHidden():
        return
    from PySide6.QtCore import Qt

    for section in range(model.columnCount()):
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if text and not header.isSectionHidden(section):
            yield f"{where} column {section}", str(text)


def settle(qtbot, ui=None) -> None:
    """Background work done, its results shown, and the layouts redone."""
    if ui is not None:
        wait_idle(qtbot, ui)
    for _round in range(3):
        QApplication.processEvents()


def busy_family(services) -> str:
    """One of my demo families, the one with the longest timeline."""
    mine = services.views.search_families(FamilyFilter(worker_id=services.context.worker_id),
                                          limit=50)
    return max(mine, key=lambda f: len(services.views.timeline(f.id))).id


def main_screens(qtbot, window: MainWindow, family_id: str) -> Iterator[str]:
    """Show every screen of the main window in turn, then one family; yield each name."""
    for index, page in enumerate(window.pages):
        window.navigate(index)
        settle(qtbot, window.ui)
        assert window.stack.currentWidget() is page
        yield type(page).__name__
    window.open_family(family_id)
    settle(qtbot, window.ui)
    yield "FamilyDetailPage"
