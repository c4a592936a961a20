"""Crashes are caught and told: uncaught exceptions and Qt's own messages.

While the GUI runs (:func:`reporting`, around :func:`hamm_field.ui.application.run`):

* An exception nobody caught (raised in a slot, or in a thread) is logged with its traceback
  through :mod:`hamm_field.logsetup`, whose formatter keeps the frames and the exception's
  class and drops its message (messages carry values: names, notes). On the GUI thread a
  short dialog then apologises and names the log file. One dialog at a time: what goes
  wrong while it is open (or while an error is being handled) is only logged.
* Qt's warnings, critical and fatal messages go to the log (kind, category and the text Qt
  gives), never into a dialog, and on to whoever handled them before (pytest-qt's capture in
  tests) or else to stderr, as Qt would print them.
* The windowed build on Windows has no stderr (``sys.stderr is None``): then nothing is
  written there. Where there is one, an uncaught exception also leaves its scrubbed traceback
  there, so a smoke test of a build sees it.

Everything installed is put back on leaving, so tests and a second run start clean.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QMessageBox

from hamm_field.domain.errors import user_error_of
from hamm_field.i18n import gettext as _
from hamm_field.logsetup import scrubbed_traceback, silence
from hamm_field.ui.errors import error_box, log_location

log = logging.getLogger(__name__)

# What the offscreen platform plugin says about window-manager calls it cannot do: not a
# fault of ours (pyproject's qt_log_ignore lists the same for the tests). Kept off stderr,
# where a smoke test of the build reads every line as a failure.
HARMLESS = re.compile(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
_LEVELS = {
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def crash_text(error: BaseException, log_file: Path | None) -> str:
    """What the dialog says: a person's own mistake as itself, anything else as a bug."""
    known = user_error_of(error)
    if known is not None:
        return str(known)
    return _(
        "Entschuldigung, da ist etwas schiefgegangen. Wenn Hamm Field danach nicht mehr "
        "richtig arbeitet, schließen Sie es bitte und starten es neu. Einzelheiten stehen im "
        "Protokoll: {path}"
    ).format(path=log_location(log_file))


class CrashReporter(QObject):
    """Installs the hooks; ``box`` is the dialog shown for the last uncaught exception."""

    reported = Signal(object)  # from any thread; shown on the GUI thread

    def __init__(self, log_file: Path | None) -> None:
        super().__init__()
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self._handling = False
        self._saved: tuple | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        previous_qt = qInstallMessageHandler(self._qt_message)
        self._saved = (sys.excepthook, threading.excepthook, previous_qt)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._saved is None:
            return
        sys.excepthook, threading.excepthook, previous_qt = self._saved
        qInstallMessageHandler(previous_qt)
        self._saved = None

    # Uncaught exceptions -------------------------------------------------------------

    def _excepthook(self, kind: type[BaseException], error: BaseException,
                    trace: TracebackType | None) -> None:  # fmt: skip
        if isinstance(error, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.handle(error.with_traceback(trace))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        self.handle(args.exc_value.with_traceback(args.exc_traceback))

    def handle(self, error: BaseException) -> None:
        """Log ``error`` (no message text) and tell the person, from any thread."""
        try:
            log.error("uncaught exception", exc_info=error)
            if sys.stderr is not None:
                sys.stderr.write(f"uncaught exception\n{scrubbed_traceback(error)}\n")
        except Exception:
            pass
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            self.reported.emit(error)
        else:
            self._show(error)

    def _show(self, error: BaseException) -> None:
        if self._handling or (self.box is not None and self.box.isVisible()):
            return  # one dialog at a time; this one is in the log
        if QCoreApplication.instance() is None:
            return
        self._handling = True
        try:
            self.box = self._box(error)
            self.box.show()
        except Exception:
            log.exception("the crash dialog could not be shown")
        finally:
            self._handling = False

    def _box(self, error: BaseException) -> QMessageBox:
        box = error_box(None, error, crash_text(error, self.log_file))
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        return box

    def _closed(self) -> None:
        self.box = None

    # Qt's own messages ---------------------------------------------------------------

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _LEVELS.get(kind)
        harmless = HARMLESS.search(message) is not None
        if level is not None and not harmless:
            log.log(level, "Qt %s (%s): %s", kind.name, context.category or "default", message)
        previous = self._saved[2] if self._saved else None
        if previous is not None:
            previous(kind, context, message)
        elif level is not None and not harmless and sys.stderr is not None:
            sys.stderr.write(f"{message}\n")


@contextmanager
def reporting(log_file: Path | None) -> Iterator[CrashReporter]:
    """Catch and tell crashes for the block (the GUI's run); everything is put back after.

    Without a log (``log_file`` None) records go nowhere, never to Python's last resort,
    which would print them, messages and all, on stderr.
    """
    if log_file is None:
        silence()
    reporter = CrashReporter(log_file)
    reporter.install()
    try:
        yield reporter
    finally:
        reporter.uninstall()
