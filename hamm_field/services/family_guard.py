"""What every write of a family's records checks first: restriction and pseudonymity.

A restricted family (Art. 18) is not processed: no record of it is created, edited,
deleted or restored, on any store, until the coordination lifts the restriction. In a
pseudonymous family (consent to documentation withdrawn) names, address and dates of
birth stay blank: a form that sends them gets the blanks stored instead.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from hamm_field.domain.errors import UserError
from hamm_field.domain.pseudonym import FAMILY_COLUMN, blanked_values
from hamm_field.domain.tables_base import Replicated
from hamm_field.i18n import N_
from hamm_field.i18n.formatting import format_day
from hamm_field.store import privacy


class RestrictedFamily(UserError):
    message = N_("Die Verarbeitung der Daten dieser Familie ist seit {since} eingeschränkt "
                 "(DSGVO Art. 18): {reason}. Sie kann nicht geändert werden, bis die "
                 "Koordination die Einschränkung aufhebt.")


def family_id(table: str, values: dict[str, Any], before: Replicated | None) -> str | None:
    if table == "household":
        return before.id if before is not None else None
    return values.get("household_id") or getattr(before, "household_id", None)


def refuse_restricted(session: Session, table: str, values: dict[str, Any],
                      before: Replicated | None) -> None:  # fmt: skip
    family = family_id(table, values, before)
    if family is None:
        return
    found = privacy.restricted(session.connection(), family).get(family)
    if found is not None:
        reason, since = found
        raise RestrictedFamily(reason=reason, since=format_day(since))


def pseudonymous_values(session: Session, table: str, values: dict[str, Any],
                        before: Replicated | None) -> dict[str, Any]:  # fmt: skip
    """``values`` with the blanks of a pseudonymous family where they apply."""
    family = family_id(table, values, before)
    if table not in FAMILY_COLUMN or family is None:
        return values
    if not privacy.is_pseudonymised(session.connection(), family):
        return values
    blanks = blanked_values(table, family)
    return {**values, **{name: value for name, value in blanks.items()
                         if name in values or before is None}}
