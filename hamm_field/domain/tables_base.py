"""Sync metadata shared by every replicated table.

Each row remembers, per field, which write set it: the stamp of the insert
(``created_hlc``, ``created_device``) applies to every field not listed in ``stamps``,
a small JSON map ``{field: [hlc, device]}`` of the fields edited later. That keeps a
freshly inserted row (the vast majority) at two integers of overhead while a merge can
still pick the winner field by field. ``hlc``/``device_id`` are the newest write of any
field, indexed so "changes since" is a range scan. A delete is a tombstone
(``deleted_hlc``); an erasure blanks the values and sets ``erased``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import JSON, Column, ForeignKey, String
from sqlmodel import Field, SQLModel

from hamm_field.domain.ids import uuid7

SYNC_COLUMNS = frozenset(
    {"id", "hlc", "device_id", "created_hlc", "created_device", "stamps", "deleted_hlc", "erased"}
)


class Replicated(SQLModel):
    """Base of every table that travels between laptops and the central store."""

    derived_fields: ClassVar[frozenset[str]] = frozenset()

    id: str = Field(default_factory=uuid7, primary_key=True, max_length=36)
    hlc: int = Field(default=0, index=True)
    device_id: str = Field(default="", max_length=36)
    created_hlc: int = 0
    created_device: str = Field(default="", max_length=36)
    stamps: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    deleted_hlc: int | None = None
    erased: bool = False

    @classmethod
    def data_fields(cls) -> list[str]:
        """The fields a person edits; each carries its own version stamp."""
        return [
            name
            for name in cls.model_fields
            if name not in SYNC_COLUMNS and name not in cls.derived_fields
        ]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_hlc is not None


def reference(target: str, *, nullable: bool = True) -> Any:
    """A deferred foreign key, so a merge may insert children before their parent."""
    return Field(
        default=None,
        sa_column=Column(
            String(36),
            ForeignKey(target, deferrable=True, initially="DEFERRED"),
            nullable=nullable,
            index=True,
        ),
    )


def json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON)
