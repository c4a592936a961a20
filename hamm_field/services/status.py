"""What ``status`` shows: role, device, worker, counts and sync marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import select

from hamm_field.domain import app_version
from hamm_field.domain.tables import REPLICATED_TABLES, Device, Worker
from hamm_field.domain.tables_sync import PackageLedger
from hamm_field.store import state
from hamm_field.store.unit import Store
from hamm_field.sync.authority import LAPTOP_TABLES
from hamm_field.sync.importer import sequence_gaps
from hamm_field.sync.package import ACKED, COORDINATION_VERSION, LAST_ACK, LAST_EXPORT

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
    devices: list[DeviceSync] = field(default_factory=list)
    coordination_version: str | None = None  # a laptop: what the last return package named

    @property
    def newer_at_coordination(self) -> str | None:
        """The coordination's app version when it is newer than this app's (a laptop)."""
        version = self.coordination_version
        return version if app_version.is_newer(version) else None


@dataclass(frozen=True)
class DeviceSync:
    """For the central store: what arrived from one laptop, and what is missing."""

    device_id: str
    worker_name: str
    last_sequence: int
    last_received: str | None
    gaps: list[int]
    revoked: bool
    worker_id: str | None = None
    team: str | None = None
    """The worker's Träger (``worker.team``), which the coordination keeps."""


def device_sync(store: Store) -> list[DeviceSync]:
    rows = []
    with store.read() as session:
        devices = session.exec(
            select(Device, Worker.name, Worker.team)
            .join(Worker, Worker.id == Device.worker_id, isouter=True)
            .where(Device.role == "field")).all()
        for device, name, team in devices:
            last = session.exec(
                select(PackageLedger).where(PackageLedger.device_id == device.id)
                .order_by(PackageLedger.sequence.desc()).limit(1)).first()  # type: ignore[attr-defined]
            rows.append((device, name, team, last))
    return [
        DeviceSync(d.id, name or "", last.sequence if last else 0,
                   last.received_at if last else None, sequence_gaps(store, d.id),
                   d.revoked_on is not None, d.worker_id, team)
        for d, name, team, last in rows
    ]


def store_status(store: Store) -> StoreStatus:
    with store.read() as session:
        device = session.get(Device, store.device_id)
        worker = session.get(Worker, store.worker_id) if store.worker_id else None
        acked = int(state.get(session, ACKED) or 0)
        counts: dict[str, int] = {}
        unsynced = 0
        for table in REPLICATED_TABLES:
            name = table.__tablename__
            if name in COUNTED:
                alive = select(func.count()).select_from(table).where(table.deleted_hlc.is_(None))
                counts[name] = int(session.exec(alive).one())
            if name not in LAPTOP_TABLES:
                continue  # the coordination's records: a laptop never sends them
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
            last_export=state.get(session, LAST_EXPORT),
            last_import=state.get(session, "last_import"),
            last_ack=state.get(session, LAST_ACK),
            devices=device_sync(store) if state.get(session, "device_role") == "central"
            else [],
            coordination_version=app_version.valid(state.get(session, COORDINATION_VERSION)),
        )
