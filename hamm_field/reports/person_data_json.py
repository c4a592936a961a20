"""The person data report as JSON (Art. 20 DSGVO): the Art. 15 report, machine-readable.

It is built from the same :class:`PersonData` as the PDF, so it holds exactly what the PDF
holds, no ids and nothing of another family. Keys are stable English names (documented in
``resources/person_data.schema.json``); the words a person reads are given as labels in
German and in the family's language, the same two languages as the PDF. A coded value
(a kind of contact, a Sozialraum, a Paket) is a *term*: ``{"value": <stored value>,
"label": {"de": …, "bg": …}}``, so a program keys on the value and a person reads the label.
Dates are ISO 8601 (``YYYY-MM-DD``), moments local time without zone, as in the PDF.
The bytes are built in memory: they hold personal data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from hamm_field.domain.masterdata import display_stored_name
from hamm_field.domain.vocab import PAKET_LABELS, PHASE_LABELS, MasterKind
from hamm_field.i18n import N_, translator
from hamm_field.reports.person_data_model import PersonData
from hamm_field.reports.person_data_texts import (
    ENTITIES,
    FIELDS,
    SECTIONS,
    TEXT,
    VOCABULARIES,
    audit_action,
)

FORMAT = "hamm-field/person-data"
FORMAT_VERSION = 1
SCHEMA_FILE = "person_data.schema.json"

Translate = Callable[[str], str]
Json = dict[str, Any]

# The fields each section's records carry, in order: the keys of the labels object.
RECORD_KEYS = {
    "family": ("family_name", "pseudonym", "sozialraum", "address", "herkunftsland",
               "languages", "pakete", "status", "worker", "referral", "first_contact"),
    "members": ("given_name", "family_name", "name_latin", "birth_year", "birth_date",
                "relation", "school", "school_class", "insurance", "deleted"),
    "consents": ("given_on", "person", "scope_documentation", "scope_sharing",
                 "form_language", "withdrawn_on", "deleted", "withdrawn_sharing",
                 "withdrawn_documentation"),
    "contacts": ("date", "kind", "duration_min", "worker", "paket", "topics", "institution",
                 "sozialraum", "place", "language", "outcome", "follow_up", "note", "title",
                 "deleted"),
    "handouts": ("date", "edition", "items", "recipient", "worker", "note", "deleted"),
    "phases": ("phase", "started_on", "worker", "note", "deleted"),
    "goals": ("agreed_on", "handlungsfeld", "text", "status", "person", "target_date",
              "review_date", "review_notes", "worker", "deleted"),
    "observations": ("date", "person", "concern", "school_attendance", "u_status", "note",
                     "author", "deleted"),
    "audit": ("at", "action", "entity", "fields", "worker"),
    "restrictions": ("since", "reason", "lifted_on", "lift_reason"),
}  # fmt: skip
# Field keys of the JSON whose label the report's texts name under another key.
_LABEL_OF = {"worker": "worker", "person": "person_id", "recipient": "recipient_person_id",
             "author": "author_id", "at": "moment", "action": "change", "entity": "kind",
             "deleted": "deleted_flag", "fields": "fields"}  # fmt: skip
_EXTRA_LABELS = {"deleted_flag": N_("gelöscht")}


class _Terms:
    """Labels in each of the report's languages."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(dict.fromkeys(languages))
        self.translators = {code: translator(code) for code in self.languages}

    def label(self, message: str | Callable[[Translate], str]) -> Json:
        return {code: message(t) if callable(message) else t(message)
                for code, t in self.translators.items()}  # fmt: skip

    def term(self, value: str | int | None, label: Callable[[Translate], str]) -> Json | None:
        if value is None or value == "":
            return None
        return {"value": value, "label": self.label(label)}

    def code(self, vocabulary: str, code: str | None) -> Json | None:
        """A fixed vocabulary's stored code."""
        labels = VOCABULARIES[vocabulary]._labels()
        return self.term(code, lambda t: t(labels[code]) if code in labels else str(code))

    def master(self, kind: MasterKind, name: str | None) -> Json | None:
        """A stored master-data name, shown in each language where it is a shipped one."""
        return self.term(name, lambda t: display_stored_name(kind, name or "", t))

    def masters(self, kind: MasterKind, names: Sequence[str]) -> list[Json]:
        return [term for term in (self.master(kind, name) for name in names) if term]

    def numbered(self, number: int | None, labels: dict[int, str]) -> Json | None:
        return self.term(number, lambda t: t(labels[number]) if number in labels
                         else str(number))  # fmt: skip


