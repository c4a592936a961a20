"""The bulk insert path: many new rows, a few statements, one transaction per batch.

The unit of work (``store/unit.py``) builds one ORM object, one stamp and one audit entry per
record: right for a person saving a contact, far too slow for loading 100,000 demo families
or 1,000,000 contacts. Here rows arrive as plain tuples and go to SQLite with the DB-API
``executemany`` on the session's own connection, so the only work above raw ``sqlcipher3``
is turning Python values into what SQLAlchemy would have stored (ISO dates, compact JSON,
0/1) and appending the sync stamps.

What stays the same as a normal write: every row is stamped with the store's device id and
one hybrid-clock stamp per batch (a fresh insert: ``created_hlc = hlc``, no per-field
stamps), each table of a batch gets one audit entry ("bulk_insert", "<n> rows"), and the
clock is persisted, all in the batch's transaction. Rows are new: an existing id fails the
whole batch and nothing of it is stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, Boolean, Date, DateTime

from hamm_field.domain.tables_base import SYNC_COLUMNS, Replicated
from hamm_field.store import audit
from hamm_field.store.unit import Store

__all__ = ["STAMP_COLUMNS", "Rows", "insert", "insert_sql", "sql_rows"]

# The order in which the stamp values follow a row's own values.
STAMP_COLUMNS = (
    "hlc", "device_id", "created_hlc", "created_device", "stamps", "deleted_hlc", "erased"
)  # fmt: skip

_JSON = json.JSONEncoder(separators=(",", ":"))


@dataclass(frozen=True)
class Rows:
    """New rows of one table: column names, and one tuple per row in that order.

    Values are plain Python (``str``, ``int``, ``date``, ``bool``, lists and dicts for JSON
    columns, ``None``). ``id`` is required; the sync columns are set by :func:`insert`;
    a data column left out gets its model default.
    """

    table: type[Replicated]
    columns: tuple[str, ...]
    values: Sequence[tuple[Any, ...]]

    @classmethod
    def from_dicts(cls, table: type[Replicated], rows: Sequence[Mapping[str, Any]]) -> Rows:
        """Rows from dicts that all have the keys of the first one."""
        columns = tuple(rows[0]) if rows else ("id",)
        return cls(table, columns, [tuple(row[name] for name in columns) for row in rows])


@lru_cache(maxsize=4096)
def _json_of_scalars(items: tuple[Any, ...]) -> str:
    return _JSON.encode(list(items))


def _json(value: Any) -> str:
    """Compact JSON; short lists of plain str/int (topics, pakete, items) come from a cache."""
    if type(value) is list and all(type(x) is str or type(x) is int for x in value):
        return _json_of_scalars(tuple(value))
    return _JSON.encode(value)


def _date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _datetime(value: Any) -> Any:
    # SQLAlchemy's storage format for DateTime on SQLite.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, dt.datetime) else value


def _bool(value: Any) -> int:
    return 1 if value else 0


def _converter(column_type: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy would store a value of this column type in SQLite."""
    if isinstance(column_type, JSON):
        return _json
    if isinstance(column_type, DateTime):
        return _datetime
    if isinstance(column_type, Date):
        return _date
    if isinstance(column_type, Boolean):
        return _bool
    return None


@dataclass(frozen=True)
class _Plan:
    sql: str
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    defaults: tuple[Any, ...]  # values of the data columns left out, after the stamps


def _default(table: type[Replicated], name: str, nullable: bool) -> Any:
    field = table.model_fields[name]
    if field.default_factory is not None:
        return field.default_factory()  # type: ignore[call-arg]
    if field.default is not PydanticUndefined:
        return field.default
    if nullable:
        return None
    raise ValueError(f"{table.__tablename__}.{name} has no default and must be given")


@lru_cache(maxsize=128)
def _plan(table: type[Replicated], columns: tuple[str, ...]) -> _Plan:
    table_columns = table.__table__.columns  # type: ignore[attr-defined]
    unknown = [name for name in columns if name not in table_columns]
    if unknown or "id" not in columns or len(set(columns)) != len(columns):
        raise ValueError(f"bad columns for {table.__tablename__}: {columns}")
    stamped = [name for name in columns if name in SYNC_COLUMNS and name != "id"]
    if stamped:
        raise ValueError(f"sync columns are set by the bulk path: {stamped}")
    left_out = [c for c in table_columns if c.name not in columns and c.name not in SYNC_COLUMNS]
    defaults = []
    for column in left_out:
        value = _default(table, column.name, bool(column.nullable))
        convert = _converter(column.type)
        defaults.append(convert(value) if convert and value is not None else value)
    names = [*columns, *STAMP_COLUMNS, *(c.name for c in left_out)]
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        table.__tablename__,
        ", ".join(f'"{name}"' for name in names),
        ", ".join("?" * len(names)),
    )
    converters = tuple(
        (index, convert)
        for index, name in enumerate(columns)
        if (convert := _converter(table_columns[name].type)) is not None
    )
    return _Plan(sql, converters, tuple(defaults))


def insert_sql(table: type[Replicated], columns: tuple[str, ...]) -> str:
    """The INSERT statement :func:`sql_rows` binds to (for benchmarks and tests)."""
    return _plan(table, columns).sql


def sql_rows(rows: Rows, hlc: int, device_id: str) -> Iterator[Sequence[Any]]:
    """The rows as SQLite values, each followed by its stamps and left-out defaults."""
    plan = _plan(rows.table, rows.columns)
    tail = (hlc, device_id, hlc, device_id, "{}", None, 0, *plan.defaults)
    if not plan.converters:
        return (row + tail for row in rows.values)
    return _converted(rows.values, plan.converters, tail)


def _converted(
    values: Iterable[tuple[Any, ...]],
    converters: tuple[tuple[int, Callable[[Any], Any]], ...],
    tail: tuple[Any, ...],
) -> Iterator[list[Any]]:
    for row in values:
        out = list(row)
        for index, convert in converters:
            value = out[index]
            if value is not None:
                out[index] = convert(value)
        out.extend(tail)
        yield out


def insert(store: Store, batch: Sequence[Rows]) -> dict[str, int]:
    """Insert every table's rows of one batch in one transaction; returns rows per table.

    Tables go in the order given; foreign keys are deferred, so order does not matter to
    SQLite. On any error the whole batch is rolled back.
    """
    counts: dict[str, int] = {}
    with store.write() as writer:
        hlc = writer.clock.now()
        driver = writer.session.connection().connection.driver_connection
        cursor = driver.cursor()  # type: ignore[union-attr]
        try:
            for rows in batch:
                if not rows.values:
                    continue
                sql = insert_sql(rows.table, rows.columns)
                cursor.executemany(sql, sql_rows(rows, hlc, writer.device_id))
                entity = rows.table.__tablename__
                counts[entity] = counts.get(entity, 0) + len(rows.values)
                audit.append(
                    writer.session,
                    hlc=hlc,
                    device_id=writer.device_id,
                    worker_id=writer.worker_id,
                    action="bulk_insert",
                    entity=str(entity),
                    record_id=f"{len(rows.values)} rows",
                    fields=[],
                )
        finally:
            cursor.close()
    return counts
