"""Löschfristen through the services and real packages: rules, review, holds, laptops."""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.domain import retention as periods
from hamm_field.reports.model import Period
from hamm_field.services.retention import NotDue, SameCoordinator
from hamm_field.services.sync import CentralOnly
from tests.sync.hostile import Forger, load_row
from tests.sync.support import LATER, OLD, _at, _back, _family, _sync, _texts

RECENT = dt.date(2026, 11, 16)
YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "jahr")


def test_the_review_list_names_what_is_due_and_why(world):
    old = _family(world.laptops[0], "Стоянова", OLD)
    recent = _family(world.laptops[0], "Popa", RECENT)
    child = world.laptops[0].persons.create(household_id=recent.id, given_name="Ana",
                                            family_name="Popa", relation="kind",
                                            birth_year=2018)  # fmt: skip
    seen = world.laptops[0].observations.create(household_id=recent.id, person_id=child.id,
                                                concern="gering", date=OLD,
                                                note="Fehlt oft montags")  # fmt: skip
    world.central.sync.import_files([world.package(0, "a.hfsync")])

    assert world.central.retention.due() == []  # nothing is three years old yet
    due = _at(world.central, LATER).retention.due()
    by_subject = {item.subject_id: item for item in due}
    assert set(by_subject) == {old.id, seen.id}
    family = by_subject[old.id]
    assert (family.kind, family.reason, family.since) == ("household", "last_contact", OLD)
    assert family.due_on == dt.date(2029, 1, 12) and family.family_name == "Стоянова"
    observation = by_subject[seen.id]  # Kindeswohl: 24 months after its own date
    assert (observation.kind, observation.due_on) == ("observation", dt.date(2028, 1, 12))
    assert observation.family_name == "Popa"


def test_a_closed_family_counts_from_its_closing(world):
    family = _family(world.central, "Closed", OLD)
    world.central.families.edit(family.id, status="abgeschlossen")
    closed_on = dt.date.today()
    _at(world.central, LATER)
    assert [item.reason for item in world.central.retention.due()] == []
    world.central.retention.set_rules({periods.FAMILY: 6})
    _at(world.central, closed_on + dt.timedelta(days=200))
    [item] = world.central.retention.due()
    assert (item.reason, item.since) == ("closed", closed_on)


def test_deleting_erases_the_family_everywhere_and_keeps_the_kennzahlen(world):
    old = _family(world.laptops[0], "Стоянова", OLD)
    _family(world.laptops[0], "Popa", RECENT)
    world.central.sync.import_files([world.package(0, "a.hfsync")])
    before = world.central.reports.compute(YEAR)

    central = _at(world.central, LATER)
    result = central.retention.delete([("household", old.id)])
    assert (result.deleted, result.marked) == (1, 0)

    assert central.families.get(old.id).family_name == "—"
    assert "Стоянова" not in _texts(central)
    after = central.reports.compute(YEAR)
    assert after.kontakte == before.kontakte == 2
    assert after.begleitungsstunden == before.begleitungsstunden
    assert after.nach_monat == before.nach_monat
    assert after.nach_sozialraum == before.nach_sozialraum
    assert central.retention.due() == []  # an erased family is done with
    with pytest.raises(NotDue):
        central.retention.delete([("household", old.id)])
    # It travels: the laptop gets the erasure like any other.
    _back(world, 0, "back.hfsync")
    assert "Стоянова" not in _texts(world.laptops[0])


def test_four_eyes_needs_a_second_coordinator(world):
    old = _family(world.central, "Стоянова", OLD)
    central = _at(world.central, LATER)
    central.retention.set_four_eyes(True)

    marked = central.retention.delete([("household", old.id)], coordinator="Eva Koch")
    assert (marked.deleted, marked.marked) == (0, 1)
    assert central.families.get(old.id).family_name == "Стоянова"
    [item] = central.retention.due()
    assert item.marked_by == "Eva Koch"
    with pytest.raises(SameCoordinator):
        central.retention.delete([("household", old.id)], coordinator=" eva  koch ")
    assert central.families.get(old.id).family_name == "Стоянова"

    done = central.retention.delete([("household", old.id)], coordinator="Jan Berg")
    assert (done.deleted, done.marked) == (1, 0)
    assert central.families.get(old.id).family_name == "—"


def test_a_hold_keeps_the_family_on_the_laptop_and_from_deletion(world):
    old = _family(world.laptops[0], "Стоянова", OLD)
    _sync(world, 0, "a")
    central = _at(world.central, LATER)
    central.retention.hold([old.id], dt.date(2030, 12, 31), "Laufendes Gerichtsverfahren")
    [item] = central.retention.due()
    assert (item.hold_until, item.hold_reason) == (dt.date(2030, 12, 31),
                                                   "Laufendes Gerichtsverfahren")
    with pytest.raises(NotDue):
        central.retention.delete([("household", old.id)])

    laptop = _at(world.laptops[0], LATER)
    _back(world, 0, "back.hfsync")
    assert laptop.families.get(old.id).family_name == "Стоянова"
    laptop.retention.housekeeping()
    assert laptop.families.get(old.id).family_name == "Стоянова"


