"""What the coordination knows a laptop holds: what it sent there and what came from there.

Two sources, both kept in the central store: the return ledger (every return package
written for the device and the families it carried) and the rows the device's own packages
brought (each row remembers the device that created it, ``created_device``, and the device
of each later edit, ``stamps``). Nothing else is known: what the laptop recorded after its
last package never reached the coordination.

Families merged into another are followed to the one that stayed. Queries go by chunks of
ids, as a laptop may hold a few hundred families.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from hamm_field.store import redirects

CHUNK = 500
FAMILY_TABLES = ("person", "consent", "contact", "starterpaket_handout", "case_phase",
                 "goal", "observation", "family_share")  # fmt: skip
DATED = {"household": "first_contact", "consent": "given_on", "contact": "date",
         "starterpaket_handout": "date", "case_phase": "started_on", "goal": "agreed_on",
         "observation": "date"}  # fmt: skip
"""The day each kind of record is about: the oldest of them is the oldest data held."""


@dataclass(frozen=True)
class SentReturn:
    created_at: dt.datetime
    families: frozenset[str]
    counts: dict[str, int]


@dataclass(frozen=True)
class Received:
    """The device's merged packages: how many, first and last arrival, rows by table."""

    packages: int
    first: dt.datetime | None
    last: dt.datetime | None
    counts: dict[str, int]
    read_a_return: bool = False  # a package started after an acknowledgement


@dataclass(frozen=True)
class FamilyRow:
    id: str
    family_name: str
    pseudonym: bool
    erased: bool
    deleted: bool
    sozialraum: str
    persons: int


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _marks(ids: list[str]) -> str:
    return ", ".join("?" * len(ids))


def sent_returns(connection: Connection, device_id: str) -> list[SentReturn]:
    """Every return written for the device, oldest first."""
    rows = connection.exec_driver_sql(
        "SELECT created_at, families, counts FROM return_ledger WHERE device_id = ? "
        "ORDER BY created_at", (device_id,)).all()  # fmt: skip
    return [SentReturn(_moment(created) or dt.datetime.min.replace(tzinfo=dt.UTC),
                       frozenset(json.loads(families or "[]")), json.loads(counts or "{}"))
            for created, families, counts in rows]  # fmt: skip


def received(connection: Connection, device_id: str) -> Received:
    rows = connection.exec_driver_sql(
        "SELECT received_at, counts, hlc_from FROM package_ledger WHERE device_id = ? "
        "ORDER BY sequence", (device_id,)).all()  # fmt: skip
    counts: dict[str, int] = {}
    for _at, text, _from in rows:
        for table, count in json.loads(text or "{}").items():
            counts[table] = counts.get(table, 0) + int(count)
    moments = [m for m in (_moment(row[0]) for row in rows) if m is not None]
    return Received(len(rows), min(moments, default=None), max(moments, default=None), counts,
                    any(int(row[2] or 0) > 0 for row in rows))


def written_families(connection: Connection, device_id: str) -> set[str]:
    """Families with any row the device created or edited, as far as its packages told."""
    like = f"%{device_id}%"
    condition = (
        "created_device = ? OR device_id = ? OR (stamps LIKE ? AND EXISTS (SELECT 1 FROM "
        "json_each(t.stamps) AS j WHERE json_extract(j.value, '$[1]') = ?))")  # fmt: skip
    found = {row[0] for row in connection.exec_driver_sql(
        f"SELECT id FROM household AS t WHERE {condition}",
        (device_id, device_id, like, device_id))}  # fmt: skip
    for table in FAMILY_TABLES:
        found.update(row[0] for row in connection.exec_driver_sql(
            f'SELECT DISTINCT household_id FROM "{table}" AS t WHERE household_id IS NOT NULL '
            f"AND ({condition})", (device_id, device_id, like, device_id)))  # fmt: skip
    return resolve(connection, found)


