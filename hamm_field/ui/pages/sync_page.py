"""Sync: on a laptop the package for the coordination and its return package; at the
coordination the import of many packages, the devices and the conflict review.

Which of the two the screen shows follows the store's device role, learnt in the
background with the first status; a package opened from outside (a double-click) before
that waits for it. A laptop whose clock is behind the newest time its
store has seen gets a warning here and in the main window's status bar: new entries
would carry a misleading date until the date and time are set right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment
from hamm_field.services.status import StoreStatus
from hamm_field.ui.context import UiContext
from hamm_field.ui.pages.base import Page, heading, scrolling
from hamm_field.ui.pages.sync_central import CentralSync
from hamm_field.ui.pages.sync_laptop import LaptopSync

CLOCK_RECHECK_MS = 60_000  # while warning: notice soon when the clock was set right

BANNER_STYLE = ("color: #5c3b00; background: #fff4d6; border: {border}px solid #d9a300; "
                "border-radius: 4px; padding: {padding}; font-weight: 600;")  # fmt: skip


def clock_banner(*, compact: bool = False) -> QLabel:
    """The clock warning: roomy on the Sync screen, one line in the status bar."""
    label = QLabel()
    label.setObjectName("clockWarning")
    label.setWordWrap(not compact)
    label.setStyleSheet(BANNER_STYLE.format(border=1 if compact else 2,
                                            padding="1px 8px" if compact else "10px"))
    label.hide()
    return label


class SyncPage(Page):
    clock_warning = Signal(str)  # the status bar's text; "" when the clock is right
    family_opened = Signal(str)  # a family of an import's Kindeswohl alert, to be opened

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.section: LaptopSync | CentralSync | None = None
        self._waiting: list[Path] = []  # opened before the role was known
        self.behind: dt.datetime | None = None
        self.heading = heading("")
        self.banner = clock_banner()
        self.loading = QLabel()
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.banner)
        self.column.addWidget(self.loading)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_RECHECK_MS)
        self.clock_timer.timeout.connect(self.check_clock)
        self.retranslate()
        self.check_clock()

    def title(self) -> str:
        return _("Sync")

    def retranslate(self) -> None:
        self.heading.setText(_("Sync"))
        if self.section is not None:
            self.scroll.setAccessibleName(self.title())
        self.loading.setText(_("Einen Moment bitte …"))
        self._show_clock()

    def refresh(self) -> None:
        self.ui.submit(self.ui.services.sync.status, parent=self, on_success=self._show_status)
        self.check_clock()

    def _show_status(self, status: StoreStatus) -> None:
        if self.section is None:
            self._build(status.device_role)
        self.section.show_status(status)  # type: ignore[union-attr]

    def _build(self, role: str) -> None:
        section: LaptopSync | CentralSync
        if role == DeviceRole.CENTRAL.value:
            section = CentralSync(self.ui)
            section.status_changed.connect(self.refresh)
            section.family_opened.connect(self.family_opened)
        else:
            section = LaptopSync(self.ui)
            section.written.connect(self.refresh)
        self.loading.hide()
        self.scroll = scrolling(section)
        self.scroll.setAccessibleName(self.title())
        self.column.addWidget(self.scroll, 1)
        self.section = section
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            self.open_package(path)

    def open_package(self, path: Path) -> None:
        """Read ``path`` as this store reads packages: at the coordination a laptop's
        package, on a laptop the return package."""
        if self.section is None:
            self._waiting.append(path)
            self.refresh()
        elif isinstance(self.section, CentralSync):
            self.section.open_package(path)
        else:
            self.section.read_return_from(path)

    # The laptop's clock ----------------------------------------------------------

    def check_clock(self) -> None:
        sync = self.ui.services.sync
        self.ui.submit(lambda: (sync.role(), sync.clock_behind()), parent=self,
                       on_success=self._clock_checked)  # fmt: skip

    def _clock_checked(self, result: tuple[str, Any]) -> None:
        role, behind = result
        self.behind = behind if role == DeviceRole.FIELD.value else None
        self._show_clock()

    def _show_clock(self) -> None:
        if self.behind is None:
            self.banner.hide()
            self.clock_timer.stop()
            self.clock_warning.emit("")
            return
        moment = format_moment(self.behind.astimezone())
        self.banner.setText(_(
            "Die Uhr dieses Laptops geht nach: Hamm Field hat schon Einträge vom {moment} "
            "gesehen. Bitte stellen Sie Datum und Uhrzeit des Laptops richtig, bevor Sie "
            "weiterarbeiten – sonst tragen neue Einträge eine falsche Zeit."
        ).format(moment=moment))  # fmt: skip
        self.banner.show()
        self.clock_timer.start()
        self.clock_warning.emit(_(
            "Die Uhr des Laptops geht nach (schon Einträge vom {moment}). Bitte Datum und "
            "Uhrzeit richtig stellen.").format(moment=moment))  # fmt: skip
