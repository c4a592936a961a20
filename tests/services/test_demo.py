"""Demo data: reproducible, realistic, valid, searchable, and stored by the bulk path."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from hamm_field.domain import masterdata
from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import (
    CasePhase,
    Consent,
    Contact,
    Goal,
    Household,
    Observation,
    Person,
    StarterpaketHandout,
    Worker,
)
from hamm_field.domain.tables_local import AuditEntry
from hamm_field.domain.translit import to_latin
from hamm_field.domain.validation_work import validate_contact
from hamm_field.domain.vocab import ContactKind, DeviceRole, WorkerRole
from hamm_field.services import Services, setup
from hamm_field.services.demo import DemoAlreadyLoaded, DemoSummary, load_demo
from hamm_field.services.overview import ContactFilter
from hamm_field.store import audit, bulk, state
from hamm_field.store.keyfile import KdfParams, calibrate_kdf
from hamm_field.store.master import load_index
from hamm_field.store.paths import StorePaths
from hamm_field.store.search import (
    FamilyFilter,
    household_search_text,
    latin_name,
    search_households,
)
from hamm_field.store.unit import CLOCK_KEY, Store

YEAR = 2025
END = dt.date(YEAR, 12, 31)
ORTE = {key for key, _label in masterdata.SPRECHSTUNDEN_ORTE}


def make_store(root: Path, kdf: KdfParams) -> Store:
    result = setup.initialize(
        StorePaths(root), device_role=DeviceRole.FIELD, name="Test", password="correct horse",
        kdf=kdf,
    )  # fmt: skip
    return result.store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, kdf: KdfParams) -> Iterator[Store]:
    """One store with 400 demo families of 2025 (shared: loading takes a moment)."""
    store = make_store(tmp_path_factory.mktemp("demo") / "d", kdf)
    load_demo(store, families=400, seed=3, year=YEAR)
    yield store
    store.close()


def all_of(store: Store, table: type) -> list:
    with store.read() as session:
        return list(session.exec(select(table)).all())


def dump(store: Store) -> list[tuple]:
    """Every demo row's data, ids included, without the per-store sync stamps."""
    rows = []
    for table in (Household, Person, Consent, Contact, StarterpaketHandout, CasePhase, Goal,
                  Observation):  # fmt: skip
        fields = ["id", *table.data_fields()]
        for record in sorted(all_of(store, table), key=lambda r: r.id):
            rows.append((table.__tablename__, *(getattr(record, name) for name in fields)))
    return rows


def test_same_seed_gives_the_same_data_and_another_seed_other_data(
    tmp_path: Path, kdf: KdfParams
) -> None:
    stores = [make_store(tmp_path / name, kdf) for name in ("a", "b", "c")]
    try:
        for store, seed in zip(stores, (5, 5, 6), strict=True):
            load_demo(store, families=30, seed=seed, year=YEAR)
        first, second, other = (dump(store) for store in stores)
    finally:
        for store in stores:
            store.close()
    assert first == second
    names = [[row[2] for row in rows if row[0] == "household"] for rows in (first, other)]
    assert names[0] != names[1]
    kinds_and_dates = [
        [(row[2], row[3]) for row in rows if row[0] == "contact"] for rows in (first, other)
    ]
    assert kinds_and_dates[0] != kinds_and_dates[1]


def test_the_batch_size_does_not_change_the_data(tmp_path: Path, kdf: KdfParams) -> None:
    stores = [make_store(tmp_path / name, kdf) for name in ("a", "b")]
    try:
        load_demo(stores[0], families=25, seed=9, year=YEAR, batch_size=7)
        load_demo(stores[1], families=25, seed=9, year=YEAR)
        assert dump(stores[0]) == dump(stores[1])
    finally:
        for store in stores:
            store.close()


