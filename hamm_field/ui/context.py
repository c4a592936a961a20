"""What every screen gets: the services, the background lane, and change notices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from hamm_field.services import Services
from hamm_field.services.gateway import Gateway
from hamm_field.ui.background import Runner, Task, alive, owners
from hamm_field.ui.errors import show_error


class UiContext(QObject):
    """Shared by the main window, its pages and dialogs.

    ``changed`` is emitted after every successful write with the kind of record
    ("household", "contact", …) so each screen can refresh what it shows.
    """

    changed = Signal(str)

    def __init__(self, gateway: Gateway, services: Services, runner: Runner) -> None:
        super().__init__()
        self.gateway = gateway
        self.services = services
        self.runner = runner

    @property
    def log_file(self) -> Path | None:
        return self.gateway.log_file

    def submit(
        self,
        call: Callable[..., Any],
        *args: Any,
        parent: QWidget | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        changes: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run in the background; errors go to ``on_error`` or a message box.

        With ``changes`` set, ``changed`` is emitted after success, before ``on_success``.
        With ``on_progress``, ``call`` also gets ``progress=`` (see :meth:`Runner.submit`).
        A result that arrives after the widget that asked for it (``parent``, or the one
        ``on_success``/``on_error`` belong to) was deleted is not handed to it; ``changed``
        is still emitted, as the write did happen.
        """
        keep = owners(on_success, on_error, on_progress, parent)

        def succeeded(result: Any) -> None:
            if changes:
                self.changed.emit(changes)
            if on_success and alive(keep):
                on_success(result)

        def failed(error: BaseException) -> None:
            if not alive(keep):
                return  # a bug was logged by the runner; the window that asked is closed
            if on_error:
                on_error(error)
            else:
                show_error(parent, error, self.log_file)

        def progressed(done: int, total: int) -> None:
            if on_progress and alive(keep):
                on_progress(done, total)

        return self.runner.submit(
            call, *args, on_success=succeeded, on_error=failed,
            on_progress=progressed if on_progress else None,
            with_progress=on_progress is not None, **kwargs,
        )  # fmt: skip

    @property
    def is_coordination(self) -> bool:
        return self.services.context.is_coordination

    @property
    def worker_id(self) -> str | None:
        return self.services.context.worker_id
