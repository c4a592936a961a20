"""Demo data: a realistic, reproducible caseload to try the app, train workers and benchmark.

The mix follows DOMAIN.md and the published Kennzahlen, so reports on demo data look like
real ones: about 90 % Bulgarian families (many of the Turkish-speaking minority, names in
Cyrillic for most), two thirds in Hamm-Westen, 7-10 contacts a family with Begleitung the
largest share, Starterpakete for new families, case phases and goals for the families of
Sozialbetreuer, a few Kindeswohl observations. Word lists and weights: ``demo_names.py``.

Reproducible: one seeded generator drives everything, ids included (UUIDv7 whose time is
the record's date and whose random bits come from that generator), so the same seed and
year give byte-identical rows on any machine; only the sync stamps (clock, device) differ
between stores. Fast: rows are plain tuples made in batches of families and written by
``store/bulk.py``, never one ORM object at a time, so 100,000 families load in minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable

from sqlmodel import col, select

from hamm_field.domain import tables as t
from hamm_field.domain.vocab import DeviceRole
from hamm_field.services.demo_generator import (
    BATCH_FAMILIES,
    WORKER_COLUMNS,
    DemoAlreadyLoaded,
    DemoSummary,
    DemoYearInFuture,
    Member,
    demo_id,
    generate,
    team_rows,
)
from hamm_field.services.demo_shared import DEMO_COORDINATION_DEVICE, shared_with
from hamm_field.store import bulk, state
from hamm_field.store.unit import Store

__all__ = [
    "DemoAlreadyLoaded",
    "DemoSummary",
    "DemoYearInFuture",
    "demo_id",
    "generate",
    "load_demo",
    "team_rows",
]


def load_demo(
    store: Store, *, families: int = 300, seed: int = 1, year: int,
    progress: Callable[[int, int], None] | None = None, today: dt.date | None = None,
    batch_size: int = BATCH_FAMILIES, mine: bool = False,
) -> DemoSummary:  # fmt: skip
    """Generate and store demo families, one transaction per batch.

    ``progress(done, total)`` counts families after each batch. The demo team is added
    once; loading the same seed twice into one store raises :class:`DemoAlreadyLoaded`.
    With ``mine`` the store's own worker takes over one demo colleague's families; on a
    laptop it gets a caseload of its own instead, every record by its worker, as real
    ones are: a laptop authors only its worker's records (``sync/authority.py``). A few
    families two demo colleagues share with it come on top, as a return package would
    bring them (written in another device's name, so its packages never send them); its
    reports, which show its worker's work only, do not count them.
    """
    counts: Counter[str] = Counter()
    done = 0
    me = _member(store) if mine else None
    laptop = me is not None and _is_laptop(store)
    # Two laptops given the same seed must not make the same ids: the coordination would
    # take the second one's families for edits of the first one's.
    drawn = _laptop_seed(seed, store.device_id) if laptop else seed
    for count, batch in generate(families, seed=drawn, year=year, today=today,
                                 batch_size=batch_size, me=me, alone=laptop):  # fmt: skip
        if not done:
            batch = _with_team(store, batch, seed, team=not laptop)
        counts.update(bulk.insert(store, batch))
        done += count
        if progress is not None:
            progress(done, families)
    if laptop and me is not None:
        _insert_received(store, shared_with(me, seed=drawn, year=year, today=today))
    return DemoSummary(
        families=counts["household"], persons=counts["person"], contacts=counts["contact"],
        handouts=counts["starterpaket_handout"], phases=counts["case_phase"],
        goals=counts["goal"], observations=counts["observation"], consents=counts["consent"],
    )  # fmt: skip


def _member(store: Store) -> Member | None:
    with store.read() as session:
        worker = session.get(t.Worker, store.worker_id) if store.worker_id else None
    return Member(worker.id, worker.role) if worker else None


def _is_laptop(store: Store) -> bool:
    with store.read() as session:
        return state.get(session, "device_role") == DeviceRole.FIELD.value


def _laptop_seed(seed: int, device_id: str) -> int:
    """The seed on a laptop: reproducible on that laptop, different from every other one."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{device_id}".encode()).digest()[:8], "big")


def _with_team(store: Store, batch: list[bulk.Rows], seed: int, *, team: bool = True
               ) -> list[bulk.Rows]:  # fmt: skip
    """Refuse a second load of the same seed; add the demo team where it is missing."""
    with store.read() as session:
        if session.get(t.Household, batch[0].values[0][0]) is not None:
            raise DemoAlreadyLoaded(seed=seed)
    if not team:
        return batch
    rows = team_rows()
    ids = [row[0] for row in rows.values]
    with store.read() as session:
        have = set(session.exec(select(t.Worker.id).where(col(t.Worker.id).in_(ids))).all())
    missing = [row for row in rows.values if row[0] not in have]
    return [bulk.Rows(t.Worker, WORKER_COLUMNS, missing), *batch]


def _insert_received(store: Store, batch: list[bulk.Rows]) -> None:
    """Rows as a return package brings them: stamped by the coordination, not this device.

    Demo colleagues already in the store (an earlier seed) are left as they are.
    """
    with store.read() as session:
        have = set(session.exec(select(t.Worker.id)).all())
    with store.write() as writer:
        hlc = writer.clock.now()
        driver = writer.session.connection().connection.driver_connection
        cursor = driver.cursor()  # type: ignore[union-attr]
        try:
            for rows in batch:
                values = [row for row in rows.values
                          if rows.table is not t.Worker or row[0] not in have]  # fmt: skip
                if values:
                    cursor.executemany(bulk.insert_sql(rows.table, rows.columns), bulk.sql_rows(
                        bulk.Rows(rows.table, rows.columns, values), hlc,
                        DEMO_COORDINATION_DEVICE))  # fmt: skip
        finally:
            cursor.close()
