"""No text is cut off in Bulgarian or Romanian, nor in a pseudo-locale 40 % longer than German.

The main screens and dialogs are shown at 1366×768 (the field laptops' screen) with the
app's stylesheet; every visible label, button, check box, radio button, group box title,
tab and navigation entry must be at least as wide as its text needs, word-wrapped labels
as high as their lines need, and no window may grow beyond the screen.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QScrollArea,
)

from hamm_field.ui.dialogs.family_dialog import FamilyDialog
from hamm_field.ui.setup_wizard import SetupWizard
from hamm_field.ui.unlock_dialog import UnlockDialog
from tests.gui.conftest import wait_idle
from tests.gui.support import open_window
from tests.i18n.screens import busy_family, main_screens, settle
from tests.i18n.support import SCREEN, cut_off, every_dialog, small_screens, switch_to

pytestmark = pytest.mark.gui

LOCALES = ["bg", "ro", "long"]


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
