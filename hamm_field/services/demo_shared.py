"""Families demo colleagues share with a laptop's worker, as a return package brings them.

Apart from ``demo_generator`` (one caseload per call), as these rows are written in another
device's name (:data:`DEMO_COORDINATION_DEVICE`) and never travel from the laptop.
"""

from __future__ import annotations

import datetime as dt
import random

from hamm_field.domain import tables as t
from hamm_field.domain.ids import share_id
from hamm_field.services.demo_generator import (
    COLUMNS,
    WORKER_COLUMNS,
    Member,
    _Generator,
    team_rows,
)
from hamm_field.store import bulk

SHARED_FAMILIES = 4  # families demo colleagues share with a laptop's worker
# The device a laptop's shared demo families seem to come from: not the laptop itself, so
# its packages never send them (they are not its writes, ``store/sync_rows.py``).
DEMO_COORDINATION_DEVICE = "00000000-0000-4000-8000-00000000dec0"


def shared_with(me: Member, *, seed: int, year: int, today: dt.date | None = None,
                families: int = SHARED_FAMILIES) -> list[bulk.Rows]:  # fmt: skip
    """Families two demo colleagues (a Schlüsselfigur, a Sozialbetreuer) share with ``me``.

    The rows a return package would bring a laptop: the colleagues, their families with
    members, consent, contacts, handouts, phases and goals, all by the colleague who is
    responsible, and a share for ``me``; no Kindeswohl observation (those go back to their
    author only) and no Veranstaltung (not a family's). Drawn by a generator of their own,
    so ``me``'s caseload is the same with or without them.
    """
    today = today or dt.date.today()
    team = {row[0]: row for row in team_rows().values}
    by_role = {role: [wid for wid, row in team.items() if row[2] == role]
               for role in ("schluesselfigur", "sozialbetreuer")}  # fmt: skip
    colleagues = [by_role["schluesselfigur"][0], by_role["sozialbetreuer"][0]]
    generator = _Generator(seed, year, today)
    generator.rng = random.Random(f"hamm-field-demo-shared-{seed}")
    generator.out = {table: [] for table in COLUMNS}
    for number in range(families):
        generator.alone = colleagues[number % len(colleagues)]
        generator._family()
    out = generator.out
    out[t.Observation] = []
    out[t.Contact] = [row for row in out[t.Contact] if row[5] is not None]
    out[t.FamilyShare] = [(share_id(row[0], me.worker_id), row[0], me.worker_id, True)
                          for row in out[t.Household]]  # fmt: skip
    return [bulk.Rows(t.Worker, WORKER_COLUMNS, [team[wid] for wid in colleagues]),
            *(bulk.Rows(table, COLUMNS[table], rows) for table, rows in out.items())]
