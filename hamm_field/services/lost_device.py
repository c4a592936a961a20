"""A lost or stolen laptop (Art. 33/34 DSGVO): lock it out and say what was on it.

The coordination only knows what it sent to the laptop (the return ledger) and what the
laptop's packages brought (``store/device_holdings.py``); what was recorded after the last
package is unknown, and the document says so. The family names go into the PDF only: it
is returned as bytes, never written here, never logged. :func:`save_document` writes it
where the coordinator chose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlmodel import select

from hamm_field.domain import app_version
from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Device, Worker
from hamm_field.domain.vocab import DeviceRole, MasterKind
from hamm_field.i18n import N_
from hamm_field.reports.lost_device import render_lost_device
from hamm_field.reports.lost_device_model import LostDeviceData, LostFamily, Protection
from hamm_field.services.context import Context
from hamm_field.services.password_policy import MIN_PASSWORD_LENGTH
from hamm_field.services.sync import CentralOnly
from hamm_field.services.unlock_attempts import FREE_ATTEMPTS, MAX_DELAY_SECONDS
from hamm_field.store import device_holdings as holdings
from hamm_field.store.caseload import held_families
from hamm_field.store.kdf import KDF_FLOOR, MIB
from hamm_field.store.keyfile import KeyFile


class NotALaptop(UserError):
    message = N_("Nur ein Laptop im Feld kann als verloren gemeldet werden.")


class NoSuchLaptop(UserError):
    message = N_("Einen Laptop „{name}“ gibt es hier nicht (Name der Mitarbeiterin oder des "
                 "Mitarbeiters oder Kennung des Geräts, siehe devices).")


class SeveralLaptops(UserError):
    message = N_("„{name}“ passt auf mehrere Laptops: {devices}. Bitte die Kennung angeben.")


@dataclass(frozen=True)
class Holdings:
    """What one laptop holds as far as the coordination knows; counts and ids, no names."""

    device_id: str
    worker_id: str | None
    worker_name: str
    team: str
    revoked_on: dt.date | None
    families: frozenset[str]
    records: dict[str, int]  # table -> stored records of those families
    oldest: dt.date | None
    received: holdings.Received
    returns: list[holdings.SentReturn]
    assigned: frozenset[str] = frozenset()  # listed because returns went unrecorded

    @property
    def unrecorded_returns(self) -> bool:
        """The laptop read return packages the return ledger does not know (written by a
        version before it): its worker's families of today stand in for them."""
        return self.received.read_a_return and not self.returns

    @property
    def last_return(self) -> dt.datetime | None:
        return self.returns[-1].created_at if self.returns else None


@dataclass(frozen=True)
class LostDeviceResult:
    """What the Geräte screen tells after "Gerät verloren"; the PDF holds the names."""

    device_id: str
    worker_name: str
    families: int
    last_package: dt.datetime | None
    newly_revoked: bool
    pdf: bytes


def read_holdings(connection: Connection, device: Device, worker: Worker | None,
                  today: dt.date, written: set[str] | None = None) -> Holdings:  # fmt: skip
    """Families and records a laptop held, from the ledgers and the central store.

    A laptop that read return packages none of which is in the ledger (written before it
    existed) gets its worker's families of ``today`` added: more than it may hold, rather
    than fewer. ``written``: the families the device's packages touched, when the caller
    has them already (:func:`holdings.written_by_device`).
    """
    returns = holdings.sent_returns(connection, device.id)
    received = holdings.received(connection, device.id)
    sent = set().union(*(r.families for r in returns)) if returns else set()
    assigned: set[str] = set()
    if received.read_a_return and not returns and device.worker_id:
        assigned = held_families(connection, device.worker_id, today)
    if written is None:
        written = holdings.written_families(connection, device.id)
    families = frozenset(holdings.resolve(connection, sent | assigned) | written)
    worker_id = device.worker_id
    return Holdings(
        device.id, worker_id, worker.name if worker else "", (worker.team or "") if worker else "",
        device.revoked_on, families,
        holdings.records_by_kind(connection, families, worker_id, device.id),
        holdings.oldest_day(connection, families, worker_id, device.id),
        received, returns, frozenset(assigned))  # fmt: skip


