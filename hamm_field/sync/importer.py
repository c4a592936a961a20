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
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from hamm_field.domain.errors import StoreDamaged, UserError
from hamm_field.domain.hlc import millis_of, wall_millis
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Device
from hamm_field.domain.tables_sync import Enrolment, PackageLedger
from hamm_field.i18n import N_
from hamm_field.store import migrate
from hamm_field.store.unit import Store
from hamm_field.sync import enrolment
from hamm_field.sync.apply import apply_rows
from hamm_field.sync.envelope import PackageDamaged, PackageRefused, open_envelope, read_sender
from hamm_field.sync.keys import PublicKeys
from hamm_field.sync.package import read_package
from hamm_field.sync.payload import read_payload

DAY_MS = 86_400_000
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


class SchemaTooNew(PackageRefused):
    reason = "schema_too_new"
    message = N_("Das Paket stammt von einer neueren Version. Bitte Hamm Field aktualisieren.")


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
    """Import one file; a refusal is returned (and quarantined), not raised."""
    try:
        staged = _stage(store, path)
    except PackageRefused as refusal:  # unreadable: nothing to keep in quarantine
        return ImportResult(path, refused=refusal)
    try:
        result = _import(store, staged, path, progress)
    except PackageRefused as refusal:
        _quarantine(store, staged, refusal.reason, path.name)
        return ImportResult(path, refused=refusal)
    staged.unlink(missing_ok=True)
    return result


def _stage(store: Store, path: Path) -> Path:
    store.paths.staging.mkdir(parents=True, exist_ok=True)
    staged = store.paths.staging / f"{uuid7()}.hfsync"
    try:
        shutil.copyfile(path, staged)
    except OSError as error:
        raise PackageDamaged() from error
    return staged


def _quarantine(store: Store, staged: Path, reason: str, original: str) -> None:
    """Keep the refused copy with its reason code and the name it arrived under."""
    store.paths.quarantine.mkdir(parents=True, exist_ok=True)
    target = store.paths.quarantine / staged.name
    shutil.move(staged, target)
    note = f"reason: {reason}\nfile: {original}\n"
    target.with_suffix(".reason.txt").write_text(note, encoding="utf-8")


def _import(store: Store, staged: Path, original: Path,
            progress: Callable[[int, int], None] | None) -> ImportResult:  # fmt: skip
    package = read_package(staged)
    payload_sha = package.payload_sha256  # hashed once: a package may be many megabytes
    sender = read_sender(package.envelope)
    with store.read() as session:
        keys = enrolment.own_keys(session)
        device = _device_of(session, sender)
    opened = open_envelope(package.envelope, recipient=keys, trusted_sender=sender)
    manifest = opened.manifest
    _check(manifest, payload_sha, device)
    with store.read() as session:
        known = session.get(PackageLedger, manifest["package_id"])
        enrolled = None if device else _enrolment(session, manifest)
    if known is not None:
        if known.sha256 != payload_sha:
            raise ReplayedPackage()
        return ImportResult(original, known.device_id, known.sequence, already=True)
    payload_file = staged.with_suffix(".payload")
    payload_file.write_bytes(package.payload)
    del package  # the payload is read from its file from here on
    try:
        with (store.engine.begin() as connection, _page_cache(connection, MERGE_CACHE_KIB),
              _no_cycle_collection()):
            changes, conflicts, newest = apply_rows(
                connection, read_payload(payload_file, opened.payload_key),
                total=sum(manifest["counts"].values()), progress=progress)  # fmt: skip
            if enrolled is not None:
                _register(connection, enrolled, manifest, sender)
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
    signing = base64.b64encode(sender).decode()
    device = session.exec(select(Device).where(Device.signing_public == signing)).first()
    if device is not None and device.revoked_on is not None:
        raise DeviceRevoked()
    return device


def _check(manifest: dict[str, Any], payload_sha: str, device: Device | None) -> None:
    """A signed manifest from our own code is complete; anything else is damaged."""
    if REQUIRED - manifest.keys():
        raise PackageDamaged()
    try:
        hash_ok = manifest["members"]["payload"] == payload_sha
        hlc_to = int(manifest["hlc_to"])
    except (KeyError, TypeError, ValueError) as error:
        raise PackageDamaged() from error
    if not hash_ok:
        raise PackageDamaged()
    if manifest.get("schema") not in migrate.known_revisions():
        raise SchemaTooNew()
    if millis_of(hlc_to) > wall_millis() + DAY_MS:
        raise ClockAhead()
    if device is not None and device.id != manifest.get("device"):
        raise UnknownDevice()


def _enrolment(session: Session, manifest: dict[str, Any]) -> Enrolment:
    """A first package must prove the invitation's secret for the device it claims."""
    invited = session.get(Enrolment, manifest.get("device", ""))
    if invited is None or invited.used_on is not None:
        raise UnknownDevice()
    if not enrolment.proves(invited, manifest["package_id"], manifest.get("enrolment_proof", "")):
        raise UnknownDevice()
    return invited


def _register(connection: Connection, invited: Enrolment, manifest: dict[str, Any],
              sender: bytes) -> None:  # fmt: skip
    """Trust the keys the package was signed with from now on; the invitation is used."""
    keys = PublicKeys(sender, base64.b64decode(manifest["encryption_public"])).to_dict()
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


def sequence_gaps(store: Store, device_id: str) -> list[int]:
    """Sequence numbers of a device that never arrived (a lost or skipped package)."""
    with store.read() as session:
        seen = sorted(session.exec(
            select(PackageLedger.sequence).where(PackageLedger.device_id == device_id)).all())
    return sorted(set(range(1, (seen[-1] if seen else 0) + 1)) - set(seen))

