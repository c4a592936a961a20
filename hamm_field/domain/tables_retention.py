"""Tables of the Löschfristen: the coordination's rules and its holds.

Both travel from the coordination to the laptops and are never accepted from a laptop
(``sync/authority.py`` admits field records only): a laptop cannot shorten a period or
lift a hold. Rules go to every laptop, holds with the families a laptop holds.
"""

from __future__ import annotations

import datetime as dt

from hamm_field.domain.tables_base import Replicated, reference


class RetentionRule(Replicated, table=True):
    """One period per kind of record (``domain/retention.py``), its id from its name."""

    __tablename__ = "retention_rule"

    rule: str
    period: int


class RetentionHold(Replicated, table=True):
    """"Aufbewahren bis": the family is kept until ``until`` although its period is over."""

    __tablename__ = "retention_hold"

    household_id: str = reference("household.id", nullable=False)
    until: dt.date
    reason: str
