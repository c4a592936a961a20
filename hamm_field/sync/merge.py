"""Merge semantics of replicated rows: pure functions over row dicts, no store, no SQL.

A row is a dict of all columns of a replicated table (``domain/tables_base.py``). The
central store merges the packages of many laptops, in whatever order the USB sticks
arrive, sometimes twice, sometimes via another store. The result must not depend on
any of that, so every rule below is a join of a semilattice (commutative, associative,
idempotent) and the row written back is a canonical function of the merged content:

- each data field is a last-writer-wins register ordered by ``(hlc, device, value)``;
  the value breaks ties so two different writes never compare equal;
- the created stamp is the *larger* of both (see ``merge_rows`` for why not the smaller);
- a tombstone is the earliest ``deleted_hlc`` seen, and never goes away;
- an erasure (GDPR Art. 17) is an OR flag; every merge sets the personal fields to their
  blank values whatever the stamps say, so no edit, older or newer, brings a value back;
- behind a tombstone or an erasure the other fields (and the stamps) keep merging as
  usual: freezing them would make the result depend on whether an edit arrived before
  or after the delete;
- ``hlc``/``device_id`` is the newest stamp of any write, so "changes since" never
  moves backwards.

Conflicts are a side output, not state: a losing value is reported for the review queue.
Which losers a single merge sees depends on the order of arrival, so the raw log is not
order independent; ``open_conflicts`` reduces it to a set that is (see there).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Stamp = tuple[int, str]
Row = dict[str, Any]


def canonical_value(value: Any) -> str:
    """The tie breaker after (hlc, device): a stable text for any JSON or Python value."""
    return json.dumps(value, sort_keys=True, default=str)


def created_stamp(row: Mapping[str, Any]) -> Stamp:
    return (int(row.get("created_hlc") or 0), str(row.get("created_device") or ""))


def row_stamp(row: Mapping[str, Any]) -> Stamp:
    return (int(row.get("hlc") or 0), str(row.get("device_id") or ""))


def field_stamp(row: Mapping[str, Any], name: str) -> Stamp:
    """The stamp of the write that set ``name``: its own entry, else the creation."""
    stamp = (row.get("stamps") or {}).get(name)
    if stamp is None:
        return created_stamp(row)
    return (int(stamp[0]), str(stamp[1]))


def is_edit(row: Mapping[str, Any], name: str) -> bool:
    """Whether the field's value came from an edit rather than from the creation."""
    return field_stamp(row, name) != created_stamp(row)


@dataclass(frozen=True)
class Conflict:
    """An edit that lost against a write of another device, kept for the review.

    Stamps say who (device) and when (``hlc.millis_of``). An entry is identified by
    ``(record_id, field, loser_stamp)``: a re-sent package reports the same loser again.
    """

    record_id: str
    field: str
    winner_value: Any
    winner_stamp: Stamp
    loser_value: Any
    loser_stamp: Stamp

    def key(self) -> tuple[str, str, str, Stamp, str, Stamp]:
        """A hashable identity; values may be lists, which a frozen dataclass cannot hash."""
        return (
            self.record_id,
            self.field,
            canonical_value(self.winner_value),
            self.winner_stamp,
            canonical_value(self.loser_value),
            self.loser_stamp,
        )


@dataclass(frozen=True)
class MergeResult:
    row: Row
    changed: bool
    conflicts: list[Conflict] = field(default_factory=list)


def _order(stamp: Stamp, value: Any) -> tuple[int, str, str]:
    return (stamp[0], stamp[1], canonical_value(value))


