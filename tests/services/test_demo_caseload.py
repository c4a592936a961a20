"""Demo data on a laptop is that laptop's caseload; at the coordination it is a whole team."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from hamm_field.domain.tables import (
    CasePhase,
    Contact,
    FamilyShare,
    Goal,
    Household,
    Observation,
    Worker,
)
from hamm_field.domain.vocab import DeviceRole, WorkerRole
from hamm_field.services import setup
from hamm_field.services.demo import load_demo
from hamm_field.store import sync_rows
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
    """Every family is a case of the laptop's Sozialbetreuer, with phases and goals by them,
    besides a few families colleagues share with them, which the laptop never sends."""
    store = open_store(tmp_path / "laptop", kdf, DeviceRole.FIELD, WorkerRole.SOZIALBETREUER)
    try:
        summary = load_demo(store, families=40, seed=1, year=YEAR, mine=True)
        me = store.worker_id
        households = [h for h in all_of(store, Household) if h.worker_id == me]
        assert len(households) == summary.families == 40
        mine = {h.id for h in households}
        phases = [p for p in all_of(store, CasePhase) if p.household_id in mine]
        goals = [g for g in all_of(store, Goal) if g.household_id in mine]
        assert {p.household_id for p in phases} == mine
        assert {p.worker_id for p in phases} == {g.worker_id for g in goals} == {me}
        assert {c.worker_id for c in all_of(store, Contact) if c.household_id in mine
                or c.household_id is None} == {me}  # fmt: skip
        assert {o.author_id for o in all_of(store, Observation)} <= {me}

        shared = {s.household_id: s for s in all_of(store, FamilyShare)}
        others = {h.id: h.worker_id for h in all_of(store, Household) if h.id not in mine}
        assert 3 <= len(others) <= 5 and set(shared) == set(others)
        assert all(s.worker_id == me and s.active for s in shared.values())
        roles = {w.id: (w.name, w.role) for w in all_of(store, Worker)}
        colleagues = set(others.values())
        assert {roles[w][1] for w in colleagues} == {"schluesselfigur", "sozialbetreuer"}
        assert all(roles[w][0] for w in colleagues) and set(roles) == {me, *colleagues}
        theirs = [c for c in all_of(store, Contact) if c.household_id in others]
        assert theirs and {c.worker_id for c in theirs} <= colleagues
        sent = outgoing(store)
        assert sent["household"] == mine and not sent["family_share"]
        assert not sent["worker"] - {me} and not sent["contact"] & {c.id for c in theirs}
    finally:
        store.close()


def outgoing(store: Store) -> dict[str, set[str]]:
    """The ids of every row the laptop's next package would carry, by table."""
    found: dict[str, set[str]] = {table: set() for table in sync_rows.BY_NAME}
    with store.engine.connect() as connection:
        for table, row in sync_rows.changed_since(connection, 0, store.device_id):
            found[table].add(row["id"])
    return found


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
        # A colleague who stood in for a contact works with the family: it is shared.
        households = {h.id: h.worker_id for h in all_of(store, Household)}
        shares = all_of(store, FamilyShare)
        assert all(s.active and s.worker_id != households[s.household_id] for s in shares)
        assert {(s.household_id, s.worker_id) for s in shares} == {
            (c.household_id, c.worker_id) for c in all_of(store, Contact)
            if c.household_id is not None and c.worker_id != households[c.household_id]}
        assert {(roles[households[s.household_id]], roles[s.worker_id]) for s in shares} >= {
            ("sozialbetreuer", "schluesselfigur")}
    finally:
        store.close()
