"""Kindeswohl alerts at the coordination.

An observation whose concern is ``erheblich`` asks the coordination to act. Once it
arrives from a laptop it is an alert until a coordinator marks it as seen. The mark
lives in ``local_state`` of the coordination's store (it is that store's own fact and
never travels) and the audit log records who saw which observation when, by id only.

An alert names the family, the date and the author, never the note: the note stays on
the family page, which only the author and the coordination can open. A laptop has no
alerts at all.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Household, Observation, Worker
from hamm_field.domain.vocab import Concern, DeviceRole
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.store import audit, state

SEEN_PREFIX = "kindeswohl_seen:"
SEEN_ACTION = "seen"


class AlertGone(UserError):
    message = N_("Diesen Kindeswohl-Hinweis gibt es nicht mehr.")


@dataclass(frozen=True)
class KindeswohlAlert:
    """What the alert lists show: enough to find the family, nothing of the note."""

    observation_id: str
    household_id: str
    family_name: str
    date: dt.date
    author_name: str


def _is_central(session: Session) -> bool:
    return state.get(session, "device_role") == DeviceRole.CENTRAL.value


def _alerting(own_device: str) -> tuple:  # type: ignore[type-arg]
    """Live ``erheblich`` observations that arrived from another device."""
    return (
        Observation.concern == Concern.ERHEBLICH.value,
        col(Observation.deleted_hlc).is_(None),
        col(Observation.erased).is_(False),
        Observation.created_device != own_device,
    )


def unseen_ids(session: Session, own_device: str) -> set[str]:
    """Ids of the alerts nobody at this store has marked as seen (none on a laptop)."""
    if not _is_central(session):
        return set()
    seen = state.with_prefix(session, SEEN_PREFIX)
    ids = session.exec(select(Observation.id).where(*_alerting(own_device))).all()
    return {i for i in ids if i not in seen}


class Kindeswohl:
    def __init__(self, context: Context) -> None:
        self.context = context

    def unseen_ids(self) -> set[str]:
        with self.context.store.read() as session:
            return unseen_ids(session, self.context.store.device_id)

    def alerts(self) -> list[KindeswohlAlert]:
        """Unseen alerts, newest observation first."""
        store = self.context.store
        statement = (
            select(Observation.id, Observation.household_id, Household.family_name,
                   Observation.date, Worker.name)
            .join(Household, Household.id == Observation.household_id, isouter=True)
            .join(Worker, Worker.id == Observation.author_id, isouter=True)
            .where(*_alerting(store.device_id))
            .order_by(col(Observation.date).desc(), col(Observation.id))
        )
        with store.read() as session:
            if not _is_central(session):
                return []
            seen = state.with_prefix(session, SEEN_PREFIX)
            rows = session.exec(statement).all()
        return [KindeswohlAlert(oid, hid, name or "", date, author or "")
                for oid, hid, name, date, author in rows if oid not in seen]

    def mark_seen(self, observation_id: str) -> None:
        """Record who saw the alert and when; it no longer shows. Seeing it twice is harmless."""
        with self.context.store.write() as writer:
            session = writer.session
            observation = session.get(Observation, observation_id)
            if observation is None or not _is_central(session):
                raise AlertGone()
            key = SEEN_PREFIX + observation_id
            if state.get(session, key) is not None:
                return
            at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            state.put(session, key, json.dumps({"worker_id": writer.worker_id, "at": at}))
            audit.append(session, hlc=writer.clock.now(), device_id=writer.device_id,
                         worker_id=writer.worker_id, action=SEEN_ACTION, entity="observation",
                         record_id=observation_id, fields=[])