def test_rules_travel_and_a_laptop_cannot_send_one(world):
    world.laptops[0].families.create(family_name="Popa", sozialraum="pelkum",
                                     herkunftsland="rumaenien")
    _sync(world, 0, "a")
    world.central.retention.set_rules({periods.FAMILY: 24, periods.DRAFTS: 7,
                                       periods.QUARANTINE: 10})
    assert world.central.sync.quarantine_days() == 10
    with pytest.raises(CentralOnly):
        world.laptops[0].retention.set_rules({periods.FAMILY: 120})
    _back(world, 0, "back.hfsync")
    rules = world.laptops[0].retention.rules()
    assert (rules[periods.FAMILY], rules[periods.DRAFTS]) == (24, 7)
    assert world.laptops[0].sync.quarantine_days() == 10

    # The laptop sends a longer period in a package signed with its real keys.
    forger = Forger(world.laptops[0], world.root)
    row = load_row(world.laptops[0], "retention_rule", periods.rule_id(periods.FAMILY))
    path = forger.package("forged.hfsync", [("retention_rule", forger.edited(row, period=120))])
    [result] = world.central.sync.import_files([path])
    assert result.refused is not None and result.refused.reason == "unauthorised"
    assert world.central.retention.rules()[periods.FAMILY] == 24


def test_a_laptop_blanks_a_due_family_only_once_its_edits_are_acknowledged(world):
    laptop = world.laptops[0]
    old = _family(laptop, "Стоянова", OLD)
    _sync(world, 0, "a")
    laptop.families.edit(old.id, address="Lange Straße 5")  # not yet acknowledged

    _at(laptop, LATER)
    blanked = laptop.retention.housekeeping()
    assert blanked.families == () and blanked.waiting == 1
    assert laptop.families.get(old.id).address == "Lange Straße 5"

    _at(world.central, LATER)
    _sync(world, 0, "b")  # the edit arrives, the return acknowledges it
    assert world.central.families.get(old.id).address == "Lange Straße 5"
    assert "Стоянова" not in _texts(laptop)


def test_blanked_data_never_comes_back_from_a_late_package(world):
    """Laptop 1 shares the family and sends its old edit late; laptop 0 stays blank."""
    first, second = world.laptops
    family = _family(first, "Стоянова", OLD)
    _sync(world, 0, "a")
    world.central.sharing.share([family.id], [second.context.worker_id])
    world.central.sync.import_files([world.package(1, "b0.hfsync")])
    _back(world, 1, "b0-back.hfsync")
    second.families.edit(family.id, address="Lange Straße 5")  # made now, arrives late

    for services in (world.central, first, second):
        _at(services, LATER)
    assert first.retention.housekeeping().families == (family.id,)
    assert "Стоянова" not in _texts(first)

    [late] = world.central.sync.import_files([world.package(1, "b1.hfsync")])
    assert late.refused is None  # the unacknowledged edit is not lost
    assert world.central.families.get(family.id).address == "Lange Straße 5"
    _back(world, 0, "a-back2.hfsync")
    assert "Стоянова" not in _texts(first) and "Lange Straße" not in _texts(first)


def test_an_old_observation_is_erased_on_its_own_and_still_counts(world):
    laptop = world.laptops[0]
    family = _family(laptop, "Popa", RECENT)
    child = laptop.persons.create(household_id=family.id, given_name="Ana", family_name="Popa",
                                  relation="kind", birth_year=2018)  # fmt: skip
    seen = laptop.observations.create(household_id=family.id, person_id=child.id,
                                      concern="erheblich", date=OLD, note="Fehlt oft montags")
    _sync(world, 0, "a")
    before = world.central.reports.compute(YEAR)
    central = _at(world.central, dt.date(2028, 2, 1))
    [item] = central.retention.due()
    assert (item.kind, item.subject_id) == ("observation", seen.id)
    central.retention.delete([item.key])
    assert "Fehlt oft montags" not in _texts(central)
    assert central.families.get(family.id).family_name == "Popa"  # the family stays
    assert central.reports.compute(YEAR).kindeswohl_hinweise == before.kindeswohl_hinweise
    _back(world, 0, "back.hfsync")
    assert "Fehlt oft montags" not in _texts(laptop)


def test_drafts_go_after_their_period(world):
    laptop = world.laptops[0]
    laptop.drafts.save("contact:new", {"note": "Halb geschrieben"})
    laptop.retention.housekeeping()
    assert laptop.drafts.load("contact:new") == {"note": "Halb geschrieben"}
    _at(laptop, dt.date(2026, 12, 21)).retention.housekeeping()  # 31 days after TODAY
    assert laptop.drafts.load("contact:new") is None
    assert "Halb geschrieben" not in _texts(laptop)


def test_a_mark_lapses_when_the_family_has_new_work(world):
    family = _family(world.central, "Стоянова", OLD)
    central = _at(world.central, LATER)
    central.retention.set_four_eyes(True)
    central.retention.delete([("household", family.id)], coordinator="Eva Koch")
    central.contacts.create(household_id=family.id, kind="beratung", duration_min=30, paket=1,
                            date=RECENT)
    assert central.retention.due() == []
    _at(central, dt.date(2030, 1, 1))  # due again, for the new contact
    [item] = central.retention.due()
    assert item.marked_by == ""
    assert central.retention.delete([item.key], coordinator="Eva Koch").marked == 1


def test_a_laptop_removes_an_old_observation_and_keeps_its_family(world):
    laptop = world.laptops[0]
    family = _family(laptop, "Popa", RECENT)
    child = laptop.persons.create(household_id=family.id, given_name="Ana", family_name="Popa",
                                  relation="kind", birth_year=2018)  # fmt: skip
    laptop.observations.create(household_id=family.id, person_id=child.id, concern="gering",
                               date=OLD, note="Fehlt oft montags")
    _at(laptop, dt.date(2028, 2, 1))
    assert laptop.retention.housekeeping().waiting == 1  # not yet at the coordination
    assert "Fehlt oft montags" in _texts(laptop)
    _sync(world, 0, "a")
    assert "Fehlt oft montags" not in _texts(laptop)
    assert laptop.families.get(family.id).family_name == "Popa"
    assert "Fehlt oft montags" in _texts(world.central)  # deleted there after review only
