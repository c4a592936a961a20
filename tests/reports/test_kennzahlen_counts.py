"""The kept Kennzahlen counts give exactly the figures of counting the contacts directly.

Real encrypted stores only. Whatever sequence of writes, merges and failed transactions a
store went through, ``compute(kept_counts=True)`` must equal ``compute(kept_counts=False)``
(all but the deliberately different ``data_hash``), and the kept tables must equal the
ones folded from scratch out of the live contacts, as migration 0006 builds them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamm_field.domain.tables import Contact
from hamm_field.domain.vocab import ContactKind
from hamm_field.reports.kennzahlen import compute
from hamm_field.reports.kennzahlen_counts import window
from hamm_field.reports.model import Cell, Filters, Period
from hamm_field.reports.periods import PRESETS, period_for
from hamm_field.services import Services
from hamm_field.store import migrate, sync_rows
from hamm_field.sync.apply import apply_rows
from tests.reports.support import (
    LAST_DAY,
    MOMENT,
    NO_FILTERS,
    D,
    add_contact,
    add_family,
    add_worker,
    assert_counts_sound,
    assert_kept_equals_direct,
    figures,
    kept_and_rebuilt,
    log_size,
    new_central,
    set_country,
    tombstone_family,
)
from tests.sync.conftest import make_world

# The log of every counted contact, as migration 0006 writes it at its end.


# Comparing the two ways of counting ---------------------------------------------------


# Building data through the services ---------------------------------------------------


# 1. Random writes through the services -----------------------------------------------

KINDS = tuple(kind.value for kind in ContactKind)
COUNTRIES = ("bulgarien", "rumaenien", "sonstiges", "")
ROOMS = ("hamm-westen", "hamm-norden", "pelkum")
LANGUAGES = (None, "bg", "ro", "tr")
INSTITUTIONS = (None, "schule", "bank")
EDITED = ("date", "kind", "duration_min", "sozialraum", "household_id", "language", "worker_id")


def _month_edge(year: int, month: int, last: bool) -> dt.date:
    first = D(year, month, 1)
    if not last:
        return first
    return D(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


days = st.one_of(
    st.dates(D(2025, 1, 1), LAST_DAY),
    st.builds(_month_edge, st.integers(2025, 2026), st.integers(1, 12), st.booleans()),
)
picks = st.integers(0, 63)  # the n-th (modulo) of the records an operation can apply to


def _op(name: str, **fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({"op": st.just(name), **fields})


new_families = _op("family", country=st.sampled_from(COUNTRIES), room=st.sampled_from(ROOMS),
                   first=st.none() | days, pakete=st.sampled_from(((), (2,), (1, 4))))  # fmt: skip
new_contacts = _op(
    "contact", kind=st.sampled_from(KINDS), family=picks, day=days, minutes=st.integers(1, 240),
    room=st.sampled_from((None, *ROOMS)), paket=st.sampled_from((None, 1, 3, 5)),
    language=st.sampled_from(LANGUAGES), institution=st.sampled_from(INSTITUTIONS),
    worker=picks, participants=st.integers(1, 40))  # fmt: skip
operations = st.one_of(
    new_families, new_contacts, new_contacts,
    _op("edit", contact=picks, fields=st.sets(st.sampled_from(EDITED), min_size=1, max_size=3),
        day=days, kind=st.sampled_from(KINDS), minutes=st.integers(1, 240),
        room=st.sampled_from(ROOMS), family=picks, language=st.sampled_from(LANGUAGES),
        worker=picks),
    *(_op(name, pick=picks) for name in ("delete_contact", "restore_contact", "delete_family",
                                         "restore_family", "erase")),
    _op("country", pick=picks, country=st.sampled_from(COUNTRIES)),
)  # fmt: skip
# A store with some families and contacts first, then anything.
histories = st.tuples(st.lists(new_families, min_size=1, max_size=5),
                      st.lists(new_contacts, min_size=3, max_size=20),
                      st.lists(operations, min_size=5, max_size=40)).map(
    lambda parts: [op for part in parts for op in part])  # fmt: skip


def _month_range(start: int, months: int) -> Period:
    """``months`` whole months from month ``start`` (0 = January 2024)."""
    first = D(2024 + start // 12, start % 12 + 1, 1)
    last = start + months - 1
    return Period(first, _month_edge(2024 + last // 12, last % 12 + 1, True))


periods = st.one_of(
    st.builds(period_for, st.sampled_from(PRESETS), st.dates(D(2024, 9, 1), D(2027, 3, 31))),
    # any start month, as many months as still lie within two calendar years
    st.integers(6, 35).flatmap(
        lambda start: st.integers(1, 24 - start % 12).map(lambda n: _month_range(start, n))),
)  # fmt: skip


# Any one filter, or two of different kinds; a worker is the n-th of the scenario's.
FILTER_VALUES = {
    "sozialraum": st.sampled_from((*ROOMS, "Hamm-Westen", "stadtmitte")),
    "paket": st.sampled_from((1, 3, 5)),
    "worker_id": st.integers(1, 3),
    "team": st.sampled_from(("AWO", "Stadt Hamm")),
    "role": st.sampled_from(("schluesselfigur", "sozialbetreuer")),
}
filter_sets = st.lists(st.sampled_from(tuple(FILTER_VALUES)), min_size=1, max_size=2,
                       unique=True).flatmap(lambda names: st.fixed_dictionaries(
                           {name: FILTER_VALUES[name] for name in names}))  # fmt: skip


class Scenario:
    """Applies generated operations through the services, remembering what exists."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.workers = [None, services.context.worker_id, add_worker(services, "Anna", team="AWO"),
                        add_worker(services, "Sven", "sozialbetreuer", "Stadt Hamm")]  # fmt: skip
        self.families: dict[str, bool] = {}  # id -> live
        self.contacts: dict[str, tuple[str, bool]] = {}  # id -> (kind, live)
        self.erased: set[str] = set()  # Art. 17: read-only from then on, so left alone

    def run(self, op: dict[str, Any]) -> None:
        values = dict(op)
        getattr(self, values.pop("op"))(**values)

    @contextlib.contextmanager
    def _as_merged(self, family: str | None) -> Iterator[None]:
        """The service refuses a contact for a deleted family, but a merge can still bring
        one: the family comes back for the write and goes again after it."""
        gone = family is not None and not self.families[family]
        if gone:
            self.services.families.restore(family)
        yield
        if gone:
            tombstone_family(self.services, family)

    def _family_of(self, contact: str) -> str | None:
        with self.services.context.store.read() as session:
            return session.get(Contact, contact).household_id

    def _pick(self, ids: list[str], pick: int) -> str | None:
        return ids[pick % len(ids)] if ids else None

    def _families(self, live: bool | None = None) -> list[str]:
        return [f for f, alive in self.families.items()
                if (live is None or alive == live) and f not in self.erased]

    def _contacts(self, live: bool) -> list[str]:
        return [c for c, (_kind, alive) in self.contacts.items()
                if alive == live and self._family_of(c) not in self.erased]

    def family(self, country: str, room: str, first: dt.date | None, pakete: tuple) -> None:
        self.families[add_family(self.services, country, room, first=first,
                                 pakete=pakete)] = True  # fmt: skip

    def contact(self, kind: str, family: int, day: dt.date, minutes: int, room: str | None,
                paket: int | None, language: str | None, institution: str | None,
                worker: int, participants: int) -> None:  # fmt: skip
        who = self.workers[worker % len(self.workers)]
        values: dict[str, Any] = {"language": language, "institution": institution,
                                  "worker_id": who}  # fmt: skip
        if room is not None:  # else the service suggests the family's
            values["sozialraum"] = room
        household = None
        if kind == ContactKind.VERANSTALTUNG:
            values.update(paket=paket, participants=participants)
        else:  # deleted families too: such a contact must not count
            household = self._pick(self._families(), family)
            if household is None:
                return
            values["paket"] = paket or 1
        with self._as_merged(household):
            record = add_contact(self.services, household, kind, day, minutes, **values)
        self.contacts[record] = (kind, True)

    def edit(self, contact: int, fields: set[str], day: dt.date, kind: str, minutes: int,
             room: str, family: int, language: str | None, worker: int) -> None:  # fmt: skip
        """Changes the ``fields`` named, as far as the contact's kind allows."""
        record = self._pick(self._contacts(live=True), contact)
        if record is None:
            return
        now = self.contacts[record][0]
        wanted = {"date": day, "duration_min": minutes, "sozialraum": room, "language": language,
                  "worker_id": self.workers[worker % len(self.workers)]}  # fmt: skip
        changes = {name: value for name, value in wanted.items() if name in fields}
        household = self._pick(self._families(), family) if "household_id" in fields else None
        event = ContactKind.VERANSTALTUNG
        if "kind" in fields and kind == event and now != event:  # it leaves its family
            changes.update(kind=kind, household_id=None, title="Treffen", participants=7)
        elif "kind" in fields and kind != event and (now != event or household is not None):
            changes.update(kind=kind, paket=1)  # an event may have had no Paket
        final = changes.get("kind", now)
        if final != event and household is not None:
            changes["household_id"] = household
        if final != now and final == ContactKind.BEGLEITUNG:
            changes["institution"] = "bank"
        if final != now and final == ContactKind.SPRECHSTUNDE:
            changes["place"] = "pelkum"
        with self._as_merged(changes.get("household_id")):
            self.services.contacts.edit(record, **changes)
        self.contacts[record] = (final, True)

    def delete_contact(self, pick: int) -> None:
        record = self._pick(self._contacts(live=True), pick)
        if record is not None:
            self.services.contacts.delete(record)
            self.contacts[record] = (self.contacts[record][0], False)

    def restore_contact(self, pick: int) -> None:
        record = self._pick(self._contacts(live=False), pick)
        if record is not None:
            with self._as_merged(self._family_of(record)):
                self.services.contacts.restore(record)
            self.contacts[record] = (self.contacts[record][0], True)

    def delete_family(self, pick: int) -> None:
        family = self._pick(self._families(live=True), pick)
        if family is not None:
            tombstone_family(self.services, family)
            self.families[family] = False

    def restore_family(self, pick: int) -> None:
        family = self._pick(self._families(live=False), pick)
        if family is not None:
            self.services.families.restore(family)
            self.families[family] = True

    def country(self, pick: int, country: str) -> None:
        family = self._pick(self._families(live=True), pick)
        if family is not None:
            set_country(self.services, family, country)

    def erase(self, pick: int) -> None:
        family = self._pick(self._families(), pick)
        if family is not None:
            self.services.erasures.erase_family(family)
            self.erased.add(family)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=histories, asked=st.lists(periods, min_size=3, max_size=5),
       narrowed=st.lists(filter_sets, min_size=2, max_size=4))
