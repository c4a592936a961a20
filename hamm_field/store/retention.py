"""Which families and Kindeswohl observations are past their Löschfrist, read by SQL.

The same queries run at the coordination (its review list, and which families its return
packages still hand out) and on a laptop (which families it blanks itself), so both judge
by the rules the coordination set (``retention_rule`` rows) and the holds it issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from hamm_field.domain import retention
from hamm_field.domain.hlc import millis_of
from hamm_field.domain.tables_retention import RetentionRule
from hamm_field.domain.vocab import FamilyStatus
from hamm_field.store.unit import Writer

# Why a family is due: the date its period counts from.
LAST_CONTACT, CLOSED, CREATED = "last_contact", "closed", "created"


@dataclass(frozen=True)
class DueFamily:
    household_id: str
    reason: str  # LAST_CONTACT, CLOSED or CREATED
    since: dt.date
    due_on: dt.date
    hold_until: dt.date | None = None
    hold_reason: str = ""


@dataclass(frozen=True)
class DueObservation:
    observation_id: str
    household_id: str
    since: dt.date
    due_on: dt.date


def rules(connection: Connection) -> dict[str, int]:
    """Every period, the coordination's value where it set one, else the default."""
    found = {name: period.default for name, period in retention.PERIODS.items()}
    return {**found, **set_rules(connection)}


def set_rules(connection: Connection) -> dict[str, int]:
    """Only the periods the coordination has set."""
    found = {}
    for name, value in connection.exec_driver_sql(
        "SELECT rule, period FROM retention_rule WHERE deleted_hlc IS NULL"
    ):
        if name in retention.PERIODS:
            found[name] = retention.clamp(name, value)
    return found


def holds(connection: Connection, today: dt.date) -> dict[str, tuple[dt.date, str]]:
    """The latest hold of each family that still lasts today."""
    found: dict[str, tuple[dt.date, str]] = {}
    for family, until, reason in connection.exec_driver_sql(
        "SELECT household_id, until, reason FROM retention_hold "
        "WHERE deleted_hlc IS NULL AND erased = 0 AND until >= ? ORDER BY until",
        (today.isoformat(),),
    ):
        found[family] = (dt.date.fromisoformat(until), reason)
    return found


def _day_of(stamp: int) -> dt.date:
    return dt.datetime.fromtimestamp(millis_of(int(stamp)) / 1000, dt.UTC).date()


def due_families(connection: Connection, today: dt.date, months: int) -> list[DueFamily]:
    """Live, not erased families whose latest sign of work is ``months`` or more ago:
    the last contact (or, without any, the creation), or the closing if that is later.

    Families on hold are listed with their hold; the caller decides what a hold means.
    """
    cutoff = retention.months_before(today, months).isoformat()
    kept = holds(connection, today)
    found: list[DueFamily] = []
    for family, status, status_stamp, created, last_contact in connection.exec_driver_sql(
        "SELECT h.id, h.status, json_extract(h.stamps, '$.status[0]'), h.created_hlc, "
        "(SELECT max(c.date) FROM contact c WHERE c.household_id = h.id "
        " AND c.deleted_hlc IS NULL) AS last_contact "
        "FROM household h WHERE h.deleted_hlc IS NULL AND h.erased = 0 "
        # One seek per family (ix_contact_household_live_date); the last contact is
        # looked up for the few families that pass.
        "AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.household_id = h.id "
        " AND c.deleted_hlc IS NULL AND c.date > ?)", (cutoff,),
    ):
        # Recorded later than the work it documents, a family counts from its work.
        dates = ({LAST_CONTACT: dt.date.fromisoformat(last_contact)} if last_contact
                 else {CREATED: _day_of(created)})  # fmt: skip
        if status == FamilyStatus.ABGESCHLOSSEN:
            dates[CLOSED] = _day_of(status_stamp or created)
        reason = max(dates, key=lambda name: (dates[name], name == CLOSED))
        since = dates[reason]
        due_on = retention.months_after(since, months)
        if due_on > today:
            continue
        hold = kept.get(family)
        found.append(DueFamily(family, reason, since, due_on, *(hold or (None, ""))))
    return sorted(found, key=lambda due: (due.due_on, due.household_id))


def due_observations(connection: Connection, today: dt.date, months: int) -> list[DueObservation]:
    """Live, not erased observations dated ``months`` or more ago, outside held families."""
    cutoff = retention.months_before(today, months)
    kept = holds(connection, today)
    found = []
    for observation, family, date in connection.exec_driver_sql(
        "SELECT id, household_id, date FROM observation "
        "WHERE deleted_hlc IS NULL AND erased = 0 AND date <= ? ORDER BY date, id",
        (cutoff.isoformat(),),
    ):
        if family in kept:
            continue
        since = dt.date.fromisoformat(date)
        found.append(DueObservation(observation, family, since,
                                    retention.months_after(since, months)))
    return found


def blocked_families(connection: Connection, today: dt.date) -> set[str]:
    """Families a return package no longer hands out: due and not on hold."""
    months = rules(connection)[retention.FAMILY]
    return {due.household_id for due in due_families(connection, today, months)
            if due.hold_until is None}  # fmt: skip


def blocked_observations(connection: Connection, today: dt.date) -> set[str]:
    months = rules(connection)[retention.KINDESWOHL]
    return {due.observation_id for due in due_observations(connection, today, months)}


def put_rule(writer: Writer, name: str, value: int) -> int:
    """Central: set one period (clamped); the row travels in every return package."""
    value = retention.clamp(name, value)
    row = writer.session.get(RetentionRule, retention.rule_id(name))
    if row is None:
        writer.insert(RetentionRule(id=retention.rule_id(name), rule=name, period=value))
    else:
        writer.update(row, {"period": value})
    return value
