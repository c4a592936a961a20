"""Accessibility (BITV 2.0 / WCAG 2.1 AA): what a screen reader or keyboard user meets.

Every screen and dialog is walked through Qt's accessibility interface, in German and in
Bulgarian: a control that takes the keyboard focus must have a name the reader can speak.
Each dialog is tabbed through: focus visits every control and comes back (no trap), and
a focused control looks different from an unfocused one. Report tiles and tables tell a
reader their values and purpose. The stylesheets' text colours have at least 4.5:1
contrast, and screens and dialogs still fit 1366×768 at 150 % font size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import hamm_field.ui
from hamm_field.ui.about_dialog import AboutDialog
from hamm_field.ui.pages.base import scrolling
from hamm_field.ui.resources import stylesheet
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.gui.conftest import wait_idle
from tests.gui.support import open_window
from tests.i18n.conftest import (  # noqa: F401 - fixtures
    central_ui,
    demo_services,
    german_afterwards,
    styled,
)
from tests.i18n.screens import busy_family, settle
from tests.i18n.support import cut_off, every_dialog, small_screens, switch_to

pytestmark = pytest.mark.gui

LOCALES = ["de", "bg"]


# --- names a screen reader speaks ------------------------------------------------------


def focusable(root: QWidget) -> Iterator[QWidget]:
    """The controls of ``root`` a person can reach with Tab right now."""
    for widget in root.findChildren(QWidget):
        if (widget.isVisible() and widget.isEnabled() and widget.window() is root.window()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None):
            yield widget


def spoken_name(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):  # on Linux Qt gives a combo's value as its name
        return (widget.accessibleName() or buddy_text(widget)).strip()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def buddy_text(widget: QWidget) -> str:
    """What Windows reads for a control without a name of its own: its label's text."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return label.text().replace("&", "")
    return ""


def describe(widget: QWidget) -> str:
    parent = widget.parentWidget()
    where = f" in {type(parent).__name__} {parent.objectName()!r}" if parent else ""
    text = getattr(widget, "text", lambda: "")() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text!r}{where}"


def unnamed(root: QWidget, screen: str) -> list[str]:
    return [f"{screen}: {describe(widget)} has no accessible name"
            for widget in focusable(root) if not spoken_name(widget)]