class LostDevices:
    def __init__(self, context: Context) -> None:
        self.context = context

    def require_central(self) -> None:
        if not self.context.is_central:
            raise CentralOnly()

    def laptops(self) -> list[tuple[Device, Worker | None]]:
        statement = select(Device, Worker).join(Worker, Worker.id == Device.worker_id,
                                                isouter=True)  # fmt: skip
        with self.context.store.read() as session:
            return [(d, w) for d, w in session.exec(statement)
                    if d.role == DeviceRole.FIELD.value and d.deleted_hlc is None]  # fmt: skip

    def find(self, name: str) -> str:
        """The device id meant by a worker's name, a device id or its last 8 characters."""
        self.require_central()
        wanted = name.strip().casefold()
        matches = [d.id for d, w in self.laptops()
                   if wanted and (d.id.casefold() == wanted or d.id[-8:].casefold() == wanted
                                  or (w is not None and w.name.casefold() == wanted))]  # fmt: skip
        if not matches:
            raise NoSuchLaptop(name=name)
        if len(matches) > 1:
            raise SeveralLaptops(name=name, devices=", ".join(matches))
        return matches[0]

    def holdings(self, device_id: str) -> Holdings:
        self.require_central()
        for device, worker in self.laptops():
            if device.id == device_id:
                with self.context.store.engine.connect() as connection:
                    return read_holdings(connection, device, worker, self.context.today())
        raise NotALaptop()

    def declare_lost(self, device_id: str) -> LostDeviceResult:
        """Lock the laptop out (as "Sperren"; a locked one stays locked since its day)
        and build the document for the data protection officer."""
        self.require_central()
        newly = False
        with self.context.store.write() as writer:
            device = writer.session.get(Device, device_id)
            if device is None or device.role != DeviceRole.FIELD.value:
                raise NotALaptop()
            if device.revoked_on is None:
                writer.update(device, {"revoked_on": self.context.today()})
                newly = True
        found = self.holdings(device_id)
        pdf = render_lost_device(self._document(found))
        return LostDeviceResult(device_id, found.worker_name, len(found.families),
                                found.received.last, newly, pdf)  # fmt: skip

    def _document(self, found: Holdings) -> LostDeviceData:
        with self.context.store.engine.connect() as connection:
            rows = holdings.family_rows(connection, found.families)
            written = holdings.written_families(connection, found.device_id)
            sent = [(r.created_at, holdings.resolve(connection, r.families))
                    for r in found.returns]  # fmt: skip
            carried = {family: max((at for at, ids in sent if family in ids), default=None)
                       for family in found.families}  # fmt: skip
            last_resolved = sent[-1][1] if sent else set()
        master = self.context.master
        families = tuple(sorted((LostFamily(
            row.family_name, row.pseudonym, row.erased,
            master.name(MasterKind.SOZIALRAUM, row.sozialraum) if row.sozialraum else "",
            row.persons, carried.get(row.id), row.id in last_resolved, row.id in written,
            row.id in found.assigned)
            for row in rows), key=lambda f: (f.erased, f.name.casefold())))  # fmt: skip
        order = ("household", *holdings.FAMILY_TABLES)
        records = tuple((t, found.records[t]) for t in order if found.records.get(t))
        return LostDeviceData(
            found.worker_name, found.team, found.device_id, found.revoked_on,
            found.received.packages, found.received.first, found.received.last,
            len(found.returns), found.last_return, families, records, found.oldest,
            self.protection(), dt.datetime.now(dt.UTC), app_version.current(),
            found.unrecorded_returns)  # fmt: skip

    def protection(self) -> Protection:
        """The protection as implemented: this store's own Argon2id slots, the floor every
        laptop keeps, the password rule and the wait after wrong passwords."""
        kdfs = KeyFile.load(self.context.store.paths.keyfile).password_kdfs() or [KDF_FLOOR]
        strongest = max(kdfs, key=lambda params: params.work)
        return Protection(strongest.memory_cost // MIB, strongest.iterations, strongest.lanes,
                          KDF_FLOOR.memory_cost // MIB, KDF_FLOOR.iterations,
                          MIN_PASSWORD_LENGTH, FREE_ATTEMPTS, MAX_DELAY_SECONDS)  # fmt: skip
