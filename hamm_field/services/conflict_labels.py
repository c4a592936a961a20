"""Words for the conflict review: which record, which field, and a value as a person reads it.

The queue holds table names, field names, ids and stored codes; the coordination must
see "Familie Petrova", "Status", "ruhend", never ``household.status = 'ruhend'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hamm_field.domain.master_index import MasterIndex
from hamm_field.domain.record_labels import RECORD_FIELDS
from hamm_field.domain.vocab import (
    Concern,
    ContactKind,
    DeviceRole,
    FamilyStatus,
    GoalStatus,
    Insurance,
    Labelled,
    MasterKind,
    Referral,
    Relation,
    SchoolAttendance,
    UStatus,
    WorkerRole,
    paket_label,
    phase_label,
)
from hamm_field.i18n import N_, gettext
from hamm_field.i18n.formatting import format_day

FIELDS = RECORD_FIELDS
FIELDS_OF = {
    ("household", "worker_id"): N_("Zuständig"),
    ("goal", "person_id"): N_("Für"),
    ("observation", "person_id"): N_("Kind"),
}

ENUMS: dict[tuple[str, str], type[Labelled]] = {
    ("household", "status"): FamilyStatus, ("household", "referral"): Referral,
    ("person", "relation"): Relation, ("person", "insurance"): Insurance,
    ("contact", "kind"): ContactKind, ("goal", "status"): GoalStatus,
    ("observation", "school_attendance"): SchoolAttendance,
    ("observation", "u_status"): UStatus, ("observation", "concern"): Concern,
    ("worker", "role"): WorkerRole, ("device", "role"): DeviceRole,
}  # fmt: skip
MASTER = {
    "sozialraum": MasterKind.SOZIALRAUM, "herkunftsland": MasterKind.HERKUNFTSLAND,
    "languages": MasterKind.SPRACHE, "language": MasterKind.SPRACHE,
    "form_language": MasterKind.SPRACHE, "institution": MasterKind.INSTITUTION,
    "topics": MasterKind.THEMA, "place": MasterKind.SPRECHSTUNDEN_ORT,
    "handlungsfeld": MasterKind.HANDLUNGSFELD, "edition": MasterKind.STARTERPAKET_EDITION,
    "items": MasterKind.STARTERPAKET_ITEM,
}  # fmt: skip
WORKER_REFS = {"worker_id", "author_id"}
PERSON_REFS = {"person_id", "recipient_person_id"}

RECORDS = {
    "household": N_("Familie {name}"), "person": N_("Person {name}"),
    "contact": N_("Kontakt {date} {kind}"), "starterpaket_handout": N_("Starterpaket {date}"),
    "case_phase": N_("Fallphase {phase}"), "goal": N_("Integrationsziel „{text}“"),
    "observation": N_("Beobachtung Kindeswohl {date}"), "consent": N_("Einwilligung {date}"),
    "worker": N_("Mitarbeiter/in {name}"), "device": N_("Gerät {name}"),
    "master_item": N_("Stammdaten: {label}"),
}  # fmt: skip
SHORT_TEXT = 40


@dataclass
class Names:
    """Display names for the ids a conflict refers to, looked up by the caller."""

    workers: dict[str, str] = field(default_factory=dict)
    families: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)


def field_label(entity: str, name: str) -> str:
    return gettext(FIELDS_OF.get((entity, name)) or FIELDS.get(name) or name)


def value_text(entity: str, name: str, value: Any, master: MasterIndex, names: Names) -> str:
    """A stored value (already a Python value) in the words of the screens."""
    if value is None or value == "" or value == []:
        return gettext("(leer)")
    if isinstance(value, list):
        return ", ".join(value_text(entity, name, item, master, names) for item in value)
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, dt.date):
        return format_day(value)
    enum = ENUMS.get((entity, name))
    if enum is not None:
        return _enum_label(enum, value)
    lookups: dict[str, Callable[[Any], str]] = {
        "paket": lambda n: f"{n} – {paket_label(int(n))}",
        "pakete": str,
        "phase": lambda n: f"{n} – {phase_label(int(n))}",
        "household_id": lambda i: names.families.get(i, gettext("unbekannte Familie")),
    }
    if name in lookups:
        return lookups[name](value)
    if name in MASTER:
        return master.label(MASTER[name], str(value))
    if name in WORKER_REFS:
        return names.workers.get(value, gettext("unbekannt"))
    if name in PERSON_REFS:
        return names.persons.get(value, gettext("unbekannte Person"))
    return str(value)


def _enum_label(enum: type[Labelled], value: Any) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def record_label(entity: str, row: Mapping[str, Any], names: Names) -> str:
    """"Familie Petrova", "Kontakt 12.03.2026 Begleitung – Familie Petrova", …"""
    values = {
        "name": row.get("family_name") if entity == "household" else row.get("name"),
        "date": format_day(row.get("date") or row.get("given_on")),
        "phase": row.get("phase"), "label": row.get("label"),
        "text": _short(str(row.get("text") or "")),
    }  # fmt: skip
    if entity == "person":
        values["name"] = f"{row.get('given_name', '')} {row.get('family_name', '')}".strip()
    if entity == "contact":
        kind = _enum_label(ContactKind, row.get("kind"))
        values["kind"] = f"{kind} „{row['title']}“" if row.get("title") else kind
    template = RECORDS.get(entity)
    text = gettext(template).format(**values) if template else gettext("Eintrag")
    family = names.families.get(row.get("household_id") or "")
    if entity != "household" and family:
        text = gettext("{record} – Familie {family}").format(record=text, family=family)
    return text


def _short(text: str) -> str:
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"
