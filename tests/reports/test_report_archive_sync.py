"""A closed report meets a laptop's package: real stores, real packages on disk.

The laptop keeps its own stamps, older than the close, so what arrived after the close is
known by the package ledger only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from hamm_field.reports.model import Filters
from hamm_field.reports.periods import period_for
from hamm_field.services import Services
from tests.sync.conftest import TODAY, World, make_world

YEAR = period_for("jahr", TODAY)
OCTOBER, NOVEMBER = dt.date(2026, 10, 5), dt.date(2026, 11, 2)


@pytest.fixture
def world(tmp_path, kdf):  # type: ignore[no-untyped-def]
    built = make_world(tmp_path, kdf)
    yield built
    built.close()


def record_begleitung(laptop: Services, day: dt.date, sozialraum: str = "pelkum",
                      paket: int = 4) -> str:  # fmt: skip
    family = laptop.families.create(family_name="Петрова", sozialraum=sozialraum,
                                    herkunftsland="bulgarien", first_contact=day)  # fmt: skip
    return laptop.contacts.create(household_id=family.id, kind="begleitung", date=day,
                                  duration_min=60, institution="kinderarzt",
                                  paket=paket).id  # fmt: skip


def close(central: Services, filters: Filters | None = None):  # type: ignore[no-untyped-def]
    return central.report_archive.close(central.reports.report(YEAR, filters or Filters()))


def causes_of(central: Services, archive_id: str) -> set[tuple[str, str, dt.date, str]]:
    comparison = central.report_archive.compare(archive_id)
    return {(c.kind, c.detail, c.date, c.change) for c in comparison.causes}


def test_a_begleitung_from_a_laptop_imported_after_the_close_is_nachgetragen(world: World):
    contact_id = record_begleitung(world.laptops[0], OCTOBER)
    package = world.package(0, "a1.hfsync")  # written before the report is closed
    archived = close(world.central)
    before = archived.figures_dict()["begleitungen"]

    [result] = world.central.sync.import_files([package])
    assert result.refused is None and result.changes > 0
    with world.central.context.store.read() as session:
        stamp = session.execute(text("SELECT hlc FROM contact WHERE id = :id"),
                                {"id": contact_id}).scalar_one()  # fmt: skip
    assert stamp < archived.watermark  # the laptop's stamp: older than the close

    comparison = world.central.report_archive.compare(archived.id)
    changed = {d.path: (d.archived, d.today) for d in comparison.differences}
    assert changed[("begleitungen",)] == (before, before + 1)
    causes = {(c.kind, c.detail, c.date, c.change) for c in comparison.causes}
    assert ("contact", "begleitung", OCTOBER, "late") in causes
    assert ("household", "", OCTOBER, "late") in causes
    assert "Петрова" not in repr(comparison.causes)


def test_a_package_imported_before_the_close_is_no_cause(world: World):
    record_begleitung(world.laptops[0], OCTOBER)
    world.central.sync.import_files([world.package(0, "a1.hfsync")])
    with world.central.context.store.write() as writer:  # received a minute before
        earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(
            timespec="seconds")
        writer.session.execute(text("UPDATE package_ledger SET received_at = :at"),
                               {"at": earlier})  # fmt: skip
    archived = close(world.central)
    comparison = world.central.report_archive.compare(archived.id)
    assert comparison.differences == [] and comparison.causes == []


def test_a_later_edit_on_the_laptop_is_geaendert_and_a_delete_geloescht(world: World):
    laptop = world.laptops[0]
    first = record_begleitung(laptop, OCTOBER)
    second = record_begleitung(laptop, NOVEMBER)
    world.central.sync.import_files([world.package(0, "a1.hfsync")])
    with world.central.context.store.write() as writer:
        earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat(
            timespec="seconds")
        writer.session.execute(text("UPDATE package_ledger SET received_at = :at"),
                               {"at": earlier})  # fmt: skip
    laptop.contacts.edit(first, duration_min=90)
    laptop.contacts.delete(second)
    package = world.package(0, "a2.hfsync")
    archived = close(world.central)
    world.central.sync.import_files([package])
    causes = causes_of(world.central, archived.id)
    assert ("contact", "begleitung", OCTOBER, "changed") in causes
    assert ("contact", "begleitung", NOVEMBER, "deleted") in causes
    assert not any(change == "late" for *_rest, change in causes)


def test_causes_outside_the_reports_filters_are_not_listed(world: World):
    keyfigure, other = world.laptops
    record_begleitung(keyfigure, OCTOBER, sozialraum="hamm-westen", paket=2)
    record_begleitung(keyfigure, NOVEMBER, sozialraum="pelkum", paket=4)
    package = world.package(0, "a1.hfsync")
    westen = close(world.central, Filters(sozialraum="Hamm-Westen"))
    paket_two = close(world.central, Filters(paket=2))
    other_worker = close(world.central, Filters(worker_id=other.context.worker_id))
    other_role = close(world.central, Filters(role="sozialbetreuer"))  # laptop 1's role
    world.central.sync.import_files([package])

    assert causes_of(world.central, westen.id) == {
        ("contact", "begleitung", OCTOBER, "late"), ("household", "", OCTOBER, "late")}
    assert {c for c in causes_of(world.central, paket_two.id) if c[0] == "contact"} == {
        ("contact", "begleitung", OCTOBER, "late")}
    for unaffected in (other_worker, other_role):
        comparison = world.central.report_archive.compare(unaffected.id)
        assert comparison.differences == [] and comparison.causes == []
