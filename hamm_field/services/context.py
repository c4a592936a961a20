"""What every use case needs: the open store, who is working, today, the master data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.store import state
from hamm_field.store.master import load_index
from hamm_field.store.unit import Store


@dataclass
class Context:
    store: Store
    today: Callable[[], dt.date] = field(default=dt.date.today)
    _master: MasterIndex | None = None
    _worker: Worker | None = None

    @property
    def master(self) -> MasterIndex:
        if self._master is None:
            with self.store.read() as session:
                self._master = load_index(session)
        return self._master

    def master_changed(self) -> None:
        self._master = None

    @property
    def worker_id(self) -> str | None:
        return self.store.worker_id

    @property
    def worker(self) -> Worker | None:
        if self._worker is None and self.worker_id:
            with self.store.read() as session:
                self._worker = session.get(Worker, self.worker_id)
        return self._worker

    @property
    def device_role(self) -> str:
        """This store's role (``central`` or ``field``; empty before setup)."""
        with self.store.read() as session:
            return state.get(session, "device_role") or ""

    @property
    def is_central(self) -> bool:
        """The coordination's store: what only the coordination does asks this."""
        return self.device_role == DeviceRole.CENTRAL.value

    @property
    def is_coordination(self) -> bool:
        return bool(self.worker and self.worker.role == WorkerRole.KOORDINATION)