@pytest.fixture
def reader(qapp):
    """Qt's accessibility bridge switched on, as when a screen reader runs."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def main_window_unnamed(qtbot, ui, locale: str) -> list[str]:
    window = open_window(qtbot, ui)
    family = busy_family(ui.services)
    switch_to(locale)
    found = []
    for screen in small_screens(qtbot, window, ui, family):
        found += unnamed(window, f"{locale} {screen}")
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_control_on_every_screen_has_a_name(qtbot, ui, demo_services, reader,  # noqa: F811
                                                 german_afterwards, locale):  # noqa: F811
    found = main_window_unnamed(qtbot, ui, locale)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_control_on_coordination_screens_has_a_name(qtbot, central_ui, reader,  # noqa: F811
                                                          german_afterwards, locale):  # noqa: F811
    found = main_window_unnamed(qtbot, central_ui, locale)
    assert not found, "\n".join(found)


def open_dialogs(qtbot, ui, window, family: str) -> dict[str, QWidget]:
    dialogs = every_dialog(qtbot, ui, window, family)
    unlock = UnlockDialog(ui.gateway)
    wizard = SetupWizard(ui.gateway)
    about = AboutDialog(ui.gateway.data_dir, ui.gateway.log_dir)
    for dialog in (unlock, wizard, about):
        qtbot.addWidget(dialog)
    dialogs |= {"Entsperren": unlock, "Einrichtung": wizard, "Über": about}
    return dialogs


def close_dialogs(qtbot, ui, dialogs: dict[str, QWidget]) -> None:
    for dialog in dialogs.values():
        getattr(dialog, "close_keeping_draft", dialog.close)()
    wait_idle(qtbot, ui)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_control_in_every_dialog_has_a_name(qtbot, ui, demo_services, reader,  # noqa: F811
                                                 german_afterwards, locale):  # noqa: F811
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    switch_to(locale)
    dialogs = open_dialogs(qtbot, ui, window, family)
    found = []
    for name, dialog in dialogs.items():
        dialog.show()
        settle(qtbot, ui)
        found += unnamed(dialog, f"{locale} {name}")
        if isinstance(dialog, UnlockDialog):
            for page in range(1, 3):
                dialog.form.show_page(page)
                settle(qtbot)
                found += unnamed(dialog, f"{locale} {name} Seite {page}")
        for tabs in dialog.findChildren(QTabWidget):  # every tab (the About dialog has some)
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                settle(qtbot)
                found += unnamed(dialog, f"{locale} {name} Tab {index}")
        dialog.hide()
    close_dialogs(qtbot, ui, dialogs)
    assert not found, "\n".join(found)


def test_names_follow_a_language_switch(qtbot, ui, demo_services, reader,  # noqa: F811
                                        german_afterwards):  # noqa: F811
    """A name set once in German would be read out in German to a Bulgarian reader."""
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    german: dict[QWidget, str] = {}
    for _screen in small_screens(qtbot, window, ui, family):
        german |= {w: spoken_name(w) for w in focusable(window) if not w.property("data")}
    switch_to("bg")
    stuck = []
    for screen in small_screens(qtbot, window, ui, family):
        stuck += [f"{screen}: {describe(w)}: {spoken_name(w)!r}" for w in focusable(window)
                  if german.get(w) and spoken_name(w) == german[w]
                  and re.search("[äöüßÄÖÜ]|[a-z]{4}", spoken_name(w))]
    assert len(german) > 20
    assert not stuck, "\n".join(stuck)


def test_report_tiles_and_tables_tell_their_values(qtbot, ui, demo_services, reader):  # noqa: F811
    window = open_window(qtbot, ui)
    window.navigate(window.pages.index(window.reports))
    settle(qtbot, ui)
    tiles = [w for w in window.reports.findChildren(QWidget) if w.objectName() == "figureTile"
             and w.isVisible()]
    assert tiles
    for tile in tiles:
        value = tile.findChild(QWidget, "figureValue").text()
        assert value in spoken_name(tile)
    for view in window.findChildren(QAbstractItemView):
        if view.isVisible():
            assert spoken_name(view), describe(view)


# --- keyboard: tab order and visible focus ----------------------------------------------


def tab_round(qtbot, dialog: QWidget) -> tuple[list[QWidget], bool]:
    """Press Tab from the first control until focus is back there; the controls visited
    and whether it came back."""
    controls = list(focusable(dialog))
    start = controls[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    first = QApplication.focusWidget()
    visited = [first]
    for _press in range(len(controls) * 2 + 5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is first:
            return visited, True
        visited.append(now)
    return visited, False


def reachable(widget: QWidget, visited: list[QWidget]) -> bool:
    """Visited, or (a radio button) one of its group was: arrows move within a group."""
    if widget in visited:
        return True
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return any(isinstance(v, QRadioButton) and v.parentWidget() is widget.parentWidget()
                   for v in visited)
    return False


def test_tab_reaches_every_control_of_every_dialog_and_comes_back(
        qtbot, ui, demo_services, styled):  # noqa: F811
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    dialogs = open_dialogs(qtbot, ui, window, family)
    found = []
    for name, dialog in dialogs.items():
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        settle(qtbot, ui)
        visited, back = tab_round(qtbot, dialog)
        if not back:
            found.append(f"{name}: Tab does not come back; stuck at {describe(visited[-1])}")
        missed = [describe(w) for w in focusable(dialog) if not reachable(w, visited)]
        if missed:
            found.append(f"{name}: Tab never reaches " + ", ".join(missed))
        dialog.hide()
    close_dialogs(qtbot, ui, dialogs)
    assert not found, "\n".join(found)


def test_tab_goes_round_every_screen(qtbot, ui, demo_services, styled):  # noqa: F811
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    found = []
    for screen in small_screens(qtbot, window, ui, family):
        visited, back = tab_round(qtbot, window)
        if not back:
            found.append(f"{screen}: Tab does not come back; stuck at {describe(visited[-1])}")
        missed = [describe(w) for w in focusable(window) if not reachable(w, visited)]
        if missed:
            found.append(f"{screen}: Tab never reaches " + ", ".join(missed))
    assert not found, "\n".join(found)


def test_a_screens_scroll_area_leaves_the_focus_to_its_controls(qtbot, styled):  # noqa: F811
    """Tab goes to the controls inside and the area follows them; the area itself never
    holds the focus, so the whole screen is never framed in the focus colour."""
    fields = QWidget()
    column = QVBoxLayout(fields)
    edits = [QLineEdit() for _ in range(12)]
    for edit in edits:
        column.addWidget(edit)
        column.addSpacing(80)
    area = scrolling(fields)
    qtbot.addWidget(area)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    edits[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edits[0])
    for _ in range(len(edits) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not area
    assert QApplication.focusWidget() is edits[-1]
    assert area.verticalScrollBar().value() > 0  # it scrolled to the focused field


@pytest.mark.parametrize("kind", [QPushButton, QLineEdit, QComboBox, QSpinBox, QCheckBox,
                                  QPlainTextEdit, QTextEdit, QTableWidget, QScrollArea])
def test_the_focused_control_is_visibly_marked(qtbot, styled, kind):  # noqa: F811
    """The same control, focused and not, must not look the same (WCAG 2.4.7)."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    other = QPushButton("Abbrechen", dialog)
    control = kind(dialog)
    control.setParent(dialog)
    if isinstance(control, QAbstractButton):
        control.setText("Speichern")
    if isinstance(control, QComboBox):
        control.addItems(["Beratung", "Begleitung"])
    if isinstance(control, (QPlainTextEdit, QTextEdit)):
        control.setCursorWidth(0)  # a blinking caret is no focus mark: it may be off
    if isinstance(control, QScrollArea) and control.widget() is None:
        control.setWidget(QLabel("Inhalt\n" * 20))
    if isinstance(control, QTableWidget):
        control.setRowCount(2)
        control.setColumnCount(2)
        control.setTabKeyNavigation(False)
    control.move(0, 40)
    dialog.resize(300, 140)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    plain = control.grab().toImage()
    qtbot.keyClick(other, Qt.Key.Key_Tab)  # as a keyboard user gets there
    qtbot.waitUntil(control.hasFocus)
    focused = control.grab().toImage()
    assert plain != focused, f"{type(control).__name__}: focus cannot be seen"


