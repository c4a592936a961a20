"""A laptop lets go of the families that are no longer its worker's.

A return package names the families the laptop should hold (``store/caseload.py``). Every
other family leaves this store physically: no tombstone and no stamp, nothing that
travels, because the coordination keeps it. A family goes only when none of this laptop's
own writes about it is still unacknowledged (:data:`sync_rows._OWN_WRITE` after the ack
mark), so nothing unsynced is lost; it leaves with a later return instead. An erased
family is not held either, yet stays (see :func:`prune_families`).

Contacts are deleted before their family: the Kennzahlen triggers (migration 0006) then
log each counted contact with -1, and the caller's ``report_counts.fold`` in the same
transaction leaves counts equal to a fresh count of what remains.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from hamm_field.store.sync_rows import _OWN_WRITE

AUDIT_ACTION = "prune"
# Every table whose rows belong to one family by ``household_id``; the family row last,
# so its contacts leave the counts while it is still there.
FAMILY_TABLES = ("retention_hold", "observation", "goal", "consent", "starterpaket_handout",
                 "case_phase", "contact", "family_share", "restriction", "person")  # fmt: skip
DRAFT_PREFIX = "draft:"  # services/drafts.py: autosaved forms in local_state


@dataclass(frozen=True)
class Pruned:
    removed: tuple[str, ...] = ()  # families deleted from this store
    kept: tuple[str, ...] = ()  # not held any more, yet with unacknowledged own writes


def _marks(ids: list[str]) -> str:
    return ", ".join("?" * len(ids))


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        yield ordered[start : start + 500]


def _unacknowledged(connection: Connection, family: str, device_id: str, acked: int) -> bool:
    """Whether a row of ``family`` carries a write of this device after ``acked``."""
    params = {"since": acked, "device": device_id, "family": family}
    tables = [("household", "id"), *((table, "household_id") for table in FAMILY_TABLES)]
    return any(
        connection.exec_driver_sql(
            f'SELECT 1 FROM "{table}" WHERE "{column}" = :family AND {_OWN_WRITE} LIMIT 1',
            params,
        ).first()
        for table, column in tables
    )


def _row_ids(connection: Connection, families: list[str]) -> set[str]:
    ids = set(families)
    for table in FAMILY_TABLES:
        ids.update(row[0] for row in connection.exec_driver_sql(
            f'SELECT id FROM "{table}" WHERE household_id IN ({_marks(families)})',
            tuple(families)))  # fmt: skip
    return ids


def _drop_drafts(connection: Connection, names: set[str]) -> None:
    """Drafts of a record of these families, or of a new one for them."""
    for key, value in connection.exec_driver_sql(
        "SELECT key, value FROM local_state WHERE key LIKE ?", (DRAFT_PREFIX + "%",)
    ).all():
        try:
            named = json.loads(value).get("household_id")
        except (ValueError, AttributeError):
            named = None
        if named in names or key.rsplit(":", 1)[-1] in names:
            connection.exec_driver_sql("DELETE FROM local_state WHERE key = ?", (key,))


def _delete(connection: Connection, families: list[str]) -> None:
    rows = _row_ids(connection, families)
    for chunk in _chunks(rows):
        connection.exec_driver_sql(
            f"DELETE FROM sync_conflict WHERE record_id IN ({_marks(chunk)})", tuple(chunk))
    _drop_drafts(connection, rows)
    marks, values = _marks(families), tuple(families)
    for table in FAMILY_TABLES:
        connection.exec_driver_sql(
            f'DELETE FROM "{table}" WHERE household_id IN ({marks})', values)
    # A merge into one of these families: its record names a family no longer here.
    connection.exec_driver_sql(
        f"DELETE FROM household_redirect WHERE target_id IN ({marks})", values)
    connection.exec_driver_sql(f"DELETE FROM household WHERE id IN ({marks})", values)


def prune_families(connection: Connection, *, held: set[str], device_id: str,
                   acked: int) -> Pruned:  # fmt: skip
    """Delete every family of this store outside ``held`` whose own writes are all
    acknowledged up to ``acked``; inside the caller's transaction."""
    # An erased family stays: its blanked rows hold no one's data, and its contacts still
    # count for their worker, as at the coordination.
    candidates = sorted(
        row[0] for row in connection.exec_driver_sql("SELECT id FROM household WHERE erased = 0")
        if row[0] not in held
    )
    removed, kept = [], []
    for family in candidates:
        (kept if _unacknowledged(connection, family, device_id, acked) else removed).append(
            family)
    for chunk in _chunks(removed):
        _delete(connection, chunk)
    return Pruned(tuple(removed), tuple(kept))
