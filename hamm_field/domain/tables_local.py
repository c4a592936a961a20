"""Tables that stay on one store and never travel: local state and the audit chain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, LargeBinary
from sqlmodel import Field, SQLModel


class LocalState(SQLModel, table=True):
    """Small key/value facts of this store: own device, worker, clock, sync marks."""

    __tablename__ = "local_state"

    key: str = Field(primary_key=True)
    value: str


class AuditEntry(SQLModel, table=True):
    """One write, hash-chained to the one before it.

    Holds who, when, what kind of record and which fields, never the values: the
    chain must stay verifiable after an erasure has removed a person's values.
    """

    __tablename__ = "audit_entry"

    seq: int | None = Field(default=None, primary_key=True)
    hlc: int
    at: str
    device_id: str
    worker_id: str | None = None
    action: str
    entity: str
    record_id: str
    fields: list[str] = Field(default_factory=list, sa_type=JSON)
    prev_hash: str
    hash: str


def audit_payload(entry: AuditEntry) -> dict[str, Any]:
    """The fields covered by an entry's hash."""
    return {
        "seq": entry.seq,
        "hlc": entry.hlc,
        "at": entry.at,
        "device_id": entry.device_id,
        "worker_id": entry.worker_id,
        "action": entry.action,
        "entity": entry.entity,
        "record_id": entry.record_id,
        "fields": list(entry.fields),
        "prev_hash": entry.prev_hash,
    }


class ReportArchive(SQLModel, table=True):
    """A report as the coordination sent it ("Bericht abschließen"), signed.

    Local: an archive is the coordination's record of what it published, not field data,
    so it never travels. The rendered JSON and PDF are kept byte for byte, so a file
    that comes back months later can be matched; ``watermark`` is the clock's stamp at
    archiving, so every record stamped after it is a later change.
    """

    __tablename__ = "report_archive"

    id: str = Field(primary_key=True)
    archived_at: str
    worker_id: str | None = None
    period_start: str
    period_end: str
    period_preset: str
    filters: str
    external: bool = False
    figures: bytes = Field(sa_type=LargeBinary)
    pdf: bytes = Field(sa_type=LargeBinary)
    data_hash: str
    watermark: int
    json_sha256: str = Field(index=True)
    pdf_sha256: str = Field(index=True)
    signature: str
    key_id: str
