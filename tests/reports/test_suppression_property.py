"""No hidden value of an external report can be worked out from the published JSON.

Random small Kennzahlen are built from random contacts, so every breakdown adds up as in a
real store. A reader then tries every assignment of the hidden cells that agrees with all
published values and every relation a reader knows; each hidden value must still be able
to take at least two values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamm_field.reports.model import CONTACT_KINDS, Cell, Filters, Kennzahlen, Period, Report
from hamm_field.reports.render_json import to_json

KINDS = ("begleitung", "beratung", "veranstaltung")
COUNTRIES = ("Bulgarien", "Rumänien", "o. A.")
AREAS = ("Heessen", "Herringen", "Pelkum", "Uentrop")
RANGES = {"< 5": (1, 4)}

contacts = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 5), st.sampled_from(AREAS)),
                    max_size=40)  # fmt: skip


def _cells(rows: list[tuple[str, int, str]], key_of) -> dict[str, Cell]:
    keys = sorted({key_of(row) for row in rows})
    result = {}
    for key in keys:
        mine = [row for row in rows if key_of(row) == key]
        result[key] = Cell(len(mine), sum(row[0] == "begleitung" for row in mine),
                           len({row[1] for row in mine}))  # fmt: skip
    return result


def build(rows: list[tuple[str, int, str]], small: list[int]) -> Kennzahlen:
    """Kennzahlen of ``rows`` (kind, family, Sozialraum); a family's Herkunftsland is
    fixed, so that breakdown's Familien add up; the Sozialraum's need not (a family
    met in two)."""
    kinds = {kind: sum(row[0] == kind for row in rows) for kind in KINDS}
    return Kennzahlen(
        period=Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)), filters=Filters(),
        app_version="t", data_hash="0" * 64, generated_at=dt.datetime(2026, 2, 1),
        begleitungen=kinds["begleitung"], begleitungsstunden=1.5 * kinds["begleitung"],
        begleitete_familien=len({row[1] for row in rows}), neue_familien=small[0],
        kontakte=len(rows), kontakte_nach_art=kinds, starterpakete=small[1],
        starterpakete_nach_ausgabe={"Bulgarisch": small[1]}, veranstaltungen=kinds["veranstaltung"],
        teilnehmende=small[2], ziele_gesamt=small[3] + small[4], ziele_erreicht=small[4],
        kindeswohl_hinweise=small[5],
        nach_herkunftsland=_cells(rows, lambda row: COUNTRIES[row[1] % 3]),
        nach_sozialraum=_cells(rows, lambda row: row[2]),
    )  # fmt: skip


def relations(data: dict) -> list[tuple[list[str], str, str]]:
    """What a reader knows, as ``(cells, total, how)``: sum(cells) is ``eq`` (equal to),
    ``ge`` (at least) or ``le`` (at most) the total."""
    known: list[tuple[list[str], str, str]] = [
        ([f"kontakte_nach_art.{kind}" for kind in CONTACT_KINDS], "kontakte", "eq"),
        (["kontakte_nach_art.begleitung"], "begleitungen", "eq"),
        (["kontakte_nach_art.veranstaltung"], "veranstaltungen", "eq"),
        (["ziele.erreicht"], "ziele.gesamt", "le"),
    ]
    for name, families in (("nach_herkunftsland", "eq"), ("nach_sozialraum", "ge")):
        keys = list(data[name])
        for column, total, kind in (("kontakte", "kontakte", "eq"),
                                    ("begleitungen", "begleitungen", "eq"),
                                    ("familien", "begleitete_familien", families)):
            known.append(([f"{name}.{key}.{column}" for key in keys], total, kind))
        for key in keys:
            for column in ("begleitungen", "familien"):
                known.append(([f"{name}.{key}.{column}"], f"{name}.{key}.kontakte", "le"))
    return known


def flatten(data: object, prefix: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, data


def _narrowed(known, spans: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]] | None:
    """``spans`` with every value dropped that no relation allows (sound, not complete);
    None when some span becomes empty."""
    spans = dict(spans)
    changed = True
    while changed:
        changed = False
        for cells, total, how in known:
            low = sum(spans[c][0] for c in cells)
            high = sum(spans[c][1] for c in cells)
            # sum - total in [below, above]
            below, above = {"eq": (0, 0), "ge": (0, 10**9), "le": (-(10**9), 0)}[how]
            bounds = {total: (low - above, high - below)}
            t_low, t_high = spans[total]
            for c in cells:
                c_low, c_high = spans[c]
                bounds[c] = (t_low + below - (high - c_high), t_high + above - (low - c_low))
            for name, (new_low, new_high) in bounds.items():
                old = spans[name]
                new = (max(old[0], new_low), min(old[1], new_high))
                if new[0] > new[1]:
                    return None
                if new != old:
                    spans[name], changed = new, True
                    break  # sums are stale: start this relation again later
    return spans


def solutions_exist(known, spans: dict[str, tuple[int, int]]) -> bool:
    """Whether some assignment within ``spans`` satisfies every relation: exhaustive
    branching over the values, pruned only by sound narrowing."""
    narrowed = _narrowed(known, spans)
    if narrowed is None:
        return False
    open_ = sorted((hi - lo, name) for name, (lo, hi) in narrowed.items() if lo < hi)
    if not open_:
        return True  # every relation held with every span a single value
    name = open_[0][1]
    low, high = narrowed[name]
    return any(solutions_exist(known, {**narrowed, name: (value, value)})
               for value in range(low, high + 1))


@settings(max_examples=100, deadline=None)
@given(contacts, st.lists(st.sampled_from([0, 1, 2, 4, 5, 9]), min_size=6, max_size=6))
@example(  # four rows of "< 5" under 4 Kontakte: each would be 1
    [("beratung", 0, area) for area in AREAS], [0] * 6)
@example(  # Heessen's 3 Kontakte are all in Bulgarien's 14 - 11 of Pelkum
    [("begleitung", 0, "Pelkum")] * 11 + [("beratung", 0, "Heessen")] * 3
    + [("beratung", 1, "Uentrop")] * 6, [0, 5, 0, 0, 0, 0])
def test_no_hidden_value_can_be_worked_out(rows, small):
    figures = build(rows, small)
    data = json.loads(to_json(Report(figures, external=True)))
    truth = dict(flatten(json.loads(to_json(Report(figures)))))
    published = dict(flatten(data))
    assert (data["begleitungsstunden"] == truth["begleitungsstunden"]) == (
        data["begleitungen"] == truth["begleitungen"])
    known = relations(data)
    names = {name for cells, total, _how in known for name in (*cells, total)}
    hidden = sorted(name for name in names if isinstance(published[name], str))
    spans = {name: (published[name], published[name]) for name in names if name not in hidden}
    cap = 2 * max([int(value) for value in truth.values() if isinstance(value, int)] + [0]) + 5
    for name in hidden:
        assert published[name] in ("< 5", "x")
        assert truth[name] > 0, "zero is never hidden"
        spans[name] = RANGES.get(published[name], (1, cap))
        assert spans[name][0] <= truth[name] <= spans[name][1]
    for name in hidden:
        low, high = spans[name]
        below = low < truth[name] and solutions_exist(
            known, {**spans, name: (low, truth[name] - 1)})
        above = truth[name] < high and solutions_exist(
            known, {**spans, name: (truth[name] + 1, high)})
        assert below or above, f"{name} = {truth[name]} can be worked out from {published}"
