"""What the language tests share: every dialog, small screens, cut-off text."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QListWidget,
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
from tests.i18n.conftest import drop_closed_windows
from tests.i18n.pseudo import PseudoTranslations
from tests.i18n.screens import main_screens, settle, shown_widgets

SCREEN = (1366, 768)


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
