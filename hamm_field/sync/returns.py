"""The return package, central -> laptop: acknowledgements and what the laptop should see.

It carries the highest HLC of that laptop's packages the central store has merged (so the
next export starts after it and is small again), the master data, every erasure and
pseudonymisation, and the families the laptop's worker holds (``store/caseload.py``:
responsible for, or shared with them, and not closed for too long), with their members,
consent, contacts, handouts, phases, goals, shares and restrictions. Kindeswohl
observations go back only to their author. Signed by the coordination, encrypted to the
laptop; the laptop trusts nothing else.
Its manifest lists those families (``held``); after the merge the laptop lets go of every
other family whose last own writes this return acknowledges (``store/prune.py``). The
coordination notes each return it wrote and the families it carried (``return_ledger``):
half of what it knows about a laptop that is lost.

It names the coordination's app version (``app_version``); the laptop keeps the latest in
``local_state`` (``package.COORDINATION_VERSION``), so its Sync screen can say when a newer
Hamm Field is to be had at the coordination. A return package of a format or schema the
laptop does not know is refused as too new, naming that version.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlmodel import func, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Device
from hamm_field.domain.tables_sync import PackageLedger
from hamm_field.i18n import N_
from hamm_field.store import audit, retention, state, sync_rows
from hamm_field.store.caseload import held_families
from hamm_field.store.master import load_index
from hamm_field.store.prune import AUDIT_ACTION as PRUNE
from hamm_field.store.prune import Pruned, prune_families
from hamm_field.store.unit import Store, Writer
from hamm_field.sync import enrolment, staging
from hamm_field.sync.apply import apply_rows
from hamm_field.sync.authority import CoordinationAuthority
from hamm_field.sync.envelope import PackageDamaged
from hamm_field.sync.keys import PublicKeys
from hamm_field.sync.manifest import check_not_newer, check_return_manifest
from hamm_field.sync.package import (
    ACKED,
    COORDINATION_VERSION,
    LAST_ACK,
    RETURN,
    check_members,
    receive,
    seal_package,
    write_rows,
)
from hamm_field.sync.payload import read_payload, read_table
from hamm_field.sync.row_values import RowRules

DAY_MS = 86_400_000
CHILDREN = ("person", "consent", "contact", "starterpaket_handout", "case_phase", "goal",
            "family_share", "retention_hold", "restriction")


class DeviceNotEnrolled(UserError):
    message = N_("Das Gerät {device} hat noch kein Paket geschickt; es gibt nichts zu bestätigen.")


class NotForThisLaptop(UserError):
    message = N_("Dieses Rückpaket ist für ein anderes Gerät bestimmt.")


@dataclass(frozen=True)
class ReturnResult:
    path: Path
    acked_sequence: int
    changes: int
    removed: int = 0  # families this laptop let go of (``store/prune.py``)
    kept: int = 0  # families it no longer holds, kept until its writes are acknowledged


def _shared_rows(connection: Connection, worker_id: str, families: list[str]
                 ) -> Iterator[tuple[str, dict]]:  # fmt: skip
    yield from (("household", r) for r in sync_rows.load(connection, "household",
                                                         families).values())
    for table in CHILDREN:
        for start in range(0, len(families), 500):
            chunk = families[start : start + 500]
            ids = [row[0] for row in connection.exec_driver_sql(
                f'SELECT id FROM "{table}" WHERE household_id IN '
                f'({", ".join("?" * len(chunk))})', tuple(chunk))]  # fmt: skip
            yield from ((table, r) for r in sync_rows.load(connection, table, ids).values())
    own = [row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM observation WHERE author_id = ?", (worker_id,))]
    yield from (("observation", r) for r in sync_rows.load(connection, "observation",
                                                           own).values())


def _everyone(connection: Connection, table: str) -> Iterator[tuple[str, dict]]:
    ids = [row[0] for row in connection.exec_driver_sql(f'SELECT id FROM "{table}"')]
    yield from ((table, r) for r in sync_rows.load(connection, table, ids).values())


def build_return(store: Store, device_id: str, out: Path,
                 today: dt.date | None = None) -> ReturnResult:  # fmt: skip
    """Central: write the signed, encrypted return package for one laptop.

    Its manifest lists the families the laptop should hold (``held``): the laptop lets go
    of the others (``store/prune.py``). ``today`` decides which closed families are too old.
    """
    with store.read() as session:
        keys = enrolment.own_keys(session)
        device = session.get(Device, device_id)
        acked = session.exec(select(func.max(PackageLedger.hlc_to), func.max(
            PackageLedger.sequence)).where(PackageLedger.device_id == device_id)).one()
    if device is None or not device.encryption_public or acked[1] is None:
        raise DeviceNotEnrolled(device=device_id)
    laptop = PublicKeys(base64.b64decode(device.signing_public or ""),
                        base64.b64decode(device.encryption_public))
    with store.engine.connect() as connection:
        # A device of no worker holds no caseload: its laptop is told nothing to drop.
        # Past its Löschfrist and not on hold: no laptop is handed it again.
        day = today or dt.date.today()
        blocked = retention.blocked_families(connection, day)
        held = sorted(held_families(connection, device.worker_id, day) - blocked
                      ) if device.worker_id else None  # fmt: skip
        expired = retention.blocked_observations(connection, day)

        carried: set[str] = set()  # every family a row of this return belongs to

        def rows():  # type: ignore[no-untyped-def]
            for table in ("worker", "master_item", "erasure", "pseudonymisation",
                          "household_redirect", "retention_rule"):
                yield from _everyone(connection, table)
            if device.worker_id:
                for table, row in _shared_rows(connection, device.worker_id, held or []):
                    if table == "observation" and (row["id"] in expired
                                                   or row["household_id"] in blocked):
                        continue
                    family = row["id"] if table == "household" else row.get("household_id")
                    if family:
                        carried.add(family)
                    yield table, row

        payload = write_rows(store.paths.staging, rows())
        connection.rollback()
    fields = {"kind": RETURN, "device": device_id, "package_id": uuid7(),
              "acked_hlc": int(acked[0]), "acked_sequence": int(acked[1])}  # fmt: skip
    if held is not None:
        fields["held"] = held
    manifest = seal_package(out, payload, fields, sender=keys, recipient=laptop)
    _record(store, manifest, sorted(carried))
    return ReturnResult(out, int(acked[1]), sum(payload.counts.values()))


def _record(store: Store, manifest: dict, families: list[str]) -> None:
    """Note the written return and the families it carried (``return_ledger``).

    After the file is written: the ledger says what left the coordination. Whether the
    laptop read it in, the coordination cannot know; a lost laptop's inventory says so.
    """
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO return_ledger (package_id, device_id, created_at, acked_sequence, "
            "counts, families) VALUES (?, ?, ?, ?, ?, ?)",
            (manifest["package_id"], manifest["device"], manifest["created"],
             manifest["acked_sequence"], json.dumps(manifest["counts"]), json.dumps(families)))


def apply_return(store: Store, path: Path) -> ReturnResult:
    """Laptop: verify it is the coordination's, for this laptop; merge; move the ack mark.

    The file is staged like a package at the coordination (bounded, streamed), and
    nothing of it stays in staging afterwards.
    """
    staged = staging.stage(store.paths.staging, path)
    try:
        return _apply(store, staged, path)
    finally:
        staging.clear_leftovers(staged)


def _apply(store: Store, staged: Path, path: Path) -> ReturnResult:
    received = receive(staged)
    with store.read() as session:
        keys = enrolment.own_keys(session)
        central = PublicKeys.from_dict(json.loads(state.get(session, enrolment.CENTRAL) or "{}"))
        acked_before = int(state.get(session, ACKED) or 0)
        rules = RowRules.known_keys(load_index(session), dt.date.today())
    opened = received.open(recipient=keys, trusted_sender=central.signing)
    manifest = opened.manifest
    check_not_newer(manifest)
    check_members(manifest, received, RETURN)
    if manifest.get("device") != store.device_id:
        raise NotForThisLaptop()
    newest_allowed = pack(wall_millis() + DAY_MS, 0)
    check_return_manifest(manifest, newest_allowed=newest_allowed)
    try:
        master = read_table(received.payload, opened.payload_key, "master_item")
        authority = CoordinationAuthority(rules.with_master_rows(master), newest_allowed)
        with store.engine.begin() as connection:
            changes, _conflicts, newest = apply_rows(connection, read_payload(
                received.payload, opened.payload_key), authority=authority)
    except (ValueError, KeyError) as error:  # signed by the coordination, yet unreadable
        raise PackageDamaged() from error
    store.clock.observe(newest)
    acked = max(acked_before, int(manifest["acked_hlc"]))
    with store.write() as writer:
        state.put(writer.session, ACKED, str(acked))
        state.put(writer.session, LAST_ACK, manifest["created"])
        # The secret has done its work once the coordination acknowledged a package.
        state.delete(writer.session, enrolment.SECRET)
        if "app_version" in manifest:  # checked in shape; an older coordination names none
            state.put(writer.session, COORDINATION_VERSION, manifest["app_version"])
        else:
            state.delete(writer.session, COORDINATION_VERSION)
        pruned = _prune(writer, manifest, acked)
    return ReturnResult(path, int(manifest["acked_sequence"]), changes, len(pruned.removed),
                        len(pruned.kept))


def _prune(writer: Writer, manifest: dict, acked: int) -> Pruned:
    """Let go of the families the return does not list, each removal in the audit log.

    A return without the list (an older coordination) lets go of nothing.
    """
    if "held" not in manifest:
        return Pruned()
    pruned = prune_families(writer.session.connection(), held=set(manifest["held"]),
                            device_id=writer.device_id, acked=acked)
    for family in pruned.removed:
        audit.append(writer.session, hlc=writer.clock.now(), device_id=writer.device_id,
                     worker_id=writer.worker_id, action=PRUNE, entity="household",
                     record_id=family, fields=[])
    return pruned
