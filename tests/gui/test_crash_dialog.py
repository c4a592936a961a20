"""An exception nobody caught is logged without its message and told in a short dialog."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QMessageBox, QPushButton

from hamm_field.logsetup import PrivateFormatter
from hamm_field.ui import crash

pytestmark = pytest.mark.gui

PERSON = "Familie Petrova"  # a value in an exception's message: never in the log


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's private log format, in a file, beside whatever the test session logs."""
    path = tmp_path / "logs" / "hamm_field.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    handler.close()


def raise_in_slot() -> None:
    raise ValueError(PERSON)


def test_an_exception_in_a_slot_is_logged_and_told_with_the_log_file(qtbot, log_file, capfd):
    button = QPushButton("Speichern")
    qtbot.addWidget(button)
    button.clicked.connect(raise_in_slot)
    with crash.reporting(log_file) as reporter:
        button.show()
        QTimer.singleShot(0, button.click)  # from the event loop, as a person's click
        qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
        box = reporter.box
        assert box.windowTitle() == "Fehler"
        assert box.text().startswith("Entschuldigung, da ist etwas schiefgegangen.")
        assert box.text().endswith(f"Einzelheiten stehen im Protokoll: {log_file}")
        assert box.isModal()
        box.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: reporter.box is None)
    logged = log_file.read_text(encoding="utf-8")
    assert "uncaught exception" in logged
    assert "ValueError" in logged
    assert "in raise_in_slot" in logged and "raise ValueError(PERSON)" in logged  # the frame
    assert PERSON not in logged
    assert PERSON not in capfd.readouterr().err


def test_a_storm_of_exceptions_shows_one_dialog_and_logs_each(qtbot, log_file):
    with crash.reporting(log_file) as reporter:
        for _ in range(3):
            QTimer.singleShot(0, raise_in_slot)
        qtbot.waitUntil(lambda: logged(log_file).count("uncaught exception") == 3)
        boxes = [w for w in qtbot_top_levels() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes == [reporter.box]
        reporter.box.close()


def test_an_exception_in_another_thread_is_told_on_the_gui_thread(qtbot, log_file):
    with crash.reporting(log_file) as reporter:
        thread = threading.Thread(target=raise_in_slot)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
        assert str(log_file) in reporter.box.text()
        reporter.box.close()
    assert "ValueError" in log_file.read_text(encoding="utf-8")


@pytest.mark.qt_log_ignore("Hamm Field probe warning")
def test_qt_warnings_are_logged_passed_on_and_never_a_dialog(qtbot, log_file, qtlog):
    with crash.reporting(log_file) as reporter:
        qWarning("Hamm Field probe warning")
        assert reporter.box is None
    assert "Qt QtWarningMsg (default): Hamm Field probe warning" in log_file.read_text(
        encoding="utf-8")
    assert [record.message for record in qtlog.records] == ["Hamm Field probe warning"]


def test_nothing_is_written_where_there_is_no_stderr(qtbot, log_file, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # the windowed build on Windows
    pytest_qt = qInstallMessageHandler(None)  # as outside the tests: no one handled them before
    try:
        with crash.reporting(log_file) as reporter:
            reporter.handle(ValueError(PERSON))
            qWarning("Hamm Field probe warning, in the log only")
            assert reporter.box is not None
            reporter.box.close()
    finally:
        qInstallMessageHandler(pytest_qt)
    logged = log_file.read_text(encoding="utf-8")
    assert "ValueError" in logged and "probe warning, in the log only" in logged


def test_the_hooks_are_put_back_after(qtbot, log_file):
    before = sys.excepthook, threading.excepthook
    with crash.reporting(log_file):
        assert sys.excepthook is not before[0]
    assert (sys.excepthook, threading.excepthook) == before


def logged(log_file: Path) -> str:
    return log_file.read_text(encoding="utf-8")


def qtbot_top_levels() -> list:
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()
