"""Histories with an unauthorised writer: the coordination ends as if it had sent nothing.

The merge properties (``test_merge.py``) say that any order and grouping of genuine
packages gives one answer. Here the histories also carry packages an enrolled laptop signs
with its real key but fills with rows it may not write: edits, deletes and erasures of
another laptop's records or of the coordination's (devices, workers, master data), new
records in another caseload, and its own records stamped in another device's name or far
ahead. Drawn at random and imported in a random order among the genuine packages, every
one of them must be refused, and the store must end exactly where the genuine packages
alone lead, in whichever order they came.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamm_field.domain.hlc import pack, wall_millis
from hamm_field.services import Services
from hamm_field.store import sync_rows
from tests.sync.hostile import (
    YEAR_2226,
    Forger,
    Scene,
    StoreOpener,
    first_row,
    load_row,
    shared_template,
)
from tests.sync.support import dump

Row = dict[str, Any]
Entry = tuple[str, Row]
REFUSALS = {"unauthorised", "invalid"}
DAY_MS = 86_400_000


@dataclass
class Bench:
    """A coordination (a closed folder, copied for every history), the attacker's laptop,
    the genuine packages of both laptops, and where those alone lead."""

    central: Path
    opener: StoreOpener
    scene: Scene
    genuine: list[Path]
    expected: dict[str, list]


def outcome(services: Services) -> dict[str, list]:
    """Every row the packages can change; the ledger without its times of arrival, and
    without ``local_state`` (clock, last import), which moves with every genuine import."""
    rows = dump(services)
    rows.pop("local_state")
    with services.context.store.engine.connect() as connection:
        rows["package_ledger"] = sorted(connection.exec_driver_sql(
            "SELECT package_id, device_id, sequence, sha256 FROM package_ledger").all())
    return rows


@pytest.fixture(scope="module")
def bench(tmp_path_factory, kdf):
    scene = shared_template(tmp_path_factory, kdf).copy(tmp_path_factory.mktemp("bench"))
    ids, victim, attacker = scene.ids, scene.victim, scene.attacker
    victim.families.edit(ids.victim_family, status="ruhend")
    victim.contacts.create(household_id=ids.victim_family, kind="hausbesuch", duration_min=40,
                           paket=1)
    victim.persons.edit(ids.victim_parent, school="Grundschule Mitte")
    genuine = [victim.sync.export(scene.root / "victim-2.hfsync").path]
    attacker.families.edit(ids.attacker_family, pakete=[1, 2])
    attacker.persons.create(household_id=ids.attacker_family, given_name="Ilie",
                            family_name="Angreiferova", relation="kind", birth_year=2016)
    genuine.append(attacker.sync.export(scene.root / "attacker-2.hfsync").path)
    scene.close_central()
    central = scene.root / "central"
    with tempfile.TemporaryDirectory() as folder:
        copy = _copy(central, Path(folder), scene.opener)
        try:
            results = copy.sync.import_files(genuine)
            assert [r.refused for r in results] == [None, None]
            expected = outcome(copy)
        finally:
            copy.close()
    yield Bench(central, scene.opener, scene, genuine, expected)
    scene.victim.close()
    scene.attacker.close()


def _copy(central: Path, folder: Path, opener: StoreOpener) -> Services:
    shutil.copytree(central, folder / "central")
    return opener.open(folder / "central", "central")


# --- What the unauthorised writer draws ---------------------------------------------------------

TEXTS = st.sampled_from(["Eindringling", "", "aktiv", "pelkum", "2026-11-20", "x" * 300])
VALUES = st.one_of(st.none(), TEXTS, st.integers(-3, 3), st.sampled_from([10**6, 0.5]))


class Attacker:
    """Draws hostile rows against one copy of the coordination's store."""

    def __init__(self, central: Services, forger: Forger, scene: Scene, data: st.DataObject):
        self.central, self.forger, self.scene, self.draw = central, forger, scene, data.draw

    def row(self, table: str, record_id: str) -> Row:
        return load_row(self.central, table, record_id)

    def foreign(self) -> Entry:
        """A record of another laptop or of the coordination."""
        ids, central = self.scene.ids, self.central.context
        table, record_id = self.draw(st.sampled_from([
            ("household", ids.victim_family), ("person", ids.victim_parent),
            ("person", ids.victim_child), ("contact", ids.victim_contact),
            ("contact", ids.victim_event), ("observation", ids.victim_observation),
            ("worker", central.worker_id), ("worker", self.scene.victim.context.worker_id),
            ("device", central.store.device_id),
            ("device", self.scene.victim.context.store.device_id),
        ]))  # fmt: skip
        return table, self.row(table, str(record_id))

    def own(self) -> Entry:
        ids = self.scene.ids
        table, record_id = self.draw(st.sampled_from([
            ("household", ids.attacker_family), ("person", ids.attacker_person),
            ("contact", ids.attacker_contact)]))  # fmt: skip
        return table, self.row(table, record_id)

    def field_of(self, table: str) -> str:
        return self.draw(st.sampled_from(sync_rows.BY_NAME[table].data_fields()))

    def edit_foreign(self) -> Entry:
        table, row = self.foreign()
        return table, self.forger.edited(row, **{self.field_of(table): self.draw(VALUES)})

    def delete_foreign(self) -> Entry:
        table, row = self.foreign()
        return table, self.forger.deleted(row)

    def erase_foreign(self) -> Entry:
        table, row = self.foreign()
        return table, self.forger.marked(row, erased=1)

    def issue_erasure(self) -> Entry:
        ids = self.scene.ids
        subject = self.draw(st.sampled_from([("household", ids.victim_family),
                                             ("household", ids.attacker_family),
                                             ("person", ids.victim_child)]))
        return "erasure", self.forger.erasure(*subject)

    def new_coordination_record(self) -> Entry:
        table = self.draw(st.sampled_from(["worker", "device", "master_item"]))
        template = first_row(self.central, table)
        return table, self.forger.fresh(template, **{self.field_of(table): self.draw(TEXTS)})

    def join_foreign_family(self) -> Entry:
        table, row = self.draw(st.sampled_from([
            ("person", self.scene.ids.attacker_person),
            ("contact", self.scene.ids.attacker_contact)]))  # fmt: skip
        household = self.scene.ids.victim_family
        template = self.row(table, row)
        if self.draw(st.booleans()):
            return table, self.forger.fresh(template, household_id=household)
        return table, self.forger.edited(template, household_id=household)

    def own_in_another_name(self) -> Entry:
        table, row = self.legitimate()
        other = self.draw(st.sampled_from([self.scene.victim.context.store.device_id,
                                           self.central.context.store.device_id]))
        if self.draw(st.booleans()):
            return table, {**row, "device_id": other}
        stamps = {name: [stamp, other] for name, (stamp, _device) in row["stamps"].items()}
        return table, {**row, "stamps": stamps}

    def own_far_ahead(self) -> Entry:
        table, row = self.legitimate()
        ahead = self.draw(st.sampled_from([YEAR_2226, pack(wall_millis() + 2 * DAY_MS, 0)]))
        where = self.draw(st.sampled_from(["hlc", "stamps", "deleted_hlc", "created_hlc"]))
        if where == "stamps":
            return table, {**row, "stamps": {name: [ahead, device]
                                             for name, (_stamp, device) in row["stamps"].items()}}
        return table, {**row, where: ahead}

    def legitimate(self) -> Entry:
        """An edit the laptop may send: it shows a refused package is refused whole."""
        table, row = self.own()
        value = {"household": ("status", st.sampled_from(["aktiv", "ruhend", "abgeschlossen"])),
                 "person": ("school", st.sampled_from(["Grundschule Süd", "Kita Nord"])),
                 "contact": ("duration_min", st.integers(1, 600))}[table]  # fmt: skip
        return table, self.forger.edited(row, **{value[0]: self.draw(value[1])})

    HOSTILE: tuple[Callable[[Attacker], Entry], ...] = (
        edit_foreign, delete_foreign, erase_foreign, issue_erasure, new_coordination_record,
        join_foreign_family, own_in_another_name, own_far_ahead,
    )

    def package(self, sequence: int) -> Path:
        """One to three hostile rows among up to two it may send, in one package (one row
        per record, as a real payload holds: a hostile row is never replaced)."""
        hostile = [self.draw(st.sampled_from(self.HOSTILE))(self)
                   for _ in range(self.draw(st.integers(1, 3)))]
        rows = {(table, row["id"]): (table, row) for table, row in hostile}
        for table, row in [self.legitimate() for _ in range(self.draw(st.integers(0, 2)))]:
            rows.setdefault((table, row["id"]), (table, row))
        return self.forger.package(f"hostile-{sequence}.hfsync",
                                   self.draw(st.permutations(list(rows.values()))),
                                   sequence=sequence, hlc_to=self.forger.now())


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_packages_of_an_unauthorised_writer_never_change_the_outcome(bench, data):
    with tempfile.TemporaryDirectory() as folder:
        central = _copy(bench.central, Path(folder), bench.opener)
        try:
            attacker = Attacker(central, Forger(bench.scene.attacker, Path(folder)),
                                bench.scene, data)
            hostile = [attacker.package(3 + n) for n in range(data.draw(st.integers(1, 3)))]
            for path in data.draw(st.permutations([*bench.genuine, *hostile])):
                [result] = central.sync.import_files([path])
                if path in hostile:
                    assert result.refused is not None, f"merged {path.name}"
                    assert result.refused.reason in REFUSALS, str(result.refused)
                else:
                    assert result.refused is None, str(result.refused)
            assert outcome(central) == bench.expected
        finally:
            central.close()
