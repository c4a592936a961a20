"""Löschfristen at the coordination and on the laptops.

The coordination sets the periods (they travel like master data), reviews what is due
("Zur Löschung fällig") and deletes it by the Art. 17 erasure (``services/erasure.py``),
so the deletion travels and what was done stays countable; or it keeps a family longer
with a hold ("Aufbewahren bis", with a reason), which travels too, so no laptop blanks it.

Four eyes, when switched on: a store has one identity (the coordination's), so the
deleting coordinators name themselves. The first "Löschen" only marks the record as
"vorgemerkt" under that name (kept in the encrypted ``local_state``); a second "Löschen"
under a different name carries it out, the same name is refused.

A laptop blanks what is due itself, once unlocked (the main window asks in the
background) and after each return package, as soon as its own writes about it are
acknowledged (``store/retention_local.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import col, select

from hamm_field.domain import retention as periods
from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Household
from hamm_field.domain.tables_retention import RetentionHold
from hamm_field.domain.vocab import DeviceRole
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.services.drafts import PREFIX as DRAFT
from hamm_field.services.drafts import SAVED_PREFIX as DRAFT_SAVED
from hamm_field.services.erasure import Erasures
from hamm_field.services.sync import QUARANTINE_DAYS, CentralOnly, Sync
from hamm_field.store import audit, state
from hamm_field.store import retention as rules_store
from hamm_field.store.retention_local import AUDIT_ACTION, Blanked, blank_due
from hamm_field.store.unit import Writer
from hamm_field.sync import quarantine
from hamm_field.sync.package import ACKED

FOUR_EYES = "retention_four_eyes"  # local_state of the coordination: "1" when on
MARK_PREFIX = "retention_mark:"  # + kind:id -> {"by": name, "on": ISO day}
OBSERVATION = "observation"
FAMILY = "household"
ENDED_PREFIX = "beendet: "  # in the reason of an ended hold, before why it ended


class SameCoordinator(UserError):
    message = N_("Die Löschung hat {name} vorgemerkt. Bestätigen muss eine andere Person.")


class NameRequired(UserError):
    message = N_("Bitte den eigenen Namen angeben: die Löschung braucht zwei Personen.")


class NotDue(UserError):
    message = N_("Dieser Eintrag ist nicht (mehr) zur Löschung fällig.")


class BadHold(UserError):
    message = N_("Bitte ein Datum nach heute und einen Grund angeben.")


class BadEnd(UserError):
    message = N_("Bitte einen Grund angeben, warum die Aufbewahrung endet.")


class NotHeld(UserError):
    message = N_("Diese Familie wird nicht (mehr) aufbewahrt.")


@dataclass(frozen=True)
class DueItem:
    """One row of "Zur Löschung fällig"."""

    kind: str  # FAMILY or OBSERVATION
    subject_id: str
    household_id: str
    family_name: str
    reason: str  # store.retention.LAST_CONTACT / CLOSED / CREATED, or OBSERVATION
    since: dt.date
    due_on: dt.date
    hold_until: dt.date | None = None
    hold_reason: str = ""
    marked_by: str = ""  # four eyes: who marked it for deletion

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.subject_id)


@dataclass(frozen=True)
class DeletionResult:
    deleted: int
    marked: int


class Retention:
    def __init__(self, context: Context) -> None:
        self.context = context

    def _require_central(self) -> None:
        if not self.context.is_central:
            raise CentralOnly()

    # Settings -------------------------------------------------------------------------

    def rules(self) -> dict[str, int]:
        """Every period by name (``domain/retention.py``), defaults where none was set."""
        with self.context.store.read() as session:
            rules = rules_store.rules(session.connection())
            own = state.get(session, QUARANTINE_DAYS)
        # The Sync screen's setting, perhaps set before any rule.
        if own and self.context.is_central:
            rules[periods.QUARANTINE] = periods.clamp(periods.QUARANTINE, own)
        return rules

    def set_rules(self, values: dict[str, int]) -> dict[str, int]:
        """Central: set periods (each clamped to its range); they travel to the laptops."""
        self._require_central()
        with self.context.store.write() as writer:
            for name, value in values.items():
                if name in periods.PERIODS:
                    rules_store.put_rule(writer, name, value)
        if periods.QUARANTINE in values:
            Sync(self.context).set_quarantine_days(self.rules()[periods.QUARANTINE])
        return self.rules()

    def four_eyes(self) -> bool:
        with self.context.store.read() as session:
            return state.get(session, FOUR_EYES) == "1"

    def set_four_eyes(self, on: bool) -> None:
        self._require_central()
        with self.context.store.write() as writer:
            state.put(writer.session, FOUR_EYES, "1" if on else "0")

    # The review list ------------------------------------------------------------------

    def due(self) -> list[DueItem]:
        """Central: families and observations past their period, held ones included."""
        self._require_central()
        today = self.context.today()
        with self.context.store.read() as session:
            connection = session.connection()
            rules = rules_store.rules(connection)
            families = rules_store.due_families(connection, today, rules[periods.FAMILY])
            observations = rules_store.due_observations(connection, today,
                                                        rules[periods.KINDESWOHL])
            wanted = {d.household_id for d in families} | {o.household_id for o in observations}
            names = dict(session.exec(select(Household.id, Household.family_name).where(
                col(Household.id).in_(wanted))).all())
            marks = state.with_prefix(session, MARK_PREFIX)
        items = [DueItem(FAMILY, d.household_id, d.household_id,
                         names.get(d.household_id, ""), d.reason, d.since, d.due_on,
                         d.hold_until, d.hold_reason,
                         _marker(marks, FAMILY, d.household_id, d.due_on))
                 for d in families]  # fmt: skip
        blocked = {d.household_id for d in families}
        items += [DueItem(OBSERVATION, o.observation_id, o.household_id,
                          names.get(o.household_id, ""), OBSERVATION, o.since, o.due_on,
                          marked_by=_marker(marks, OBSERVATION, o.observation_id, o.due_on))
                  for o in observations if o.household_id not in blocked]  # fmt: skip
        return sorted(items, key=lambda item: (item.due_on, item.family_name, item.subject_id))

    def delete(self, keys: list[tuple[str, str]], coordinator: str = "") -> DeletionResult:
        """Central: erase the given due records (Art. 17), or with four eyes mark them first.

        Everything is checked before anything changes: a record not due, or marked by the
        same person, refuses the whole selection.
        """
        self._require_central()
        four_eyes, name = self.four_eyes(), " ".join(coordinator.split())
        if four_eyes and not name:
            raise NameRequired()
        due = {item.key: item for item in self.due() if item.hold_until is None}
        for key in keys:
            item = due.get(key)
            if item is None:
                raise NotDue()
            if four_eyes and item.marked_by.casefold() == name.casefold():
                raise SameCoordinator(name=item.marked_by)
        erasures = Erasures(self.context)
        deleted = marked = 0
        for key in keys:
            if four_eyes and not due[key].marked_by:
                self._mark(key, name, due[key].due_on)
                marked += 1
                continue
            kind, subject = key
            (erasures.erase_family if kind == FAMILY else erasures.erase_observation)(subject)
            self._unmark(key, periods.four_eyes_fields(due[key].marked_by, name)
                         if four_eyes else None)  # fmt: skip
            deleted += 1
        return DeletionResult(deleted, marked)

    def hold(self, household_ids: list[str], until: dt.date, reason: str) -> None:
        """Central: keep these families until ``until`` (after today), for ``reason``.

        A family already on hold has that hold changed, not a second one added: the
        longest hold would otherwise win and a hold could never be shortened.
        """
        self._require_central()
        reason, today = reason.strip(), self.context.today()
        if until <= today or not reason:
            raise BadHold()
        with self.context.store.write() as writer:
            for family in household_ids:
                if writer.session.get(Household, family) is None:
                    raise NotDue()
                current = _lasting_holds(writer, family, today)
                if current:
                    writer.update(current[0], {"until": until, "reason": reason})
                    for extra in current[1:]:
                        writer.update(extra, {"until": today - dt.timedelta(days=1)})
                else:
                    writer.insert(RetentionHold(household_id=family, until=until,
                                                reason=reason))
                state.delete(writer.session, f"{MARK_PREFIX}{FAMILY}:{family}")

    def end_hold(self, household_ids: list[str], reason: str) -> int:
        """Central: "Aufbewahrung beenden": the hold ends yesterday, so the family is due
        again here and, once the change has travelled, on the laptops. The hold row stays
        with both reasons, so it remains visible why it was kept and why no longer."""
        self._require_central()
        reason, today = reason.strip(), self.context.today()
        if not reason:
            raise BadEnd()
        ended = 0
        with self.context.store.write() as writer:
            for family in household_ids:
                current = _lasting_holds(writer, family, today)
                if not current:
                    raise NotHeld()
                for row in current:
                    writer.update(row, {"until": today - dt.timedelta(days=1),
                                        "reason": f"{row.reason}; {ENDED_PREFIX}{reason}"})
                ended += 1
        return ended

    def _mark(self, key: tuple[str, str], name: str, due_on: dt.date) -> None:
        """Four eyes: the first coordinator's mark, and its entry in the audit chain."""
        value = json.dumps({"by": name, "on": self.context.today().isoformat(),
                            "due": due_on.isoformat()})
        with self.context.store.write() as writer:
            state.put(writer.session, f"{MARK_PREFIX}{key[0]}:{key[1]}", value)
            _audit(writer, periods.MARK_ACTION, key, periods.four_eyes_fields(name))

    def _unmark(self, key: tuple[str, str], confirmed: list[str] | None = None) -> None:
        """Drop the mark; ``confirmed``: both names, audited as the confirmation."""
        with self.context.store.write() as writer:
            state.delete(writer.session, f"{MARK_PREFIX}{key[0]}:{key[1]}")
            if confirmed:
                _audit(writer, periods.CONFIRM_ACTION, key, confirmed)

    # What every store does on its own -------------------------------------------------

    def housekeeping(self) -> Blanked:
        """Drafts past their period go everywhere; a laptop also blanks what is due and
        keeps refused return packages no longer than the coordination says. Writes only
        when there is something to do, so opening a store changes nothing otherwise."""
        rules = self.rules()
        self._drop_old_drafts(rules[periods.DRAFTS])
        if self.context.device_role != DeviceRole.FIELD.value:
            return Blanked()
        with self.context.store.read() as session:
            days = rules_store.set_rules(session.connection()).get(periods.QUARANTINE)
            same = days is None or state.get(session, QUARANTINE_DAYS) == str(days)
        if not same:  # a period the coordination set wins over the laptop's own
            with self.context.store.write() as writer:
                state.put(writer.session, QUARANTINE_DAYS, str(days))
            quarantine.remove_expired(self.context.store.paths.quarantine, int(days or 0))
        return self.blank_due()

    def blank_due(self) -> Blanked:
        """Laptop: remove due families and observations whose own writes are acknowledged."""
        today = self.context.today()
        with self.context.store.engine.connect() as connection:
            if not (rules_store.blocked_families(connection, today)
                    or rules_store.blocked_observations(connection, today)):
                return Blanked()
        with self.context.store.write() as writer:
            acked = int(state.get(writer.session, ACKED) or 0)
            blanked = blank_due(writer.session.connection(), device_id=writer.device_id,
                                acked=acked, today=today)
            for family in blanked.families:
                audit.append(writer.session, hlc=writer.clock.now(), device_id=writer.device_id,
                             worker_id=writer.worker_id, action=AUDIT_ACTION,
                             entity="household", record_id=family, fields=[])
            writer.session.expire_all()
        return blanked

    def _drop_old_drafts(self, days: int) -> None:
        today = self.context.today()
        cutoff = today - dt.timedelta(days=days)
        with self.context.store.read() as session:
            drafts = set(state.with_prefix(session, DRAFT))
            saved = state.with_prefix(session, DRAFT_SAVED)
        gone = [name for name, day in saved.items()
                if name not in drafts or dt.date.fromisoformat(day) <= cutoff]  # fmt: skip
        new = drafts - set(saved)  # first seen now (saved by an older version)
        if not gone and not new:
            return
        with self.context.store.write() as writer:
            for name in gone:
                state.delete(writer.session, DRAFT + name)
                state.delete(writer.session, DRAFT_SAVED + name)
            for name in new:
                state.put(writer.session, DRAFT_SAVED + name, today.isoformat())


def _audit(writer: Writer, action: str, key: tuple[str, str], fields: list[str]) -> None:
    audit.append(writer.session, hlc=writer.clock.now(), device_id=writer.device_id,
                 worker_id=writer.worker_id, action=action, entity=key[0],
                 record_id=key[1], fields=fields)


def _lasting_holds(writer: Writer, family: str, today: dt.date) -> list[RetentionHold]:
    """The family's live holds that still last today, the longest first."""
    return list(writer.session.exec(
        select(RetentionHold).where(
            RetentionHold.household_id == family, col(RetentionHold.deleted_hlc).is_(None),
            col(RetentionHold.erased).is_(False), RetentionHold.until >= today)
        .order_by(col(RetentionHold.until).desc())).all())


def _marker(marks: dict[str, str], kind: str, subject: str, due_on: dt.date) -> str:
    """Who marked the record, if the mark is for this same due date: a family that had
    new work since and became due again needs a first coordinator again."""
    raw = marks.get(f"{kind}:{subject}")
    if not raw:
        return ""
    try:
        mark = json.loads(raw)
        return str(mark.get("by") or "") if mark.get("due") == due_on.isoformat() else ""
    except (ValueError, AttributeError):
        return ""
