"""Import at the central store: staged, verified, decrypted, checked, merged, recorded.

The pipeline of DESIGN.md, in this order: copy the file to a local staging folder;
verify the signature before decrypting anything; decrypt; check the payload hash, the
schema version, the clock and SQLCipher's integrity; merge every row and record the
package in the ledger in ONE transaction. A package already in the ledger is a no-op.
Any refusal changes nothing in the store and moves the staged copy to quarantine with a
file naming the reason (a code, never content).
"""

from __future__ import annotations

import base64
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection
from sqlmodel import Session, func, select

from hamm_field.domain.errors import StoreDamaged, UserError, storage_error
from hamm_field.domain.hlc import millis_of, wall_millis
from hamm_field.domain.tables import Device
from hamm_field.domain.tables_sync import Enrolment, PackageLedger
from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import N_
from hamm_field.store import sync_rows
from hamm_field.store.master import load_index
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment, quarantine, staging
from hamm_field.sync.apply import apply_rows
from hamm_field.sync.authority import LaptopAuthority
from hamm_field.sync.envelope import PackageDamaged, PackageRefused, PackageTooNew
from hamm_field.sync.keys import PublicKeys
from hamm_field.sync.manifest import check_laptop_manifest, check_not_newer
from hamm_field.sync.package import Received, check_members, receive
from hamm_field.sync.payload import read_payload
from hamm_field.sync.row_values import RowRules

DAY_MS = 86_400_000
MAX_GAPS_SHOWN = 50
MERGE_CACHE_KIB = 192 * 1024  # peak memory of a 1M-change import stays well under 500 MB
REQUIRED = {"package_id", "device", "sequence", "hlc_from", "hlc_to", "counts", "members"}


class DeviceRevoked(PackageRefused):
    reason = "revoked"
    message = N_("Das Paket stammt von einem gesperrten Gerät.")


class UnknownDevice(PackageRefused):
    reason = "foreign"
    message = N_("Das Paket stammt von einem Gerät, das nicht eingeladen wurde.")


class ReplayedPackage(PackageRefused):
    reason = "replayed"
    message = N_("Ein Paket mit dieser Kennung wurde schon mit anderem Inhalt eingelesen.")


class ClockAhead(PackageRefused):
    reason = "clock_ahead"
    message = N_("Die Uhr des Laptops geht mehr als einen Tag vor. Bitte Datum und Uhrzeit "
                 "am Laptop prüfen und neu exportieren.")


SchemaTooNew = PackageTooNew  # the name of earlier versions


@dataclass(frozen=True)
class ImportResult:
    path: Path
    device_id: str = ""
    sequence: int = 0
    changes: int = 0
    already: bool = False
    conflicts: int = 0
    gaps: list[int] = field(default_factory=list)
    refused: UserError | None = None


def import_package(store: Store, path: Path, progress: Callable[[int, int], None] | None = None
                   ) -> ImportResult:  # fmt: skip
    """Import one file; a refusal is returned (and quarantined), not raised.

    So is a full or read-only disk, as what it is: the package itself may be fine. Nothing
    of this file stays in staging, whatever happens (``sync/staging.py``).
    """
    try:
        staged = staging.stage(store.paths.staging, path)
    except UserError as refusal:  # not read or not copied: nothing to keep in quarantine
        return ImportResult(path, refused=refusal)
    try:
        return _import(store, staged, path, progress)
    except PackageRefused as refusal:
        quarantine.keep_refused(store, staged, reason=refusal.reason, file_name=path.name,
                                device_id=refusal.sender)
        return ImportResult(path, refused=refusal)
    except OSError as error:
        disk = storage_error(error, store.paths.root)
        if disk is None:
            raise
        return ImportResult(path, refused=disk)
    finally:
        staging.clear_leftovers(staged)


def _import(store: Store, staged: Path, original: Path,
            progress: Callable[[int, int], None] | None) -> ImportResult:  # fmt: skip
    received = receive(staged)  # hashed once, on the way; removed with the staged copy
    payload_sha, payload_file = received.payload_sha256, received.payload
    sender = received.sender
    with store.read() as session:
        keys = enrolment.own_keys(session)
        device = _device_of(session, sender)
        last = _last_sequence(session, device.id) if device else 0
    opened = received.open(recipient=keys, trusted_sender=sender)
    with _signed_by(device):
        if device is not None and device.revoked_on is not None:
            raise DeviceRevoked()
        manifest = opened.manifest
        counts = _check(manifest, received, device, last)
        with store.read() as session:
            known = session.get(PackageLedger, manifest["package_id"])
            enrolled = None if device else _enrolment(session, manifest)
            rules = RowRules.known_keys(load_index(session), dt.date.today())
        if known is not None:
            if known.sha256 != payload_sha:
                raise ReplayedPackage()
            return ImportResult(original, known.device_id, known.sequence, already=True)
        try:
            with (store.engine.begin() as connection, _page_cache(connection, MERGE_CACHE_KIB),
                  _no_cycle_collection()):
                authority = LaptopAuthority.at_arrival(
                    connection, device_id=manifest["device"], rules=rules,
                    worker_id=enrolled.worker_id if enrolled else device.worker_id,  # type: ignore[union-attr]
                    hlc_from=manifest["hlc_from"], hlc_to=manifest["hlc_to"], expected=counts)
                changes, conflicts, newest = apply_rows(
                    connection, read_payload(payload_file, opened.payload_key),
                    total=sum(counts.values()), progress=progress, authority=authority)
                if enrolled is not None:
                    _register(connection, enrolled, manifest, sender,
                              (store.clock.now(), store.device_id))
                _record(connection, manifest, payload_sha)
            gaps = sequence_gaps(store, manifest["device"])
        except (ValueError, KeyError, StoreDamaged) as error:  # signed, yet unreadable inside
            raise PackageDamaged() from error
        finally:
            payload_file.unlink(missing_ok=True)
        store.clock.observe(max(newest, int(manifest["hlc_to"])))
        return ImportResult(original, manifest["device"], manifest["sequence"], changes,
                            conflicts=conflicts, gaps=gaps)  # fmt: skip


