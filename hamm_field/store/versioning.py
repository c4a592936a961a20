"""Per-field version stamps on replicated rows (see ``domain/tables_base.py``)."""

from __future__ import annotations

from typing import Any

from hamm_field.domain.tables_base import Replicated

Stamp = tuple[int, str]


def stamp_insert(record: Replicated, hlc: int, device_id: str) -> None:
    record.hlc = hlc
    record.device_id = device_id
    record.created_hlc = hlc
    record.created_device = device_id
    record.stamps = {}


def stamp_fields(record: Replicated, fields: list[str], hlc: int, device_id: str) -> None:
    """Record that ``fields`` were written at ``(hlc, device_id)``."""
    stamps = dict(record.stamps or {})
    for name in fields:
        stamps[name] = [hlc, device_id]
    record.stamps = stamps  # a new dict, so SQLAlchemy sees the change
    record.hlc = hlc
    record.device_id = device_id


def field_stamp(record: Replicated, name: str) -> Stamp:
    """The stamp of the write that set ``name``."""
    stamp = (record.stamps or {}).get(name)
    if stamp is None:
        return (record.created_hlc, record.created_device)
    return (int(stamp[0]), str(stamp[1]))


def changed_fields(record: Replicated, changes: dict[str, Any]) -> list[str]:
    """The data fields whose value really differs; unknown names are a bug."""
    allowed = set(record.data_fields())
    unknown = set(changes) - allowed
    if unknown:
        raise KeyError(f"not editable on {type(record).__name__}: {sorted(unknown)}")
    return [name for name, value in changes.items() if getattr(record, name) != value]
