"""How a person reads the kinds of records, their fields and the audit actions.

One vocabulary for every place that names records: the family timeline, the conflict
review and the person data report. A view that needs other words for some fields
(a short column heading) overrides just those.
"""

from __future__ import annotations

from hamm_field.i18n import N_

RECORD_FIELDS = {
    "family_name": N_("Familienname"), "pseudonym": N_("Pseudonym"),
    "sozialraum": N_("Sozialraum"), "address": N_("Adresse"),
    "herkunftsland": N_("Herkunftsland"), "languages": N_("Sprachen"),
    "pakete": N_("Integrationspakete"), "status": N_("Status"), "referral": N_("Zugang"),
    "first_contact": N_("Erstkontakt"), "given_name": N_("Vorname"),
    "birth_year": N_("Geburtsjahr"), "birth_date": N_("Geburtsdatum"),
    "relation": N_("Beziehung"), "school": N_("Kita/Schule"), "school_class": N_("Klasse"),
    "insurance": N_("Krankenversicherung"), "household_id": N_("Familie"),
    "person_id": N_("Person"), "given_on": N_("Datum der Einwilligung"),
    "scope_documentation": N_("Umfang: Dokumentation"),
    "scope_sharing": N_("Umfang: Weitergabe an Institutionen"),
    "form_language": N_("Sprache des Formulars"), "withdrawn_on": N_("Widerrufen am"),
    "withdrawn_sharing": N_("Widerruf für: Weitergabe an Institutionen"),
    "withdrawn_documentation": N_("Widerruf für: Dokumentation"),
    "reason": N_("Grund"), "since": N_("seit"), "lifted_on": N_("Aufgehoben am"),
    "lift_reason": N_("Grund der Aufhebung"),
    "kind": N_("Art"), "date": N_("Datum"), "duration_min": N_("Dauer (Minuten)"),
    "worker_id": N_("Mitarbeiter/in"), "paket": N_("Integrationspaket"),
    "topics": N_("Themen"), "institution": N_("Institution"),
    "place": N_("Ort der Sprechstunde"), "language": N_("Sprache"), "outcome": N_("Ergebnis"),
    "follow_up": N_("Wiedervorlage"), "follow_up_done": N_("Wiedervorlage erledigt"),
    "note": N_("Notiz"), "title": N_("Titel"), "participants": N_("Teilnehmende"),
    "edition": N_("Sprachausgabe"), "items": N_("Ausgegebene Teile"),
    "recipient_person_id": N_("Empfangen von"), "phase": N_("Phase"),
    "started_on": N_("Beginn"), "handlungsfeld": N_("Handlungsfeld"), "text": N_("Ziel"),
    "agreed_on": N_("Vereinbart am"), "target_date": N_("Zieldatum"),
    "status_changed_on": N_("Status seit"),
    "review_date": N_("Überprüfung am"), "review_notes": N_("Überprüfungsnotiz"),
    "school_attendance": N_("Schulbesuch"), "u_status": N_("U-Untersuchung"),
    "concern": N_("Sorge"), "author_id": N_("Verfasst von"), "name": N_("Name"),
    "role": N_("Rolle"), "team": N_("Team"), "active": N_("Aktiv"),
    "revoked_on": N_("Gesperrt am"), "label": N_("Bezeichnung"), "key": N_("Schlüssel"),
    "parent": N_("Übergeordnet"), "tags": N_("Merkmale"), "sort_order": N_("Reihenfolge"),
    "signing_public": N_("Signaturschlüssel"),
    "encryption_public": N_("Verschlüsselungsschlüssel"),
    "target_id": N_("Zusammengeführt in"), "subject_table": N_("Gelöscht wird"),
    "subject_id": N_("Betroffene Familie oder Person"), "issued_on": N_("Angeordnet am"),
}  # fmt: skip

RECORD_KINDS = {
    "household": N_("Familie"), "person": N_("Person"), "consent": N_("Einwilligung"),
    "contact": N_("Kontakt"), "starterpaket_handout": N_("Starterpaket"),
    "case_phase": N_("Fallphase"), "goal": N_("Integrationsziel"),
    "observation": N_("Beobachtung Kindeswohl"), "family_share": N_("Teilen einer Familie"),
}  # fmt: skip
AUDIT_ACTIONS = {
    "create": N_("{what} angelegt"),
    "update": N_("{what} geändert"),
    "delete": N_("{what} gelöscht"),
    "restore": N_("{what} wiederhergestellt"),
    # Written by one step each: sync/returns.py, enrol_existing.py, kindeswohl.py, bulk.py.
    "prune": N_("{what} vom Laptop genommen"),
    "retention": N_("{what} nach Ablauf der Löschfrist vom Laptop entfernt"),
    # Four eyes (services/retention.py): the coordinators' names stand in the fields.
    "retention_mark": N_("{what} zur Löschung vorgemerkt"),
    "retention_confirm": N_("Löschung bestätigt: {what}"),
    "enrol": N_("Gerät mit Einladung angemeldet"),
    "seen": N_("{what} als gesehen markiert"),
    "bulk_insert": N_("{what}: Daten übernommen"),
}

# Every kind of record a sync package can carry, and its manifest: for refusals.
SYNC_KINDS = {
    **RECORD_KINDS, "worker": N_("Mitarbeiter/in"), "device": N_("Gerät"),
    "master_item": N_("Stammdaten"), "erasure": N_("Löschung (DSGVO)"),
    "pseudonymisation": N_("Pseudonymisierung"), "restriction": N_("Einschränkung (Art. 18)"),
    "household_redirect": N_("Zusammenführung von Familien"),
    "manifest": N_("Paketbeschreibung"), "retention_rule": N_("Löschfrist"),
    "retention_hold": N_("Aufbewahrung über die Löschfrist hinaus"),
}  # fmt: skip
