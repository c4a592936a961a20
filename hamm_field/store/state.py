"""Accessors for the ``local_state`` key/value table (facts of this store only)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from hamm_field.domain.tables_local import LocalState


def get(session: Session, key: str) -> str | None:
    row = session.get(LocalState, key)
    return row.value if row else None


def put(session: Session, key: str, value: str) -> None:
    row = session.get(LocalState, key)
    if row is None:
        session.add(LocalState(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def delete(session: Session, key: str) -> None:
    row = session.get(LocalState, key)
    if row is not None:
        session.delete(row)


def with_prefix(session: Session, prefix: str) -> dict[str, str]:
    rows = session.exec(select(LocalState).where(col(LocalState.key).startswith(prefix)))
    return {row.key[len(prefix):]: row.value for row in rows}
