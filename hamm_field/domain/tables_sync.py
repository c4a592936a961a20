"""Tables of the sync protocol.

``Erasure`` travels (central -> laptops) like any replicated record. The others stay
on one store: the central import ledger, the ledger of return packages written, the
conflict queue for the coordination's review, and the enrolments it has handed out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from hamm_field.domain.tables_base import Replicated


class Erasure(Replicated, table=True):
    """GDPR Art. 17: the values of a person or family are removed wherever this arrives."""

    subject_table: str
    subject_id: str = Field(index=True)
    issued_on: str


class PackageLedger(SQLModel, table=True):
    """Every package the central store has merged; a package id seen twice is a no-op."""

    __tablename__ = "package_ledger"

    package_id: str = Field(primary_key=True)
    device_id: str = Field(index=True)
    sequence: int
    sha256: str
    hlc_from: int
    hlc_to: int
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    received_at: str


class ReturnLedger(SQLModel, table=True):
    """Every return package the central store wrote, and the families it carried.

    What the coordination sent to a laptop is, with what it received from it, all it can
    know about what that laptop holds: a lost laptop's inventory is read from both. Ids
    only; the names stay in their records.
    """

    __tablename__ = "return_ledger"

    package_id: str = Field(primary_key=True)
    device_id: str = Field(index=True)
    created_at: str
    acked_sequence: int
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    families: list[str] = Field(default_factory=list, sa_type=JSON)


class SyncConflict(SQLModel, table=True):
    """A value that lost a concurrent edit, kept for the coordination's review."""

    __tablename__ = "sync_conflict"

    id: str = Field(primary_key=True)
    entity: str
    record_id: str = Field(index=True)
    field: str
    winner_value: Any = Field(default=None, sa_type=JSON)
    winner_hlc: int
    winner_device: str
    loser_value: Any = Field(default=None, sa_type=JSON)
    loser_hlc: int
    loser_device: str
    resolved: bool = False


class Enrolment(SQLModel, table=True):
    """An invitation handed out by the coordination, with its one-time secret (base64).

    Kept inside the encrypted store: the first package of the laptop proves it with an
    HMAC over its package id, so the secret itself never travels back.
    """

    __tablename__ = "enrolment"

    device_id: str = Field(primary_key=True)
    worker_id: str
    secret: str
    created_on: str
    used_on: str | None = None
