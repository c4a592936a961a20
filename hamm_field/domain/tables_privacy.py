"""Records of what a family asked for under the GDPR besides erasure (Art. 7(3), Art. 18).

Both travel like every replicated record. They name the family by a plain id, not a
foreign key, so a laptop may hold the record of a family it does not hold (as with
``Erasure``), and a family merged into another takes them along (``store/redirects.py``).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from hamm_field.domain.tables_base import Replicated


class Pseudonymisation(Replicated, table=True):
    """Consent to documentation withdrawn: the family's names and address are blanked.

    Once recorded it is never undone (the names are gone), so its mere existence decides,
    whatever its stamps; any field worker of the family may record it, on any store.
    """

    household_id: str = Field(index=True, max_length=36)
    issued_on: dt.date


class Restriction(Replicated, table=True):
    """Art. 18: the family stays stored and countable, but nobody works with it.

    Set and lifted (``lifted_on``) by the coordination only; a laptop hides the family.
    """

    household_id: str = Field(index=True, max_length=36)
    reason: str
    since: dt.date
    lifted_on: dt.date | None = None
    lift_reason: str | None = None