def test_families_are_mostly_bulgarian_and_written_as_they_would_be(loaded: Store) -> None:
    households = all_of(loaded, Household)
    assert len(households) == 400
    countries = Counter(h.herkunftsland for h in households)
    assert set(countries) == {"bulgarien", "rumaenien"}
    assert 0.86 <= countries["bulgarien"] / 400 <= 0.94
    named = [h for h in households if not h.pseudonym and h.herkunftsland == "bulgarien"]
    cyrillic = [h for h in named if to_latin(h.family_name) != h.family_name]
    assert 0.6 <= len(cyrillic) / len(named) <= 0.8
    turkish = [h for h in households if "tr" in h.languages]
    assert all(h.herkunftsland == "bulgarien" for h in turkish)
    assert 0.35 <= len(turkish) / 400 <= 0.65
    assert all(set(h.languages) <= {"ro", "rom"} for h in households
               if h.herkunftsland == "rumaenien")  # fmt: skip
    pseudonyms = sum(h.pseudonym for h in households)
    assert 0.1 <= pseudonyms / 400 <= 0.2
    assert len(all_of(loaded, Consent)) == 400 - pseudonyms
    rooms = Counter(h.sozialraum for h in households)
    assert 0.6 <= rooms["hamm-westen"] / 400 <= 0.73


def test_bulgarian_women_carry_the_female_surname(loaded: Store) -> None:
    households = {h.id: h for h in all_of(loaded, Household)}
    persons = [p for p in all_of(loaded, Person) if not households[p.household_id].pseudonym]
    base = {p.household_id: p.family_name for p in persons if p.family_name.endswith(("ов", "ov"))}
    women = [p for p in persons if p.household_id in base and p.family_name != base[p.household_id]]
    assert women
    assert all(p.family_name == base[p.household_id] + p.family_name[-1] for p in women)
    assert all(p.family_name[-1] in "аa" for p in women)


def test_contacts_follow_the_published_mix(loaded: Store) -> None:
    contacts = all_of(loaded, Contact)
    kinds = Counter(c.kind for c in contacts)
    assert set(kinds) == set(ContactKind)
    assert kinds.most_common(1)[0][0] == ContactKind.BEGLEITUNG
    assert 0.33 <= kinds["begleitung"] / len(contacts) <= 0.47
    begleitungen = [c for c in contacts if c.kind == "begleitung"]
    westen = sum(c.sozialraum == "hamm-westen" for c in begleitungen) / len(begleitungen)
    assert 0.58 <= westen <= 0.75
    assert all(c.institution for c in begleitungen)
    assert {c.place for c in contacts if c.kind == "sprechstunde"} <= ORTE
    per_family = Counter(c.household_id for c in contacts if c.household_id)
    assert len(per_family) == 400
    assert all(7 <= n <= 10 for n in per_family.values())
    assert 7 <= sum(per_family.values()) / 400 <= 10
    assert all(c.date.year == YEAR for c in contacts)
    events = [c for c in contacts if c.kind == "veranstaltung"]
    assert all(c.household_id is None and c.title and 5 <= c.participants <= 60 for c in events)


def test_every_contact_passes_validation(loaded: Store) -> None:
    with loaded.read() as session:
        master = load_index(session)
    households = {h.id: h for h in all_of(loaded, Household)}
    for contact in all_of(loaded, Contact):
        validate_contact(contact.model_dump(), master, END)
        if contact.household_id:
            family = households[contact.household_id]
            assert contact.sozialraum == family.sozialraum
            assert contact.paket in family.pakete
            assert contact.language in family.languages
            assert all(topic.startswith(f"p{contact.paket}-") for topic in contact.topics)


def test_casework_handouts_and_observations_fit_the_families(loaded: Store) -> None:
    households = {h.id: h for h in all_of(loaded, Household)}
    workers = {w.id: w for w in all_of(loaded, Worker)}
    roles = Counter(w.role for w in workers.values())
    assert roles[WorkerRole.SCHLUESSELFIGUR] == 11  # the demo team and the store's own
    assert roles[WorkerRole.SOZIALBETREUER] == 4
    handouts = all_of(loaded, StarterpaketHandout)
    assert handouts
    for handout in handouts:
        family = households[handout.household_id]
        assert family.first_contact.year == YEAR
        assert handout.edition in {*family.languages, "de", "bg"}
        assert len(handout.items) >= 6
    phases = all_of(loaded, CasePhase)
    assert phases and all(
        workers[households[p.household_id].worker_id].role == "sozialbetreuer" for p in phases
    )
    goals = all_of(loaded, Goal)
    assert goals and len({g.status for g in goals}) >= 4
    persons = {p.id: p for p in all_of(loaded, Person)}
    observations = all_of(loaded, Observation)
    assert len(observations) <= 20
    assert all(persons[o.person_id].relation == "kind" for o in observations)


