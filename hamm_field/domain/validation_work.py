"""Validation of the work records: contacts, handouts, phases, goals, observations."""

from __future__ import annotations

import datetime as dt

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.validation import (
    MAX_DURATION_MIN,
    MAX_PARTICIPANTS,
    PAKETE,
    Checker,
    Values,
)
from hamm_field.domain.vocab import (
    CasePhase,
    Concern,
    ContactKind,
    GoalStatus,
    MasterKind,
    SchoolAttendance,
    UStatus,
)
from hamm_field.i18n import N_

# The allowed codes, built once: validation runs for every row of a large import.
_CONTACT_KIND = frozenset(ContactKind)
_GOAL_STATUS = frozenset(GoalStatus)
_SCHOOL_ATTENDANCE = frozenset(SchoolAttendance)
_U_STATUS = frozenset(UStatus)
_CONCERN = frozenset(Concern)

def validate_contact(values: Values, master: MasterIndex, today: dt.date) -> None:
    check = Checker(values, today)
    check.choice("kind", _CONTACT_KIND)
    check.date("date")
    check.integer("duration_min", 1, MAX_DURATION_MIN)
    check.master("sozialraum", MasterKind.SOZIALRAUM, master)
    check.master("language", MasterKind.SPRACHE, master, required=False)
    check.master_list("topics", MasterKind.THEMA, master)
    check.date("follow_up", required=False, future_ok=True)
    check.text("note", required=False, max_length=10_000)
    check.text("outcome", required=False, max_length=2_000)
    kind = values.get("kind")
    if kind == ContactKind.VERANSTALTUNG:
        check.text("title")
        check.integer("participants", 1, MAX_PARTICIPANTS)
        if values.get("household_id"):
            check.fail("household_id", N_("Eine Veranstaltung gehört zu keiner einzelnen Familie."))
        check.choice("paket", PAKETE, required=False)
    elif kind is not None:
        if not values.get("household_id"):
            check.fail("household_id", N_("Bitte eine Familie auswählen."))
        check.choice("paket", PAKETE)
    if kind == ContactKind.BEGLEITUNG:
        check.master("institution", MasterKind.INSTITUTION, master)
    else:
        check.master("institution", MasterKind.INSTITUTION, master, required=False)
    if kind == ContactKind.SPRECHSTUNDE:
        check.master("place", MasterKind.SPRECHSTUNDEN_ORT, master)
    check.done()


def validate_handout(values: Values, master: MasterIndex, today: dt.date) -> None:
    check = Checker(values, today)
    check.date("date")
    check.master("edition", MasterKind.STARTERPAKET_EDITION, master)
    if not values.get("items"):
        check.fail("items", N_("Bitte mindestens einen Teil des Starterpakets ankreuzen."))
    check.master_list("items", MasterKind.STARTERPAKET_ITEM, master)
    check.done()


def validate_phase(values: Values, today: dt.date) -> None:
    check = Checker(values, today)
    check.choice("phase", CasePhase.NUMBERS)
    check.date("started_on")
    check.done()


def validate_goal(values: Values, master: MasterIndex, today: dt.date) -> None:
    check = Checker(values, today)
    check.master("handlungsfeld", MasterKind.HANDLUNGSFELD, master)
    check.text("text", max_length=1_000)
    check.date("agreed_on")
    check.date("target_date", required=False, future_ok=True)
    check.date("review_date", required=False, future_ok=True)
    check.choice("status", _GOAL_STATUS)
    # Not required: a row written by an older version has none (reports read agreed_on).
    check.date("status_changed_on", required=False)
    agreed, target = values.get("agreed_on"), values.get("target_date")
    if isinstance(agreed, dt.date) and isinstance(target, dt.date) and target < agreed:
        check.fail("target_date", N_("Das Zieldatum liegt vor der Vereinbarung."))
    since = values.get("status_changed_on")
    if isinstance(agreed, dt.date) and isinstance(since, dt.date) and since < agreed:
        check.fail("status_changed_on", N_("Der Status kann nicht vor der Vereinbarung "
                                           "gesetzt worden sein."))
    check.done()


def validate_observation(values: Values, today: dt.date) -> None:
    check = Checker(values, today)
    check.date("date")
    if not values.get("person_id"):
        check.fail("person_id", N_("Bitte das Kind auswählen."))
    check.choice("school_attendance", _SCHOOL_ATTENDANCE, required=False)
    check.choice("u_status", _U_STATUS, required=False)
    check.choice("concern", _CONCERN)
    check.text("note", required=False, max_length=10_000)
    check.done()
