"""Merged families: records that name a merged-away family move to the one that stayed.

A merge leaves a ``household_redirect`` row (id = the merged-away family, ``target_id`` =
the survivor). Wherever a redirect is known, every ``household_id`` (and every redirect's
``target_id``) that names a redirected family is rewritten to the end of its chain,
*without a new stamp*: the move is not an edit by anybody, it is a function of the set of
redirects. Stored rows are rewritten when a redirect arrives or is written, and incoming
rows of a package before they are merged, so a store reaches the same rows whatever the
order in which the merge and late packages under the old id arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.engine import Connection

from hamm_field.store import sync_rows

Row = dict[str, Any]
REDIRECT_TABLE = "household_redirect"
FAMILY_TABLES: tuple[str, ...] = tuple(
    name for name, model in sync_rows.BY_NAME.items() if "household_id" in model.model_fields
)


def known(connection: Connection) -> dict[str, str]:
    """The live redirects of this store: merged-away id -> the id it was merged into."""
    return dict(connection.exec_driver_sql(  # type: ignore[arg-type]
        f"SELECT id, target_id FROM {REDIRECT_TABLE} "
        "WHERE deleted_hlc IS NULL AND target_id IS NOT NULL").all())  # fmt: skip


def with_rows(redirects: Mapping[str, str], rows: Iterable[Row]) -> dict[str, str]:
    """``redirects`` plus the live redirects among incoming ``rows`` (as they arrived)."""
    merged = dict(redirects)
    for row in rows:
        source, target = row.get("id"), row.get("target_id")
        if row.get("deleted_hlc") is None and isinstance(source, str) and isinstance(
                target, str) and target:  # fmt: skip
            merged.setdefault(source, target)
    return merged


def resolve(redirects: Mapping[str, str]) -> dict[str, str]:
    """Each redirected id -> the end of its chain (A->B, B->C gives A->C, B->C).

    A cycle (never written by one coordination, but a store must not loop on one) ends at
    its smallest id, so the result still depends on the set of redirects only.
    """
    final: dict[str, str] = {}
    for start in redirects:
        path: list[str] = []
        seen: set[str] = set()
        node = start
        while node in redirects and node not in final and node not in seen:
            seen.add(node)
            path.append(node)
            node = redirects[node]
        if node in final:
            end = final[node]
        elif node in seen:
            end = min(path[path.index(node):])
        else:
            end = node
        for step in path:
            if step != end:
                final[step] = end
    return final


def rewrite_row(table: str, row: Row, final: Mapping[str, str]) -> Row:
    """An incoming row as it reads once the known redirects are applied (same stamps)."""
    if not final:
        return row
    if table in FAMILY_TABLES:
        family = row.get("household_id")
        if isinstance(family, str) and family in final:
            return {**row, "household_id": final[family]}
    elif table == REDIRECT_TABLE:
        target = row.get("target_id")
        if isinstance(target, str) and target in final and final[target] != row["id"]:
            return {**row, "target_id": final[target]}
    return row


def rewrite_store(connection: Connection, final: Mapping[str, str]) -> set[str]:
    """Move every stored record that names a redirected family; returns the families
    that lost or received records (their search texts need a refresh).

    A plain UPDATE: the Kennzahlen triggers log the contacts' move, so the counts follow.
    """
    if not final:
        return set()
    pairs = sorted(final.items())
    moved: set[str] = set()
    for table in FAMILY_TABLES:
        for source, target in pairs:
            result = connection.exec_driver_sql(
                f'UPDATE "{table}" SET household_id = ? WHERE household_id = ?',
                (target, source))  # fmt: skip
            if result.rowcount:
                moved.update((source, target))
    connection.exec_driver_sql(
        f"UPDATE {REDIRECT_TABLE} SET target_id = ? WHERE target_id = ? AND id != ?",
        [(target, source, target) for source, target in pairs],  # type: ignore[arg-type]
    )
    return moved


def targets_of(connection: Connection, families: Iterable[str]) -> set[str]:
    """The final targets of the redirected ones among ``families``."""
    final = resolve(known(connection))
    return {final[family] for family in families if family in final}
