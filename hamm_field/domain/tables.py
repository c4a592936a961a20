"""The replicated tables of DOMAIN.md.

Master-data references (Sozialraum, Institution, Thema, …) are stored as the master
item's stable ``key``; the label may be renamed by the coordination without touching
any record.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field

from hamm_field.domain.tables_base import Replicated, json_list, reference


class Worker(Replicated, table=True):
    name: str
    role: str
    team: str | None = None
    active: bool = True


class Device(Replicated, table=True):
    name: str
    role: str
    worker_id: str | None = reference("worker.id")
    signing_public: str | None = None
    encryption_public: str | None = None
    revoked_on: dt.date | None = None


class MasterItem(Replicated, table=True):
    """Editable master data, shipped from the coordination to every laptop."""

    __tablename__ = "master_item"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    kind: str = Field(index=True)
    key: str
    label: str
    parent: str | None = None
    tags: list[str] = json_list()
    sort_order: int = 0
    active: bool = True


class Household(Replicated, table=True):
    """A Familie / Haushalt. Without consent the name is a pseudonym."""

    __table_args__ = (
        Index("ix_household_worker_status", "worker_id", "status"),
        # Search as you type: matches come in key order, so the first page stops early.
        Index("ix_household_search", "search_text", "id",
              sqlite_where=text("deleted_hlc IS NULL")),
        # The live families, small enough to walk for the Löschfristen (store/retention.py).
        Index("ix_household_live", "id",
              sqlite_where=text("deleted_hlc IS NULL AND erased = 0")),
    )
    derived_fields: ClassVar[frozenset[str]] = frozenset({"search_text"})

    family_name: str
    pseudonym: bool = True
    sozialraum: str
    address: str | None = None
    herkunftsland: str
    languages: list[str] = json_list()
    pakete: list[int] = json_list()
    status: str = "aktiv"
    worker_id: str | None = reference("worker.id")
    referral: str | None = None
    first_contact: dt.date | None = None
    search_text: str = Field(default="", index=False)


class Person(Replicated, table=True):
    derived_fields: ClassVar[frozenset[str]] = frozenset({"name_latin"})

    household_id: str = reference("household.id", nullable=False)
    given_name: str
    family_name: str
    name_latin: str = ""
    birth_year: int | None = None
    birth_date: dt.date | None = None
    relation: str
    school: str | None = None
    school_class: str | None = None
    insurance: str | None = None


class Consent(Replicated, table=True):
    """Einwilligung; ``withdrawn_on`` ends it without deleting the record of it.

    A withdrawal names what it covers (``withdrawn_sharing``, ``withdrawn_documentation``):
    sharing withdrawn stops referrals, documentation withdrawn makes the family
    pseudonymous (``domain/pseudonym.py``).

    Signed by an adult member (``person_id``) or a legal guardian named in ``guardian_name``.
    """

    household_id: str = reference("household.id", nullable=False)
    person_id: str | None = reference("person.id")
    guardian_name: str | None = None
    given_on: dt.date
    scope_documentation: bool = True
    scope_sharing: bool = False
    form_language: str
    withdrawn_on: dt.date | None = None
    withdrawn_sharing: bool = False
    withdrawn_documentation: bool = False


class Contact(Replicated, table=True):
    """Kontakt of one of the eight kinds; a Veranstaltung has no single household."""

    __table_args__ = (
        Index("ix_contact_worker_date", "worker_id", "date"),
        # A family's last live contact in one seek (Löschfristen, store/retention.py).
        Index("ix_contact_household_live_date", "household_id", "date",
              sqlite_where=text("deleted_hlc IS NULL")),
    )

    kind: str = Field(index=True)
    date: dt.date = Field(index=True)
    duration_min: int
    worker_id: str | None = reference("worker.id")
    household_id: str | None = reference("household.id")
    paket: int | None = None
    topics: list[str] = json_list()
    institution: str | None = None
    sozialraum: str
    place: str | None = None
    language: str | None = None
    outcome: str | None = None
    follow_up: dt.date | None = Field(default=None, index=True)
    follow_up_done: bool = False
    note: str | None = None
    title: str | None = None
    participants: int | None = None


class StarterpaketHandout(Replicated, table=True):
    __tablename__ = "starterpaket_handout"

    household_id: str = reference("household.id", nullable=False)
    date: dt.date
    worker_id: str | None = reference("worker.id")
    edition: str
    items: list[str] = json_list()
    recipient_person_id: str | None = reference("person.id")
    note: str | None = None


class CasePhase(Replicated, table=True):
    """One of the four phases of a Sozialbetreuer case, from ``started_on``."""

    __tablename__ = "case_phase"

    household_id: str = reference("household.id", nullable=False)
    phase: int
    started_on: dt.date
    worker_id: str | None = reference("worker.id")
    note: str | None = None


class Goal(Replicated, table=True):
    """Integrationsziel.

    ``status_changed_on`` is the day the current status was set: a past report counts
    a goal as reached, or as closed, by that day, not by today's status (NULL only in a
    row an older version wrote; reports then read ``agreed_on``).
    """

    household_id: str = reference("household.id", nullable=False)
    person_id: str | None = reference("person.id")
    handlungsfeld: str
    text: str
    agreed_on: dt.date
    target_date: dt.date | None = None
    status: str = "offen"
    status_changed_on: dt.date | None = None
    review_date: dt.date | None = None
    review_notes: str | None = None
    worker_id: str | None = reference("worker.id")


class Observation(Replicated, table=True):
    """Beobachtung Kindeswohl: restricted to its author and the coordination."""

    household_id: str = reference("household.id", nullable=False)
    person_id: str | None = reference("person.id")
    date: dt.date
    school_attendance: str | None = None
    u_status: str | None = None
    concern: str = "keine"
    note: str | None = None
    author_id: str | None = reference("worker.id")


class FamilyShare(Replicated, table=True):
    """A worker who works with a family besides its responsible worker.

    One row per (family, worker), its id derived from the pair (:func:`share_id`), so two
    people who share the same family at the same time write the same record and the merge
    keeps one ``active`` value by the usual per-field order. Ending a share sets ``active``
    to false and keeps the row: it remembers that the worker once worked with the family,
    so their laptop's writes from that time are still accepted.
    """

    __tablename__ = "family_share"

    household_id: str = reference("household.id", nullable=False)
    worker_id: str = reference("worker.id", nullable=False)
    active: bool = True


class HouseholdRedirect(Replicated, table=True):
    """A family merged into another: its id (``id``) now means ``target_id``.

    Every record that names the old id is moved to the target wherever the redirect is
    known, without a new stamp, so a late package that still uses the old id lands in the
    surviving family in whatever order the merge and the package arrive.
    """

    __tablename__ = "household_redirect"

    target_id: str = reference("household.id", nullable=False)


REPLICATED_TABLES: tuple[type[Replicated], ...] = (
    Worker,
    Device,
    MasterItem,
    Household,
    Person,
    Consent,
    Contact,
    StarterpaketHandout,
    CasePhase,
    Goal,
    Observation,
    FamilyShare,
    HouseholdRedirect,
)
