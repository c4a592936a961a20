"""Background work that outlives its window: closing while a task runs prints nothing.

A result arriving after its window was closed and deleted used to reach a deleted runner
("RuntimeError: Signal source has been deleted") or a deleted page ("Internal C++ object
already deleted"), on stderr after unlocking or on closing.
"""

from __future__ import annotations

import functools
import logging
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from hamm_field.ui.background import Runner, owners
from hamm_field.ui.main_window import MainWindow
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui

SLOW = 0.5  # seconds: the window is closed long before


def slow(value: object) -> object:
    time.sleep(SLOW)
    return value


def settle(qtbot) -> None:
    """Let every queued signal and deferred deletion be delivered."""
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def problems(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


def test_closing_the_main_window_while_a_task_runs_prints_nothing(qtbot, ui, capfd, caplog):
    window = MainWindow(ui)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, ui)
    capfd.readouterr()
    page = window.today
    arrived: list[object] = []
    ui.submit(slow, "late", on_success=lambda result: (arrived.append(result), page.refresh()))
    ui.submit(slow, "also late", parent=page, on_error=lambda _error: page.refresh())
    window.close()  # waits for the running tasks, as a person's close does
    shiboken6.delete(window)  # gone before their results are delivered
    assert not shiboken6.isValid(page)
    wait_idle(qtbot, ui)
    settle(qtbot)
    assert arrived == []  # the page is gone: its callback is not called
    assert capfd.readouterr().err == ""
    assert problems(caplog) == []


def test_a_dialog_closed_while_its_own_task_runs_prints_nothing(qtbot, capfd, caplog):
    dialog = QDialog()
    dialog.runner = Runner(dialog)
    label = QLabel(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.runner.submit(slow, "late", on_success=label.setText)
    dialog.runner.submit(slow, "later", on_success=lambda text: label.setText(text))
    dialog.reject()
    shiboken6.delete(dialog)  # its runner waits for the task, then goes with the dialog
    settle(qtbot)
    assert capfd.readouterr().err == ""
    assert problems(caplog) == []


def test_results_still_arrive_in_order_and_the_runner_is_idle_after(qtbot):
    runner = Runner()
    seen: list[str] = []
    task = runner.submit(slow, 1, on_success=lambda value: seen.append(f"result {value}"))
    task.done.connect(lambda: seen.append(f"done, busy: {runner.is_busy}"))
    assert runner.is_busy
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5_000)
    assert seen == ["result 1", "done, busy: False"]
    runner.wait()


def test_progress_reaches_the_gui_thread(qtbot):
    runner = Runner()
    steps: list[tuple[int, int]] = []

    def counting(progress) -> int:
        for step in range(1, 4):
            progress(step, 3)
        return 3

    task = runner.submit(counting, with_progress=True)
    task.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(task.done, timeout=5_000):
        pass
    assert steps == [(1, 3), (2, 3), (3, 3)]
    runner.wait()


def test_progress_a_fast_task_reports_at_once_is_not_lost(qtbot):
    runner = Runner()
    steps: list[tuple[int, int]] = []

    def at_once(progress) -> int:
        progress(1, 1)
        return 1

    task = runner.submit(at_once, with_progress=True,
                         on_progress=lambda done, total: steps.append((done, total)))
    assert runner.wait()  # finished in the worker before the GUI thread does anything else
    with qtbot.waitSignal(task.done, timeout=5_000):
        pass
    assert steps == [(1, 1)]


def test_a_callback_belongs_to_what_it_is_bound_to_or_closes_over(qtbot):
    label, other = QLabel(), QObject()
    assert owners(label.setText) == (label,)
    assert owners(lambda text: label.setText(text), None) == (label,)
    assert owners(print, other) == (other,)
    assert owners(functools.partial(label.setText, "x")) == (label,)
    label.deleteLater()
    other.deleteLater()
