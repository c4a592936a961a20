"""The Kennzahlen as plain objects: what the SQL engine computes and every renderer reads.

Renderers (JSON, CSV, PDF, the Berichte screen) never query the store; they turn one
:class:`Kennzahlen` (and optionally the previous period's, a plan and a measure card)
into output. The field names follow the JSON keys of the command-line contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CONTACT_KINDS = (
    "begleitung", "beratung", "hausbesuch", "sprechstunde",
    "schriftstueck", "telefonat", "vermittlung", "veranstaltung",
)  # fmt: skip

BREAKDOWNS = (
    "nach_sozialraum", "nach_integrationspaket", "nach_herkunftsland",
    "nach_sprache", "nach_institution", "nach_monat",
)  # fmt: skip

NOT_REPORTED = "o. A."
"""The breakdown key for a value the record should have had and nobody entered; never
folded into 0 or another key."""

NOT_APPLICABLE = "entfällt"
"""The breakdown key where the dimension does not apply to the record: the Herkunftsland
of a Veranstaltung (no family), the institution of a kind of contact that has none."""


@dataclass(frozen=True)
class Period:
    """An inclusive range of days, with the preset it came from (``monat``, ``quartal``,
    ``halbjahr``, ``jahr``, ``schuljahr`` or ``zeitraum``)."""

    start: dt.date
    end: dt.date
    preset: str = "zeitraum"


@dataclass(frozen=True)
class Filters:
    """Restricts every figure. ``None`` means no restriction.

    ``sozialraum`` is the master-data name, ``paket`` 1–5, ``worker_id`` a worker's id,
    ``team`` a Träger (the organisation a worker works for, ``worker.team``: Stadt Hamm,
    AWO …; the funder's measure card asks for figures by Träger), ``role`` a worker role
    (``schluesselfigur``, ``sozialbetreuer``, ``koordination``).
    """

    sozialraum: str | None = None
    paket: int | None = None
    worker_id: str | None = None
    team: str | None = None
    role: str | None = None

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class Cell:
    """One row of a breakdown: contacts, Begleitungen and distinct families."""

    kontakte: int = 0
    begleitungen: int = 0
    familien: int = 0


@dataclass(frozen=True)
class Kennzahlen:
    """Every figure of DOMAIN.md for one period and filter."""

    period: Period
    filters: Filters
    app_version: str
    data_hash: str
    """SHA-256 over the rows the figures were computed from, so a report can be
    shown months later to stem from the same data."""
    generated_at: dt.datetime
    begleitungen: int
    begleitungsstunden: float
    begleitete_familien: int
    neue_familien: int
    kontakte: int
    kontakte_nach_art: dict[str, int]
    starterpakete: int
    starterpakete_nach_ausgabe: dict[str, int]
    veranstaltungen: int
    teilnehmende: int
    ziele_gesamt: int
    ziele_erreicht: int
    kindeswohl_hinweise: int
    nach_sozialraum: dict[str, Cell] = field(default_factory=dict)
    nach_integrationspaket: dict[str, Cell] = field(default_factory=dict)
    nach_herkunftsland: dict[str, Cell] = field(default_factory=dict)
    nach_sprache: dict[str, Cell] = field(default_factory=dict)
    nach_institution: dict[str, Cell] = field(default_factory=dict)
    nach_monat: dict[str, Cell] = field(default_factory=dict)
    nach_mitarbeitenden: dict[str, Cell] = field(default_factory=dict)
    """By worker name; the JSON's ``nach_mitarbeiter``. Internal reports only: it names
    people, so external JSON, CSV and PDF leave it out."""
    worker_name: str = ""
    """The name of the worker ``filters.worker_id`` names, for showing the filter."""

    def breakdown(self, name: str) -> dict[str, Cell]:
        return getattr(self, name)


@dataclass(frozen=True)
class Plan:
    """Planned values entered by the coordination for a period, keyed like the JSON
    headline figures (``begleitungen``, ``begleitete_familien`` ...)."""

    values: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MeasureCard:
    """The funder's measure card. The text fields are edited and stored; the
    Kennzahlen section is filled in from the figures when the card is rendered."""

    titel: str = ""
    traeger: str = ""
    beschreibung: str = ""
    handlungsfelder: str = ""
    zielgruppe: str = ""
    sachstand: str = ""
    kosten: str = ""


@dataclass(frozen=True)
class Report:
    """What a renderer gets: the figures, optionally the previous period's for a
    comparison, the plan and the measure card, and whether the report leaves the
    office (``external``: what is shown then is decided by ``suppression.py`` alone)."""

    current: Kennzahlen
    previous: Kennzahlen | None = None
    plan: Plan | None = None
    card: MeasureCard | None = None
    external: bool = False