def test_kept_counts_equal_the_direct_count_after_any_writes(kdf, ops, asked, narrowed):
    """Any sequence of service writes keeps the counts exact, for any whole-month period,
    unfiltered and with any one or two filters (Sozialraum, Paket, worker, Träger, role)."""
    with tempfile.TemporaryDirectory() as root:
        services = new_central(Path(root), kdf)
        try:
            scenario = Scenario(services)
            for op in ops:
                scenario.run(op)
                assert log_size(services.context.store) == 0, op  # folded at every commit
            filters = [Filters(**{**chosen, **({"worker_id": scenario.workers[
                chosen["worker_id"]]} if "worker_id" in chosen else {})}) for chosen in narrowed]
            assert_counts_sound(services.context.store, asked, filters)
        finally:
            services.close()


# 2. Merges: laptop packages, rows out of order, re-imports, a return package ------------

YEAR_2026 = period_for("jahr", D(2026, 5, 1))
CHECKED = [YEAR_2026, period_for("monat", D(2026, 1, 1)),
           period_for("schuljahr", D(2026, 1, 1))]  # fmt: skip


@pytest.fixture
def sync_world(tmp_path, kdf):
    built = make_world(tmp_path, kdf)
    yield built
    built.close()


def laptop_rows(services: Services, table: str, ids: list[str]) -> list[tuple[str, dict]]:
    with services.context.store.engine.connect() as connection:
        found = sync_rows.load(connection, table, ids)
    return [(table, found[record]) for record in ids]