def merge_rows(
    local: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    data_fields: Iterable[str],
    erased_fields: Mapping[str, Any] | None = None,
) -> MergeResult:
    """Merge ``incoming`` into ``local`` (``None``: not yet in the store).

    ``data_fields`` must be all data fields of the table (``Replicated.data_fields()``);
    other columns (derived ones such as ``search_text``) are taken from ``local`` and
    are the caller's to recompute.

    The created stamp is the larger of both, not the smaller. Both converge; the larger
    one keeps "was this value an edit?" answerable after any number of merges: a row
    seeded independently on two stores carries every field at least at its own creation,
    so the later seed's initial values beat the earlier seed's, and a surviving initial
    value always carries exactly the merged created stamp. With the smaller, the later
    seed's initial values would turn into apparent edits after one merge and show up as
    conflicts or not, depending on the order of arrival. Only records with the same id
    created on two stores (master data with deterministic ids) are affected at all.

    A conflict is reported whenever an edit loses against a write of another device,
    even if the values are equal or the winner is a creation value: filtering on those
    here would make the queue depend on arrival order (``open_conflicts`` applies them
    against the current winner instead). Nothing is reported for a deleted or erased
    record, so no erased value reaches the queue.
    """
    if local is None:
        return _first_arrival(incoming, data_fields, erased_fields)
    if local.get("id") != incoming.get("id"):
        raise ValueError(f"cannot merge {incoming.get('id')!r} into {local.get('id')!r}")
    ours = local
    created = max(created_stamp(ours), created_stamp(incoming))
    erased = bool(ours.get("erased")) or bool(incoming.get("erased"))
    tombstones = (r.get("deleted_hlc") for r in (ours, incoming))
    deleted = min((int(d) for d in tombstones if d is not None), default=None)
    newest = max(row_stamp(ours), row_stamp(incoming), created)
    row: Row = {**incoming, **ours}
    stamps: dict[str, list[Any]] = {}
    conflicts: list[Conflict] = []
    for name in data_fields:
        ours_side = (field_stamp(ours, name), ours.get(name), ours)
        incoming_side = (field_stamp(incoming, name), incoming.get(name), incoming)
        # Ours wins a full tie; the value's canonical text is only needed when stamps tie.
        if ours_side[0] != incoming_side[0]:
            ours_wins = ours_side[0] > incoming_side[0]
        else:
            ours_wins = canonical_value(ours_side[1]) >= canonical_value(incoming_side[1])
        winner, loser_side = (ours_side, incoming_side) if ours_wins else (incoming_side, ours_side)
        (win_stamp, win_value, _), (lose_stamp, lose_value, loser) = winner, loser_side
        row[name] = win_value
        if win_stamp != created:
            stamps[name] = [win_stamp[0], win_stamp[1]]
        newest = max(newest, win_stamp)
        if lose_stamp != win_stamp and lose_stamp[1] != win_stamp[1] and is_edit(loser, name):
            conflicts.append(
                Conflict(str(row["id"]), name, win_value, win_stamp, lose_value, lose_stamp)
            )
    if erased or deleted is not None:
        conflicts = []  # nothing to review on a gone record; erased values must not linger
    _seal(row, created, stamps, newest, deleted, erased, erased_fields)
    return MergeResult(row=row, changed=row != dict(local), conflicts=conflicts)


def _seal(
    row: Row, created: Stamp, stamps: dict[str, list[Any]], newest: Stamp,
    deleted: int | None, erased: bool, erased_fields: Mapping[str, Any] | None,
) -> None:  # fmt: skip
    """The merged row's bookkeeping columns, and blank values if it is erased."""
    if erased:
        row.update(erased_fields or {})
    row.update(
        created_hlc=created[0],
        created_device=created[1],
        stamps=stamps,
        hlc=newest[0],
        device_id=newest[1],
        deleted_hlc=deleted,
        erased=erased,
    )


