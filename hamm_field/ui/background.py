"""Run store and file work off the GUI thread, one operation at a time.

Every database or file operation goes through :class:`Runner`: one worker thread, so
writes never race each other and the window never freezes. Results and errors come
back as signals on the GUI thread. A bug is logged with its traceback in the worker
(the log holds types and ids, never the values typed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from hamm_field.domain.errors import user_error_of

log = logging.getLogger(__name__)


class Task(QObject):
    """One background operation; connect to its signals before it finishes."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    done = Signal()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class _Job(QRunnable):
    def __init__(self, task: Task, call: Callable[[], Any]) -> None:
        super().__init__()
        self.task = task
        self.call = call

    def run(self) -> None:
        try:
            result = self.call()
        except Exception as error:  # handed to the GUI thread
            known = user_error_of(error)  # a UserError, or the full disk behind an OSError
            if known is None:
                log.error("background operation failed", exc_info=error)
            self.task.failed.emit(known or error)
        else:
            self.task.succeeded.emit(result)
        self.task.done.emit()


class Runner(QObject):
    """The single lane for background work; ``busy`` drives the status-bar indicator."""

    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0
        self._tasks: set[Task] = set()

    def submit(
        self,
        call: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        with_progress: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run ``call(*args, **kwargs)``; with ``with_progress`` it also gets ``progress=``."""
        task = Task()
        if with_progress:
            kwargs["progress"] = task.report
        if on_success:
            task.succeeded.connect(on_success)
        if on_error:
            task.failed.connect(on_error)
        task.done.connect(lambda: self._finished(task))
        self._tasks.add(task)
        self._running += 1
        if self._running == 1:
            self.busy.emit(True)
        self.pool.start(_Job(task, lambda: call(*args, **kwargs)))
        return task

    def _finished(self, task: Task) -> None:
        self._tasks.discard(task)
        self._running -= 1
        if self._running == 0:
            self.busy.emit(False)

    @property
    def is_busy(self) -> bool:
        """Work submitted whose result has not reached the GUI thread yet."""
        return self._running > 0

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
