"""Sync use cases: invite a laptop, export a package, import packages, list devices, and
look after the refused packages kept in quarantine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from sqlmodel import select

from hamm_field.domain.errors import UserError
from hamm_field.domain.hlc import millis_of
from hamm_field.domain.retention import QUARANTINE
from hamm_field.domain.tables import Device, Worker
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.i18n import N_, ngettext
from hamm_field.services.context import Context
from hamm_field.services.kindeswohl import unseen_ids
from hamm_field.services.status import StoreStatus, store_status
from hamm_field.store import state
from hamm_field.store.caseload import CLOSED_MONTHS, DEFAULT_CLOSED_MONTHS
from hamm_field.store.files import atomic_write_bytes
from hamm_field.store.retention import put_rule
from hamm_field.sync import enrolment, quarantine
from hamm_field.sync.export import ExportResult, export_package
from hamm_field.sync.importer import ImportResult, import_package
from hamm_field.sync.package import SEQUENCE
from hamm_field.sync.returns import ReturnResult, apply_return, build_return


class CentralOnly(UserError):
    message = N_("Das geht nur in der zentralen Ablage der Koordination.")


class FieldOnly(UserError):
    message = N_("Das geht nur auf einem Laptop im Feld.")


class UnknownDeviceId(UserError):
    message = N_("Ein Gerät mit der Kennung {device} gibt es hier nicht.")


class UnknownWorker(UserError):
    message = N_("Diese Person gibt es im Team nicht mehr.")


class QuarantineEntryGone(UserError):
    message = N_("Dieses abgelehnte Paket gibt es nicht mehr.")


@dataclass(frozen=True)
class DeviceRow:
    device: Device
    worker_name: str


@dataclass(frozen=True)
class QuarantinedPackage:
    """A refused package as the Sync screen lists it; ids and codes, no personal data."""

    id: str
    file_name: str
    arrived: dt.datetime
    reason: str  # the refusal's code, e.g. "damaged"
    device_id: str  # "" when the sender is not known for sure
    worker_name: str
    copy_kept: bool
    removed: str  # why the copy went (REMOVED_AGE, REMOVED_ERASURE), "" while it is kept


@dataclass(frozen=True)
class CentralImportResult(ImportResult):
    """An import at the coordination, with the Kindeswohl alerts this file brought."""

    kindeswohl: tuple[str, ...] = ()  # ids of new, unseen ``erheblich`` observations


@dataclass(frozen=True)
class LaptopImportResult(ImportResult):
    """A return package read on a laptop, with the families it let go of."""

    removed: int = 0  # families no longer the worker's, deleted from this laptop
    kept: int = 0  # such families kept until the laptop's last changes are acknowledged


def handover_lines(result: ImportResult) -> list[str]:
    """What a laptop tells its user about families it let go of (Sync screen and CLI)."""
    removed, kept = getattr(result, "removed", 0), getattr(result, "kept", 0)
    lines = []
    if removed:
        lines.append(ngettext(
            "{count} Familie ist nicht mehr Ihnen zugeordnet (übergeben, nicht mehr geteilt "
            "oder länger abgeschlossen) und wurde von diesem Laptop entfernt.",
            "{count} Familien sind nicht mehr Ihnen zugeordnet (übergeben, nicht mehr geteilt "
            "oder länger abgeschlossen) und wurden von diesem Laptop entfernt.",
            removed).format(count=removed))  # fmt: skip
    if kept:
        lines.append(ngettext(
            "{count} Familie bleibt, bis Ihre letzten Änderungen bestätigt sind.",
            "{count} Familien bleiben, bis Ihre letzten Änderungen bestätigt sind.",
            kept).format(count=kept))  # fmt: skip
    return lines


CLOCK_TOLERANCE_MS = 5 * 60 * 1000
"""A wall clock this far behind the newest stamp is a clock set back, not jitter."""
QUARANTINE_DAYS = "quarantine_days"
QUARANTINE_DAYS_RANGE = (quarantine.MIN_DAYS, quarantine.DEFAULT_DAYS, quarantine.MAX_DAYS)
REMOVED_AGE, REMOVED_ERASURE = quarantine.REMOVED_AGE, quarantine.REMOVED_ERASURE
CLOSED_MONTHS_RANGE = (1, DEFAULT_CLOSED_MONTHS, 36)


class Sync:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.remove_expired_copies()  # on every start

    def clock_behind(self) -> dt.datetime | None:
        """The newest time this store has seen, when the computer's clock is behind it.

        Also a return package stamped by a coordination whose clock is ahead counts:
        either way, entries made now would carry a misleading date.
        """
        clock = self.context.store.clock
        if clock.behind_by() <= CLOCK_TOLERANCE_MS:
            return None
        return dt.datetime.fromtimestamp(millis_of(clock.last) / 1000, dt.UTC)

    def role(self) -> str:
        with self.context.store.read() as session:
            return state.get(session, "device_role") or ""

    def status(self) -> StoreStatus:
        """What the Sync screen shows; the same as the ``status`` command."""
        return store_status(self.context.store)

    def package_name(self) -> str:
        """The next package's file name: which laptop and which package, readable on the
        USB stick, and never the name of an earlier one (overwriting it would leave a gap)."""
        with self.context.store.read() as session:
            sequence = int(state.get(session, SEQUENCE) or 0) + 1
        return f"hamm-field-{self.context.store.device_id[-8:]}-{sequence}.hfsync"

    def _require(self, role: DeviceRole) -> None:
        if self.role() != role.value:
            raise CentralOnly() if role == DeviceRole.CENTRAL else FieldOnly()

    def invite(self, worker_name: str, worker_role: WorkerRole, out: Path,
               team: str | None = None) -> Path:  # fmt: skip
        """Central: a signed invitation file for a new laptop; ``team`` is the worker's
        Träger, if known."""
        self._require(DeviceRole.CENTRAL)
        with self.context.store.write() as writer:
            data = enrolment.invite(writer, worker_name=worker_name.strip(),
                                    worker_role=worker_role.value,
                                    team=(team or "").strip() or None)
        atomic_write_bytes(out, data)
        return out

    def set_team(self, worker_id: str, team: str | None) -> None:
        """Central: the worker's Träger (empty: none). Reports filter by it; the next
        return packages carry it to the laptops like every worker row."""
        self._require(DeviceRole.CENTRAL)
        with self.context.store.write() as writer:
            worker = writer.session.get(Worker, worker_id)
            if worker is None or worker.deleted_hlc is not None:
                raise UnknownWorker()
            writer.update(worker, {"team": (team or "").strip() or None})

    def export(self, out: Path) -> ExportResult:
        self._require(DeviceRole.FIELD)
        return export_package(self.context.store, out)

    def import_files(
        self, paths: list[Path], progress: Callable[[int, int], None] | None = None
    ) -> list[ImportResult]:
        """Central: merge laptops' packages; laptop: apply return packages.

        Each file on its own; one refused file does not stop the others.
        """
        if self.role() == DeviceRole.FIELD.value:
            return [self._apply_return(path) for path in paths]
        self.remove_expired_copies()
        results = [self._import_one(path, progress) for path in paths]
        if any(r.refused is None and not r.already for r in results):
            self.context.master_changed()
            with self.context.store.write() as writer:
                state.put(writer.session, "last_import",
                          dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        return results

    def _import_one(self, path: Path, progress: Callable[[int, int], None] | None
                    ) -> CentralImportResult:  # fmt: skip
        """Import one file and tell which unseen ``erheblich`` observations it brought."""
        store = self.context.store
        with store.read() as session:
            before = unseen_ids(session, store.device_id)
        result = import_package(store, path, progress)
        fresh: set[str] = set()
        if result.refused is None and not result.already:
            with store.read() as session:
                fresh = unseen_ids(session, store.device_id) - before
        values = {f.name: getattr(result, f.name) for f in fields(result)}
        return CentralImportResult(**values, kindeswohl=tuple(sorted(fresh)))

    def _apply_return(self, path: Path) -> ImportResult:
        try:
            result = apply_return(self.context.store, path)
        except UserError as refusal:
            return LaptopImportResult(path, refused=refusal)
        self.context.master_changed()
        from hamm_field.services.retention import Retention  # it builds on this module

        blanked = Retention(self.context).housekeeping()  # the return may have set new rules
        return LaptopImportResult(path, self.context.store.device_id, result.acked_sequence,
                                  result.changes, removed=result.removed + len(blanked.families),
                                  kept=result.kept)

    def make_return(self, device_id: str, out: Path) -> ReturnResult:
        """Central: the return package for one laptop."""
        self._require(DeviceRole.CENTRAL)
        return build_return(self.context.store, device_id, out, today=self.context.today())

    def closed_months(self) -> int:
        """Coordination: how many months a closed family stays on the laptops."""
        with self.context.store.read() as session:
            return _months(state.get(session, CLOSED_MONTHS))

    def set_closed_months(self, months: int) -> int:
        """Coordination: keep closed families ``months`` long on the laptops (1 to 36);
        each laptop lets go of older ones with its next return package."""
        self._require(DeviceRole.CENTRAL)
        months = _months(months)
        with self.context.store.write() as writer:
            state.put(writer.session, CLOSED_MONTHS, str(months))
        return months

    def devices(self) -> list[DeviceRow]:
        statement = select(Device, Worker.name).join(
            Worker, Worker.id == Device.worker_id, isouter=True)
        with self.context.store.read() as session:
            return [DeviceRow(d, name or "") for d, name in session.exec(statement)]

    def revoke(self, device_id: str) -> None:
        self._require(DeviceRole.CENTRAL)
        with self.context.store.write() as writer:
            device = writer.session.get(Device, device_id)
            if device is None:
                raise UnknownDeviceId(device=device_id)
            writer.update(device, {"revoked_on": self.context.today()})

    # Quarantine ---------------------------------------------------------------------

    def quarantine_days(self) -> int:
        """How long a refused package's copy is kept (the note stays)."""
        with self.context.store.read() as session:
            text = state.get(session, QUARANTINE_DAYS)
        return _days(text)

    def set_quarantine_days(self, days: int) -> int:
        """Keep copies ``days`` long (within 1 to 365); older ones go at once."""
        days = _days(days)
        with self.context.store.write() as writer:
            state.put(writer.session, QUARANTINE_DAYS, str(days))
            if state.get(writer.session, "device_role") == DeviceRole.CENTRAL.value:
                put_rule(writer, QUARANTINE, days)  # laptops keep theirs as long
        self.remove_expired_copies()
        return days

    def remove_expired_copies(self) -> int:
        return quarantine.remove_expired(self.context.store.paths.quarantine,
                                         self.quarantine_days())

    def quarantined(self) -> list[QuarantinedPackage]:
        """Every refused package, newest first, with the worker of its device when known."""
        workers = {row.device.id: row.worker_name for row in self.devices()}
        return [QuarantinedPackage(
            entry.id, entry.file_name, entry.arrived, entry.reason, entry.device_id,
            workers.get(entry.device_id, ""), entry.has_copy, entry.removed)
            for entry in quarantine.entries(self.context.store.paths.quarantine)]  # fmt: skip

    def delete_quarantined(self, entry_id: str) -> None:
        """Delete one refused package: its copy and its note."""
        folder = self.context.store.paths.quarantine
        if entry_id not in {entry.id for entry in quarantine.entries(folder)}:
            raise QuarantineEntryGone()
        quarantine.delete(folder, entry_id)

    def delete_all_quarantined(self) -> int:
        """Delete every refused package; returns how many there were."""
        folder = self.context.store.paths.quarantine
        found = quarantine.entries(folder)
        for entry in found:
            quarantine.delete(folder, entry.id)
        return len(found)


def _months(value: object) -> int:
    low, default, high = CLOSED_MONTHS_RANGE
    try:
        months = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return min(high, max(low, months))


def _days(value: object) -> int:
    try:
        days = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return quarantine.DEFAULT_DAYS
    return min(quarantine.MAX_DAYS, max(quarantine.MIN_DAYS, days))
