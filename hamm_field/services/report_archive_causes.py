"""Which records changed a closed report's figures after it was closed, and how.

A record counts as changed after the close when its newest stamp (``hlc``) is newer than
the archive's watermark (written on the central store afterwards), or when it arrived in a
package the central store received after the close: a laptop keeps its own, older stamps,
so a Begleitung entered on a laptop before the close and imported afterwards is found
through the package ledger (the package's device and stamp range), not by its stamp.

Both ways are index range scans on ``hlc`` (one per package received since), never a scan
of the period's records; the report's filters then apply as the Kennzahlen apply them
(``hamm_field.reports.kennzahlen_sql``). Only kinds and dates come back, never names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from hamm_field.domain.vocab import MasterKind
from hamm_field.reports.kennzahlen_sql import worker_conditions
from hamm_field.reports.model import Filters, Period

LATE, CHANGED, DELETED = "late", "changed", "deleted"


@dataclass(frozen=True)
class Cause:
    """A record of the report's scope changed after the close: what kind, which day, and
    whether it was entered late, changed or deleted. Nothing that names anyone."""

    kind: str  # contact, handout, goal, observation, household
    detail: str  # the contact's kind (begleitung, …); empty for other records
    date: dt.date
    change: str  # LATE, CHANGED or DELETED


@dataclass(frozen=True)
class _Record:
    """How one table is read: its detail and day, which rows the report counts by date,
    the column of the worker who made it, and whether the filters go through the family."""

    kind: str
    table: str
    detail: str
    day: str
    dated: str
    worker: str
    own_scope: bool = False  # contacts: their own Sozialraum and Paket


RECORDS = (
    _Record("contact", "contact", "t.kind", "t.date", "t.date BETWEEN :start AND :end",
            "t.worker_id", own_scope=True),
    _Record("handout", "starterpaket_handout", "''", "t.date",
            "t.date BETWEEN :start AND :end", "t.worker_id"),
    # The report counts every goal agreed on by the period's end (and how many reached).
    _Record("goal", "goal", "''",
            "CASE WHEN t.review_date BETWEEN :start AND :end THEN t.review_date "
            "ELSE t.agreed_on END", "t.agreed_on <= :end", "t.worker_id"),
    _Record("observation", "observation", "''", "t.date", "t.date BETWEEN :start AND :end",
            "t.author_id"),
    _Record("household", "household", "''", "t.first_contact",
            "t.first_contact BETWEEN :start AND :end", "t.worker_id"),
)  # fmt: skip

LATE_PACKAGES = (
    "late AS MATERIALIZED (SELECT p.device_id, max(p.hlc_from, coalesce(("
    "SELECT max(e.hlc_to) FROM package_ledger AS e WHERE e.device_id = p.device_id "
    "AND e.received_at < :archived_at), 0)) AS hlc_from, p.hlc_to "
    "FROM package_ledger AS p WHERE p.received_at >= :archived_at)"
)
"""The stamp ranges received only after the close: a laptop sends everything since the
coordination last acknowledged, so a later package may repeat rows an earlier one brought
before the close; those stamps (up to the device's highest before the close) are cut off.
``received_at`` and ``archived_at`` are both UTC ISO strings to the second
(``isoformat(timespec="seconds")``) and compare as text; a package received within the
second of the close counts as after it (listed rather than missed)."""


def _in_late(device: str, stamp: str) -> str:
    return (f"EXISTS (SELECT 1 FROM late AS l WHERE l.device_id = {device} "
            f"AND {stamp} > l.hlc_from AND {stamp} <= l.hlc_to)")  # fmt: skip


def _scope(record: _Record, filters: Filters) -> tuple[str, list[str], dict[str, Any]]:
    """The join to the family and the filter conditions, as ``kennzahlen_sql`` has them:
    a contact by its own Sozialraum and Paket, any other record by its family's."""
    family = "t" if record.kind == "household" else "h"
    join = "" if record.own_scope or family == "t" else \
        "JOIN household AS h ON h.id = t.household_id "
    where: list[str] = []
    params: dict[str, Any] = {}
    if filters.sozialraum is not None:
        where.append(f"{'t' if record.own_scope else family}.sozialraum = :sozialraum")
        params["sozialraum"] = filters.sozialraum
    if filters.paket is not None:
        where.append("t.paket = :paket" if record.own_scope else
                     f"EXISTS (SELECT 1 FROM json_each({family}.pakete) WHERE value = :paket)")
        params["paket"] = filters.paket
    if filters.worker_id is not None:
        where.append(f"{record.worker} = :worker_id")
        params["worker_id"] = filters.worker_id
    for column, value in worker_conditions(filters):
        where.append(f"{record.worker} IN (SELECT id FROM worker WHERE {column} = :w_{column})")
        params[f"w_{column}"] = value
    return join, where, params


def statement(record: _Record, filters: Filters) -> tuple[str, dict[str, Any]]:
    """One table's changed rows: those stamped after the watermark and those that came in
    a late package (each an index range on ``hlc``), then the report's date and filters."""
    join, where, params = _scope(record, filters)
    table = record.table
    conditions = " AND ".join([record.dated, *where])
    sql = (
        f"WITH {LATE_PACKAGES}, stamped AS MATERIALIZED ("
        f"SELECT rowid AS r FROM {table} INDEXED BY ix_{table}_hlc WHERE hlc > :watermark "
        f"UNION SELECT t.rowid FROM late AS l CROSS JOIN {table} AS t INDEXED BY ix_{table}_hlc "
        "ON t.hlc > l.hlc_from AND t.hlc <= l.hlc_to AND t.device_id = l.device_id) "
        f"SELECT {record.detail}, {record.day}, "
        f"t.created_hlc > :watermark OR {_in_late('t.created_device', 't.created_hlc')}, "
        "t.deleted_hlc IS NOT NULL "
        f"FROM stamped AS s CROSS JOIN {table} AS t ON t.rowid = s.r {join}WHERE {conditions}"
    )
    return sql, params


def causes(session: Session, period: Period, watermark: int, archived_at: str,
           filters: Filters) -> list[Cause]:  # fmt: skip
    """The records of the report's scope changed after the close (see the module), by
    day. A record both entered and deleted after it never counted, and is left out."""
    bounds = {"start": period.start.isoformat(), "end": period.end.isoformat(),
              "watermark": watermark, "archived_at": archived_at}  # fmt: skip
    filters = replace(filters, sozialraum=_sozialraum_key(session, filters.sozialraum))
    found: list[Cause] = []
    for record in RECORDS:
        sql, params = statement(record, filters)
        for detail, day, created_late, deleted in session.execute(text(sql),
                                                                  {**bounds, **params}):
            if deleted and created_late:
                continue
            change = DELETED if deleted else LATE if created_late else CHANGED
            found.append(Cause(record.kind, detail or "", _day(day), change))
    return sorted(found, key=lambda cause: (cause.date, cause.kind, cause.detail))


def _sozialraum_key(session: Session, name: str | None) -> str | None:
    """A filter may name the Sozialraum by its master-data name; records hold the key
    (as ``Kennzahlen`` resolves it: a key first, then a name)."""
    if name is None:
        return None
    rows = session.execute(text(
        "SELECT key FROM master_item WHERE kind = :kind AND (key = :name OR label = :name) "
        "ORDER BY key != :name, deleted_hlc IS NOT NULL, sort_order"),
        {"kind": MasterKind.SOZIALRAUM.value, "name": name}).first()  # fmt: skip
    return rows[0] if rows else name


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
