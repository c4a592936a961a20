"""The hash-chained audit log.

Each entry's hash covers its content and the previous entry's hash, and the newest
hash is also kept in ``local_state``. A changed entry breaks its own hash, a removed
one breaks its successor's link, and a removed tail no longer meets the kept head.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from hamm_field.domain.tables_local import AuditEntry, audit_payload
from hamm_field.store import state

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def entry_hash(entry: AuditEntry) -> str:
    canonical = json.dumps(audit_payload(entry), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    hlc: int,
    device_id: str,
    worker_id: str | None,
    action: str,
    entity: str,
    record_id: str,
    fields: list[str],
) -> AuditEntry:
    """Add one entry at the end of the chain (inside the caller's transaction)."""
    head = state.get(session, HEAD_KEY)
    prev_seq, prev_hash = (int(head.split(":")[0]), head.split(":")[1]) if head else (0, GENESIS)
    entry = AuditEntry(
        seq=prev_seq + 1,
        hlc=hlc,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        device_id=device_id,
        worker_id=worker_id,
        action=action,
        entity=entity,
        record_id=record_id,
        fields=sorted(fields),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    state.put(session, HEAD_KEY, f"{entry.seq}:{entry.hash}")
    return entry


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    first_bad_seq: int | None = None


def verify(session: Session) -> AuditCheck:
    """Walk the chain; report the first entry that was changed, removed or added."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for entry in session.exec(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.seq != expected_seq or entry.prev_hash != prev_hash:
            return AuditCheck(False, count, expected_seq)
        if entry_hash(entry) != entry.hash:
            return AuditCheck(False, count, entry.seq)
        prev_hash, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = state.get(session, HEAD_KEY)
    if (head or f"0:{GENESIS}") != f"{expected_seq - 1}:{prev_hash}":
        return AuditCheck(False, count, expected_seq)
    return AuditCheck(True, count)