# --- contrast ---------------------------------------------------------------------------

UI_SOURCES = Path(hamm_field.ui.__file__).parent
HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bwhite\b|\bblack\b"


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(text: QColor, background: QColor) -> float:
    dark, light = sorted([luminance(text), luminance(background)])
    return (light + 0.05) / (dark + 0.05)


def rules(sheet: str) -> Iterator[str]:
    """The declarations of each rule (a bare widget stylesheet is one rule)."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    blocks = re.findall(r"\{([^}]*)\}", sheet)
    yield from blocks or [sheet]


def colour_pairs(sheet: str, backgrounds: list[QColor]) -> Iterator[tuple[str, str, str]]:
    """(rule, text colour, background) for every rule that sets a text colour."""
    for rule in rules(sheet):
        text = re.search(r"(?<![-\w])color\s*:\s*(" + HEX + ")", rule)
        if text is None:
            continue
        own = re.search(r"background(?:-color)?\s*:\s*(" + HEX + ")", rule)
        for background in [QColor(own.group(1))] if own else backgrounds:
            yield rule.strip(), text.group(1), background.name()


def every_stylesheet() -> Iterator[tuple[str, str]]:
    yield "stylesheet.qss", stylesheet()
    for source in sorted(UI_SOURCES.rglob("*.py")):
        for literal in re.findall(r'"((?:[^"\\\n]|\\.)*color\s*:[^"\n]*)"',
                                  source.read_text(encoding="utf-8")):
            yield source.name, literal


def test_text_colours_have_enough_contrast(qapp):
    palette = qapp.palette()
    backgrounds = [palette.window().color(), palette.base().color()]
    weak = []
    for where, sheet in every_stylesheet():
        for rule, text, background in colour_pairs(sheet, backgrounds):
            ratio = contrast(QColor(text), QColor(background))
            if ratio < 4.5:
                weak.append(f"{where}: {text} on {background} is {ratio:.2f}:1 ({rule!r})")
    assert not weak, "\n".join(weak)


def test_the_contrast_check_sees_the_stylesheet():
    pairs = list(colour_pairs(stylesheet(), [QColor("#ffffff")]))
    assert ("#b00020", "#ffffff") in {(text, back) for _rule, text, back in pairs}
    assert contrast(QColor("#777777"), QColor("#ffffff")) < 4.5


# --- 150 % font size --------------------------------------------------------------------


@pytest.fixture
def large_font(qapp):
    font = qapp.font()
    larger = qapp.font()
    larger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(larger)
    yield
    qapp.setFont(font)


def test_every_screen_holds_at_150_percent_font(qtbot, ui, demo_services, styled,  # noqa: F811
                                               large_font):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    window.resize(1366, 768)
    found = []
    for screen in small_screens(qtbot, window, ui, family):
        need = window.minimumSizeHint().expandedTo(window.minimumSize())
        if need.width() > 1366 or need.height() > 768:
            found.append(f"{screen}: needs {need.width()}×{need.height()}px at 150 %")
        found += cut_off(window, f"{screen} 150 %")
    assert not found, "\n".join(found)


def test_every_dialog_holds_at_150_percent_font(qtbot, ui, demo_services, styled,  # noqa: F811
                                                large_font):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    dialogs = open_dialogs(qtbot, ui, window, family)
    found = []
    for name, dialog in dialogs.items():
        dialog.show()
        settle(qtbot, ui)
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if need.width() > 1366 or need.height() > 768:
            found.append(f"{name}: needs {need.width()}×{need.height()}px at 150 %")
        dialog.resize(dialog.size().boundedTo(QSize(1366, 768)))
        settle(qtbot)
        found += cut_off(dialog, f"{name} 150 %")
        dialog.hide()
    close_dialogs(qtbot, ui, dialogs)
    assert not found, "\n".join(found)