def _first_arrival(
    incoming: Mapping[str, Any],
    data_fields: Iterable[str],
    erased_fields: Mapping[str, Any] | None,
) -> MergeResult:
    """``merge_rows(None, incoming)``, without comparing the row with itself field by field.

    Both sides are the same row, so every field keeps its own value and stamp, nothing
    loses and nothing is reported; the result is identical to the general path's.
    """
    created = created_stamp(incoming)
    erased = bool(incoming.get("erased"))
    deleted = None if incoming.get("deleted_hlc") is None else int(incoming["deleted_hlc"])
    newest = max(row_stamp(incoming), created)
    own: Mapping[str, Any] = incoming.get("stamps") or {}
    row: Row = dict(incoming)
    stamps: dict[str, list[Any]] = {}
    for name in data_fields:
        row[name] = incoming.get(name)
        entry = own.get(name)
        if entry is None:
            continue  # set at creation: the created stamp, which ``newest`` already covers
        stamp = (int(entry[0]), str(entry[1]))
        if stamp != created:
            stamps[name] = [stamp[0], stamp[1]]
        newest = max(newest, stamp)
    _seal(row, created, stamps, newest, deleted, erased, erased_fields)
    return MergeResult(row=row, changed=True, conflicts=[])


def merge_all(
    rows_by_id: Mapping[str, Mapping[str, Any]],
    incoming: Iterable[Mapping[str, Any]],
    data_fields: Iterable[str],
    erased_fields: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Row], list[Conflict]]:
    """Merge rows one after another into a copy of ``rows_by_id``; the input stays as is."""
    fields = list(data_fields)
    merged: dict[str, Row] = {key: dict(value) for key, value in rows_by_id.items()}
    conflicts: list[Conflict] = []
    for row in incoming:
        result = merge_rows(merged.get(row["id"]), row, fields, erased_fields)
        merged[str(row["id"])] = result.row
        conflicts.extend(result.conflicts)
    return merged, conflicts


def open_conflicts(
    conflicts: Iterable[Conflict], rows_by_id: Mapping[str, Mapping[str, Any]]
) -> list[Conflict]:
    """The conflicts to review now: an order independent reduction of the raw log.

    Without version vectors "concurrent" is approximated: two edits of a field by
    different devices with different values. A device's own later edit is the one
    piece of causality we do know, so per device only its newest losing edit counts,
    measured against the current winner (itself an edit). Sequential edits by two
    devices may still show up; the coordination dismisses them.

    Why this is order independent: the newest edit of a device, unless it is the
    winner, loses at some merge in every order and grouping, always against another
    device (the same device has nothing newer), so ``merge_rows`` reports it in every
    order; older losers may or may not be reported, and this function drops them. The
    caller keeps the raw log, removes what the coordination has reviewed, and purges a
    record's entries once it is erased.
    """
    newest: dict[tuple[str, str, str], Conflict] = {}
    for conflict in conflicts:
        key = (conflict.record_id, conflict.field, conflict.loser_stamp[1])
        seen = newest.get(key)
        mine = _order(conflict.loser_stamp, conflict.loser_value)
        if seen is None or mine > _order(seen.loser_stamp, seen.loser_value):
            newest[key] = conflict
    result = []
    for (record_id, name, device), conflict in sorted(newest.items()):
        row = rows_by_id.get(record_id)
        if row is None or row.get("erased") or row.get("deleted_hlc") is not None:
            continue
        stamp, value = field_stamp(row, name), row.get(name)
        if not is_edit(row, name) or stamp[1] == device:
            continue
        if canonical_value(value) == canonical_value(conflict.loser_value):
            continue
        result.append(
            Conflict(record_id, name, value, stamp, conflict.loser_value, conflict.loser_stamp)
        )
    return result


def resolve(row: Mapping[str, Any], name: str, value: Any, stamp: Stamp) -> Row:
    """The coordination's choice of a winner, written as a new edit so that it travels.

    ``stamp`` must come from the central clock after it has seen the row, i.e. be newer
    than every write in it; then it beats both sides wherever it is merged.
    """
    stamp = (int(stamp[0]), str(stamp[1]))
    if row.get("erased"):
        raise ValueError("an erased record has nothing to resolve")
    if stamp <= max(row_stamp(row), field_stamp(row, name), created_stamp(row)):
        raise ValueError(f"stamp {stamp} is not newer than the row {row_stamp(row)}")
    result = dict(row)
    result[name] = value
    result["stamps"] = {**(row.get("stamps") or {}), name: [stamp[0], stamp[1]]}
    result["hlc"], result["device_id"] = stamp
    return result
