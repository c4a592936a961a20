"""Starting the GUI without a person: a start-up probe and a smoke run of a build.

Two environment variables, read by :func:`hamm_field.ui.application.run`:

``HAMM_FIELD_STARTUP_PROBE=1``
    Once the unlock window is shown, write one line to stderr,
    ``startup: unlock-window-shown <seconds>`` (seconds since Hamm Field's entry point,
    ``hamm_field/__main__.py``, began; ``nan`` when started another way), and end with exit
    status 0 without unlocking. ``benchmarks/bench_startup.py`` times the start with it.
``HAMM_FIELD_SMOKE_GUI=1``
    Unlock with the password from ``HAMM_FIELD_PASSWORD`` without typing, show the main
    window, and once it has settled (1.5 s after it was shown, and the background lane idle)
    close it: exit status 0. A wrong or missing password, or a data folder without a store
    (the wizard would wait for a person): one line on stderr, exit status 1. The smoke test
    of the bundle runs the frozen executable with it.

Neither changes anything for a start without them.
"""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from hamm_field.i18n import gettext as _
from hamm_field.ui.crash import crash_text

if TYPE_CHECKING:
    from hamm_field.services.gateway import Gateway
    from hamm_field.ui.background import Runner
    from hamm_field.ui.unlock_dialog import UnlockDialog

PROBE_ENV = "HAMM_FIELD_STARTUP_PROBE"
SMOKE_ENV = "HAMM_FIELD_SMOKE_GUI"
PASSWORD_ENV = "HAMM_FIELD_PASSWORD"  # the same variable as on the command line
SETTLE_MS = 1500
PROBE_LINE = "startup: unlock-window-shown"


def _on(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def seconds_since_start() -> float:
    """Seconds since ``hamm_field/__main__.py`` began (its ``STARTED``); nan if not known."""
    for name in ("__main__", "hamm_field.__main__"):
        started = getattr(sys.modules.get(name), "STARTED", None)
        if isinstance(started, float):
            return time.perf_counter() - started
    return math.nan


def _say(line: str) -> None:
    if sys.stderr is not None:  # the windowed build on Windows has none
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


@dataclass
class StartupHooks:
    """What the environment asks of this start; ``exit_code`` is what a smoke run ends with."""

    probe: bool = False
    smoke: bool = False
    exit_code: int = 0

    @classmethod
    def from_environment(cls) -> StartupHooks:
        return cls(probe=_on(PROBE_ENV), smoke=_on(SMOKE_ENV))

    def fail(self, line: str) -> None:
        _say(line)
        self.exit_code = 1

    def refuse_wizard(self, gateway: Gateway) -> bool:
        """True when a smoke run meets a folder without a store (it fails, no wizard)."""
        if not self.smoke:
            return False
        from hamm_field.domain.errors import StoreMissing

        self.fail(str(StoreMissing(path=gateway.data_dir)))
        return True

    def unlock_dialog(self, dialog: UnlockDialog) -> None:
        """Called with the unlock dialog before it is shown."""
        if self.probe:
            QTimer.singleShot(0, lambda: self._shown(dialog))
        elif self.smoke:
            password = os.environ.get(PASSWORD_ENV)
            if not password:
                self.fail(_("Für den Probelauf fehlt das Passwort in {env}.").format(
                    env=PASSWORD_ENV))
                QTimer.singleShot(0, dialog.reject)
                return
            QTimer.singleShot(0, lambda: dialog.unlock_now(
                password, on_error=lambda error: self._refused(dialog, error)))

    def _shown(self, dialog: UnlockDialog) -> None:
        _say(f"{PROBE_LINE} {seconds_since_start():.3f}")
        dialog.reject()

    def _refused(self, dialog: UnlockDialog, error: BaseException) -> None:
        self.fail(crash_text(error, dialog.gateway.log_file).splitlines()[0])
        dialog.reject()

    def main_window(self, window: QWidget, runner: Runner) -> None:
        """Called once the main window is shown: a smoke run closes it when settled."""
        if self.smoke:
            QTimer.singleShot(SETTLE_MS, lambda: _close_when_idle(window, runner))


def _close_when_idle(window: QWidget, runner: Runner) -> None:
    if runner.is_busy:
        QTimer.singleShot(100, lambda: _close_when_idle(window, runner))
        return
    window.close()
    QApplication.exit(0)
