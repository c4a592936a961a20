"""Carrying out an erasure (GDPR Art. 17) on the rows of one store.

The same SQL runs where the coordination issues the erasure and wherever its record
arrives later, so every store ends up with the same blanked rows whatever the order of
packages. Rows keep their stamps: the ``erased`` flag wins every merge on its own (see
``sync/merge.py``), so a bumped stamp would only make stores differ.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from hamm_field.domain.erasure import BLANK_NAME, ERASED_FIELDS
from hamm_field.store.search import latin_name

# For each kind of subject: the tables holding its values, and the column naming it.
SUBJECT_ROWS: dict[str, dict[str, str]] = {
    "household": {
        "household": "id", "person": "household_id", "consent": "household_id",
        "contact": "household_id", "starterpaket_handout": "household_id",
        "case_phase": "household_id", "goal": "household_id", "observation": "household_id",
        "retention_hold": "household_id",
    },
    "person": {"person": "id", "consent": "person_id", "goal": "person_id",
               "observation": "person_id"},
    # A Kindeswohl observation past its own Löschfrist (services/retention.py).
    "observation": {"observation": "id"},
}  # fmt: skip

SUBJECTS = tuple(SUBJECT_ROWS)


def blanks(table: str) -> dict[str, Any]:
    """The values an erased row of ``table`` holds, derived columns included."""
    values = dict(ERASED_FIELDS.get(table, {}))
    if table == "person":
        values["name_latin"] = latin_name(BLANK_NAME, BLANK_NAME)
    return values


def erase_subject(connection: Connection, subject_table: str, subject_id: str) -> set[str]:
    """Blank every row of the subject; returns the households whose search text changed.

    The conflict queue loses the subject's entries too: a losing value is a value.
    """
    households: set[str] = set()
    for table, column in SUBJECT_ROWS[subject_table].items():
        values = blanks(table)
        assignments = ", ".join(["erased = 1", *(f'"{name}" = ?' for name in values)])
        connection.exec_driver_sql(
            f'UPDATE "{table}" SET {assignments} WHERE "{column}" = ?',
            (*values.values(), subject_id),
        )
        connection.exec_driver_sql(
            f'DELETE FROM sync_conflict WHERE entity = ? AND record_id IN '
            f'(SELECT id FROM "{table}" WHERE "{column}" = ?)',
            (table, subject_id),
        )
        if table == "household":
            households.add(subject_id)
        elif table == "person":
            households.update(row[0] for row in connection.exec_driver_sql(
                'SELECT household_id FROM person WHERE "id" = ?', (subject_id,)))
    return households


def erased_subjects(connection: Connection) -> dict[str, set[str]]:
    """Every subject erased in this store, by kind."""
    subjects: dict[str, set[str]] = {kind: set() for kind in SUBJECTS}
    for kind, subject_id in connection.exec_driver_sql(
        "SELECT subject_table, subject_id FROM erasure WHERE deleted_hlc IS NULL"
    ):
        subjects.setdefault(kind, set()).add(subject_id)
    return subjects


def belongs_to_erased(table: str, row: dict[str, Any], subjects: dict[str, set[str]]) -> bool:
    """Whether an arriving row holds values of an erased family or person."""
    for kind, tables in SUBJECT_ROWS.items():
        column = tables.get(table)
        if column is not None and row.get(column) in subjects.get(kind, ()):
            return True
    return False