def test_search_finds_a_cyrillic_family_by_its_latin_spelling(loaded: Store) -> None:
    households = all_of(loaded, Household)
    persons: dict[str, list[Person]] = {}
    for person in all_of(loaded, Person):
        persons.setdefault(person.household_id, []).append(person)
        assert person.name_latin == latin_name(person.given_name, person.family_name)
    for household in households:
        assert household.search_text == household_search_text(household, persons[household.id])
    family = next(h for h in households if to_latin(h.family_name) != h.family_name)
    with loaded.read() as session:
        found = search_households(session, FamilyFilter(query=to_latin(family.family_name)))
    assert family.id in {h.id for h in found}


def test_the_load_is_audited_and_stamped_like_any_write(loaded: Store) -> None:
    with loaded.read() as session:
        check = audit.verify(session)
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "bulk_insert")
        ).all()
        clock = int(state.get(session, CLOCK_KEY) or 0)
        raw = session.connection().exec_driver_sql(
            "SELECT hlc, created_hlc, device_id, created_device, stamps, deleted_hlc, erased,"
            " topics, date, follow_up_done FROM contact"
        ).fetchall()
    assert check.ok
    assert {e.entity for e in entries} >= {"household", "person", "contact", "worker"}
    assert all(e.record_id.endswith(" rows") and e.fields == [] for e in entries)
    assert {row[0] for row in raw} == {row[1] for row in raw}
    assert {(row[2], row[3]) for row in raw} == {(loaded.device_id, loaded.device_id)}
    assert {row[4:7] for row in raw} == {("{}", None, 0)}
    assert max(row[0] for row in raw) <= clock
    topics, day, done = raw[0][7:]
    assert json.loads(topics) and " " not in topics  # compact JSON
    assert dt.date.fromisoformat(day).year == YEAR and done in (0, 1)


def test_ids_are_uuid7_dated_on_the_record(loaded: Store) -> None:
    for contact in all_of(loaded, Contact)[:200]:
        value = uuid.UUID(contact.id)
        assert value.version == 7 and value.variant == uuid.RFC_4122
        millis = value.int >> 80
        assert dt.datetime.fromtimestamp(millis / 1000, dt.UTC).date() == contact.date


def test_progress_reaches_the_total(tmp_path: Path, kdf: KdfParams) -> None:
    store = make_store(tmp_path / "d", kdf)
    calls: list[tuple[int, int]] = []
    try:
        summary = load_demo(store, families=25, seed=2, year=YEAR, batch_size=10,
                            progress=lambda done, total: calls.append((done, total)))  # fmt: skip
        with store.read() as session:
            assert audit.verify(session).ok
    finally:
        store.close()
    assert calls == [(10, 25), (20, 25), (25, 25)]
    assert isinstance(summary, DemoSummary)
    assert summary.families == 25 and summary.persons >= 25 and summary.contacts >= 175


def test_no_date_after_today_in_the_current_year(tmp_path: Path, kdf: KdfParams) -> None:
    store = make_store(tmp_path / "d", kdf)
    today = dt.date.today()
    try:
        load_demo(store, families=40, seed=4, year=today.year)
        early = dt.date(today.year, 1, 1) + dt.timedelta(days=40)
        load_demo(store, families=40, seed=5, year=today.year, today=early)
        contacts = all_of(store, Contact)
        days = [c.date for c in contacts]
        days += [h.date for h in all_of(store, StarterpaketHandout)]
        days += [p.started_on for p in all_of(store, CasePhase)]
        days += [h.first_contact for h in all_of(store, Household)]
        days += [o.date for o in all_of(store, Observation)]
    finally:
        store.close()
    assert max(days) <= today
    assert sum(c.date <= early for c in contacts) >= 40 * 7


