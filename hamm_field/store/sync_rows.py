"""Raw rows of the replicated tables, for packages and merges.

Rows are read and written as plain dicts of column values exactly as SQLite holds them
(ISO dates, JSON text), except ``stamps``, which is parsed, because the merge compares
them field by field. Going through the driver, not the ORM, keeps a merge of a million
changes within minutes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from sqlalchemy.engine import Connection

from hamm_field.domain.tables import REPLICATED_TABLES
from hamm_field.domain.tables_base import Replicated
from hamm_field.domain.tables_privacy import Pseudonymisation, Restriction
from hamm_field.domain.tables_retention import RetentionHold, RetentionRule
from hamm_field.domain.tables_sync import Erasure
from hamm_field.store.search import household_search_text

Row = dict[str, Any]
SYNCED: tuple[type[Replicated], ...] = (*REPLICATED_TABLES, Erasure, Pseudonymisation,
                                         Restriction, RetentionRule, RetentionHold)
BY_NAME: dict[str, type[Replicated]] = {t.__tablename__: t for t in SYNCED}  # type: ignore[misc]


def columns(table: type[Replicated]) -> list[str]:
    return [column.name for column in table.__table__.columns]  # type: ignore[attr-defined]


def _row(names: list[str], values: tuple[Any, ...]) -> Row:
    row = dict(zip(names, values, strict=True))
    row["stamps"] = json.loads(row["stamps"] or "{}")
    return row


# A row carries a write of this device after the mark: its insert, a field edit, or
# (as newest writer) a delete. Rows others wrote and this laptop only received stay home.
_OWN_WRITE = (
    "hlc > :since AND ((created_device = :device AND created_hlc > :since) "
    "OR (device_id = :device AND hlc > :since) "
    "OR EXISTS (SELECT 1 FROM json_each(stamps) AS s "
    "WHERE json_extract(s.value, '$[1]') = :device AND json_extract(s.value, '$[0]') > :since))"
)


def changed_since(
    connection: Connection, since_hlc: int, device_id: str | None = None,
    tables: Iterable[str] | None = None,
) -> Iterator[tuple[str, Row]]:
    """Rows written after ``since_hlc``; with ``device_id`` only those with a write of it;
    with ``tables`` only rows of those tables."""
    where = _OWN_WRITE if device_id else "hlc > :since"
    wanted = set(BY_NAME) if tables is None else set(tables)
    for table in (t for t in SYNCED if t.__tablename__ in wanted):
        names = columns(table)
        result = connection.exec_driver_sql(
            f'SELECT {", ".join(names)} FROM "{table.__tablename__}" WHERE {where}',
            {"since": since_hlc, "device": device_id},
        )
        for values in result:
            yield table.__tablename__, _row(names, tuple(values))


def load(connection: Connection, table: str, ids: list[str]) -> dict[str, Row]:
    """The stored rows among ``ids`` (chunked: SQLite limits bound parameters)."""
    names = columns(BY_NAME[table])
    found: dict[str, Row] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f'SELECT {", ".join(names)} FROM "{table}" WHERE id IN ({marks})', tuple(chunk)
        )
        for values in result:
            row = _row(names, tuple(values))
            found[row["id"]] = row
    return found


def save(connection: Connection, table: str, rows: Iterable[Row]) -> int:
    """Insert or update whole rows (an upsert, never delete-and-insert); returns how many."""
    names = columns(BY_NAME[table])
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    sql = (f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))}) '
           f"ON CONFLICT(id) DO UPDATE SET {updates}")
    stamps_at = names.index("stamps")
    values = []
    for row in rows:
        value = list(map(row.get, names))
        stamps = row["stamps"]
        value[stamps_at] = "{}" if stamps == {} else json.dumps(stamps)  # most rows: none
        values.append(tuple(value))
    if values:
        connection.exec_driver_sql(sql, values)  # type: ignore[arg-type]
    return len(values)


class _Named(NamedTuple):
    """Just the name fields ``household_search_text`` reads."""

    family_name: str | None
    given_name: str | None = None
    name_latin: str | None = None


def refresh_search_texts(connection: Connection, household_ids: Iterable[str]) -> None:
    """Recompute the derived search text of these families, 500 at a time.

    The same text as ``search.refresh_search_text`` (members in the order that query
    reads them), with three statements per 500 families instead of ORM loads per family.
    """
    ids = sorted(household_ids)
    for start in range(0, len(ids), 500):
        chunk = tuple(ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        families = dict(connection.exec_driver_sql(
            f"SELECT id, family_name FROM household WHERE id IN ({marks})", chunk).all())
        members: dict[str, list[_Named]] = defaultdict(list)
        for household_id, given, family, latin in connection.exec_driver_sql(
            "SELECT household_id, given_name, family_name, name_latin FROM person "
            f"WHERE household_id IN ({marks}) AND deleted_hlc IS NULL "
            "ORDER BY household_id, rowid", chunk):  # fmt: skip
            members[household_id].append(_Named(family, given, latin))
        texts = [
            (household_search_text(_Named(name), members[household_id]), household_id)  # type: ignore[arg-type]
            for household_id, name in families.items()
        ]
        if texts:
            connection.exec_driver_sql(
                "UPDATE household SET search_text = ?1 WHERE id = ?2 AND search_text IS NOT ?1",
                texts,  # type: ignore[arg-type]
            )
