"""Everything stored about one family or person, as plain values for the Art. 15 report.

The service reads the store into these objects; the renderer never queries. Fixed
vocabularies stay codes (``kind="begleitung"``, ``relation="kind"``), because the report
prints each of them in two languages. Master data (Sozialraum, Institution, …) is its
stored name, German for the shipped defaults, which each part prints in its own language
(a name the coordination gave stays as written). Names of workers are resolved; ids
never appear in the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FamilyRecord:
    family_name: str
    pseudonym: bool
    sozialraum: str
    address: str | None
    herkunftsland: str
    languages: tuple[str, ...]
    pakete: tuple[int, ...]
    status: str
    worker: str
    referral: str | None
    first_contact: dt.date | None


@dataclass(frozen=True)
class MemberRecord:
    given_name: str
    family_name: str
    name_latin: str
    birth_year: int | None
    birth_date: dt.date | None
    relation: str
    school: str | None = None
    school_class: str | None = None
    insurance: str | None = None
    deleted: bool = False

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class ConsentRecord:
    given_on: dt.date
    person: str  # empty: the whole family
    scope_documentation: bool
    scope_sharing: bool
    form_language: str
    withdrawn_on: dt.date | None = None
    deleted: bool = False
    withdrawn_sharing: bool = False  # what the withdrawal covers
    withdrawn_documentation: bool = False


@dataclass(frozen=True)
class RestrictionRecord:
    """Art. 18: since when and why processing is restricted; lifted when and why."""

    since: dt.date
    reason: str
    lifted_on: dt.date | None = None
    lift_reason: str | None = None


@dataclass(frozen=True)
class ContactRecord:
    date: dt.date
    kind: str
    duration_min: int
    worker: str
    paket: int | None = None
    topics: tuple[str, ...] = ()
    institution: str | None = None
    sozialraum: str | None = None
    place: str | None = None
    language: str | None = None
    outcome: str | None = None
    follow_up: dt.date | None = None
    note: str | None = None
    title: str | None = None
    deleted: bool = False


@dataclass(frozen=True)
class HandoutRecord:
    date: dt.date
    edition: str
    items: tuple[str, ...]
    recipient: str
    worker: str
    note: str | None = None
    deleted: bool = False


@dataclass(frozen=True)
class PhaseRecord:
    phase: int
    started_on: dt.date
    worker: str
    note: str | None = None
    deleted: bool = False


@dataclass(frozen=True)
class GoalRecord:
    handlungsfeld: str
    text: str
    agreed_on: dt.date
    status: str
    person: str = ""
    target_date: dt.date | None = None
    review_date: dt.date | None = None
    review_notes: str | None = None
    worker: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class ObservationRecord:
    """Beobachtung Kindeswohl: restricted in the app, but the family may see it."""

    date: dt.date
    person: str
    concern: str
    school_attendance: str | None = None
    u_status: str | None = None
    note: str | None = None
    author: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class AuditRecord:
    """One write to a record of the family: who, when, which kind, which fields (no values)."""

    at: dt.datetime
    action: str  # create, update, delete, restore
    entity: str  # table name: household, person, contact, …
    worker: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonData:
    """What the report shows. ``subject`` is the person's name for a person report,
    empty for a whole family. ``complete`` is False when this store holds restricted
    records (Kindeswohl) the working user may not see, or when it is a laptop rather
    than the central store: the document then says where the complete answer comes from."""

    family: FamilyRecord
    generated_at: dt.datetime
    app_version: str
    subject: str = ""
    members: tuple[MemberRecord, ...] = ()
    consents: tuple[ConsentRecord, ...] = ()
    contacts: tuple[ContactRecord, ...] = ()
    handouts: tuple[HandoutRecord, ...] = ()
    phases: tuple[PhaseRecord, ...] = ()
    goals: tuple[GoalRecord, ...] = ()
    observations: tuple[ObservationRecord, ...] = ()
    audit: tuple[AuditRecord, ...] = ()
    complete: bool = True
    pseudonymised_on: dt.date | None = None  # consent to documentation withdrawn
    restrictions: tuple[RestrictionRecord, ...] = ()
