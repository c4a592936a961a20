"""A family's changes for its timeline: edits, deletions and undos, from the audit log.

The timeline lists records by their own date; this adds when a record of the family was
changed, deleted or brought back, and by whom, so a correction is never silent. Only
the names of actions are shown; values stay out of the audit log by design.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from hamm_field.domain.record_labels import AUDIT_ACTIONS, RECORD_KINDS
from hamm_field.domain.tables import (
    CasePhase,
    Consent,
    Contact,
    Goal,
    Observation,
    Person,
    StarterpaketHandout,
)
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.i18n import gettext
from hamm_field.services.context import Context

ENTITIES = RECORD_KINDS
ACTIONS = {action: AUDIT_ACTIONS[action] for action in ("update", "delete", "restore")}
"""What the timeline shows; a record's creation is the entry itself."""
_CHILDREN = (Person, Consent, Contact, StarterpaketHandout, CasePhase, Goal)


def record_ids(context: Context, household_id: str) -> set[str]:
    """The family and every record of it, deleted ones too (their deletion is news)."""
    ids = {household_id}
    with context.store.read() as session:
        for table in _CHILDREN:
            ids.update(session.exec(select(table.id).where(table.household_id == household_id)))
        seen = select(Observation.id).where(Observation.household_id == household_id)
        if not context.is_coordination:
            seen = seen.where(Observation.author_id == context.worker_id)
        ids.update(session.exec(seen))
    return ids


def changes(context: Context, household_id: str) -> list[tuple[dt.date, str, str, str | None]]:
    """``(date, record id, title, worker id)`` of every change after a record was made."""
    ids = record_ids(context, household_id)
    statement = select(AuditEntry).where(
        col(AuditEntry.record_id).in_(ids), col(AuditEntry.action).in_(list(ACTIONS))
    )
    with context.store.read() as session:
        entries = session.exec(statement).all()
    return [
        (
            dt.datetime.fromisoformat(e.at).date(),
            e.record_id,
            gettext(ACTIONS[e.action]).format(what=gettext(ENTITIES.get(e.entity, e.entity))),
            e.worker_id,
        )
        for e in entries
    ]