def test_imports_keep_the_counts(sync_world):
    """Every merge path folds what it changed, whatever order the rows come in."""
    central, (first, second) = sync_world.central, sync_world.laptops
    store = central.context.store
    petrova, ionescu = add_family(first, "bulgarien"), add_family(first, "rumaenien")
    other = add_family(first, "bulgarien")
    handed = add_contact(first, petrova, "begleitung", D(2025, 12, 31), 60)
    moved = add_contact(first, petrova, "beratung", D(2026, 1, 1))
    gone = add_contact(first, ionescu, "hausbesuch", D(2026, 2, 28))
    add_contact(first, ionescu, "telefonat", D(2026, 3, 2))
    add_contact(first, None, "veranstaltung", D(2026, 3, 1), participants=12)
    # Not without a Herkunftsland: the coordination refuses a laptop's invalid family.
    yilmaz = add_family(second, "sonstiges")
    add_contact(second, yilmaz, "telefonat", D(2026, 1, 31), 10)
    add_contact(second, yilmaz, "begleitung", D(2026, 6, 30), 90)
    a1, b1 = sync_world.package(0, "a1.hfsync"), sync_world.package(1, "b1.hfsync")
    assert [r.refused for r in central.sync.import_files([a1, b1])] == [None, None]
    assert figures(store, YEAR_2026).kontakte == 6
    assert_counts_sound(store, CHECKED)

    # A contact merged before its family, in one batch (foreign keys are deferred).
    late = add_family(second, "bulgarien")
    early = [add_contact(second, late, "begleitung", D(2025, 8, 1)),
             add_contact(second, late, "sprechstunde", D(2026, 7, 31))]  # fmt: skip
    batch = [*laptop_rows(second, "contact", early), *laptop_rows(second, "household", [late])]
    with store.engine.begin() as connection:
        changed, _conflicts, newest = apply_rows(connection, [batch])
    store.clock.observe(newest)
    assert changed == 3
    assert (figures(store, YEAR_2026).begleitete_familien, log_size(store)) == (4, 0)
    assert_counts_sound(store, CHECKED)

    # Edits (one only of the family), a delete, a deleted family and a new Herkunftsland
    # arrive later.
    first.contacts.edit(handed, household_id=other)
    first.contacts.edit(moved, date=D(2025, 12, 1), kind="begleitung", institution="bank",
                        duration_min=75)  # fmt: skip
    first.contacts.delete(gone)
    first.families.edit(petrova, herkunftsland="rumaenien")
    # Ionescu's delete, with its Telefonat still live, merges without the laptop authority
    # (which refuses a laptop's delete of a family its own contacts name).
    tombstone_family(first, ionescu)
    with store.engine.begin() as connection:
        newest = apply_rows(connection, [laptop_rows(first, "household", [ionescu])])[2]
    store.clock.observe(newest)
    a2 = sync_world.package(0, "a2.hfsync")
    central.sync.import_files([a2])
    december = period_for("monat", D(2025, 12, 1))
    assert figures(store, YEAR_2026).kontakte == 4  # Petrova's now in 2025, Ionescu deleted
    countries = figures(store, december).nach_herkunftsland
    assert countries == {"Rumänien": Cell(1, 1, 1), "Bulgarien": Cell(1, 1, 1)}
    assert_counts_sound(store, [*CHECKED, december])

    # The same package again, and one whose rows the central store already has.
    before = kept_and_rebuilt(store)[0]
    assert central.sync.import_files([a1])[0].already
    central.sync.import_files([sync_world.package(1, "b2.hfsync")])
    assert kept_and_rebuilt(store)[0] == before
    assert_counts_sound(store, CHECKED)

    # The coordination restores a family and erases one; the return package merges on
    # the laptop, which keeps its own counts.
    central.families.restore(ionescu)
    central.erasures.erase_family(yilmaz)
    assert figures(store, YEAR_2026).kontakte == 5  # Ionescu's Telefonat counts again
    assert_counts_sound(store, CHECKED)
    back = sync_world.root / "second.return"
    central.sync.make_return(second.context.store.device_id, back)
    assert second.sync.import_files([back])[0].refused is None
    assert_counts_sound(second.context.store, CHECKED)


