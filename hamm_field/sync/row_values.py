"""Per-value checks of an arriving row: the shapes of its columns and the domain's rules.

A package row is a dict of column values as SQLite holds them (ISO dates, JSON text for
lists, 0/1 for booleans). Before it may change a store it must have the shape of its
table (types, lengths, stamps) and pass the same validation as a GUI write
(``domain/validation*.py``), so a laptop cannot plant a contact dated "not-a-date" or
lasting -99999 minutes that would later break every report over its period.

Master-data references are checked against every key the store knows, active or not: an
old record may keep a key the coordination has retired since, and a package echoing it
must not be refused for that.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hamm_field.domain import validation, validation_work
from hamm_field.domain.errors import ValidationError
from hamm_field.domain.master_index import MasterEntry, MasterIndex
from hamm_field.domain.tables_base import Replicated

Row = dict[str, Any]
MAX_TEXT = 10_000  # the longest free text a form takes (a note)
MAX_LIST = 200
MAX_ID = 36
HLC_LIMIT = 2**63

Validator = Callable[[Mapping[str, Any], MasterIndex, dt.date], None]
VALIDATORS: dict[str, Validator] = {
    "household": validation.validate_household,
    "person": lambda values, _master, today: validation.validate_person(values, today),
    "consent": validation.validate_consent,
    "contact": validation_work.validate_contact,
    "starterpaket_handout": validation_work.validate_handout,
    "case_phase": lambda values, _master, today: validation_work.validate_phase(values, today),
    "goal": validation_work.validate_goal,
    "observation": lambda values, _master, today: validation_work.validate_observation(
        values, today),
}


class BadValue(ValueError):
    """A column that fails its shape or rule; ``field`` names the column, never the value."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _list_of(item: type, value: Any) -> list[Any]:
    items = json.loads(value) if type(value) is str else value
    if type(items) is not list or len(items) > MAX_LIST:
        raise ValueError("not a list")
    for element in items:
        if type(element) is not item:
            raise ValueError("wrong element")
    return items


@dataclass(frozen=True)
class Shape:
    """A table's data columns grouped by type, so a row is checked kind by kind.

    Grouping keeps the check to one loop per type with the test inline: a million rows
    pass through here on a large import, and a function call per column would double the
    cost of the write-authority checks.
    """

    names: frozenset[str]
    texts: tuple[tuple[str, bool], ...]  # (column, may be NULL)
    wholes: tuple[tuple[str, bool], ...]
    dates: tuple[tuple[str, bool], ...]
    flags: tuple[str, ...]
    lists: tuple[tuple[str, type], ...]  # (column, type of its elements); NULL: empty

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.names))

    def __contains__(self, name: object) -> bool:
        return name in self.names


def _column(annotation: Any) -> tuple[Any, bool, type | None]:
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional, annotation = True, members[0]
    if typing.get_origin(annotation) is list:
        return list, True, typing.get_args(annotation)[0]
    return annotation, optional, None


def columns_of(model: type[Replicated]) -> Shape:
    groups: dict[Any, list[Any]] = {str: [], int: [], dt.date: [], bool: [], list: []}
    for name in model.data_fields():
        kind, optional, item = _column(model.model_fields[name].annotation)
        entry = name if kind is bool else (name, item) if kind is list else (name, optional)
        groups[kind].append(entry)
    return Shape(frozenset(model.data_fields()), tuple(groups[str]), tuple(groups[int]),
                 tuple(groups[dt.date]), tuple(groups[bool]), tuple(groups[list]))  # fmt: skip