@contextmanager
def _signed_by(device: Device | None) -> Iterator[None]:
    """A refusal after the signature was verified names the device that signed."""
    try:
        yield
    except PackageRefused as refusal:
        refusal.sender = device.id if device else ""
        raise


@contextmanager
def _page_cache(connection: Connection, kib: int) -> Iterator[None]:
    """A larger page cache for one merge, then the connection's own size again.

    A package's rows land all over the indexes of a large store; with the everyday cache
    the transaction spills dirty pages and reads them back, decrypting them again.
    """
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a merge runs, then restore it.

    Rows are plain dicts, freed by reference counting as each batch is done; a million
    of them coming and going would otherwise make the collector walk every live object
    of the process again and again (a tenth of the import's time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _device_of(session: Session, sender: bytes) -> Device | None:
    """The enrolled device with this signing key, revoked or not (refused once verified)."""
    signing = base64.b64encode(sender).decode()
    return session.exec(select(Device).where(Device.signing_public == signing)).first()


def _last_sequence(session: Session, device_id: str) -> int:
    highest = session.exec(select(func.max(PackageLedger.sequence)).where(
        PackageLedger.device_id == device_id)).one()  # fmt: skip
    return int(highest or 0)


def _check(manifest: dict[str, Any], received: Received, device: Device | None,
           last_sequence: int) -> dict[str, int]:  # fmt: skip
    """A signed manifest from our own code is complete and in shape; returns its counts.

    A newer format or schema is told first: a later version may shape the rest otherwise.
    """
    check_not_newer(manifest)
    if REQUIRED - manifest.keys():
        raise PackageDamaged()
    if device is not None and device.id != manifest.get("device"):
        raise UnknownDevice()
    counts = check_laptop_manifest(manifest, last_sequence=last_sequence)
    check_members(manifest, received, None)
    if millis_of(manifest["hlc_to"]) > wall_millis() + DAY_MS:
        raise ClockAhead()
    return counts


def _enrolment(session: Session, manifest: dict[str, Any]) -> Enrolment:
    """A first package must prove the invitation's secret for the device it claims."""
    invited = session.get(Enrolment, manifest.get("device", ""))
    if invited is None or invited.used_on is not None:
        raise UnknownDevice()
    device = session.get(Device, invited.device_id)
    if device is not None and device.revoked_on is not None:
        raise DeviceRevoked()  # an invitation withdrawn before its first package
    if not enrolment.proves(invited, manifest["package_id"], manifest.get("enrolment_proof", "")):
        raise UnknownDevice()
    return invited


def _register(connection: Connection, invited: Enrolment, manifest: dict[str, Any],
              sender: bytes, stamp: tuple[int, str]) -> None:  # fmt: skip
    """Trust the keys the package was signed with from now on; the invitation is used.

    The device row is the coordination's: made with the invitation, or here for an
    invitation written by a version that left it to the laptop's first package.
    """
    if "encryption_public" not in manifest:
        raise PackageDamaged()
    keys = PublicKeys(sender, base64.b64decode(manifest["encryption_public"])).to_dict()
    if not sync_rows.load(connection, "device", [invited.device_id]):
        hlc, central = stamp
        sync_rows.save(connection, "device", [{
            "id": invited.device_id, "hlc": hlc, "device_id": central, "created_hlc": hlc,
            "created_device": central, "stamps": {}, "deleted_hlc": None, "erased": False,
            "name": DeviceRole.FIELD.label, "role": DeviceRole.FIELD.value,
            "worker_id": invited.worker_id, "signing_public": None, "encryption_public": None,
            "revoked_on": None}])  # fmt: skip
    connection.exec_driver_sql(
        "UPDATE enrolment SET used_on = ? WHERE device_id = ?",
        (dt.date.today().isoformat(), invited.device_id))
    connection.exec_driver_sql(
        "UPDATE device SET signing_public = ?, encryption_public = ? WHERE id = ?",
        (keys["signing"], keys["encryption"], invited.device_id))


def _record(connection: Connection, manifest: dict[str, Any], sha: str) -> None:
    connection.exec_driver_sql(
        "INSERT INTO package_ledger (package_id, device_id, sequence, sha256, hlc_from, hlc_to, "
        "counts, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (manifest["package_id"], manifest["device"], int(manifest["sequence"]), sha,
         int(manifest["hlc_from"]), int(manifest["hlc_to"]), json.dumps(manifest["counts"]),
         dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )  # fmt: skip


def sequence_gaps(store: Store, device_id: str, limit: int = MAX_GAPS_SHOWN) -> list[int]:
    """Sequence numbers of a device that never arrived (a lost or skipped package).

    At most ``limit``, the earliest: the numbers are bounded on import, but a ledger
    written before that bound may hold any number, and status must stay one screen.
    """
    with store.read() as session:
        seen = session.exec(select(PackageLedger.sequence).where(
            PackageLedger.device_id == device_id).order_by(PackageLedger.sequence)).all()  # type: ignore[arg-type]
    gaps: list[int] = []
    expected = 1
    for number in seen:
        gaps.extend(range(expected, min(number, expected + limit - len(gaps))))
        if len(gaps) >= limit:
            break
        expected = max(expected, number + 1)
    return gaps

