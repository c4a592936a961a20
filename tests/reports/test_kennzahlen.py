"""The Kennzahlen engine on hand-made data through the services, answers worked out here.

The store is a real encrypted central store. The data of the first quarter of 2026
(``Q1``) is small enough to count by hand; each expected figure says where it comes from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import DeviceRole
from hamm_field.reports.kennzahlen import compute
from hamm_field.reports.model import (
    NOT_APPLICABLE,
    NOT_REPORTED,
    Cell,
    Filters,
    MeasureCard,
    Period,
    Plan,
)
from hamm_field.reports.periods import free_range, months_of, period_for, previous
from hamm_field.services import Services, setup
from hamm_field.services.reports import BadPlan, OnlyOwnFigures, UnknownFilter
from hamm_field.store.paths import StorePaths
from tests.conftest import PASSWORD, TODAY
from tests.reports.support import tombstone_family

Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "quartal")
D = dt.date


@dataclass
class World:
    anna: str  # Schlüsselfigur
    sven: str  # Sozialbetreuer
    petrova: str  # F1: Hamm-Westen, Bulgarien, new in January, three Begleitungen
    ionescu: str  # F2: Hamm-Norden, Rumänien, known since 2025
    yilmaz: str  # F3: Hamm-Westen, Bulgarien, new in February
    telefonat: str  # F3's only counted contact


@pytest.fixture
def central(tmp_path, kdf) -> Services:
    result = setup.initialize(StorePaths(tmp_path / "central"), device_role=DeviceRole.CENTRAL,
                              name="Koordination Test", password=PASSWORD, kdf=kdf)
    services = Services.for_store(result.store, today=lambda: TODAY)
    yield services
    services.close()


def _worker(services: Services, name: str, role: str, team: str | None = None) -> str:
    with services.context.store.write() as writer:
        return writer.insert(Worker(name=name, role=role, team=team)).id


def _family(services: Services, name: str, room: str, country: str, first: dt.date,
            worker: str, pakete: list[int]) -> str:  # fmt: skip
    return services.families.create(
        family_name=name, sozialraum=room, herkunftsland=country, languages=["bg"],
        pakete=pakete, worker_id=worker, first_contact=first,
    ).id  # fmt: skip


def _contact(services: Services, family: str | None, kind: str, day: dt.date, minutes: int,
             worker: str, paket: int, **extra) -> str:  # fmt: skip
    values = {"institution": None, **extra}  # not the family's last one, as a form suggests
    return services.contacts.create(household_id=family, kind=kind, date=day,
                                    duration_min=minutes, worker_id=worker, paket=paket,
                                    **values).id  # fmt: skip


def build(services: Services) -> World:
    anna = _worker(services, "Anna Schlüssel", "schluesselfigur")
    sven = _worker(services, "Sven Betreuer", "sozialbetreuer")
    f1 = _family(services, "Петрова", "hamm-westen", "bulgarien", D(2026, 1, 10), anna, [1, 2])
    f2 = _family(services, "Ionescu", "hamm-norden", "rumaenien", D(2025, 6, 1), sven, [4])
    f3 = _family(services, "Yilmaz", "hamm-westen", "bulgarien", D(2026, 2, 1), anna, [1])
    f4 = _family(services, "Gelöscht", "pelkum", "bulgarien", D(2026, 1, 5), anna, [1])
    c = _contact
    # F1: three Begleitungen (60 + 90 + 30 min) and a Beratung without a language.
    c(services, f1, "begleitung", D(2026, 1, 12), 60, anna, 2, institution="kinderarzt",
      language="bg")
    c(services, f1, "begleitung", D(2026, 2, 3), 90, anna, 2, institution="schule", language="tr")
    c(services, f1, "begleitung", D(2026, 3, 5), 30, anna, 1, institution="krankenkasse",
      language="bg")
    c(services, f1, "beratung", D(2026, 1, 20), 45, anna, 1)
    # F2: a Begleitung of 120 min and a Hausbesuch; one contact before and one after Q1.
    c(services, f2, "begleitung", D(2026, 2, 10), 120, sven, 4, institution="jugendamt",
      language="ro")
    c(services, f2, "hausbesuch", D(2026, 3, 1), 60, sven, 4, language="ro")
    c(services, f2, "beratung", D(2025, 12, 15), 30, sven, 4, language="ro")
    c(services, f2, "beratung", D(2026, 4, 2), 30, sven, 4, language="ro")
    # F3: a Telefonat; a Begleitung that was deleted again.
    telefonat = c(services, f3, "telefonat", D(2026, 3, 20), 15, anna, 1, language="tr")
    gone = c(services, f3, "begleitung", D(2026, 3, 21), 60, anna, 1, institution="bank")
    services.contacts.delete(gone)
    # A Veranstaltung with 25 participants and no family.
    c(services, None, "veranstaltung", D(2026, 2, 14), 120, anna, 3, title="Elterncafé",
      participants=25, sozialraum="hamm-westen", language="de")
    # F4 had a Begleitung, then the family was deleted: nothing of it counts.
    c(services, f4, "begleitung", D(2026, 1, 15), 60, anna, 1, institution="bank")
    tombstone_family(services, f4)
    # Starterpakete: two in Q1 (bg, tr), one deleted.
    for family, day, edition in ((f1, D(2026, 1, 12), "bg"), (f3, D(2026, 2, 1), "tr")):
        services.handouts.create(household_id=family, date=day, edition=edition,
                                 items=["stadtplan"], worker_id=anna)  # fmt: skip
    deleted = services.handouts.create(household_id=f3, date=D(2026, 2, 2), edition="de",
                                       items=["stadtplan"], worker_id=anna)  # fmt: skip
    services.handouts.delete(deleted.id)
    # Goals of F2 active in Q1 (agreed by its end, not closed before it): 3, one reached in
    # it; the one agreed in April and the one reached in 2025 do not count.
    for agreed, status, since in (
            (D(2025, 7, 1), "erreicht", D(2026, 2, 15)), (D(2026, 2, 1), "offen", None),
            (D(2026, 4, 10), "erreicht", D(2026, 5, 1)),
            (D(2026, 1, 5), "verworfen", D(2026, 3, 10)),
            (D(2025, 8, 1), "erreicht", D(2025, 12, 1))):  # fmt: skip
        services.goals.create(household_id=f2, handlungsfeld="sprache", text="Deutschkurs",
                              agreed_on=agreed, status=status, status_changed_on=since,
                              worker_id=sven)  # fmt: skip
    # Kindeswohl: one considerable concern in Q1, one slight, one deleted.
    child = services.persons.create(household_id=f1, given_name="Мила", family_name="Петрова",
                                    relation="kind", birth_year=2018).id  # fmt: skip
    for day, concern in ((D(2026, 2, 2), "erheblich"), (D(2026, 3, 3), "gering"),
                         (D(2026, 3, 4), "erheblich")):  # fmt: skip
        observation = services.observations.create(
            household_id=f1, person_id=child, date=day, concern=concern,
            note="Vertrauliche Beobachtung", author_id=anna)  # fmt: skip
    services.observations.delete(observation.id)
    return World(anna, sven, f1, f2, f3, telefonat)


@pytest.fixture
def world(central) -> World:
    return build(central)


# Headline figures -------------------------------------------------------------------


def test_headline_figures_of_the_quarter(central, world):
    k = central.reports.compute(Q1)
    # F1 4 + F2 2 + F3 1 + the Veranstaltung; the deleted and out-of-period ones do not count.
    assert k.kontakte == 8
    assert k.kontakte_nach_art == {
        "begleitung": 4, "beratung": 1, "hausbesuch": 1, "sprechstunde": 0,
        "schriftstueck": 0, "telefonat": 1, "vermittlung": 0, "veranstaltung": 1,
    }  # fmt: skip
    assert k.begleitungen == 4
    assert k.begleitungsstunden == pytest.approx((60 + 90 + 30 + 120) / 60)
    assert k.begleitete_familien == 3  # F1, F2, F3
    assert k.neue_familien == 2  # F1 (10.01.) and F3 (01.02.); F2 is from 2025, F4 deleted
    assert (k.veranstaltungen, k.teilnehmende) == (1, 25)
    assert k.starterpakete == 2
    assert k.starterpakete_nach_ausgabe == {"Bulgarisch": 1, "Türkisch": 1}
    assert (k.ziele_gesamt, k.ziele_erreicht) == (3, 1)
    assert k.kindeswohl_hinweise == 1


def test_a_family_with_three_begleitungen_counts_once(central, world):
    k = central.reports.compute(Q1, Filters(sozialraum="Hamm-Westen"))
    # F1 (three Begleitungen and a Beratung) and F3; the Veranstaltung has no family.
    assert k.begleitete_familien == 2
    assert k.nach_sozialraum["Hamm-Westen"] == Cell(kontakte=6, begleitungen=3, familien=2)


def test_a_deleted_contact_counts_nowhere(central, world):
    before = central.reports.compute(Q1)
    central.contacts.delete(world.telefonat)
    after = central.reports.compute(Q1)
    assert after.kontakte == before.kontakte - 1
    assert after.kontakte_nach_art["telefonat"] == 0
    assert after.begleitete_familien == 2  # F3 had no other contact
    assert after.nach_monat["2026-03"] == Cell(kontakte=2, begleitungen=1, familien=2)
    assert after.nach_sprache["Türkisch"] == Cell(kontakte=1, begleitungen=1, familien=1)
    assert after.nach_mitarbeitenden["Anna Schlüssel"].kontakte == 5
    assert after.data_hash != before.data_hash


def test_a_veranstaltung_adds_participants_not_families(central, world):
    k = central.reports.compute(Q1, Filters(paket=3))
    assert (k.kontakte, k.veranstaltungen, k.teilnehmende) == (1, 1, 25)
    assert k.begleitete_familien == 0
    assert k.nach_herkunftsland == {NOT_APPLICABLE: Cell(kontakte=1, begleitungen=0, familien=0)}


def test_restricted_observations_appear_only_as_a_count(central, world):
    report = central.reports.report(Q1)
    assert report.current.kindeswohl_hinweise == 1
    for fmt in ("json", "csv"):
        text = central.reports.render(report, fmt).decode("utf-8-sig")
        assert "Vertrauliche Beobachtung" not in text and "Мила" not in text
    assert json.loads(central.reports.render(report, "json"))["kindeswohl_hinweise"] == 1


def test_an_erased_family_still_counts(central, world):
    before = central.reports.compute(Q1)
    central.erasures.erase_family(world.ionescu)
    after = central.reports.compute(Q1)
    assert (after.kontakte, after.begleitungen, after.begleitete_familien) == (8, 4, 3)
    assert after.nach_herkunftsland == before.nach_herkunftsland
    assert (after.ziele_gesamt, after.ziele_erreicht) == (3, 1)


# Breakdowns -------------------------------------------------------------------------


def test_breakdowns_by_hand(central, world):
    k = central.reports.compute(Q1)
    assert k.nach_sozialraum == {
        "Hamm-Westen": Cell(6, 3, 2),  # F1 4, F3 1, Veranstaltung 1
        "Hamm-Norden": Cell(2, 1, 1),  # F2
    }
    assert k.nach_integrationspaket == {
        "Neuzugewanderte": Cell(3, 1, 2),  # F1 Begleitung + Beratung, F3 Telefonat
        "Familien mit Kindern": Cell(2, 2, 1),  # F1's two first Begleitungen
        "Familien mit Kindern in Kita und Schule": Cell(1, 0, 0),  # the Veranstaltung
        "Gesundheitsprävention und -information": Cell(2, 1, 1),  # F2
    }
    assert k.nach_herkunftsland == {
        "Bulgarien": Cell(5, 3, 2), "Rumänien": Cell(2, 1, 1), NOT_APPLICABLE: Cell(1, 0, 0),
    }  # fmt: skip
    assert k.nach_sprache == {
        "Bulgarisch": Cell(2, 2, 1), "Rumänisch": Cell(2, 1, 1), "Türkisch": Cell(2, 1, 2),
        "Deutsch": Cell(1, 0, 0), NOT_REPORTED: Cell(1, 0, 1),  # F1's Beratung
    }  # fmt: skip
    assert k.nach_institution == {
        "Kinderarztpraxis": Cell(1, 1, 1), "Krankenkasse": Cell(1, 1, 1),
        "Schule": Cell(1, 1, 1), "Jugendamt": Cell(1, 1, 1),
        NOT_APPLICABLE: Cell(4, 0, 3),  # Beratung, Hausbesuch, Telefonat, Veranstaltung
    }  # fmt: skip
    assert k.nach_monat == {
        "2026-01": Cell(2, 1, 1), "2026-02": Cell(3, 2, 2), "2026-03": Cell(3, 1, 3),
    }  # fmt: skip
    assert k.nach_mitarbeitenden == {"Anna Schlüssel": Cell(6, 3, 2),
                                     "Sven Betreuer": Cell(2, 1, 1)}  # fmt: skip


def test_every_breakdown_adds_up_to_the_totals(central, world):
    k = central.reports.compute(Q1)
    for name in ("nach_sozialraum", "nach_integrationspaket", "nach_herkunftsland",
                 "nach_sprache", "nach_institution", "nach_monat", "nach_mitarbeitenden"):
        cells = k.breakdown(name).values()
        assert sum(c.kontakte for c in cells) == k.kontakte, name
        assert sum(c.begleitungen for c in cells) == k.begleitungen, name
        assert sum(c.familien for c in cells) >= k.begleitete_familien, name


def test_not_reported_is_never_zero(central, world):
    k = central.reports.compute(Q1)
    for name in ("nach_sozialraum", "nach_herkunftsland", "nach_sprache", "nach_institution"):
        cells = k.breakdown(name)
        assert "" not in cells and "None" not in cells
        if NOT_REPORTED in cells:
            assert cells[NOT_REPORTED].kontakte > 0
    assert NOT_REPORTED not in k.nach_sozialraum  # every contact has a Sozialraum


def test_months_without_contacts_are_listed_with_zero(central, world):
    k = central.reports.compute(Period(D(2025, 11, 1), D(2026, 1, 31)))
    assert list(k.nach_monat) == ["2025-11", "2025-12", "2026-01"]
    assert k.nach_monat["2025-11"] == Cell(0, 0, 0)
    assert k.nach_monat["2025-12"] == Cell(1, 0, 1)  # F2's Beratung of 15.12.


# Filters ----------------------------------------------------------------------------


def test_filter_by_sozialraum_name_or_key(central, world):
    by_name = central.reports.compute(Q1, Filters(sozialraum="Hamm-Norden"))
    by_key = central.reports.compute(Q1, Filters(sozialraum="hamm-norden"))
    assert (by_name.kontakte, by_name.begleitungen, by_name.begleitete_familien) == (2, 1, 1)
    assert by_key.data_hash == by_name.data_hash and by_key.kontakte == 2
    assert by_name.neue_familien == 0  # F2 is known since 2025
    assert (by_name.ziele_gesamt, by_name.kindeswohl_hinweise) == (3, 0)


def test_filter_by_paket_worker_and_role(central, world):
    paket2 = central.reports.compute(Q1, Filters(paket=2))
    assert (paket2.kontakte, paket2.begleitungen, paket2.begleitete_familien) == (2, 2, 1)
    sven = central.reports.compute(Q1, Filters(worker_id=world.sven))
    assert (sven.kontakte, sven.begleitungen, sven.starterpakete) == (2, 1, 0)
    assert (sven.ziele_gesamt, sven.ziele_erreicht) == (3, 1)
    assert sven.worker_name == "Sven Betreuer"
    role = central.reports.compute(Q1, Filters(role="schluesselfigur"))
    assert (role.kontakte, role.begleitungen, role.starterpakete, role.ziele_gesamt) == (
        6, 3, 2, 0)
    assert role.neue_familien == 2 and role.kindeswohl_hinweise == 1


def test_team_filters_by_traeger_not_by_role(central, world):
    """The funder's card asks for figures by Träger (worker.team): the AWO's two workers
    of different roles count together, a colleague of the same role at the DRK does not."""
    with central.context.store.write() as writer:
        for worker_id, team in ((world.anna, "AWO"), (world.sven, "AWO")):
            writer.update(writer.session.get(Worker, worker_id), {"team": team})
    drk = _worker(central, "Dora Rot", "schluesselfigur", team="DRK")
    _contact(central, world.petrova, "beratung", D(2026, 2, 20), 30, drk, 1)
    awo = central.reports.compute(Q1, Filters(team="AWO"))
    everyone = central.reports.compute(Q1)
    assert awo.kontakte == everyone.kontakte - 1
    assert central.reports.compute(Q1, Filters(team="DRK")).kontakte == 1
    assert central.reports.teams() == ["AWO", "DRK"]
    with pytest.raises(UnknownFilter):
        central.reports.compute(Q1, Filters(team="schluesselfigur"))  # a role, not a Träger


def test_unknown_filters_are_refused(central, world):
    for filters in (Filters(sozialraum="Atlantis"), Filters(paket=6), Filters(role="chef"),
                    Filters(worker_id="no-such-worker")):  # fmt: skip
        with pytest.raises(UnknownFilter):
            central.reports.compute(Q1, filters)


def test_a_laptop_counts_only_its_own_workers_contacts(services):
    me = services.context.worker_id
    colleague = _worker(services, "Kollegin", "schluesselfigur")
    family = _family(services, "Петрова", "hamm-westen", "bulgarien", D(2026, 1, 10), me, [1])
    _contact(services, family, "beratung", D(2026, 2, 1), 30, me, 1)
    _contact(services, family, "begleitung", D(2026, 2, 2), 60, colleague, 1,
             institution="schule")
    k = services.reports.compute(Q1)
    assert (k.kontakte, k.begleitungen, k.begleitete_familien) == (1, 0, 1)
    assert k.filters.worker_id == me and k.worker_name == "Ana Test"
    assert services.reports.compute(Q1, Filters(worker_id=me)) == k


def test_a_laptop_refuses_a_colleagues_figures_instead_of_showing_its_own(services):
    colleague = _worker(services, "Kollegin", "schluesselfigur")
    with pytest.raises(OnlyOwnFigures):
        services.reports.compute(Q1, Filters(worker_id=colleague))


# Periods, comparison, plan, card ------------------------------------------------------


@pytest.mark.parametrize(("preset", "day", "start", "end"), [
    ("monat", D(2024, 2, 10), D(2024, 2, 1), D(2024, 2, 29)),
    ("quartal", D(2026, 5, 31), D(2026, 4, 1), D(2026, 6, 30)),
    ("halbjahr", D(2026, 6, 30), D(2026, 1, 1), D(2026, 6, 30)),
    ("halbjahr", D(2026, 7, 1), D(2026, 7, 1), D(2026, 12, 31)),
    ("jahr", D(2026, 11, 20), D(2026, 1, 1), D(2026, 12, 31)),
    ("schuljahr", D(2026, 7, 31), D(2025, 8, 1), D(2026, 7, 31)),
    ("schuljahr", D(2026, 8, 1), D(2026, 8, 1), D(2027, 7, 31)),
])  # fmt: skip
def test_period_presets(preset, day, start, end):
    assert period_for(preset, day) == Period(start, end, preset)


@pytest.mark.parametrize(("period", "before"), [
    (period_for("monat", D(2026, 3, 15)), Period(D(2026, 2, 1), D(2026, 2, 28), "monat")),
    (period_for("quartal", D(2026, 1, 15)), Period(D(2025, 10, 1), D(2025, 12, 31), "quartal")),
    (period_for("halbjahr", D(2026, 3, 1)), Period(D(2025, 7, 1), D(2025, 12, 31), "halbjahr")),
    (period_for("schuljahr", D(2026, 9, 1)),
     Period(D(2025, 8, 1), D(2026, 7, 31), "schuljahr")),
    (Period(D(2026, 3, 10), D(2026, 3, 19)), Period(D(2026, 2, 28), D(2026, 3, 9))),
])  # fmt: skip
def test_previous_period(period, before):
    assert previous(period) == before


def test_a_free_range_that_is_a_preset_compares_like_one():
    assert free_range(D(2024, 3, 1), D(2024, 3, 31)).preset == "monat"
    assert previous(free_range(D(2024, 3, 1), D(2024, 3, 31))).end == D(2024, 2, 29)
    assert free_range(D(2024, 3, 2), D(2024, 3, 31)).preset == "zeitraum"
    assert months_of(Period(D(2025, 12, 5), D(2026, 2, 1))) == ["2025-12", "2026-01", "2026-02"]


def test_report_compares_with_the_previous_quarter(central, world):
    report = central.reports.report(Q1)
    assert report.previous is not None
    assert report.previous.period == Period(D(2025, 10, 1), D(2025, 12, 31), "quartal")
    assert (report.previous.kontakte, report.previous.begleitete_familien) == (1, 1)
    assert central.reports.report(Q1, compare=False).previous is None


def test_plan_values_are_stored_per_period(central, world):
    assert central.reports.report(Q1).plan is None
    central.reports.save_plan(Q1, Plan({"begleitungen": 500, "begleitete_familien": 300}))
    assert central.reports.load_plan(Q1).values == {"begleitungen": 500,
                                                    "begleitete_familien": 300}  # fmt: skip
    assert central.reports.report(Q1).plan == Plan({"begleitungen": 500,
                                                    "begleitete_familien": 300})  # fmt: skip
    assert central.reports.load_plan(previous(Q1)).values == {}
    with pytest.raises(BadPlan):
        central.reports.save_plan(Q1, Plan({"begleitungen": -1}))
    central.reports.save_plan(Q1, Plan())
    assert central.reports.report(Q1).plan is None


def test_measure_card_texts_survive_reopening_the_store(tmp_path, kdf):
    paths = StorePaths(tmp_path / "central")
    result = setup.initialize(paths, device_role=DeviceRole.CENTRAL, name="K",
                              password=PASSWORD, kdf=kdf)  # fmt: skip
    services = Services.for_store(result.store)
    card = MeasureCard(titel="Peer2Peer Südosteuropa", traeger="Stadt Hamm",
                       sachstand="Stand 30.06.: 300 Familien begleitet", kosten="120.000 €")
    services.reports.save_card(card)
    services.close()
    reopened = Services.for_store(setup.unlock(paths, PASSWORD))
    assert reopened.reports.load_card() == card
    assert reopened.reports.report(Q1).card == card
    reopened.close()
    assert b"Peer2Peer" not in paths.database.read_bytes()


def test_the_data_hash_is_stable_until_the_data_changes(central, world):
    first, second = central.reports.compute(Q1), central.reports.compute(Q1)
    assert first.data_hash == second.data_hash and len(first.data_hash) == 64
    central.contacts.edit(world.telefonat, duration_min=20)
    assert central.reports.compute(Q1).data_hash != first.data_hash


def test_counting_in_parts_gives_the_same_figures(central, world):
    moment = dt.datetime(2026, 11, 20, 9, 30)
    results = []
    for parts in (1, 2, 3):
        with central.context.store.read() as session:
            results.append(compute(session, Q1, Filters(), app_version="t", now=moment,
                                   parts=parts))  # fmt: skip
    assert results[0] == results[1] == results[2]
    assert results[0].kontakte == 8


def test_figures_while_another_connection_is_writing(central, world):
    """An import holding the write lock does not stop a report; it is counted in one part."""
    before = central.reports.compute(Q1)
    with central.context.store.write() as writer:
        writer.session.connection().exec_driver_sql("UPDATE local_state SET value = value")
        during = central.reports.compute(Q1)
    assert during.data_hash == before.data_hash and during.kontakte == 8