def typed_values(row: Row, shape: Shape) -> Row:
    """Every data column's Python value (dates, lists); :class:`BadValue` for a wrong shape."""
    values = dict(row)  # the validators read only the data columns
    for name, optional in shape.texts:
        value = values.get(name)
        if value is None:
            if not optional:
                raise BadValue(name)
        elif type(value) is not str or len(value) > MAX_TEXT:
            raise BadValue(name)
    for name, optional in shape.wholes:
        value = values.get(name)
        if value is None:
            if not optional:
                raise BadValue(name)
        elif type(value) is not int or not -HLC_LIMIT < value < HLC_LIMIT:
            raise BadValue(name)
    for name, optional in shape.dates:
        value = values.get(name)
        if value is None:
            if not optional:
                raise BadValue(name)
            continue
        if type(value) is not str or len(value) != 10:
            raise BadValue(name)
        try:
            values[name] = dt.date.fromisoformat(value)
        except ValueError:
            raise BadValue(name) from None
    for name in shape.flags:
        value = values.get(name)
        if value is not None and value is not True and value is not False and (
                type(value) is not int or value not in (0, 1)):
            raise BadValue(name)
    for name, item in shape.lists:
        value = values.get(name)
        if value is None or value == "[]":
            values[name] = []
            continue
        try:
            values[name] = _list_of(item, value)
        except (ValueError, TypeError):
            raise BadValue(name) from None
    return values


def _is_stamp(value: Any) -> bool:
    return type(value) is int and 0 <= value < HLC_LIMIT


def _is_id(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= MAX_ID


def check_sync_columns(row: Row, fields: Shape) -> None:
    """The sync metadata every replicated row carries, with fixed shapes."""
    for name in ("id", "device_id", "created_device"):
        if not _is_id(row.get(name)):
            raise BadValue(name)
    for name in ("hlc", "created_hlc"):
        if not _is_stamp(row.get(name)):
            raise BadValue(name)
    deleted = row.get("deleted_hlc")
    if deleted is not None and not _is_stamp(deleted):
        raise BadValue("deleted_hlc")
    if row.get("erased") not in (0, 1, None):
        raise BadValue("erased")
    stamps = row.get("stamps")
    if type(stamps) is not dict:
        raise BadValue("stamps")
    for name, stamp in stamps.items():
        if (name not in fields or type(stamp) is not list or len(stamp) != 2
                or not _is_stamp(stamp[0]) or not _is_id(stamp[1])):  # fmt: skip
            raise BadValue("stamps")


@dataclass(frozen=True)
class RowRules:
    """Everything a table's rows are checked against in one import."""

    master: MasterIndex
    today: dt.date

    @classmethod
    def known_keys(cls, master: MasterIndex, today: dt.date) -> RowRules:
        """Every key the store knows counts as known, retired ones included."""
        entries = {kind: {key: replace(entry, active=True) for key, entry in items.items()}
                   for kind, items in master.entries.items()}  # fmt: skip
        return cls(MasterIndex(entries), today)

    def with_master_rows(self, rows: list[Row]) -> RowRules:
        """Also know the keys of master rows that arrive in the same package."""
        entries = {kind: dict(items) for kind, items in self.master.entries.items()}
        for row in rows:
            kind, key = row.get("kind"), row.get("key")
            if isinstance(kind, str) and isinstance(key, str):
                entries.setdefault(kind, {})[key] = MasterEntry(kind, key, key)
        return replace(self, master=MasterIndex(entries))

    def check(self, table: str, row: Row, fields: Shape,
              changed: frozenset[str] | None) -> None:  # fmt: skip
        """Raise :class:`BadValue` for the first column that fails.

        The sync columns were checked when the row was admitted (``check_sync_columns``).
        ``changed`` limits the domain rules to the fields this row changes (``None``: a new
        row, all of them); shapes are always checked, since a wrong type can break a merge
        or a report whichever value wins.
        """
        values = typed_values(row, fields)
        if row.get("erased"):
            return  # blanked values: the rules of a form no longer apply
        validator = VALIDATORS.get(table)
        if validator is None:
            return
        try:
            validator(values, self.master, self.today)
        except ValidationError as error:
            for failed in error.errors:
                if changed is None or failed.field in changed:
                    raise BadValue(failed.field) from None
