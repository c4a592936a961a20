"""Ending and changing a hold ("Aufbewahrung beenden"), and four eyes in the audit chain."""

from __future__ import annotations

import datetime as dt

import pytest

from hamm_field.services.audit_log import AuditFilter, AuditLog
from hamm_field.services.retention import BadEnd, NotDue, NotHeld
from hamm_field.store import audit
from tests.sync.support import LATER, OLD, _at, _back, _family, _sync, _texts

UNTIL = dt.date(2030, 12, 31)


def test_an_ended_hold_makes_the_family_due_again_and_the_laptop_learns_of_it(world):
    old = _family(world.laptops[0], "Стоянова", OLD)
    _sync(world, 0, "a")
    central = _at(world.central, LATER)
    laptop = _at(world.laptops[0], LATER)
    central.retention.hold([old.id], UNTIL, "Laufendes Gerichtsverfahren")
    _back(world, 0, "held.hfsync")
    laptop.retention.housekeeping()
    assert laptop.families.get(old.id).family_name == "Стоянова"

    with pytest.raises(BadEnd):
        central.retention.end_hold([old.id], "  ")
    assert central.retention.end_hold([old.id], "Verfahren abgeschlossen") == 1
    [item] = central.retention.due()
    assert item.hold_until is None and item.subject_id == old.id
    with pytest.raises(NotHeld):
        central.retention.end_hold([old.id], "noch einmal")

    # The return package carries the end: the laptop no longer keeps the family.
    _back(world, 0, "ended.hfsync")
    laptop.retention.housekeeping()
    assert "Стоянова" not in _texts(laptop)
    # And the coordination can now delete it.
    assert central.retention.delete([item.key]).deleted == 1


def test_a_hold_can_be_shortened_and_lengthened(world):
    old = _family(world.central, "Popa", OLD)
    central = _at(world.central, LATER)
    central.retention.hold([old.id], UNTIL, "Anfrage des Jugendamts")
    central.retention.hold([old.id], dt.date(2029, 12, 31), "Anfrage beantwortet bis Ende 2029")
    [item] = central.retention.due()
    assert (item.hold_until, item.hold_reason) == (dt.date(2029, 12, 31),
                                                   "Anfrage beantwortet bis Ende 2029")
    with pytest.raises(NotDue):
        central.retention.delete([item.key])
    _at(central, dt.date(2030, 1, 1))
    [item] = central.retention.due()
    assert item.hold_until is None  # the shorter hold is over; the longer one is gone
    central.retention.hold([old.id], UNTIL, "Neues Verfahren")
    assert central.retention.due()[0].hold_until == UNTIL


def test_four_eyes_marks_and_confirmations_are_in_the_audit_chain(world):
    old = _family(world.central, "Стоянова", OLD)
    central = _at(world.central, LATER)
    central.retention.set_four_eyes(True)
    central.retention.delete([("household", old.id)], coordinator="Eva Koch")
    central.retention.delete([("household", old.id)], coordinator="Jan Berg")

    log = AuditLog(central.context)
    lines = [line for line in log.lines(AuditFilter(household_id=old.id))
             if line.action.startswith("retention_")]
    assert [(line.action, line.fields) for line in lines] == [
        ("retention_confirm", ("confirmed_by=Jan Berg", "marked_by=Eva Koch")),
        ("retention_mark", ("marked_by=Eva Koch",)),
    ]
    with central.context.store.read() as session:
        assert audit.verify(session).ok
