"""No text is cut off in Bulgarian or Romanian, nor in a pseudo-locale 40 % longer than German.

The main screens and dialogs are shown at 1366×768 (the field laptops' screen) with the
app's stylesheet; every visible label, button, check box, radio button, group box title,
tab and navigation entry must be at least as wide as its text needs, word-wrapped labels
as high as their lines need, and no window may grow beyond the screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QListWidget,
    QScrollArea,
    QStyle,
    QTabBar,
    QTabWidget,
    QWidget,
)

from hamm_field.i18n.catalog import install
from hamm_field.services.sharing import Colleague
from hamm_field.ui.dialogs.case_dialogs import (
    ConsentDialog,
    GoalDialog,
    ObservationDialog,
    PhaseDialog,
)
from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.dialogs.invite_dialog import InviteDialog
from hamm_field.ui.dialogs.person_dialog import PersonDialog
from hamm_field.ui.dialogs.report_card import MeasureCardDialog
from hamm_field.ui.dialogs.report_plan import PlanDialog
from hamm_field.ui.dialogs.sharing_dialogs import ResponsibleDialog, ShareDialog
from hamm_field.ui.language import apply_language, retranslate_all
from hamm_field.ui.resources import stylesheet
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.gui.conftest import wait_idle
from tests.gui.test_main_window import open_window
from tests.i18n.conftest import drop_closed_windows
from tests.i18n.pseudo import PseudoTranslations
from tests.i18n.screens import busy_family, main_screens, settle, shown_widgets

pytestmark = pytest.mark.gui

SCREEN = (1366, 768)
LOCALES = ["bg", "ro", "long"]


@pytest.fixture
def styled(qapp, german_afterwards):
    qapp.setStyleSheet(stylesheet())
    yield
    qapp.setStyleSheet("")


def switch_to(locale: str) -> None:
    drop_closed_windows()
    if locale == "long":
        apply_language("de")
        install(PseudoTranslations(stretch=0.4), "de")
        retranslate_all(QApplication.instance())
    else:
        apply_language(locale)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def cut_off(root, screen: str, room: QSize | None = None) -> list[str]:
    """Every text in ``root`` that has less room than it needs."""
    room = room or QSize(*SCREEN)
    found = []

    def report(widget, text: str, have: int, need: int) -> None:
        name = widget.objectName() or widget.accessibleName() or type(widget).__name__
        found.append(f"{screen}: {type(widget).__name__} {name!r}: {text!r} "
                     f"has {have}px, needs {need}px")

    for widget in shown_widgets(root):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    report(widget, widget.text(), widget.height(), need)
            elif widget.width() + 1 < widget.minimumSizeHint().width():
                report(widget, widget.text(), widget.width(), widget.minimumSizeHint().width())
        elif (isinstance(widget, QAbstractButton) and widget.text()
              and widget.width() + 1 < widget.sizeHint().width()):
            report(widget, widget.text(), widget.width(), widget.sizeHint().width())
        if isinstance(widget, QGroupBox) and widget.title():
            need = widget.minimumSizeHint().width()
            if widget.width() + 1 < need:
                report(widget, widget.title(), widget.width(), need)
        if isinstance(widget, QTabBar):
            found += _cut_tabs(widget, screen)
        if isinstance(widget, QListWidget) and widget.objectName() == "navigation":
            need = widget.sizeHintForColumn(0)
            if widget.viewport().width() < need:
                report(widget, "navigation", widget.viewport().width(), need)
    if root.isWindow() and (root.width() > room.width() or root.height() > room.height()):
        found.append(f"{screen}: the window needs {root.width()}×{root.height()}px")
    return found


def _cut_tabs(bar: QTabBar, screen: str) -> list[str]:
    found = []
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = _plain(bar.tabText(index))
        need = bar.fontMetrics().horizontalAdvance(text) + space
        have = bar.tabRect(index).width()
        if have + 1 < need or not bar.rect().contains(bar.tabRect(index)):
            found.append(f"{screen}: tab {text!r} has {have}px, needs {need}px")
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_main_screens_fit(qtbot, ui, demo_services, styled, locale):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    switch_to(locale)
    window.resize(*SCREEN)
    found = []
    for screen in main_screens(qtbot, window, family):
        found += cut_off(window, screen)
    window.lock()
    settle(qtbot)
    found += cut_off(window, "gesperrt")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("locale", LOCALES)
def test_dialogs_fit(qtbot, ui, demo_services, styled, locale):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    switch_to(locale)
    dialogs = {"Kontakt erfassen": window.new_contact(family),
               "Starterpaket": window.hand_out(family),
               "Familie": FamilyDialog(ui, family, parent=window)}
    for dialog in dialogs.values():
        dialog.show()
    settle(qtbot, ui)
    found = [line for name, dialog in dialogs.items() for line in cut_off(dialog, name)]
    for dialog in dialogs.values():
        getattr(dialog, "close_keeping_draft", dialog.close)()
    wait_idle(qtbot, ui)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("locale", LOCALES)
def test_setup_and_unlock_fit(qtbot, gateway, new_store, styled, locale):
    switch_to(locale)
    unlock = UnlockDialog(gateway)
    qtbot.addWidget(unlock)
    unlock.show()
    found = []
    for page in range(3):
        unlock.form.show_page(page)
        settle(qtbot)
        found += cut_off(unlock, f"Entsperren Seite {page}")
    wizard = SetupWizard(gateway)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.retranslate()
    settle(qtbot)
    found += cut_off(wizard, "Einrichtung")
    assert not found, "\n".join(found)


# A 1024×600 netbook (issue 14): the window, maximised under a 40 px taskbar and a 30 px
# title bar, has 1024×530 px; every screen and dialog must be usable in it.
SMALL = QSize(1024, 600 - 40 - 30)
SMALL_LOCALES = ["de", "bg", "long"]


def too_big(widget, screen: str) -> list[str]:
    """The smallest size ``widget`` can take, if it does not fit a 1024×600 laptop."""
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if need.width() <= SMALL.width() and need.height() <= SMALL.height():
        return []
    return [f"{screen}: needs at least {need.width()}×{need.height()}px "
            f"({SMALL.width()}×{SMALL.height()}px at hand)"]


def scrolls_sideways(root, screen: str) -> list[str]:
    """A form or screen in a scroll area must fit its width: only its height may scroll
    (tables may scroll sideways; they are item views, not scroll areas)."""
    found = []
    for area in root.findChildren(QScrollArea):
        if not area.isVisibleTo(root) or area.widget() is None:
            continue
        need = area.widget().minimumSizeHint().width()
        if need > area.viewport().width():
            found.append(f"{screen}: {type(area.widget()).__name__} in a scroll area needs "
                         f"{need}px, has {area.viewport().width()}px")
    return found


def coordination_tabs(qtbot, window, ui) -> Iterator[str]:
    """Every tab of the screen shown (the Sync screen has several)."""
    for tabs in window.stack.currentWidget().findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(qtbot, ui)
            yield f"Tab {_plain(tabs.tabText(index))!r}"


def small_screens(qtbot, window, ui, family) -> Iterator[str]:
    for screen in main_screens(qtbot, window, family):
        yield screen
        if screen != "FamilyDetailPage":
            for tab in coordination_tabs(qtbot, window, ui):
                yield f"{screen} {tab}"


def fits_small(qtbot, window, ui, family) -> list[str]:
    window.resize(SMALL)
    found = []
    for screen in small_screens(qtbot, window, ui, family):
        found += too_big(window, screen) + scrolls_sideways(window, screen)
        found += cut_off(window, screen, SMALL)
    return found


@pytest.mark.parametrize("locale", SMALL_LOCALES)
def test_every_screen_fits_a_small_laptop(qtbot, ui, demo_services, styled, locale):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    switch_to(locale)
    found = fits_small(qtbot, window, ui, family)
    window.lock()
    settle(qtbot)
    found += too_big(window, "gesperrt") + cut_off(window, "gesperrt", SMALL)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("locale", SMALL_LOCALES)
def test_coordination_screens_fit_a_small_laptop(qtbot, central_ui, styled, locale):
    window = open_window(qtbot, central_ui)
    family = busy_family(central_ui.services)
    switch_to(locale)
    found = fits_small(qtbot, window, central_ui, family)
    assert not found, "\n".join(found)


def every_dialog(qtbot, ui, window, family: str) -> dict[str, QWidget]:
    window.open_family(family)
    settle(qtbot, ui)
    people = window.detail._people()
    colleagues = [Colleague("w-1", "Anna Beispiel", "sozialbetreuer"),
                  Colleague("w-2", "Boris Muster", "sozialbetreuer")]
    return {
        "Kontakt erfassen": window.new_contact(family),
        "Starterpaket": window.hand_out(family),
        "Familie": FamilyDialog(ui, family, parent=window),
        "Person": PersonDialog(ui, family, family_name="Muster", parent=window),
        "Phase": PhaseDialog(ui, family, parent=window),
        "Einwilligung": ConsentDialog(ui, family, people=people, parent=window),
        "Ziel": GoalDialog(ui, family, people=people, parent=window),
        "Beobachtung": ObservationDialog(ui, family, people=people, parent=window),
        "Zuständig": ResponsibleDialog(colleagues, count=2, parent=window),
        "Teilen": ShareDialog(colleagues, count=2, parent=window),
        "Einladung": InviteDialog(window),
        "Planwerte": PlanDialog(ui, window.reports.period(), window),
        "Maßnahmenkarte": MeasureCardDialog(ui, window),
    }


@pytest.mark.parametrize("locale", SMALL_LOCALES)
def test_every_dialog_fits_a_small_laptop(qtbot, ui, demo_services, styled, locale):
    window = open_window(qtbot, ui)
    family = busy_family(demo_services)
    switch_to(locale)
    dialogs = every_dialog(qtbot, ui, window, family)
    for dialog in dialogs.values():
        dialog.show()
    settle(qtbot, ui)
    found = []
    for name, dialog in dialogs.items():
        found += too_big(dialog, name)
        dialog.resize(dialog.size().boundedTo(SMALL))
        settle(qtbot)
        found += cut_off(dialog, name, SMALL) + scrolls_sideways(dialog, name)
    for dialog in dialogs.values():
        getattr(dialog, "close_keeping_draft", dialog.close)()
    wait_idle(qtbot, ui)
    assert not found, "\n".join(found)
