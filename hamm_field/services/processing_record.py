"""The Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO) of this installation.

The coordination hands it to the city's data protection officer. It is generated, not
written by hand, so that it says what this installation really does: the kinds of records
and their fields come from the tables, the institutions from the master data, the counts
from the store, the Löschfristen from :func:`retention_lines` and the technical measures
from :mod:`hamm_field.services.processing_measures`. It names no person: only counts.

The PDF is built in memory; :meth:`ProcessingRecords.save_pdf` writes it only where the
coordination chooses (the GUI's file dialog, or ``report processing-record --out FILE``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from hamm_field import __version__
from hamm_field.domain import retention as periods
from hamm_field.domain.errors import UserError
from hamm_field.domain.record_labels import RECORD_FIELDS, RECORD_KINDS
from hamm_field.domain.tables import (
    CasePhase,
    Consent,
    Contact,
    Device,
    Goal,
    Household,
    Observation,
    Person,
    StarterpaketHandout,
    Worker,
)
from hamm_field.domain.vocab import DeviceRole, MasterKind, WorkerRole
from hamm_field.i18n import N_
from hamm_field.reports.processing_record import render_processing_record
from hamm_field.reports.processing_record_model import (
    DataCategory,
    Entry,
    ProcessingRecord,
    RetentionLine,
)
from hamm_field.services import processing_measures as measures
from hamm_field.services.context import Context
from hamm_field.services.retention import Retention
from hamm_field.services.sync import Sync
from hamm_field.store import retention as rules_store
from hamm_field.store.files import atomic_write_bytes

_PERSON_LINKS = ("household_id", "person_id")  # links between records, not data about anyone
_FIELD_NAMES = {**RECORD_FIELDS, "guardian_name": "Name der gesetzlichen Vertretung"}
_CATEGORIES = (
    (Household, "Herkunftsland und Sprachen können auf die ethnische Herkunft schließen "
                "lassen (Art. 9 Abs. 1)."),
    (Person, ""), (Consent, ""), (Contact, ""), (StarterpaketHandout, ""), (CasePhase, ""),
    (Goal, ""),
    (Observation, "Besondere Kategorie (Art. 9): U-Untersuchungen betreffen die Gesundheit "
                  "von Kindern. Nur für die erfassende Person und die Koordination sichtbar."),
    (Worker, "Mitarbeitende, die mit Hamm Field arbeiten."),
)  # fmt: skip


class OnlyCoordination(UserError):
    message = N_("Das Verzeichnis von Verarbeitungstätigkeiten erstellt die Koordination "
                 "aus der zentralen Ablage.")  # fmt: skip


def retention_lines(context: Context) -> list[RetentionLine]:
    """The Löschfristen as (Art der Daten, Frist, Grundlage) lines: the periods the
    coordination set in the Einstellungen ("Vorgabe" where it kept the default), and the
    rules the program itself keeps."""
    set_here = Retention(context).rules()
    with context.store.read() as session:
        chosen = rules_store.set_rules(session.connection())

    def basis(name: str) -> str:
        return "Einstellung der Koordination" if name in chosen else "Vorgabe"

    family, kindeswohl = set_here[periods.FAMILY], set_here[periods.KINDESWOHL]
    drafts, quarantine = set_here[periods.DRAFTS], set_here[periods.QUARANTINE]
    return [
        RetentionLine("Daten einer Familie und ihrer Personen: Namen, Adresse, Einwilligungen, "
                      "Kontakte, Starterpakete, Fallphasen, Integrationsziele",
                      f"{family} Monate nach dem letzten Kontakt oder nach Abschluss des "
                      "Falls; dann Löschung nach Art. 17 aus der Liste „Zur Löschung fällig“; "
                      "die Laptops entfernen sie selbst", basis(periods.FAMILY)),
        RetentionLine("Beobachtungen Kindeswohl", f"{kindeswohl} Monate nach ihrem Datum",
                      basis(periods.KINDESWOHL)),
        RetentionLine("Entwürfe von Formularen (nur auf dem Gerät, verschlüsselt)",
                      f"{drafts} Tage nach dem letzten Speichern", basis(periods.DRAFTS)),
        RetentionLine("Daten abgeschlossener Familien auf den Laptops im Feld",
                      f"{Sync(context).closed_months()} Monate nach Abschluss; danach nur "
                      "noch in der Koordination", "Einstellung der Koordination"),
        RetentionLine("Kopien abgelehnter Sync-Pakete (Quarantäne)",
                      f"{quarantine} Tage; sofort, wenn eine Löschung nach Art. 17 sie "
                      "betrifft", basis(periods.QUARANTINE)),
        RetentionLine("Nach Art. 17 gelöschte Familien und Personen",
                      "Namen, Adressen und Notizen sofort und auf jedem Laptop mit dem "
                      "nächsten Rückpaket; es bleiben Zahlen ohne Personenbezug",
                      "fest im Programm"),
        RetentionLine("Änderungsprotokoll (Kennungen, Feldnamen, keine Werte)",
                      "solange die Ablage besteht", "fest im Programm"),
    ]  # fmt: skip


def _count(session: Session, statement) -> int:  # type: ignore[no-untyped-def]
    return int(session.exec(statement).one())


class ProcessingRecords:
    """``pdf()`` builds the record; ``save_pdf(path)`` writes it where the person chose."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def require_central(self) -> None:
        if not self.context.is_central:
            raise OnlyCoordination()

    def gather(self) -> ProcessingRecord:
        self.require_central()
        sync = Sync(self.context)
        with self.context.store.read() as session:
            kept = col(Household.erased).is_(False)
            families = _count(session, select(func.count()).where(kept))
            pseudonymous = _count(session, select(func.count()).where(
                kept, col(Household.pseudonym).is_(True)))  # fmt: skip
            erased = _count(session, select(func.count()).where(col(Household.erased)))
            persons = _count(session, select(func.count()).where(col(Person.erased).is_(False)))
            by_role = select(Worker.role, func.count()).group_by(Worker.role)
            roles = {role: int(count) for role, count in session.exec(by_role).all()}
            teams = _count(session, select(func.count(func.distinct(Worker.team))))
            devices = list(session.exec(select(Device.role, Device.revoked_on)))
        laptops = [revoked for role, revoked in devices if role != DeviceRole.CENTRAL.value]
        revoked = sum(1 for day in laptops if day is not None)
        return ProcessingRecord(
            generated_at=dt.datetime.now().replace(microsecond=0),
            app_version=__version__,
            installation=(
                Entry("Rolle dieser Installation", "Koordination (zentrale Ablage)"),
                Entry("Programmversion", __version__),
                Entry("Laptops im Feld", f"{len(laptops)} angemeldet, davon {revoked} gesperrt"),
            ),
            persons=self._persons(families, pseudonymous, erased, persons, roles, teams),
            data=self._categories(),
            recipients=self._recipients(len(laptops)),
            retention=tuple(retention_lines(self.context)),
            measures=(*measures.database(self.context), *measures.keys(self.context),
                      *measures.transfer(len(laptops), revoked, sync.quarantine_days()),
                      measures.chain(self.context), *measures.access(sync.closed_months())),
        )

    def pdf(self) -> bytes:
        return render_processing_record(self.gather())

    def save_pdf(self, path: Path) -> Path:
        """Write the PDF atomically where chosen (``.pdf`` added when missing)."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        atomic_write_bytes(path, self.pdf())
        return path

    @staticmethod
    def _persons(families: int, pseudonymous: int, erased: int, persons: int,
                 roles: dict[str, int], teams: int) -> tuple[Entry, ...]:  # fmt: skip
        role_counts = ", ".join(f"{label}: {roles.get(role.value, 0)}" for role, label in (
            (WorkerRole.SCHLUESSELFIGUR, "Schlüsselfiguren"),
            (WorkerRole.SOZIALBETREUER, "Sozialbetreuer/innen"),
            (WorkerRole.KOORDINATION, "Koordination")))  # fmt: skip
        return (
            Entry("Familien und ihre Mitglieder", (
                "Zugewanderte Familien aus EU-Staaten: Eltern und Erziehungsberechtigte, "
                f"Kinder, weitere Angehörige im Haushalt. Gespeichert: Familien: {families} "
                f"(davon unter Pseudonym: {pseudonymous}), Personen: {persons}; nach Art. 17 "
                f"gelöschte Familien: {erased}.")),
            Entry("Gesetzliche Vertreter/innen",
                  "Wer eine Einwilligung für ein Kind unterschreibt, ohne Mitglied der Familie "
                  "zu sein: nur der Name, bei der Einwilligung."),
            Entry("Teilnehmende an Veranstaltungen", "Nur als Anzahl, ohne Namen."),
            Entry("Mitarbeitende", (
                f"Wer mit Hamm Field dokumentiert: {role_counts}; Träger: {teams}. Name, "
                "Rolle, Träger; jede Änderung im Protokoll mit der Person, die sie machte.")),
        )  # fmt: skip

    def _categories(self) -> tuple[DataCategory, ...]:
        categories = []
        for table, note in _CATEGORIES:
            names = [str(_FIELD_NAMES.get(name, name)) for name in table.data_fields()
                     if name not in _PERSON_LINKS]  # fmt: skip
            kind = RECORD_KINDS.get(table.__tablename__, "Mitarbeiter/in")
            categories.append(DataCategory(kind, tuple(dict.fromkeys(names)), note))
        categories.append(DataCategory("Änderungsprotokoll", (
            "Zeitpunkt", "Gerät", "Mitarbeiter/in", "Art der Änderung", "Datensatz",
            "Feldnamen (ohne Werte)")))  # fmt: skip
        return tuple(categories)

    def _recipients(self, laptops: int) -> tuple[Entry, ...]:
        institutions = ", ".join(e.label for e in self.context.master.active(
            MasterKind.INSTITUTION)) or "–"  # fmt: skip
        return (
            Entry("Koordination (Amt für Integration)",
                  "Alle Daten der Laptops, mit jedem Sync-Paket; sie führt die zentrale "
                  f"Ablage. Laptops im Feld: {laptops}."),
            Entry("Kolleg/innen im Team",
                  "Eine Familie, die die Koordination mit ihnen teilt, mit dem nächsten "
                  "Rückpaket auf ihren Laptop."),
            Entry("Institutionen (Vermittlung)",
                  "Das Programm übermittelt nichts an Institutionen; es dokumentiert nur die "
                  "Vermittlung. Weitergabe nur mit der Einwilligung „Weitergabe an "
                  f"Institutionen“. Institutionen in den Stammdaten: {institutions}."),
            Entry("Fördergeber, Politik, Öffentlichkeit",
                  "Nur Kennzahlen ohne Personenbezug (siehe „Berichte nach außen“)."),
            Entry("Die betroffene Familie",
                  "Auf Verlangen die Auskunft als PDF (Art. 15) und dieselben Daten als "
                  "JSON-Datei (Art. 20), in Deutsch und der Sprache der Familie."),
        )  # fmt: skip
