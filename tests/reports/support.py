"""Stores, families and report data the report tests share."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
from pathlib import Path
from typing import Any

from hamm_field.domain.masterdata import STARTERPAKET_ITEMS
from hamm_field.domain.tables import Household, Worker
from hamm_field.domain.vocab import ContactKind, DeviceRole
from hamm_field.reports.kennzahlen import compute
from hamm_field.reports.kennzahlen_family import months
from hamm_field.reports.model import Filters, Kennzahlen, Period
from hamm_field.reports.person_data_json import SCHEMA_FILE
from hamm_field.reports.person_data_model import FamilyRecord, MemberRecord, PersonData
from hamm_field.reports.receipt import ReceiptData
from hamm_field.services import Services, setup
from hamm_field.store import report_counts
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store
from tests.conftest import PASSWORD

D = dt.date
LAST_DAY = D(2026, 12, 31)  # "today" of the central stores: every date of 2025-2026 is allowed


MOMENT = dt.datetime(2027, 1, 2, 9, 30)
NO_FILTERS = Filters()


MIGRATION = importlib.import_module("hamm_field.store.migrations.versions.0006_report_counts")
LOG_EVERY_CONTACT = (
    f"INSERT INTO report_log ({MIGRATION.LOG_COLUMNS}) "
    f"SELECT {MIGRATION._log_values(1, 'c', 'h.herkunftsland')} FROM contact AS c "
    "LEFT JOIN household AS h ON h.id = c.household_id WHERE c.deleted_hlc IS NULL "
    "AND (c.household_id IS NULL OR (h.id IS NOT NULL AND h.deleted_hlc IS NULL))"
)


def figures(store: Store, period: Period, filters: Filters = NO_FILTERS, *,
            kept: bool = True) -> Kennzahlen:  # fmt: skip
    with store.read() as session:
        return compute(session, period, filters, app_version="test", now=MOMENT,
                       kept_counts=kept)  # fmt: skip


def comparable(k: Kennzahlen) -> dict[str, Any]:
    values = dataclasses.asdict(k)
    del values["data_hash"]
    return values


def assert_kept_equals_direct(store: Store, period: Period,
                              filters: Filters = NO_FILTERS) -> None:  # fmt: skip
    assert months(period) is not None, period  # else both would count directly
    kept = figures(store, period, filters)
    direct = figures(store, period, filters, kept=False)
    assert kept.data_hash != direct.data_hash, (period, filters)  # the kept counts answered
    assert comparable(kept) == comparable(direct), (period, filters)


def log_size(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM report_log").scalar_one()


KEPT_TABLES = ("report_sum", "report_presence", "report_family")


def kept_tables(connection: Any) -> tuple[list[tuple], ...]:
    return tuple(  # type: ignore[return-value]
        sorted((tuple(row) for row in connection.exec_driver_sql(f"SELECT * FROM {table}")),
               key=repr)
        for table in KEPT_TABLES
    )  # fmt: skip


def kept_and_rebuilt(store: Store) -> tuple[Any, Any]:
    """The kept tables, and the same tables folded from scratch (then rolled back)."""
    with store.engine.connect() as connection:
        transaction = connection.begin()
        try:
            kept = kept_tables(connection)
            for table in KEPT_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
            connection.exec_driver_sql(LOG_EVERY_CONTACT)
            report_counts.fold(connection)
            return kept, kept_tables(connection)
        finally:
            transaction.rollback()


def assert_counts_sound(store: Store, periods: list[Period],
                        filters: list[Filters] = ()) -> None:  # fmt: skip
    """The kept tables as if folded from scratch, and every period unfiltered and with
    each of ``filters`` as the direct count has it."""
    assert log_size(store) == 0
    kept, rebuilt = kept_and_rebuilt(store)
    assert kept == rebuilt
    for period in periods:
        for chosen in (NO_FILTERS, *filters):
            assert_kept_equals_direct(store, period, chosen)


def new_central(root: Path, kdf) -> Services:  # type: ignore[no-untyped-def]
    result = setup.initialize(StorePaths(root / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination", password=PASSWORD, kdf=kdf)  # fmt: skip
    return Services.for_store(result.store, today=lambda: LAST_DAY)


def add_worker(services: Services, name: str, role: str = "schluesselfigur",
               team: str | None = None) -> str:  # fmt: skip
    with services.context.store.write() as writer:
        return writer.insert(Worker(name=name, role=role, team=team)).id


def add_family(services: Services, country: str, room: str = "hamm-westen", *,
               first: dt.date | None = None, pakete: tuple[int, ...] = ()) -> str:  # fmt: skip
    """A family through the service; ``country`` '' is one nobody entered (the form
    demands one; older or hand-made data may lack it), set through the Writer."""
    family = services.families.create(
        family_name="Familie", sozialraum=room, herkunftsland=country or "sonstiges",
        pakete=list(pakete), first_contact=first).id  # fmt: skip
    if not country:
        set_country(services, family, country)
    return family


def set_country(services: Services, family: str, country: str) -> None:
    if country:
        services.families.edit(family, herkunftsland=country)
        return
    with services.context.store.write() as writer:
        writer.update(writer.session.get(Household, family), {"herkunftsland": ""})


def tombstone_family(services: Services, family: str) -> None:
    """Delete a family whatever names it: the service refuses while contacts do, but a
    merge can still bring a family's delete after a contact for it."""
    with services.context.store.write() as writer:
        writer.delete(writer.session.get(Household, family))