def test_a_future_year_and_a_second_load_of_a_seed_are_refused(
    tmp_path: Path, kdf: KdfParams
) -> None:
    store = make_store(tmp_path / "d", kdf)
    try:
        with pytest.raises(UserError):
            load_demo(store, families=5, year=dt.date.today().year + 1)
        load_demo(store, families=5, seed=1, year=YEAR)
        with pytest.raises(DemoAlreadyLoaded):
            load_demo(store, families=5, seed=1, year=YEAR)
        load_demo(store, families=5, seed=2, year=YEAR)
        assert len(all_of(store, Household)) == 10
        assert len(all_of(store, Worker)) == 15  # the team is added once
    finally:
        store.close()


def test_a_failing_batch_stores_nothing(tmp_path: Path, kdf: KdfParams) -> None:
    store = make_store(tmp_path / "d", kdf)
    rows = bulk.Rows.from_dicts(Worker, [{"id": "w-1", "name": "A", "role": "schluesselfigur"}])
    try:
        bulk.insert(store, [rows])
        with store.read() as session:
            before = session.exec(select(AuditEntry)).all()
        with pytest.raises(Exception, match="UNIQUE"):
            bulk.insert(store, [rows])
        with store.read() as session:
            assert len(session.exec(select(AuditEntry)).all()) == len(before)
            assert audit.verify(session).ok
            worker = session.get(Worker, "w-1")
        assert worker is not None and worker.active is True and worker.team is None
    finally:
        store.close()


def test_at_the_coordination_its_worker_gets_a_share_of_the_demo_families(tmp_path):
    result = setup.initialize(StorePaths(tmp_path / "mine"), device_role=DeviceRole.CENTRAL,
                              name="Ich", password="correct horse", kdf=calibrate_kdf(0))
    services = Services.for_store(result.store)
    services.load_demo(120)
    mine = services.views.count_families(FamilyFilter(worker_id=result.store.worker_id))
    assert 3 <= mine < 120
    assert services.overview.count_contacts(ContactFilter(worker_id=result.store.worker_id)) > 0
    result.store.close()


def test_on_a_laptop_every_demo_record_is_its_own_workers(tmp_path):
    """A laptop authors only its worker's records; its reports then count all it wrote.
    The few families colleagues share with it come as a return would bring them: written
    by the coordination's device, each with a share for this worker."""
    result = setup.initialize(StorePaths(tmp_path / "laptop"), device_role=DeviceRole.FIELD,
                              name="Ich", password="correct horse", kdf=calibrate_kdf(0),
                              worker_role=WorkerRole.SCHLUESSELFIGUR)
    store = result.store
    services = Services.for_store(store)
    services.load_demo(60)
    assert services.views.count_families(FamilyFilter(worker_id=store.worker_id)) == 60
    own = store.device_id
    written = [row for table in (Contact, StarterpaketHandout) for row in all_of(store, table)
               if row.created_device == own]
    received = [row for table in (Contact, StarterpaketHandout) for row in all_of(store, table)
                if row.created_device != own]
    assert {row.worker_id for row in written} == {store.worker_id}
    mine = ContactFilter(worker_id=store.worker_id)
    assert services.overview.count_contacts(mine) == sum(
        isinstance(row, Contact) for row in written) > 0
    assert {row.author_id for row in all_of(store, Observation)} <= {store.worker_id}
    colleagues = {w.id for w in all_of(store, Worker)} - {store.worker_id}
    assert len(colleagues) == 2  # the two named colleagues who share, no invented team
    assert received and {row.worker_id for row in received} <= colleagues
    shared = {row.household_id for row in received}
    assert shared <= services.sharing.shared_with_me()
    case_work = [row for table in (CasePhase, Goal) for row in all_of(store, table)]
    assert [row for row in case_work if row.created_device == own] == []  # a Sozialbetreuer's
    assert {row.household_id for row in case_work} <= shared  # the colleague's case work
    store.close()