def _text(value: str | None) -> str | None:
    return value or None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _records(data: PersonData, terms: _Terms) -> Json:
    f = data.family
    M = MasterKind  # noqa: N806 - short, read like the enum
    return {
        "family": {
            "family_name": f.family_name, "pseudonym": f.pseudonym,
            "sozialraum": terms.master(M.SOZIALRAUM, f.sozialraum),
            "address": _text(f.address),
            "herkunftsland": terms.master(M.HERKUNFTSLAND, f.herkunftsland),
            "languages": terms.masters(M.SPRACHE, f.languages),
            "pakete": [terms.numbered(n, PAKET_LABELS) for n in f.pakete],
            "status": terms.code("status", f.status), "worker": _text(f.worker),
            "referral": terms.code("referral", f.referral),
            "first_contact": _day(f.first_contact),
        },
        "members": [{
            "given_name": m.given_name, "family_name": m.family_name,
            "name_latin": _text(m.name_latin), "birth_year": m.birth_year,
            "birth_date": _day(m.birth_date), "relation": terms.code("relation", m.relation),
            "school": _text(m.school), "school_class": _text(m.school_class),
            "insurance": terms.code("insurance", m.insurance), "deleted": m.deleted,
        } for m in data.members],
        "consents": [{
            "given_on": _day(c.given_on), "person": _text(c.person),
            "scope_documentation": c.scope_documentation, "scope_sharing": c.scope_sharing,
            "form_language": terms.master(M.SPRACHE, c.form_language),
            "withdrawn_on": _day(c.withdrawn_on), "deleted": c.deleted,
            "withdrawn_sharing": c.withdrawn_sharing,
            "withdrawn_documentation": c.withdrawn_documentation,
        } for c in data.consents],
        "contacts": [{
            "date": _day(c.date), "kind": terms.code("kind", c.kind),
            "duration_min": c.duration_min, "worker": _text(c.worker),
            "paket": terms.numbered(c.paket, PAKET_LABELS),
            "topics": terms.masters(M.THEMA, c.topics),
            "institution": terms.master(M.INSTITUTION, c.institution),
            "sozialraum": terms.master(M.SOZIALRAUM, c.sozialraum),
            "place": terms.master(M.SPRECHSTUNDEN_ORT, c.place),
            "language": terms.master(M.SPRACHE, c.language), "outcome": _text(c.outcome),
            "follow_up": _day(c.follow_up), "note": _text(c.note), "title": _text(c.title),
            "deleted": c.deleted,
        } for c in data.contacts],
        "handouts": [{
            "date": _day(h.date), "edition": terms.master(M.STARTERPAKET_EDITION, h.edition),
            "items": terms.masters(M.STARTERPAKET_ITEM, h.items),
            "recipient": _text(h.recipient), "worker": _text(h.worker), "note": _text(h.note),
            "deleted": h.deleted,
        } for h in data.handouts],
        "phases": [{
            "phase": terms.numbered(p.phase, PHASE_LABELS), "started_on": _day(p.started_on),
            "worker": _text(p.worker), "note": _text(p.note), "deleted": p.deleted,
        } for p in data.phases],
        "goals": [{
            "agreed_on": _day(g.agreed_on),
            "handlungsfeld": terms.master(M.HANDLUNGSFELD, g.handlungsfeld),
            "text": g.text, "status": terms.code("goal_status", g.status),
            "person": _text(g.person), "target_date": _day(g.target_date),
            "review_date": _day(g.review_date), "review_notes": _text(g.review_notes),
            "worker": _text(g.worker), "deleted": g.deleted,
        } for g in data.goals],
        "observations": [{
            "date": _day(o.date), "person": _text(o.person),
            "concern": terms.code("concern", o.concern),
            "school_attendance": terms.code("school_attendance", o.school_attendance),
            "u_status": terms.code("u_status", o.u_status), "note": _text(o.note),
            "author": _text(o.author), "deleted": o.deleted,
        } for o in data.observations],
        "audit": [{
            "at": a.at.replace(microsecond=0).isoformat(),
            "action": terms.term(a.action, lambda t, a=a: audit_action(a.action, a.entity, t)),
            "entity": terms.term(a.entity, lambda t, a=a: t(ENTITIES[a.entity])
                                 if a.entity in ENTITIES else a.entity),
            # As in the PDF: which fields, for a change only (a new record has them all).
            "fields": [terms.term(name, lambda t, n=name: t(FIELDS[n]) if n in FIELDS else n)
                       for name in (a.fields if a.action == "update" else ())],
            "worker": _text(a.worker),
        } for a in data.audit],
        "pseudonymised_on": _day(data.pseudonymised_on),
        "restrictions": [{
            "since": _day(r.since), "reason": r.reason, "lifted_on": _day(r.lifted_on),
            "lift_reason": _text(r.lift_reason),
        } for r in data.restrictions],
    }  # fmt: skip


def _labels(terms: _Terms) -> Json:
    def field(key: str) -> Json:
        name = _LABEL_OF.get(key, key)
        return terms.label(_EXTRA_LABELS.get(name) or FIELDS[name])

    keys = dict.fromkeys(key for section in RECORD_KEYS.values() for key in section)
    return {"sections": {key: terms.label(SECTIONS[key]) for key in RECORD_KEYS},
            "fields": {key: field(key) for key in keys}}  # fmt: skip


def person_data_json(data: PersonData, languages: tuple[str, str]) -> Json:
    """The report as one JSON object (see the schema file); ``languages`` as for the PDF."""
    terms = _Terms(languages)
    notes = {"rights": terms.label(TEXT["rights"])}
    if not data.complete:
        notes["incomplete"] = terms.label(TEXT["incomplete"])
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": data.app_version,
        "generated_at": data.generated_at.replace(microsecond=0).isoformat(),
        "languages": list(terms.languages),
        "title": terms.label(TEXT["title"]),
        "subject": _text(data.subject),
        "complete": data.complete,
        "notes": notes,
        "labels": _labels(terms),
        **_records(data, terms),
    }


def render_person_data_json(data: PersonData, languages: tuple[str, str]) -> bytes:
    """UTF-8 JSON, indented, letters as written (Cyrillic stays readable)."""
    text = json.dumps(person_data_json(data, languages), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