def written_by_device(connection: Connection, device_ids: Iterable[str]
                      ) -> dict[str, set[str]]:  # fmt: skip
    """:func:`written_families` of these devices at once: one pass over each table
    instead of one per device (the overview lists every laptop); no device, no pass.

    The pass reads every row (about 10 s over a million contacts), so the overview makes
    it in the background; SQLite's JSON functions over the same rows were slower."""
    wanted = set(device_ids)
    if not wanted:
        return {}
    found: dict[str, set[str]] = {}
    for table in ("household", *FAMILY_TABLES):
        column = "id" if table == "household" else "household_id"
        pairs = connection.exec_driver_sql(
            f'SELECT DISTINCT created_device, {column} FROM "{table}" WHERE {column} IS NOT NULL '
            f'UNION SELECT DISTINCT device_id, {column} FROM "{table}" '
            f"WHERE {column} IS NOT NULL").all()  # fmt: skip
        for device, family in pairs:
            if device in wanted:
                found.setdefault(device, set()).add(family)
        for family, stamps in connection.exec_driver_sql(
                f'SELECT {column}, stamps FROM "{table}" WHERE {column} IS NOT NULL '
                "AND stamps IS NOT NULL AND stamps != '{}'"):  # fmt: skip
            for stamp in json.loads(stamps).values():
                if isinstance(stamp, list) and len(stamp) == 2 and isinstance(stamp[1], str) \
                        and stamp[1] in wanted:
                    found.setdefault(stamp[1], set()).add(family)
    return {device: resolve(connection, families) for device, families in found.items()}


def resolve(connection: Connection, families: Iterable[str]) -> set[str]:
    """Merged-away families as the family they were merged into."""
    known = redirects.known(connection)
    resolved = set()
    for family in families:
        seen = {family}
        while family in known and known[family] not in seen:
            family = known[family]
            seen.add(family)
        resolved.add(family)
    return resolved


def family_rows(connection: Connection, families: Iterable[str]) -> list[FamilyRow]:
    """The families as the PDF names them, with their number of members."""
    found = []
    for chunk in _chunks(families):
        found += connection.exec_driver_sql(
            "SELECT h.id, h.family_name, h.pseudonym, h.erased, h.deleted_hlc IS NOT NULL, "
            "h.sozialraum, (SELECT count(*) FROM person AS p WHERE p.household_id = h.id "
            f"AND p.erased = 0) FROM household AS h WHERE h.id IN ({_marks(chunk)})",
            tuple(chunk)).all()  # fmt: skip
    return [FamilyRow(row[0], row[1] or "", bool(row[2]), bool(row[3]), bool(row[4]),
                      row[5] or "", int(row[6])) for row in found]  # fmt: skip


def _own_filter(table: str) -> str:
    """Kindeswohl observations travel only to their author: count only those."""
    return " AND (author_id = ? OR created_device = ?)" if table == "observation" else ""


def _own_values(table: str, worker_id: str | None, device_id: str) -> tuple[str, ...]:
    return (worker_id or "", device_id) if table == "observation" else ()


def records_by_kind(connection: Connection, families: Iterable[str], worker_id: str | None,
                    device_id: str) -> dict[str, int]:  # fmt: skip
    """Stored records of these families by table (values not erased), as on the laptop."""
    counts: dict[str, int] = {}
    for chunk in _chunks(families):
        marks = _marks(chunk)
        rows = connection.exec_driver_sql(
            f"SELECT count(*) FROM household WHERE id IN ({marks}) AND erased = 0",
            tuple(chunk)).scalar_one()  # fmt: skip
        counts["household"] = counts.get("household", 0) + int(rows)
        for table in FAMILY_TABLES:
            rows = connection.exec_driver_sql(
                f'SELECT count(*) FROM "{table}" WHERE household_id IN ({marks}) '
                f"AND erased = 0{_own_filter(table)}",
                (*chunk, *_own_values(table, worker_id, device_id))).scalar_one()  # fmt: skip
            counts[table] = counts.get(table, 0) + int(rows)
    return {table: count for table, count in counts.items() if count}


def oldest_day(connection: Connection, families: Iterable[str], worker_id: str | None,
               device_id: str) -> dt.date | None:  # fmt: skip
    """The earliest date any record of these families is about (contact, consent, …)."""
    days: list[str] = []
    for chunk in _chunks(families):
        marks = _marks(chunk)
        for table, column in DATED.items():
            key = "id" if table == "household" else "household_id"
            value = connection.exec_driver_sql(
                f'SELECT min("{column}") FROM "{table}" WHERE {key} IN ({marks}) '
                f"AND erased = 0{_own_filter(table)}",
                (*chunk, *_own_values(table, worker_id, device_id))).scalar_one()  # fmt: skip
            if value:
                days.append(str(value)[:10])
    return dt.date.fromisoformat(min(days)) if days else None
