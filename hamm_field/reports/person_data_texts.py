"""The words of the person data report, as German source strings marked for translation.

The report prints every text twice, in German and in the family's language, so it
translates with a fixed-language translator instead of the app's current language.
Fixed vocabularies are looked up by their stored code.
"""

from __future__ import annotations

from collections.abc import Callable

from hamm_field.domain.record_labels import AUDIT_ACTIONS, RECORD_FIELDS, RECORD_KINDS
from hamm_field.domain.vocab import (
    PAKET_LABELS,
    PHASE_LABELS,
    Concern,
    ContactKind,
    FamilyStatus,
    GoalStatus,
    Insurance,
    Labelled,
    Referral,
    Relation,
    SchoolAttendance,
    UStatus,
)
from hamm_field.i18n import N_

Translate = Callable[[str], str]

LANGUAGE_NAMES = {
    "de": N_("Deutsch"), "bg": N_("Bulgarisch"), "ro": N_("Rumänisch"),
    "tr": N_("Türkisch"), "en": N_("Englisch"),
}  # fmt: skip

TEXT = {
    "title": N_("Auskunft über gespeicherte Daten"),
    "subtitle": N_("nach Art. 15 der Datenschutz-Grundverordnung (DSGVO)"),
    "header": N_("Auskunft nach Art. 15 DSGVO"),
    "intro_family": N_(
        "Dieses Dokument enthält alle Daten, die in Hamm Field über die Familie {name} "
        "gespeichert sind, Stand {date}."
    ),
    "intro_person": N_(
        "Dieses Dokument enthält alle Daten, die in Hamm Field über {name} (Familie "
        "{family}) gespeichert sind, Stand {date}."
    ),
    "languages": N_("Die Auskunft steht zuerst auf {first}, danach auf {second}."),
    "incomplete": N_(
        "Diese Auskunft enthält, was auf diesem Gerät für die ausstellende Person sichtbar "
        "ist. Die vollständige Auskunft erstellt die Koordination aus der zentralen Ablage."
    ),
    "rights": N_(
        "Sie können verlangen, dass falsche Angaben berichtigt und Ihre Daten gelöscht "
        "werden, und Ihre Einwilligung jederzeit widerrufen. Wenden Sie sich dafür an Ihre "
        "Ansprechperson oder an die Koordination im Amt für Integration der Stadt Hamm."
    ),
    "pseudonymised": N_(
        "Pseudonymisiert seit {date}: Die Einwilligung in die Dokumentation wurde "
        "widerrufen. Namen, Adresse und Geburtsdaten sind gelöscht; die Arbeit mit der "
        "Familie wird unter einem Pseudonym weitergeführt."
    ),
    "restricted": N_(
        "Die Verarbeitung ist seit {since} eingeschränkt (Art. 18 DSGVO), Grund: {reason}"
    ),
    "restriction_lifted": N_(
        "Die Verarbeitung war seit {since} eingeschränkt (Art. 18 DSGVO), Grund: {reason}. "
        "Die Einschränkung wurde am {lifted} aufgehoben, Grund: {lift_reason}"
    ),
    "none": N_("Keine Einträge."),
    "deleted": N_("(gelöscht)"),
    "yes": N_("ja"),
    "no": N_("nein"),
    "minutes": N_("{minutes} Min."),
    "family_whole": N_("ganze Familie"),
    "page": N_("Seite {page} von {total}"),
    "footer": N_("Hamm Field {version} · erstellt {moment} · vertraulich"),
}

SECTIONS = {
    "family": N_("Familie"),
    "members": N_("Personen"),
    "consents": N_("Einwilligungen"),
    "contacts": N_("Kontakte"),
    "handouts": N_("Starterpakete"),
    "phases": N_("Fallphasen"),
    "goals": N_("Integrationsziele"),
    "observations": N_("Beobachtungen Kindeswohl"),
    "audit": N_("Änderungsprotokoll"),
    "restrictions": N_("Einschränkungen der Verarbeitung (Art. 18)"),
}

FIELDS = {
    **RECORD_FIELDS,
    # Shorter column headings, and the report's own columns.
    "name_latin": N_("Name in lateinischer Schrift"), "given_on": N_("Datum"),
    "scope_documentation": N_("Dokumentation"),
    "scope_sharing": N_("Weitergabe an Institutionen"), "withdrawn_on": N_("Widerrufen am"),
    "duration_min": N_("Dauer"), "place": N_("Ort"), "items": N_("Inhalt"),
    "recipient_person_id": N_("Empfänger/in"), "phase": N_("Fallphase"),
    "started_on": N_("seit"), "agreed_on": N_("vereinbart am"),
    "review_notes": N_("Überprüfung"), "u_status": N_("U-Untersuchungen"),
    "concern": N_("Einschätzung"), "author_id": N_("Erfasst von"), "moment": N_("Zeitpunkt"),
    "change": N_("Änderung"), "fields": N_("Felder"), "by": N_("von"), "scope": N_("Umfang"),
    "birth": N_("Geburt"), "worker": N_("Mitarbeiter/in"), "details": N_("Angaben"),
    "child": N_("Kind"),
}  # fmt: skip

ENTITIES = RECORD_KINDS
ACTIONS = AUDIT_ACTIONS

VOCABULARIES: dict[str, type[Labelled]] = {
    "kind": ContactKind, "relation": Relation, "status": FamilyStatus,
    "goal_status": GoalStatus, "referral": Referral, "insurance": Insurance,
    "school_attendance": SchoolAttendance, "u_status": UStatus, "concern": Concern,
}  # fmt: skip


def vocabulary(name: str, code: str | None, t: Translate) -> str:
    """The label of a stored code in the translator's language; unknown codes as they are."""
    if not code:
        return ""
    labels = VOCABULARIES[name]._labels()
    return t(labels[code]) if code in labels else code


def paket(number: int | None, t: Translate) -> str:
    if number is None:
        return ""
    label = PAKET_LABELS.get(number)
    return f"{number} · {t(label)}" if label else str(number)


def phase(number: int, t: Translate) -> str:
    label = PHASE_LABELS.get(number)
    return f"{number} · {t(label)}" if label else str(number)


def audit_action(action: str, entity: str, t: Translate) -> str:
    what = t(ENTITIES[entity]) if entity in ENTITIES else entity
    template = ACTIONS.get(action)
    return t(template).format(what=what) if template else f"{what}: {action}"


def field_names(fields: tuple[str, ...], t: Translate) -> str:
    return ", ".join(t(FIELDS[f]) if f in FIELDS else f for f in fields)
