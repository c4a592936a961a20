"""Which families belong to a worker's caseload, in the two senses sync needs.

*Held* families are what a laptop should keep: those the worker is responsible for or
that are shared with them, live and not erased, except families closed for longer than
the coordination's period (``CLOSED_MONTHS`` in ``local_state``, 6 by default). The moment
a family was closed is the stamp of its ``status`` field, so no extra column is needed.

*Writable* families are what the coordination accepts a laptop's writes for: the held
ones plus every family the worker ever worked with (a share ended, a contact recorded,
a family the device created). A laptop keeps a handed-over family until its last writes
about it are acknowledged; those writes were honest when they were made and must not be
refused after the handover, or the laptop could never let the family go.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Connection

from hamm_field.domain.hlc import millis_of
from hamm_field.domain.retention import add_months
from hamm_field.domain.vocab import FamilyStatus
from hamm_field.store import redirects

CLOSED_MONTHS = "closed_retention_months"  # local_state of the coordination
DEFAULT_CLOSED_MONTHS = 6

_RESPONSIBLE_OR_SHARED = (
    "SELECT id FROM household WHERE worker_id = :w UNION "
    "SELECT household_id FROM family_share WHERE worker_id = :w AND active = 1 "
    "AND deleted_hlc IS NULL"
)


def closed_months(connection: Connection) -> int:
    """The coordination's period after which a closed family leaves the laptops."""
    row = connection.exec_driver_sql(
        "SELECT value FROM local_state WHERE key = ?", (CLOSED_MONTHS,)).first()
    return int(row[0]) if row and row[0] else DEFAULT_CLOSED_MONTHS


def closed_cutoff(today: dt.date, months: int) -> dt.date:
    """``today`` minus ``months`` calendar months (the last day of a shorter month)."""
    return add_months(today, -months)


def held_families(connection: Connection, worker_id: str, today: dt.date,
                  months: int | None = None) -> set[str]:  # fmt: skip
    """The families a laptop of ``worker_id`` should hold today."""
    months = closed_months(connection) if months is None else months
    cutoff = closed_cutoff(today, months)
    held: set[str] = set()
    for family, status, status_stamp, created in connection.exec_driver_sql(
        "SELECT id, status, json_extract(stamps, '$.status[0]'), created_hlc FROM household "
        f"WHERE id IN ({_RESPONSIBLE_OR_SHARED}) AND deleted_hlc IS NULL AND erased = 0",
        {"w": worker_id},
    ):
        if status == FamilyStatus.ABGESCHLOSSEN:
            closed_on = dt.datetime.fromtimestamp(
                millis_of(int(status_stamp or created)) / 1000, dt.UTC).date()
            if closed_on < cutoff:
                continue
        held.add(family)
    return held


def writable_families(connection: Connection, worker_id: str | None, device_id: str) -> set[str]:
    """The families whose records a laptop of ``worker_id`` may change (see the module).

    A family merged into another (``store/redirects.py``) brings its survivor along: the
    laptop's late records under the old id are rewritten to the survivor before they are
    judged, and were honest when they were made.
    """
    families = {row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM household WHERE worker_id = :w OR created_device = :d UNION "
        "SELECT household_id FROM family_share WHERE worker_id = :w UNION "
        "SELECT household_id FROM contact WHERE worker_id = :w AND household_id IS NOT NULL",
        {"w": worker_id or "", "d": device_id})}  # fmt: skip
    return families | redirects.targets_of(connection, families)