# 3. Failed transactions -----------------------------------------------------------------


class Boom(Exception):
    pass


def test_a_failed_write_or_import_leaves_the_counts_as_they_were(sync_world):
    """The log and the folded counts roll back with the transaction that wrote them."""
    central, laptop = sync_world.central, sync_world.laptops[0]
    store = central.context.store
    family = add_family(central, "bulgarien")
    add_contact(central, family, "begleitung", D(2026, 4, 1), 60)
    before = kept_and_rebuilt(store)[0]
    assert before[0] and before[1] and log_size(store) == 0
    april = period_for("monat", D(2026, 4, 1))
    with pytest.raises(Boom), store.write() as writer:
        writer.insert(Contact(kind="beratung", date=D(2026, 4, 2), duration_min=30,
                              household_id=family, paket=1, sozialraum="pelkum"))  # fmt: skip
        writer.session.flush()
        logged = writer.session.connection().exec_driver_sql("SELECT count(*) FROM report_log")
        assert logged.scalar_one() == 1  # the trigger did log it
        # Not folded yet, so the kept counts are behind: the contacts are counted instead.
        during = compute(writer.session, april, app_version="test", now=MOMENT, parts=1)
        assert during.kontakte == 2
        raise Boom
    assert kept_and_rebuilt(store) == (before, before)
    assert figures(store, april).kontakte == 1
    assert_counts_sound(store, [april])

    other = add_family(laptop, "rumaenien")
    add_contact(laptop, other, "begleitung", D(2026, 4, 3), 45)
    package = sync_world.package(0, "a1.hfsync")

    def fail(done: int, total: int) -> None:
        raise Boom

    with pytest.raises(Boom):
        central.sync.import_files([package], progress=fail)
    assert kept_and_rebuilt(store) == (before, before)
    assert_counts_sound(store, [april])
    central.sync.import_files([package])
    assert figures(store, april).kontakte == 2
    assert_counts_sound(store, [april])


