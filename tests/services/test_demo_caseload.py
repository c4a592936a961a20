"""Demo data on a laptop is that laptop's caseload; at the coordination it is a whole team."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from hamm_field.domain.tables import CasePhase, Contact, Goal, Household, Observation, Worker
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.services import setup
from hamm_field.services.demo import load_demo
from hamm_field.store.keyfile import KdfParams
from hamm_field.store.paths import StorePaths
from hamm_field.store.unit import Store

YEAR = 2025


def all_of(store: Store, table: type) -> list:
    with store.read() as session:
        return list(session.exec(select(table)).all())


def open_store(root: Path, kdf: KdfParams, role: DeviceRole,
               worker_role: WorkerRole | None = None) -> Store:  # fmt: skip
    return setup.initialize(StorePaths(root), device_role=role, name="Ich",
                            password="correct horse", kdf=kdf,
                            worker_role=worker_role).store  # fmt: skip


def test_a_sozialbetreuers_laptop_holds_only_their_cases(tmp_path: Path, kdf: KdfParams) -> None:
    """Every family is a case of the laptop's Sozialbetreuer, with phases and goals by them."""
    store = open_store(tmp_path / "laptop", kdf, DeviceRole.FIELD, WorkerRole.SOZIALBETREUER)
    try:
        summary = load_demo(store, families=40, seed=1, year=YEAR, mine=True)
        me = store.worker_id
        households = all_of(store, Household)
        assert len(households) == summary.families == 40
        assert {h.worker_id for h in households} == {me}
        phases, goals = all_of(store, CasePhase), all_of(store, Goal)
        assert {p.household_id for p in phases} == {h.id for h in households}
        assert {p.worker_id for p in phases} == {g.worker_id for g in goals} == {me}
        assert {c.worker_id for c in all_of(store, Contact)} == {me}
        assert {o.author_id for o in all_of(store, Observation)} <= {me}
        assert [w.id for w in all_of(store, Worker)] == [me]
    finally:
        store.close()


def test_at_the_coordination_the_demo_is_a_whole_team(tmp_path: Path, kdf: KdfParams) -> None:
    store = open_store(tmp_path / "central", kdf, DeviceRole.CENTRAL)
    try:
        load_demo(store, families=150, seed=1, year=YEAR, mine=True)
        authors = {c.worker_id for c in all_of(store, Contact)}
        roles = {w.id: w.role for w in all_of(store, Worker)}
        assert store.worker_id in authors and len(authors) >= 10
        assert authors <= set(roles)
        assert {roles[w] for w in authors} >= {"schluesselfigur", "sozialbetreuer"}
        assert {p.worker_id for p in all_of(store, CasePhase)} - {store.worker_id}
    finally:
        store.close()
