"""What "pseudonymous" means once a family withdrew its consent to documentation.

Names, address, dates of birth and a guardian's name go; the family keeps a pseudonym
made from its id, so every store computes the same one without asking another. Ids,
dates, codes and free text of the work stay, so contacts, counts and Kennzahlen do not
change (unlike an erasure, the work with the family may go on under the pseudonym).
"""

from __future__ import annotations

import hashlib
from typing import Any

from hamm_field.domain.erasure import BLANK_NAME

# The column that names the family, per table whose rows are blanked.
FAMILY_COLUMN = {"household": "id", "person": "household_id", "consent": "household_id"}

_BLANKED: dict[str, dict[str, Any]] = {
    "household": {"address": None, "pseudonym": True},
    "person": {"given_name": BLANK_NAME, "family_name": BLANK_NAME, "birth_date": None},
    "consent": {"guardian_name": None},
}  # fmt: skip


def pseudonym_for(household_id: str) -> str:
    """A stable, short name that says nothing about the family ("Familie P-3F9A2C")."""
    code = hashlib.sha256(household_id.encode()).hexdigest()[:6].upper()
    return f"Familie P-{code}"


def blanked_values(table: str, household_id: str) -> dict[str, Any]:
    """The values the row of ``table`` holds in a pseudonymous family ({}: untouched)."""
    values = dict(_BLANKED.get(table, {}))
    if table == "household":
        values["family_name"] = pseudonym_for(household_id)
    return values


def blanked_fields(table: str) -> frozenset[str]:
    return frozenset(blanked_values(table, "x"))


def family_of(table: str, row: dict[str, Any]) -> str | None:
    column = FAMILY_COLUMN.get(table)
    return None if column is None else row.get(column)