# 4. Periods the presence rows cannot answer -----------------------------------------------


def test_part_months_filters_and_long_ranges(tmp_path, kdf):
    """Part months take the direct count; filters and ranges over two years of whole
    months read the counts per family. A figure worked out by hand shows each is right."""
    services = new_central(tmp_path, kdf)
    store = services.context.store
    westen = add_family(services, "bulgarien", "hamm-westen")
    norden = add_family(services, "rumaenien", "hamm-norden")
    for kind, day, minutes in (("begleitung", D(2026, 1, 14), 60),
                               ("beratung", D(2026, 1, 15), 30),
                               ("begleitung", D(2026, 2, 10), 90),
                               ("telefonat", D(2026, 2, 11), 10)):  # fmt: skip
        add_contact(services, westen, kind, day, minutes, sozialraum="hamm-westen")
    add_contact(services, None, "veranstaltung", D(2026, 2, 1), participants=20,
                sozialraum="hamm-westen")  # fmt: skip
    for day in (D(2024, 12, 1), D(2026, 3, 31)):
        add_contact(services, norden, "hausbesuch", day, sozialraum="hamm-norden")

    part = Period(D(2026, 1, 15), D(2026, 2, 10))
    filtered = (period_for("quartal", D(2026, 1, 1)), Filters(sozialraum="Hamm-Westen"))
    long = Period(D(2024, 12, 1), D(2026, 12, 31))  # 25 months
    assert window(part, NO_FILTERS) is window(*filtered) is window(long, NO_FILTERS) is None

    k = figures(store, part)  # whole months would give 5 contacts and 2 Begleitungen
    assert (k.kontakte, k.begleitungen, k.begleitete_familien) == (3, 1, 1)
    assert k.begleitungsstunden == 1.5
    k = figures(store, *filtered)  # Westen: 4 contacts and the Veranstaltung; not Norden's
    assert (k.kontakte, k.begleitungen, k.begleitete_familien) == (5, 2, 1)
    k = figures(store, long)  # both families, though Westen was met in 2026 only
    assert (k.kontakte, k.begleitete_familien, k.nach_monat["2024-12"].familien) == (7, 2, 1)
    assert figures(store, part) == figures(store, part, kept=False)  # same digest: same path
    for period, filters in (filtered, (long, NO_FILTERS)):
        assert_kept_equals_direct(store, period, filters)
    services.close()


