"""A laptop blanks what is past its Löschfrist itself, without waiting for the coordination.

Blanking here is the same physical removal as letting go of a family (``store/prune.py``):
no tombstone, no stamp, nothing that travels, so it can never override a newer value
elsewhere; the coordination keeps its copy until it deletes it by the Art. 17 erasure.
A family or observation goes only once none of this laptop's own writes about it waits
for an acknowledgement, so nothing unsynced is lost. Return packages no longer hand out
what is due (``sync/returns.py``), and the laptop blanks again after every return, so a
late package cannot bring blanked values back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from hamm_field.store import report_counts
from hamm_field.store.prune import _chunks, _delete, _marks, _unacknowledged
from hamm_field.store.retention import blocked_families, blocked_observations
from hamm_field.store.sync_rows import _OWN_WRITE

AUDIT_ACTION = "retention"


@dataclass(frozen=True)
class Blanked:
    families: tuple[str, ...] = ()
    observations: tuple[str, ...] = ()
    waiting: int = 0  # due, yet with own writes the coordination has not acknowledged


def blank_due(connection: Connection, *, device_id: str, acked: int,
              today: dt.date) -> Blanked:  # fmt: skip
    """Remove due families and observations of this laptop, inside the caller's transaction."""
    families, waiting = [], 0
    for family in sorted(blocked_families(connection, today)):
        if _unacknowledged(connection, family, device_id, acked):
            waiting += 1
        else:
            families.append(family)
    gone = set(families)
    observations = []
    for observation in sorted(blocked_observations(connection, today)):
        row = connection.exec_driver_sql(
            "SELECT household_id FROM observation WHERE id = :id", {"id": observation}).first()
        if row is None or row[0] in gone:
            continue
        if connection.exec_driver_sql(
            f"SELECT 1 FROM observation WHERE id = :id AND {_OWN_WRITE}",
            {"id": observation, "since": acked, "device": device_id},
        ).first():
            waiting += 1
        else:
            observations.append(observation)
    for chunk in _chunks(families):
        _delete(connection, chunk)
    for chunk in _chunks(observations):
        connection.exec_driver_sql(
            f"DELETE FROM sync_conflict WHERE record_id IN ({_marks(chunk)})", tuple(chunk))
        connection.exec_driver_sql(
            f"DELETE FROM observation WHERE id IN ({_marks(chunk)})", tuple(chunk))
    report_counts.fold(connection)
    return Blanked(tuple(families), tuple(observations), waiting)
