"""Integrationsziele of a past period stay as they were reported.

A goal counts in a period by the day its status was set (``status_changed_on``), not by
today's status: a goal reached in 2025 is no success of 2024, and a later status change
never moves a closed month. Real encrypted central stores, written through the services.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamm_field.reports.model import Kennzahlen
from hamm_field.reports.periods import period_for
from hamm_field.services import Services
from tests.reports.support import add_contact, add_family, add_worker, figures, new_central

D = dt.date
MARCH = period_for("monat", D(2026, 3, 1))
APRIL = period_for("monat", D(2026, 4, 1))


def goal(services: Services, family: str, agreed: dt.date, status: str = "offen",
         since: dt.date | None = None) -> str:  # fmt: skip
    return services.goals.create(household_id=family, handlungsfeld="sprache",
                                 text="Deutschkurs", agreed_on=agreed, status=status,
                                 status_changed_on=since).id  # fmt: skip


def ziele(services: Services, period) -> tuple[int | None, int | None]:  # type: ignore[no-untyped-def]
    k = figures(services.context.store, period)
    return k.ziele_gesamt, k.ziele_erreicht


def test_a_goal_counts_as_reached_in_the_period_it_was_reached(tmp_path, kdf):
    services = new_central(tmp_path, kdf)
    try:
        family = add_family(services, "bulgarien")
        goal(services, family, D(2024, 3, 1), "erreicht", D(2025, 2, 10))  # reached in 2025
        goal(services, family, D(2024, 1, 15), "erreicht", D(2024, 3, 20))  # reached in March
        goal(services, family, D(2023, 5, 1), "erreicht", D(2023, 11, 2))  # closed before 2024
        goal(services, family, D(2023, 6, 1), "verworfen", D(2023, 12, 1))  # closed before 2024
        goal(services, family, D(2024, 2, 1), "verworfen", D(2024, 4, 2))  # discarded in April
        year_2024 = period_for("jahr", D(2024, 1, 1))
        march, april = period_for("monat", D(2024, 3, 1)), period_for("monat", D(2024, 4, 1))
        # 2024: the goals agreed in 2024, none closed before it; reached in 2024: March's
        assert ziele(services, year_2024) == (3, 1)
        assert ziele(services, period_for("jahr", D(2025, 1, 1))) == (1, 1)  # the 2025 one
        assert ziele(services, march) == (3, 1)  # the one discarded in April still counts
        assert ziele(services, april) == (2, 0)  # March's success is closed before April
        assert ziele(services, period_for("jahr", D(2023, 1, 1))) == (2, 1)
    finally:
        services.close()


def test_a_status_change_is_dated_today_unless_dated(tmp_path, kdf):
    """The worker sets "erreicht" in the form today; the report of today's month has it."""
    services = new_central(tmp_path, kdf)  # today: 31.12.2026
    try:
        family = add_family(services, "bulgarien")
        open_goal = goal(services, family, D(2026, 2, 1))
        assert services.goals.get(open_goal).status_changed_on == D(2026, 2, 1)
        services.goals.edit(open_goal, status="erreicht")
        assert services.goals.get(open_goal).status_changed_on == D(2026, 12, 31)
        assert ziele(services, MARCH) == (1, 0)
        assert ziele(services, period_for("monat", D(2026, 12, 1))) == (1, 1)
        late = goal(services, family, D(2026, 2, 1), "in_arbeit")
        services.goals.edit(late, status="erreicht", status_changed_on=D(2026, 3, 9))
        assert ziele(services, MARCH) == (2, 1)  # recorded late, dated back by the worker
    finally:
        services.close()


# Any later write leaves a closed period as it was -------------------------------------

AFTER = st.dates(D(2026, 4, 1), D(2026, 12, 31))  # after March, up to "today"
AROUND = st.dates(D(2025, 12, 1), D(2026, 6, 30))
STATUS = st.sampled_from(["offen", "in_arbeit", "erreicht", "nicht_erreicht", "verworfen"])
CLOSED = ("erreicht", "verworfen")


@st.composite
def base_goal(draw: st.DrawFn) -> tuple[int, dt.date, str, dt.date]:
    agreed = draw(AROUND)
    status = draw(STATUS)
    since = agreed + dt.timedelta(draw(st.integers(0, 200)))
    return draw(st.integers(0, 2)), agreed, status, min(since, D(2026, 12, 31))


later_write = st.one_of(
    st.tuples(st.just("contact"), st.integers(0, 2), AFTER,
              st.sampled_from(["begleitung", "beratung", "telefonat"])),
    st.tuples(st.just("status"), st.integers(0, 20), AFTER, STATUS),
    st.tuples(st.just("goal"), st.integers(0, 2), AFTER, STATUS),
    st.tuples(st.just("handout"), st.integers(0, 2), AFTER, st.just("")),
    st.tuples(st.just("family"), st.integers(0, 2), AFTER, st.just("")),
)  # fmt: skip


def comparable(k: Kennzahlen) -> dict[str, Any]:
    values = dataclasses.asdict(k)
    del values["data_hash"], values["generated_at"]
    return values


class Later:
    """Writes dated after March; none touches a record dated in March."""

    def __init__(self, services: Services, families: list[str], goals: list[str]) -> None:
        self.services, self.families, self.goals = services, families, goals

    def run(self, kind: str, pick: int, day: dt.date, extra: str) -> None:
        s, family = self.services, self.families[pick % len(self.families)]
        if kind == "contact":
            add_contact(s, family, extra, day)
        elif kind == "goal":
            self.goals.append(goal(s, family, day, extra, day))
        elif kind == "handout":
            s.handouts.create(household_id=family, date=day, edition="bg", items=["stadtplan"],
                              repeat_reason="Nachlieferung")  # fmt: skip
        elif kind == "family":
            self.families.append(add_family(s, "rumaenien", first=day))
        else:
            self.change_status(pick, day, extra)

    def change_status(self, pick: int, day: dt.date, status: str) -> None:
        """Another status, or the day of one set after March corrected. A goal closed in
        or before March is left alone: reopening it would rewrite that history, which a
        goal with one status and one day cannot keep."""
        movable = [
            g
            for g in map(self.services.goals.get, self.goals)
            if not (g.status in CLOSED and g.status_changed_on <= MARCH.end)
        ]
        if movable:
            record = movable[pick % len(movable)]
            since = max(day, record.agreed_on)
            self.services.goals.edit(record.id, status=status, status_changed_on=since)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(goals=st.lists(base_goal(), min_size=1, max_size=6),
       writes=st.lists(later_write, min_size=1, max_size=6))  # fmt: skip
def test_later_writes_never_move_a_closed_month(kdf, goals, writes):
    with tempfile.TemporaryDirectory() as root:
        services = new_central(Path(root), kdf)
        try:
            worker = add_worker(services, "Anna")
            families = [add_family(services, "bulgarien", first=D(2026, 1, 5)) for _ in range(3)]
            add_contact(services, families[0], "begleitung", D(2026, 3, 10), worker_id=worker)
            add_contact(services, families[1], "beratung", D(2026, 2, 10))
            ids = [goal(services, families[f], agreed, status, since)
                   for f, agreed, status, since in goals]  # fmt: skip
            before = figures(services.context.store, MARCH)
            later = Later(services, families, ids)
            for write in writes:
                later.run(*write)
            assert comparable(figures(services.context.store, MARCH)) == comparable(before)
        finally:
            services.close()