def test_an_upgraded_store_counts_the_contacts_it_already_had(tmp_path, kdf):
    """Migration 0006 logs the existing contacts; opening the store folds them. Migration
    0011 builds the counts per family, also in one upgrade with 0006."""
    services = new_central(tmp_path, kdf)
    store = services.context.store
    live, gone = add_family(services, "bulgarien"), add_family(services, "")
    add_contact(services, live, "begleitung", D(2025, 11, 30), 45)
    add_contact(services, gone, "beratung", D(2026, 1, 1))
    add_contact(services, None, "veranstaltung", D(2026, 2, 1), participants=9)
    services.contacts.delete(add_contact(services, live, "telefonat", D(2026, 1, 2)))
    tombstone_family(services, gone)
    config = migrate._config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    migrate.upgrade(store.engine)
    school_year = period_for("schuljahr", D(2026, 1, 1))
    assert (figures(store, school_year).kontakte, log_size(store)) == (2, 0)
    westen = [Filters(sozialraum="Hamm-Westen"), Filters(paket=1)]
    assert_counts_sound(store, [school_year, YEAR_2026], westen)
    # From 0009 (counts kept, none per family) migration 0011 builds them from the contacts.
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    migrate.upgrade(store.engine)
    assert figures(store, school_year, westen[0]).kontakte == 1  # the Begleitung
    assert_counts_sound(store, [school_year, YEAR_2026], westen)
    services.close()


def test_a_blank_value_and_a_missing_one_are_the_same_family(tmp_path, kdf):
    """The service takes '' for a language or institution nobody chose, as it takes None
    (a Beratung asks for no institution: "entfällt")."""
    services = new_central(tmp_path, kdf)
    family = add_family(services, "bulgarien")
    add_contact(services, family, "beratung", D(2026, 3, 1), language=None, institution=None)
    add_contact(services, family, "beratung", D(2026, 3, 2), language="", institution="")
    march = period_for("monat", D(2026, 3, 1))
    try:
        for kept in (True, False):
            k = figures(services.context.store, march, kept=kept)
            assert k.nach_sprache == {"o. A.": Cell(2, 0, 1)}, kept
            assert k.nach_institution == {"entfällt": Cell(2, 0, 1)}, kept
    finally:
        services.close()