def add_contact(services: Services, family: str | None, kind: str, day: dt.date,
                minutes: int = 30, **values: Any) -> str:  # fmt: skip
    """A contact through the service, with what its kind requires filled in."""
    if kind == ContactKind.VERANSTALTUNG:
        values = {"title": "Elterncafé", "participants": 10, "sozialraum": "stadtmitte",
                  **values}  # fmt: skip
    else:
        values = {"paket": 1, **values}
    if kind == ContactKind.BEGLEITUNG and not values.get("institution"):
        values["institution"] = "schule"
    if kind == ContactKind.SPRECHSTUNDE:
        values["place"] = "pelkum"
    return services.contacts.create(household_id=family, kind=kind, date=day,
                                    duration_min=minutes, **values).id  # fmt: skip


def make_family(services):
    """A Bulgarian family with members, consent, contacts, a handout, a goal, an observation,
    and one edited record, plus a second family that must never appear in the first one's
    report."""
    family = services.families.create(
        family_name="Петрова", sozialraum="hamm-westen", herkunftsland="bulgarien",
        languages=["bg", "tr"], pakete=[1, 5], pseudonym=False, address="Wilhelmstraße 12",
    )  # fmt: skip
    mother = services.persons.create(
        household_id=family.id, given_name="Мария", family_name="Петрова",
        relation="elternteil", birth_year=1991, insurance="nein",
    )  # fmt: skip
    child = services.persons.create(
        household_id=family.id, given_name="Иван", family_name="Петров", relation="kind",
        birth_year=2016, school="Friedensschule", school_class="4b",
    )  # fmt: skip
    services.consents.create(household_id=family.id, person_id=mother.id, form_language="bg",
                             scope_sharing=True, given_on=dt.date(2026, 9, 1))  # fmt: skip
    contact = services.contacts.create(
        household_id=family.id, kind="begleitung", duration_min=90, paket=1,
        institution="kjc", date=dt.date(2026, 10, 5),
        note="Antrag auf Bürgergeld gemeinsam ausgefüllt",
    )  # fmt: skip
    services.contacts.edit(contact.id, outcome="Termin in zwei Wochen")
    services.handouts.create(household_id=family.id, edition="bg", items=["stadtplan", "schulen"],
                             recipient_person_id=mother.id)  # fmt: skip
    services.phases.create(household_id=family.id, phase=1)
    services.goals.create(household_id=family.id, person_id=child.id, handlungsfeld="bildung",
                          text="Schulplatz für Иван sichern")  # fmt: skip
    services.observations.create(household_id=family.id, person_id=child.id,
                                 school_attendance="unregelmaessig", concern="gering",
                                 note="Fehlt montags oft")  # fmt: skip
    other = services.families.create(family_name="Ionescu", sozialraum="pelkum",
                                     herkunftsland="rumaenien", languages=["ro"])  # fmt: skip
    services.persons.create(household_id=other.id, given_name="Andrei",
                            family_name="Ionescu", relation="elternteil")  # fmt: skip
    services.contacts.create(household_id=other.id, kind="beratung", duration_min=30, paket=1,
                             note="Notiz der anderen Familie")  # fmt: skip
    return family, mother, child


def person_data(**changes) -> PersonData:
    family = FamilyRecord(
        family_name="Yılmaz", pseudonym=False, sozialraum="Hamm-Norden", address=None,
        herkunftsland="Bulgarien", languages=("Türkisch",), pakete=(1,), status="aktiv",
        worker="Ana Test", referral="schule", first_contact=dt.date(2026, 3, 2),
    )  # fmt: skip
    values = {
        "family": family,
        "generated_at": dt.datetime(2026, 11, 20, 10, 0),
        "app_version": "0.1.0",
        "members": (MemberRecord("Ayşe", "Yılmaz", "Ayse Yilmaz", 1988, None, "elternteil"),),
    }
    values.update(changes)
    return PersonData(**values)


SCHEMA = Path(__file__).resolve().parents[2] / "resources" / SCHEMA_FILE


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def receipt_data(edition: str = "bg", **kwargs) -> ReceiptData:
    values = {
        "family_name": "Петрова",
        "date": dt.date(2026, 11, 20),
        "worker_name": "Ana Test",
        "edition": edition,
        "edition_label": "Bulgarisch",
        "items": tuple(STARTERPAKET_ITEMS),
        "recipient_name": "Мария Петрова",
    }
    values.update(kwargs)
    return ReceiptData(**values)


CONTRACT_KEYS = {
    "period", "app_version", "data_hash", "begleitungen", "begleitungsstunden",
    "begleitete_familien", "neue_familien", "kontakte", "kontakte_nach_art", "starterpakete",
    "veranstaltungen", "teilnehmende", "ziele", "kindeswohl_hinweise", "nach_sozialraum",
    "nach_integrationspaket", "nach_herkunftsland", "nach_sprache", "nach_institution",
    "nach_monat",
}  # fmt: skip
ADDED_KEYS = {"filter", "starterpakete_nach_ausgabe", "nach_mitarbeiter"}
