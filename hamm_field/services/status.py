"""What ``status`` shows: role, device, worker, counts and sync marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import select

from hamm_field.domain.tables import REPLICATED_TABLES, Device, Worker
from hamm_field.store import state
from hamm_field.store.unit import Store

COUNTED = ("household", "person", "contact", "starterpaket_handout", "goal", "observation")


@dataclass(frozen=True)
class StoreStatus:
    device_role: str
    device_id: str
    device_name: str
    worker_name: str
    worker_role: str
    counts: dict[str, int] = field(default_factory=dict)
    unsynced_changes: int = 0
    last_export: str | None = None
    last_import: str | None = None
    last_ack: str | None = None


def store_status(store: Store) -> StoreStatus:
    with store.read() as session:
        device = session.get(Device, store.device_id)
        worker = session.get(Worker, store.worker_id) if store.worker_id else None
        acked = int(state.get(session, "acked_hlc") or 0)
        counts: dict[str, int] = {}
        unsynced = 0
        for table in REPLICATED_TABLES:
            name = table.__tablename__
            if name in COUNTED:
                alive = select(func.count()).select_from(table).where(table.deleted_hlc.is_(None))
                counts[name] = int(session.exec(alive).one())
            pending = select(func.count()).select_from(table).where(
                table.device_id == store.device_id, table.hlc > acked
            )
            unsynced += int(session.exec(pending).one())
        return StoreStatus(
            device_role=state.get(session, "device_role") or "",
            device_id=store.device_id,
            device_name=device.name if device else "",
            worker_name=worker.name if worker else "",
            worker_role=worker.role if worker else "",
            counts=counts,
            unsynced_changes=unsynced,
            last_export=state.get(session, "last_export"),
            last_import=state.get(session, "last_import"),
            last_ack=state.get(session, "last_ack"),
        )
