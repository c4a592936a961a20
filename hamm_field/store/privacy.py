"""Pseudonymous and restricted families in one store: who they are, and blanking rows.

Pseudonymisation works like erasure (``store/erasure.py``): the same SQL blanks the rows
where the withdrawal is recorded and wherever its record arrives, and rows of such a
family that arrive later, from a laptop that still had the names, arrive blanked
whatever their stamps (``sync/apply.py``). Stamps stay as they are, so every store ends
up with the same rows in any order of packages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import Connection

from hamm_field.domain.erasure import BLANK_NAME
from hamm_field.domain.pseudonym import FAMILY_COLUMN, blanked_values, family_of
from hamm_field.store.search import latin_name

Row = dict[str, Any]


def pseudonymised(connection: Connection) -> set[str]:
    """Every pseudonymous family; a pseudonymisation is never undone, even if deleted."""
    return {row[0] for row in connection.exec_driver_sql(
        "SELECT DISTINCT household_id FROM pseudonymisation")}  # fmt: skip


def is_pseudonymised(connection: Connection, household_id: str) -> bool:
    return connection.exec_driver_sql(
        "SELECT 1 FROM pseudonymisation WHERE household_id = ? LIMIT 1", (household_id,)
    ).first() is not None


def restricted(connection: Connection, household_id: str | None = None
               ) -> dict[str, tuple[str, dt.date]]:  # fmt: skip
    """Families under an active restriction (Art. 18): id -> (reason, since); with
    ``household_id`` only that one (an indexed look-up, as every write asks)."""
    found: dict[str, tuple[str, dt.date]] = {}
    only = "" if household_id is None else "AND household_id = ? "
    for family, reason, since in connection.exec_driver_sql(
        "SELECT household_id, reason, since FROM restriction "
        f"WHERE lifted_on IS NULL AND deleted_hlc IS NULL {only}ORDER BY since, id",
        () if household_id is None else (household_id,),
    ):
        found.setdefault(family, (reason, dt.date.fromisoformat(str(since))))
    return found


def blank_rows(table: str, rows: list[Row], families: set[str]) -> list[Row]:
    """Arriving rows of a pseudonymous family carry blanks, however old or new the edit."""
    if table not in FAMILY_COLUMN or not families:
        return rows
    return [
        {**row, **blanked_values(table, family)}
        if (family := family_of(table, row)) in families else row
        for row in rows
    ]


def pseudonymise_family(connection: Connection, household_id: str) -> None:
    """Blank the names of the family, its members and its consents in this store.

    Losing values of those fields leave the conflict queue: they are names too.
    """
    for table, column in FAMILY_COLUMN.items():
        values = blanked_values(table, household_id)
        if table == "person":
            values["name_latin"] = latin_name(BLANK_NAME, BLANK_NAME)
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        connection.exec_driver_sql(
            f'UPDATE "{table}" SET {assignments} WHERE "{column}" = ?',
            (*values.values(), household_id),
        )
        fields = sorted(name for name in values if name != "name_latin")
        connection.exec_driver_sql(
            f'DELETE FROM sync_conflict WHERE entity = ? AND field IN '
            f'({", ".join("?" * len(fields))}) AND record_id IN '
            f'(SELECT id FROM "{table}" WHERE "{column}" = ?)',
            (table, *fields, household_id),
        )


def carry_out(connection: Connection, rows: Iterable[Row], known: set[str]) -> set[str]:
    """Newly arrived pseudonymisations blank what this store holds; returns those families."""
    done: set[str] = set()
    for row in rows:
        family = row.get("household_id")
        if family and family not in known:
            known.add(family)
            pseudonymise_family(connection, family)
            done.add(family)
    return done


def blank_again(connection: Connection, families: Iterable[str]) -> set[str]:
    """After families were merged (``store/redirects.py``), a survivor that took over a
    pseudonymisation loses its names too; returns those families."""
    known = pseudonymised(connection)
    done = {family for family in families if family in known}
    for family in sorted(done):
        pseudonymise_family(connection, family)
    return done
