"""Run store and file work off the GUI thread, one operation at a time.

Every database or file operation goes through :class:`Runner`: one worker thread, so
writes never race each other and the window never freezes. Results and errors come
back as signals on the GUI thread. A bug is logged with its traceback in the worker
(the log holds types and ids, never the values typed).

Lifetimes, because a result may arrive after the window that asked for it has gone:

* The worker never touches a :class:`Task`. It reports through the runner's relay, a child
  made right after the thread pool. When a runner goes (its dialog was closed), Qt first
  cuts the runner's own connections, then deletes the pool, which waits for the running
  operation, and only then the relay: the worker never emits from an object that is gone,
  and no late report reaches a runner that is gone ("Signal source has been deleted").
* Tasks live on the GUI thread only: the runner emits their signals there and keeps them
  until they are done, so they are also let go (and deleted) there.
* A result or error for a callback whose widget was deleted meanwhile (a page of a closed
  window) is dropped: :func:`owners` finds the Qt objects a callback belongs to, and it is
  only called while all of them still exist.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from hamm_field.domain.errors import user_error_of

log = logging.getLogger(__name__)


def owners(*callbacks: object) -> tuple[QObject, ...]:
    """The Qt objects ``callbacks`` belong to: those they are bound to or close over.

    ``self._show``, ``lambda rows: self._show(rows)`` and a function defined in a method
    that uses ``self`` all belong to ``self``; a Qt object passed itself counts as well.
    Only one level deep: a callback that wraps another (as ``UiContext.submit`` does) decides
    itself what to do when the other's widget is gone.
    """
    found: list[QObject] = []
    _collect(callbacks, found, depth=1)
    return tuple(found)


def _collect(items: Iterable[object], found: list[QObject], depth: int) -> None:
    for item in items:
        if isinstance(item, QObject):
            if not any(item is known for known in found):
                found.append(item)
        elif depth and item is not None:
            _collect(_parts(item), found, depth - 1)


def _parts(callback: object) -> list[object]:
    if isinstance(callback, functools.partial):
        func = callback.func
        return [func, getattr(func, "__self__", None), *callback.args,
                *callback.keywords.values()]  # fmt: skip
    parts: list[object] = []
    bound = getattr(callback, "__self__", None)
    if bound is not None:
        parts.append(bound)
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            parts.append(cell.cell_contents)
        except ValueError:  # a cell not filled yet
            continue
    return parts


def alive(objects: Iterable[QObject]) -> bool:
    """Whether none of ``objects`` has been deleted."""
    return all(isValid(item) for item in objects)


def while_alive(callback: Callable[..., Any], keep: tuple[QObject, ...]) -> Callable[..., Any]:
    """``callback``, or nothing once one of ``keep`` has been deleted."""

    def call(*args: Any) -> None:
        if alive(keep):
            callback(*args)
        else:
            log.debug("a late result was dropped: its window is closed")

    return call


class Task(QObject):
    """One background operation; its signals come on the GUI thread, ``done`` last."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    done = Signal()


class _Relay(QObject):
    """What the worker emits, each with its task's number; queued to the GUI thread."""

    succeeded = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)
    finished = Signal(int)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, number: int, call: Callable[[], Any]) -> None:
        super().__init__()
        self.relay, self.number = relay, number
        self.call: Callable[[], Any] | None = call

    def run(self) -> None:
        relay, number, call, self.call = self.relay, self.number, self.call, None
        assert call is not None
        try:
            result = call()
        except Exception as error:  # handed to the GUI thread
            known = user_error_of(error)  # a UserError, or the full disk behind an OSError
            if known is None:
                log.error("background operation failed", exc_info=error)
            relay.failed.emit(number, known or error)
        else:
            relay.succeeded.emit(number, result)
        del call  # what the call holds is let go here, not with the last report
        relay.finished.emit(number)


class Runner(QObject):
    """The single lane for background work; ``busy`` drives the status-bar indicator."""

    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)  # the first child: deleted (and waited for) first
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)  # deleted after the pool
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._relay.progressed.connect(self._progressed)
        self._relay.finished.connect(self._finished)
        self._tasks: dict[int, Task] = {}
        self._numbers = itertools.count()

    def submit(
        self,
        call: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        with_progress: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run ``call(*args, **kwargs)``; with ``with_progress`` it also gets ``progress=``.

        ``on_progress(done, total)`` is connected here, before the job can start: connected
        by the caller after ``submit``, progress a fast task reports at once could be gone.
        ``on_success``, ``on_error`` and ``on_progress`` are not called once a widget they
        belong to (see :func:`owners`) has been deleted.
        """
        task, number = Task(), next(self._numbers)
        if with_progress:
            kwargs["progress"] = functools.partial(self._relay.progressed.emit, number)
        if on_success:
            task.succeeded.connect(while_alive(on_success, owners(on_success)))
        if on_error:
            task.failed.connect(while_alive(on_error, owners(on_error)))
        if on_progress:
            task.progressed.connect(while_alive(on_progress, owners(on_progress)))
        self._tasks[number] = task
        if len(self._tasks) == 1:
            self.busy.emit(True)
        self.pool.start(_Job(self._relay, number, functools.partial(call, *args, **kwargs)))
        return task

    def _succeeded(self, number: int, result: Any) -> None:
        if (task := self._tasks.get(number)) is not None:
            task.succeeded.emit(result)

    def _failed(self, number: int, error: BaseException) -> None:
        if (task := self._tasks.get(number)) is not None:
            task.failed.emit(error)

    def _progressed(self, number: int, done: int, total: int) -> None:
        if (task := self._tasks.get(number)) is not None:
            task.progressed.emit(done, total)

    def _finished(self, number: int) -> None:
        task = self._tasks.pop(number, None)
        if not self._tasks:
            self.busy.emit(False)
        if task is not None:
            task.done.emit()

    @property
    def is_busy(self) -> bool:
        """Work submitted whose result has not reached the GUI thread yet."""
        return bool(self._tasks)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
