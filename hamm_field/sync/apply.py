"""Merging incoming rows into a store, batch by batch, inside the caller's transaction.

Rows go through the pure merge (``merge.py``); only rows whose merged content differs are
written. Derived columns are recomputed afterwards: a member's Latin name, the family's
search text and the Kennzahlen counts. Losing values of concurrent edits go to the
conflict queue, keyed by what lost, so seeing the same conflict twice records it once.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.engine import Connection

from hamm_field.domain.erasure import ERASED_FIELDS
from hamm_field.store import erasure, privacy, redirects, report_counts, sync_rows
from hamm_field.store.search import latin_name
from hamm_field.sync.authority import Authority, Change
from hamm_field.sync.envelope import PackageDamaged
from hamm_field.sync.merge import Conflict, merge_rows

Row = dict[str, Any]


def apply_rows(
    connection: Connection,
    batches: Iterable[list[tuple[str, Row]]],
    *,
    total: int = 0,
    progress: Callable[[int, int], None] | None = None,
    authority: Authority | None = None,
) -> tuple[int, int, int]:
    """Merge every batch; returns (rows changed, conflicts recorded, newest HLC seen).

    With an ``authority`` every row is checked as it is merged (``authority.py``); a
    refusal raises inside the caller's transaction, which then changes nothing.
    The caller moves its clock past the newest stamp, so its next writes come later.
    """
    changed = conflicts = done = newest = 0
    erased = erasure.erased_subjects(connection)
    pseudonymous = privacy.pseudonymised(connection)  # see store/privacy.py
    households: set[str] = set()  # search texts are derived: refreshed once, at the end
    known = redirects.known(connection)  # a family merged away: see store/redirects.py
    final = redirects.resolve(known)
    arrived = False  # a new redirect: stored rows are moved once, at the end
    for batch in batches:
        by_table: dict[str, list[Row]] = defaultdict(list)
        for table, row in batch:
            if table not in sync_rows.BY_NAME or not isinstance(row, dict) or "id" not in row:
                raise PackageDamaged()
            by_table[table].append(row)
        if by_table.get(redirects.REDIRECT_TABLE):
            grown = redirects.with_rows(known, by_table[redirects.REDIRECT_TABLE])
            if grown != known:
                known, final, arrived = grown, redirects.resolve(grown), True
        # Erasures first, then pseudonymisations: both decide how the other rows arrive.
        for table in sorted(by_table, key=lambda name: (name != "erasure",
                                                        name != "pseudonymisation")):
            by_table[table] = [_with_defaults(table, redirects.rewrite_row(table, row, final))
                               for row in by_table[table]]  # fmt: skip
            if authority is not None:
                authority.admit(table, by_table[table])
            newest = max(newest, *(int(row.get("hlc") or 0) for row in by_table[table]))
            rows = privacy.blank_rows(table, _mark_erased(table, by_table[table], erased),
                                      pseudonymous)
            written, lost = _merge_table(connection, table, rows, authority)
            changed += len(written)
            conflicts += _record_conflicts(connection, table, lost)
            _forget_erased(connection, written)
            households.update(_households_touched(table, written))
            if table == "erasure":
                households.update(_carry_out(connection, written, erased))
            if table == "pseudonymisation":
                households.update(privacy.carry_out(connection, written, pseudonymous))
        done += len(batch)
        if progress is not None:
            progress(done, max(total, done))
    if authority is not None:
        authority.finish(connection)
    if arrived:
        moved = redirects.rewrite_store(connection, final)
        households |= moved | privacy.blank_again(connection, moved)
    _refresh_search(connection, households)
    report_counts.fold(connection)
    return changed, conflicts, newest


# Flags added after packages of older versions were written: absent (or null) is false.
ADDED_FLAGS = {"consent": ("withdrawn_sharing", "withdrawn_documentation")}


def _with_defaults(table: str, row: Row) -> Row:
    flags = ADDED_FLAGS.get(table, ())
    if any(row.get(name) is None for name in flags):
        return {**row, **{name: False for name in flags if row.get(name) is None}}
    return row


def _mark_erased(table: str, rows: list[Row], erased: dict[str, set[str]]) -> list[Row]:
    """Rows of an erased family or person arrive erased, however old or new the edit."""
    return [
        {**row, "erased": True}
        if not row.get("erased") and erasure.belongs_to_erased(table, row, erased) else row
        for row in rows
    ]


def _carry_out(connection: Connection, rows: list[Row], erased: dict[str, set[str]]) -> set[str]:
    """A newly arrived erasure blanks what this store already holds of its subject."""
    households: set[str] = set()
    for row in rows:
        if row.get("deleted_hlc") is None and row["subject_table"] in erasure.SUBJECTS:
            erased.setdefault(row["subject_table"], set()).add(row["subject_id"])
            households |= erasure.erase_subject(connection, row["subject_table"],
                                                row["subject_id"])
    return households


def _merge_table(connection: Connection, table: str, rows: list[Row],
                 authority: Authority | None = None) -> tuple[list[Row], list]:  # fmt: skip
    model = sync_rows.BY_NAME[table]
    fields = model.data_fields()
    local = sync_rows.load(connection, table, [row["id"] for row in rows])
    written: list[Row] = []
    lost: list[Conflict] = []
    changes: list[Change] = []
    for incoming in rows:
        before = local.get(incoming["id"])
        result = merge_rows(before, incoming, fields, ERASED_FIELDS.get(table))
        lost.extend(result.conflicts)
        if result.changed:
            local[incoming["id"]] = result.row
            written.append(result.row)
            changes.append((before, result.row, incoming))
    if authority is not None:
        authority.check_changes(table, changes)
    if table == "person":
        for row in written:
            given, family = row.get("given_name") or "", row.get("family_name") or ""
            row["name_latin"] = latin_name(given, family)
    sync_rows.save(connection, table, written)
    return written, lost


def _households_touched(table: str, rows: list[Row]) -> set[str]:
    if table == "household":
        return {row["id"] for row in rows}
    if table == "person":
        return {row["household_id"] for row in rows if row.get("household_id")}
    return set()


def _refresh_search(connection: Connection, households: set[str]) -> None:
    sync_rows.refresh_search_texts(connection, households)


def _forget_erased(connection: Connection, rows: list[Row]) -> None:
    """An erased record's losing values must not linger in the review queue."""
    erased = [row["id"] for row in rows if row.get("erased")]
    for start in range(0, len(erased), 500):
        chunk = erased[start : start + 500]
        connection.exec_driver_sql(
            f"DELETE FROM sync_conflict WHERE record_id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        )


def queue_id(table: str, record_id: str, name: str, loser_stamp: tuple[int, str]) -> str:
    """The review queue's key: what lost, not against what, so the same lost edit is one
    entry whatever beats it, and an entry once reviewed stays reviewed."""
    identity = json.dumps([table, record_id, name, [loser_stamp[0], loser_stamp[1]]])
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def _record_conflicts(connection: Connection, table: str, lost: list[Conflict]) -> int:
    rows = []
    for conflict in lost:
        rows.append((
            queue_id(table, conflict.record_id, conflict.field, conflict.loser_stamp),
            table, conflict.record_id,
            conflict.field, json.dumps(conflict.winner_value), conflict.winner_stamp[0],
            conflict.winner_stamp[1], json.dumps(conflict.loser_value), conflict.loser_stamp[0],
            conflict.loser_stamp[1],
        ))  # fmt: skip
    if rows:
        connection.exec_driver_sql(
            "INSERT OR IGNORE INTO sync_conflict (id, entity, record_id, field, winner_value, "
            "winner_hlc, winner_device, loser_value, loser_hlc, loser_device, resolved) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            rows,  # type: ignore[arg-type]
        )
    return len(rows)
