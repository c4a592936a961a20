"""The Starterpakete screen: recent handouts and families still waiting for one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import col, select

from hamm_field.domain.tables import Household, StarterpaketHandout
from hamm_field.services.context import Context
from hamm_field.store.search import in_paket


@dataclass(frozen=True)
class HandoutRow:
    handout: StarterpaketHandout
    family_name: str


class Starterpakete:
    def __init__(self, context: Context) -> None:
        self.context = context

    def recent(self, limit: int = 200) -> list[HandoutRow]:
        statement = (
            select(StarterpaketHandout, Household.family_name)
            .join(Household, Household.id == StarterpaketHandout.household_id)
            .where(StarterpaketHandout.deleted_hlc.is_(None))
            .order_by(col(StarterpaketHandout.date).desc())
            .limit(limit)
        )
        with self.context.store.read() as session:
            return [HandoutRow(h, name) for h, name in session.exec(statement)]

    def waiting(self, limit: int = 200, months: int = 12) -> list[Household]:
        """Active families in Paket 1 (Neuzugewanderte), first met within ``months``,
        without any handout yet; an erased family (Art. 17) gets none any more."""
        since = self.context.today() - dt.timedelta(days=months * 31)
        handed = select(StarterpaketHandout.id).where(
            StarterpaketHandout.household_id == Household.id,
            StarterpaketHandout.deleted_hlc.is_(None),
        )
        statement = (
            select(Household)
            .where(
                Household.deleted_hlc.is_(None),
                Household.erased.is_(False),  # type: ignore[attr-defined]
                Household.status == "aktiv",
                in_paket(1),
                Household.first_contact >= since,
                ~handed.exists(),
            )
            .order_by(col(Household.first_contact).desc())
            .limit(limit)
        )
        if not self.context.is_coordination:
            statement = statement.where(Household.worker_id == self.context.worker_id)
        with self.context.store.read() as session:
            return list(session.exec(statement))
