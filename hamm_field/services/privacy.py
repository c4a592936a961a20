"""A family's consent withdrawals and restriction (Art. 18), as the screens show them.

Sharing withdrawn: the family is marked and referrals warn. Documentation withdrawn:
pseudonymous (``services/families.py`` records it). Restriction: set and lifted by the
coordination only (the central store; a laptop's package carrying one is refused), the
lifting with a reason, both in the audit chain like every write.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from hamm_field.domain.errors import FieldError, UserError, ValidationError
from hamm_field.domain.tables import Consent, Household
from hamm_field.domain.tables_privacy import Pseudonymisation, Restriction
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.services.records import RecordNotFound

SHARING_WITHDRAWN, PSEUDONYMOUS, RESTRICTED = "sharing_withdrawn", "pseudonymous", "restricted"


class CoordinationOnly(UserError):
    message = N_("Eine Einschränkung nach Art. 18 setzt und hebt nur die Koordination auf.")


class AlreadyRestricted(UserError):
    message = N_("Die Verarbeitung dieser Familie ist bereits eingeschränkt.")


class NotRestricted(UserError):
    message = N_("Die Verarbeitung dieser Familie ist nicht eingeschränkt.")


def _reason_required(field: str) -> ValidationError:
    return ValidationError([FieldError(field, N_("Bitte einen Grund angeben."))])


@dataclass(frozen=True)
class FamilyPrivacy:
    """What the family page says about consent and restriction (None: not so)."""

    sharing_withdrawn_on: dt.date | None = None
    pseudonymised_on: dt.date | None = None
    restricted_since: dt.date | None = None
    restriction_reason: str | None = None


def sharing_withdrawn(consents: Iterable[Consent]) -> dt.date | None:
    """The day sharing was withdrawn, unless a consent to sharing was given after it."""
    alive = [c for c in consents if c.deleted_hlc is None]
    withdrawn = [c.withdrawn_on for c in alive if c.withdrawn_sharing and c.withdrawn_on]
    if not withdrawn:
        return None
    last = max(withdrawn)
    renewed = any(c.scope_sharing and not c.withdrawn_sharing and c.given_on > last
                  for c in alive)  # fmt: skip
    return None if renewed else last


class Privacy:
    def __init__(self, context: Context) -> None:
        self.context = context

    def family(self, household_id: str) -> FamilyPrivacy:
        with self.context.store.read() as session:
            consents = session.exec(select(Consent).where(
                Consent.household_id == household_id)).all()
            pseudo = session.exec(select(Pseudonymisation.issued_on).where(
                Pseudonymisation.household_id == household_id).order_by(
                Pseudonymisation.issued_on)).first()
            restriction = _active(session, household_id)
        return FamilyPrivacy(
            sharing_withdrawn(consents), pseudo,
            restriction.since if restriction else None,
            restriction.reason if restriction else None)

    def marks(self, household_ids: list[str]) -> dict[str, frozenset[str]]:
        """For a page of a list: which of these families are marked, and how."""
        found: dict[str, set[str]] = defaultdict(set)
        if not household_ids:
            return {}
        with self.context.store.read() as session:
            by_family: dict[str, list[Consent]] = defaultdict(list)
            for consent in session.exec(select(Consent).where(
                    col(Consent.household_id).in_(household_ids))):
                by_family[consent.household_id].append(consent)
            for family, consents in by_family.items():
                if sharing_withdrawn(consents):
                    found[family].add(SHARING_WITHDRAWN)
            for family in session.exec(select(Pseudonymisation.household_id).where(
                    col(Pseudonymisation.household_id).in_(household_ids))):
                found[family].add(PSEUDONYMOUS)
            for family in session.exec(select(Restriction.household_id).where(
                    col(Restriction.household_id).in_(household_ids), _live())):
                found[family].add(RESTRICTED)
        return {family: frozenset(marks) for family, marks in found.items()}

    def _require_central(self) -> None:
        if not self.context.is_central:
            raise CoordinationOnly()

    def restrict(self, household_id: str, reason: str) -> Restriction:
        """Art. 18: from today the family is kept and counted, and nothing else."""
        if not reason.strip():
            raise _reason_required("reason")
        self._require_central()
        with self.context.store.write() as writer:
            session = writer.session
            household = session.get(Household, household_id)
            if household is None or household.deleted_hlc is not None:
                raise RecordNotFound()
            if _active(session, household_id) is not None:
                raise AlreadyRestricted()
            return writer.insert(Restriction(household_id=household_id, reason=reason.strip(),
                                             since=self.context.today()))

    def lift_restriction(self, household_id: str, reason: str) -> None:
        """Processing may go on; the lifting and its reason stay in the audit chain."""
        if not reason.strip():
            raise _reason_required("lift_reason")
        self._require_central()
        with self.context.store.write() as writer:
            restriction = _active(writer.session, household_id)
            if restriction is None:
                raise NotRestricted()
            writer.update(restriction, {"lifted_on": self.context.today(),
                                        "lift_reason": reason.strip()})


def _live():  # type: ignore[no-untyped-def]
    return col(Restriction.lifted_on).is_(None) & col(Restriction.deleted_hlc).is_(None)


def _active(session: Session, household_id: str) -> Restriction | None:
    return session.exec(select(Restriction).where(
        Restriction.household_id == household_id, _live()).order_by(
        Restriction.since, Restriction.id)).first()
