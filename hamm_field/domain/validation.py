"""Validation of every record before it is stored.

Each rule adds a :class:`FieldError` naming the field, so a form can show the text
beside it; all errors are raised together and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hamm_field.domain.errors import FieldError, ValidationError
from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.vocab import (
    PAKETE,
    FamilyStatus,
    Insurance,
    MasterKind,
    Referral,
    Relation,
)
from hamm_field.i18n import N_

# The allowed codes, built once: validation runs for every row of a large import.
_FAMILY_STATUS = frozenset(FamilyStatus)
_REFERRAL = frozenset(Referral)
_RELATION = frozenset(Relation)
_INSURANCE = frozenset(Insurance)

ADULT_AGE = 18
MAX_DURATION_MIN = 12 * 60
MAX_PARTICIPANTS = 10_000
EARLIEST_DATE = dt.date(2000, 1, 1)

Values = Mapping[str, Any]


class Checker:
    """Collects field errors for one record."""

    def __init__(self, values: Values, today: dt.date) -> None:
        self.values = values
        self.today = today
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str, **params: object) -> None:
        if not any(error.field == field for error in self.errors):
            self.errors.append(FieldError(field, message, **params))

    def text(self, field: str, *, required: bool = True, max_length: int = 200) -> None:
        value = self.values.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, N_("Bitte ausfüllen."))
        elif not isinstance(value, str):
            self.fail(field, N_("Bitte einen Text eingeben."))
        elif len(value) > max_length:
            self.fail(field, N_("Höchstens {max} Zeichen."), max=max_length)

    def date(self, field: str, *, required: bool = True, future_ok: bool = False) -> None:
        value = self.values.get(field)
        if value is None:
            if required:
                self.fail(field, N_("Bitte ein Datum angeben."))
        elif not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.fail(field, N_("Bitte ein gültiges Datum angeben."))
        elif not future_ok and value > self.today + dt.timedelta(days=1):
            self.fail(field, N_("Das Datum liegt in der Zukunft."))
        elif value < EARLIEST_DATE:
            self.fail(field, N_("Das Datum liegt zu weit zurück."))

    def choice(self, field: str, allowed: object, *, required: bool = True) -> None:
        value = self.values.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, N_("Bitte auswählen."))
        elif value not in allowed:  # type: ignore[operator]
            self.fail(field, N_("Unbekannter Wert: {value}."), value=value)

    def master(
        self, field: str, kind: MasterKind, master: MasterIndex, *, required: bool = True
    ) -> None:
        value = self.values.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, N_("Bitte auswählen."))
        elif not master.has(kind, value):
            self.fail(field, N_("„{value}“ steht nicht in den Stammdaten."), value=value)

    def master_list(self, field: str, kind: MasterKind, master: MasterIndex) -> None:
        for value in self.values.get(field) or []:
            if not master.has(kind, value):
                self.fail(field, N_("„{value}“ steht nicht in den Stammdaten."), value=value)

    def integer(self, field: str, low: int, high: int, *, required: bool = True) -> None:
        value = self.values.get(field)
        if value is None:
            if required:
                self.fail(field, N_("Bitte eine Zahl angeben."))
        elif not isinstance(value, int) or isinstance(value, bool):
            self.fail(field, N_("Bitte eine ganze Zahl angeben."))
        elif not low <= value <= high:
            message = N_("Bitte eine Zahl von {low} bis {high} angeben.")
            self.fail(field, message, low=low, high=high)

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def validate_household(values: Values, master: MasterIndex, today: dt.date) -> None:
    check = Checker(values, today)
    check.text("family_name", max_length=120)
    check.master("sozialraum", MasterKind.SOZIALRAUM, master)
    check.master("herkunftsland", MasterKind.HERKUNFTSLAND, master)
    check.master_list("languages", MasterKind.SPRACHE, master)
    if any(p not in PAKETE for p in values.get("pakete") or []):
        check.fail("pakete", N_("Integrationspakete sind nummeriert von 1 bis 5."))
    check.choice("status", _FAMILY_STATUS)
    check.choice("referral", _REFERRAL, required=False)
    check.date("first_contact", required=False)
    check.text("address", required=False)
    check.done()


def validate_person(values: Values, today: dt.date) -> None:
    check = Checker(values, today)
    check.text("given_name", max_length=120)
    check.text("family_name", max_length=120)
    check.choice("relation", _RELATION)
    check.integer("birth_year", 1900, today.year, required=False)
    check.date("birth_date", required=False)
    check.choice("insurance", _INSURANCE, required=False)
    check.text("school", required=False)
    check.text("school_class", required=False, max_length=20)
    check.done()


def is_adult(birth_year: int | None, today: dt.date) -> bool:
    """Of age by the birth year alone (the year a person turns 18 counts)."""
    return birth_year is not None and today.year - birth_year >= ADULT_AGE


def validate_consent(values: Values, master: MasterIndex, today: dt.date) -> None:
    check = Checker(values, today)
    check.date("given_on")
    check.text("guardian_name", required=False, max_length=120)
    check.master("form_language", MasterKind.SPRACHE, master)
    check.date("withdrawn_on", required=False)
    withdrawn, given = values.get("withdrawn_on"), values.get("given_on")
    if isinstance(withdrawn, dt.date) and isinstance(given, dt.date) and withdrawn < given:
        check.fail("withdrawn_on", N_("Der Widerruf liegt vor der Einwilligung."))
    if not values.get("scope_documentation") and not values.get("scope_sharing"):
        check.fail("scope_documentation", N_("Bitte mindestens einen Umfang ankreuzen."))
    scopes = values.get("withdrawn_sharing") or values.get("withdrawn_documentation")
    if withdrawn is not None and not scopes:
        check.fail("withdrawn_sharing",
                   N_("Bitte angeben, wofür die Einwilligung widerrufen wird."))
    if scopes and withdrawn is None:
        check.fail("withdrawn_on", N_("Bitte das Datum des Widerrufs angeben."))
    check.done()
