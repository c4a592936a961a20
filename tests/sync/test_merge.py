"""Merge semantics: random histories on skewed laptops converge to one worked-out answer.

The simulation plays the store's part: each device keeps its own rows and HLC (wall clock off
by minutes, hours, or backwards), creates records, seeds shared master items, edits, deletes,
exchanges rows; central erases. The write log gives the model answer for every order.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamm_field.domain.hlc import HybridClock
from hamm_field.sync.merge import Conflict, Stamp, merge_all, merge_rows, open_conflicts, resolve
from hamm_field.sync.merge import canonical_value as canon

FIELDS = ["family_name", "address", "note", "status", "tags"]
ERASED = {"family_name": "—", "address": None, "note": None}
merge = partial(merge_rows, data_fields=FIELDS, erased_fields=ERASED)
VALUES = st.one_of(st.none(), st.sampled_from(["Ana", "Ben", "Cem"]), st.integers(0, 2),
                   st.lists(st.sampled_from("ab"), max_size=2))
SKEWS = [0, 0, 1, 60_000, -60_000, 3_600_000, -3_600_000, -86_400_000]
LAPTOPS = ["lap-b", "lap-a", "lap-e", "lap-c", "lap-d"]
# An op: (kind, device, milliseconds that pass first, record/device/skew, field, value, values).
HEAD = (st.integers(0, 5), st.integers(0, 3), st.integers(0, 9))
OPS = st.one_of(  # edits dominate; "status" is the field most often fought over
    st.tuples(st.just("edit"), *HEAD, st.sampled_from(FIELDS), VALUES, st.just({})),
    st.tuples(st.just("edit"), *HEAD, st.just("status"), VALUES, st.just({})),
    st.tuples(st.sampled_from(["sync"] * 3 + ["delete", "erase", "skew"]), *HEAD,
              st.just(""), st.none(), st.just({})),
    st.tuples(st.sampled_from(["create", "seed", "seed"]), *HEAD, st.just(""), st.none(),
              st.fixed_dictionaries({name: VALUES for name in FIELDS})),
)


@dataclass
class Write:
    record_id: str
    field: str
    stamp: Stamp
    value: Any
    creation: bool

    @property
    def order(self) -> tuple[Stamp, str]:
        return (self.stamp, canon(self.value))


class World:
    """Devices (a clock, rows, every row snapshot sent) and the log of all their writes."""

    def __init__(self, names: list[str], offsets: list[int]) -> None:
        self.time, self.ops, self.names = 1_800_000_000_000, [], names
        self.offset = dict(zip(names, offsets, strict=True))
        self.clock = {n: HybridClock(wall=lambda n=n: self.time + self.offset[n]) for n in names}
        self.rows: dict[str, dict[str, dict]] = {n: {} for n in names}
        self.package: dict[str, list[dict]] = {n: [] for n in names}
        self.writes, self.erased = [], set()  # every field write; the erased records
        # per record: creation stamps, all write stamps (deletes included), tombstones
        self.created, self.stamps, self.deleted = defaultdict(list), defaultdict(list), {}

    def __repr__(self) -> str:  # what hypothesis prints for a failing history
        return f"World({self.offset}, ops={self.ops})"

    def apply(self, op: tuple) -> None:
        kind, who, step, pick, name, value, values = op
        self.ops.append(op)
        self.time += step
        dev = self.names[who % len(self.names)]
        rows = self.rows[dev]
        live = sorted(r for r, x in rows.items() if not (x["erased"] or x["deleted_hlc"]))
        if kind == "create":
            self._create(dev, f"{dev}-{len(self.package[dev])}", values)
        elif kind == "seed" and f"master-{pick % 3}" not in rows:
            self._create(dev, f"master-{pick % 3}", values)
        elif kind == "skew":
            self.offset[dev] = SKEWS[pick % len(SKEWS)]
        elif kind == "sync":  # a package one way, a return package the other
            self._receive(other := self.names[pick % len(self.names)], dev)
            self._receive(dev, other)
        elif kind == "erase":  # only the coordination erases
            alive = sorted(r for r, x in self.rows["central"].items() if not x["erased"])
            if alive:
                self.erased.add(rid := alive[pick % len(alive)])
                self._save("central", {**self.rows["central"][rid], **ERASED, "erased": True})
        elif live and kind == "delete":
            rid = live[pick % len(live)]
            stamp = self._save(dev, dict(rows[rid]))
            rows[rid]["deleted_hlc"] = stamp[0]
            self.deleted.setdefault(rid, []).append(stamp[0])
        elif live and kind == "edit":
            row = dict(rows[live[pick % len(live)]])
            if canon(row[name]) != canon(value):
                row[name] = value
                stamp = self._save(dev, row)
                row["stamps"] = {**row["stamps"], name: list(stamp)}
                self.writes.append(Write(row["id"], name, stamp, value, False))

    def _save(self, dev: str, row: dict) -> Stamp:
        """A new write of ``dev``; the caller finishes the row (package holds the same dict)."""
        stamp = (self.clock[dev].now(), dev)
        row["hlc"], row["device_id"] = stamp
        self.rows[dev][row["id"]] = row
        self.package[dev].append(row)
        self.stamps[row["id"]].append(stamp)
        return stamp

    def _create(self, dev: str, rid: str, values: dict) -> None:
        row = {"id": rid, **copy.deepcopy(values), "stamps": {}, "deleted_hlc": None}
        stamp = self._save(dev, row)
        row.update(created_hlc=stamp[0], created_device=dev, erased=False)
        self.created[rid].append(stamp)
        self.writes += [Write(rid, n, stamp, values[n], True) for n in FIELDS]

    def _receive(self, dev: str, source: str) -> None:
        merged, _ = merge_all(self.rows[dev], self.rows[source].values(), FIELDS, ERASED)
        self.clock[dev].observe(max((row["hlc"] for row in merged.values()), default=0))
        self.package[dev] += [x for r, x in merged.items() if x != self.rows[dev].get(r)]
        self.rows[dev] = merged

    def packages(self) -> list[dict]:
        return copy.deepcopy([row for dev in self.names for row in self.package[dev]])

    def writes_of(self, rid: str, name: str) -> list[Write]:
        return sorted((w for w in self.writes if (w.record_id, w.field) == (rid, name)),
                      key=lambda w: w.order)

    def expected_rows(self) -> dict[str, dict]:
        """The model answer: per field the maximal (hlc, device, value) of all its writes."""
        rows = {}
        for rid, creations in self.created.items():
            created, newest = max(creations), max(self.stamps[rid])
            wins = {name: self.writes_of(rid, name)[-1] for name in FIELDS}
            row = {name: w.value for name, w in wins.items()} | {"id": rid}
            row |= ERASED if rid in self.erased else {}
            row |= {"created_hlc": created[0], "created_device": created[1]}
            row["stamps"] = {n: list(w.stamp) for n, w in wins.items() if w.stamp != created}
            row |= {"hlc": newest[0], "device_id": newest[1], "erased": rid in self.erased}
            rows[rid] = row | {"deleted_hlc": min(self.deleted.get(rid, [None]))}
        return rows

    def expected_conflicts(self) -> set[tuple]:
        """Per field: every other device's newest edit whose value the winning edit beat."""
        found = set()
        for rid in set(self.created) - self.erased - set(self.deleted):
            for name in FIELDS:
                newest = {w.stamp[1]: w for w in self.writes_of(rid, name)}
                win = max(newest.values(), key=lambda w: w.order)
                found |= {(rid, name, win.order[1], win.stamp, lost.order[1], lost.stamp)
                          for lost in newest.values() if not (win.creation or lost.creation)
                          and lost.order[1] != win.order[1]}
        return found


@st.composite
def worlds(draw) -> World:
    names = ["central", *draw(st.permutations(LAPTOPS))[: draw(st.integers(2, 5))]]
    world = World(names, [draw(st.sampled_from(SKEWS)) for _ in names])
    for op in draw(st.lists(OPS, min_size=20, max_size=50)):
        world.apply(op)
    return world


def keys(conflicts: list[Conflict]) -> set[tuple]:
    return {c.key() for c in conflicts}


def merge_tree(rows: list[dict], data: st.DataObject) -> tuple[dict, list[Conflict]]:
    """Merge in a random grouping: sub-stores merged into each other, either way round."""
    if len(rows) <= 1 or data.draw(st.integers(0, 3)) == 0:
        return merge_all({}, rows, FIELDS, ERASED)
    cut = data.draw(st.integers(1, len(rows) - 1))
    parts = [merge_tree(rows[:cut], data), merge_tree(rows[cut:], data)]
    (left, found_left), (right, found_right) = parts[:: data.draw(st.sampled_from([1, -1]))]
    merged, found = merge_all(left, right.values(), FIELDS, ERASED)
    return merged, found_left + found_right + found


@settings(max_examples=200, deadline=None)
@given(world=worlds(), data=st.data())
def test_any_order_any_grouping_and_resending_give_the_model_answer(world, data):
    rows, expected, want = world.packages(), world.expected_rows(), world.expected_conflicts()
    results = [merge_all({}, data.draw(st.permutations(rows)), FIELDS, ERASED) for _ in "ab"]
    results.append(merge_tree(data.draw(st.permutations(rows)), data))
    for merged, found in results:
        assert merged == expected  # 1, 2 and 5: one answer, the model's
        # 4: a deleted record stays deleted, an erased one erased and blank
        assert all(merged[rid]["deleted_hlc"] is not None for rid in world.deleted)
        assert all(merged[r]["erased"] and merged[r] | ERASED == merged[r] for r in world.erased)
        assert keys(open_conflicts(found, merged)) == want  # 6
        again, more = merge_all(merged, rows, FIELDS, ERASED)  # 3: everything re-sent
        assert again == merged and keys(open_conflicts(found + more, again)) == want
        assert not any(merge(merged[r["id"]], r).changed for r in rows)
        assert merge_all(merged, merged.values(), FIELDS, ERASED) == (merged, [])
    if rows:  # and the algebra underneath, on three versions of one record
        rid = data.draw(st.sampled_from([r["id"] for r in rows]))
        a, b, c = (data.draw(st.sampled_from([r for r in rows if r["id"] == rid])) for _ in "abc")
        assert merge(a, b).row == merge(b, a).row
        assert keys(merge(a, b).conflicts) == keys(merge(b, a).conflicts)
        assert merge(merge(a, b).row, c).row == merge(a, merge(b, c).row).row
        assert merge(a, a).row == merge(None, a).row and not merge(merge(None, a).row, a).changed


def both_ways(x: dict, y: dict):
    assert merge(x, y).row == merge(y, x).row
    return merge(x, y)


def make(rid="r1", created=(10, "lap-a"), **values) -> dict:
    row = {"id": rid, "created_hlc": created[0], "created_device": created[1], "stamps": {}}
    row |= {"hlc": created[0], "device_id": created[1], "deleted_hlc": None, "erased": False}
    return {name: None for name in FIELDS} | values | row


def edit(row: dict, name: str, value: Any, stamp: Stamp) -> dict:
    stamps = {**row["stamps"], name: list(stamp)}
    return {**row, name: value, "stamps": stamps, "hlc": stamp[0], "device_id": stamp[1]}


def test_a_tie_is_broken_by_device_id_then_by_value():
    base = make()
    by_b, by_a = edit(base, "note", "x", (50, "lap-b")), edit(base, "note", "y", (50, "lap-a"))
    assert both_ways(by_a, by_b).row["note"] == "x"
    low, high = edit(base, "note", "a", (50, "lap-a")), edit(base, "note", "b", (50, "lap-a"))
    assert both_ways(low, high).row["note"] == "b"


def test_concurrent_edits_report_the_loser_and_resolve_makes_a_winner_that_travels():
    """Without version vectors "concurrent" means: edits by two devices, values differ."""
    base = make(family_name="Ana")
    ours = edit(base, "family_name", "Anna", (40, "lap-a"))
    theirs = edit(base, "family_name", "Ania", (41, "lap-b"))
    merged = both_ways(ours, theirs)
    lost = Conflict("r1", "family_name", "Ania", (41, "lap-b"), "Anna", (40, "lap-a"))
    assert merged.conflicts == [lost]
    with pytest.raises(ValueError, match="not newer"):
        resolve(merged.row, "family_name", "Anna", (41, "lap-b"))
    chosen = resolve(merged.row, "family_name", "Anna", (42, "central"))
    for side in (ours, theirs, merged.row):
        assert both_ways(side, chosen).row == chosen
    assert open_conflicts(merged.conflicts, {"r1": chosen}) == []  # the loser was chosen
    # Not conflicts: a creation value that is edited, and a device's own later edit.
    assert both_ways(base, theirs).conflicts == []
    assert both_ways(ours, edit(ours, "family_name", "Anne", (45, "lap-a"))).conflicts == []


def test_a_tombstone_and_an_erasure_always_win():
    base = make(family_name="Ana", address="Weg 1", status="aktiv")
    gone = {**base, "deleted_hlc": 20, "hlc": 20, "device_id": "lap-a"}
    merged = both_ways(gone, edit(base, "status", "inaktiv", (90, "lap-b"))).row
    assert merged["deleted_hlc"] == 20 and (merged["hlc"], merged["device_id"]) == (90, "lap-b")
    earlier = {**base, "deleted_hlc": 15, "hlc": 15, "device_id": "lap-c"}
    assert both_ways(merged, earlier).row["deleted_hlc"] == 15  # the first delete stays
    erased = edit(base, "family_name", "Ann", (45, "lap-c")) | ERASED | {"erased": True}
    erased |= {"hlc": 50, "device_id": "central"}
    older = edit(base, "family_name", "Anna", (40, "lap-a"))  # loses, yet must not be shown
    later = edit(edit(base, "address", "Weg 2", (60, "lap-b")), "status", "neu", (61, "lap-b"))
    merged, found = merge_all({"r1": erased}, [older, later, base], FIELDS, ERASED)
    assert merged["r1"]["erased"] and found == []  # no erased value lingers in the queue
    assert merged["r1"] | ERASED == merged["r1"] and merged["r1"]["status"] == "neu"
    assert not merge(merged["r1"], older).changed
    with pytest.raises(ValueError, match="erased"):
        resolve(merged["r1"], "status", "aktiv", (99, "central"))


def test_a_record_seeded_on_two_stores_converges_without_false_conflicts():
    seeds = [make("m1", (10, "lap-a"), note="Tafel"), make("m1", (5, "central"), note="Tafel")]
    edited = edit(seeds[1], "note", "Tafel Süd", (30, "lap-b"))
    for order in ([*seeds, edited], [edited, *seeds], [seeds[0], edited, seeds[1]]):
        merged, found = merge_all({}, order, FIELDS, ERASED)
        m1 = merged["m1"]
        assert (m1["note"], found, m1["stamps"]) == ("Tafel Süd", [], {"note": [30, "lap-b"]})
        assert (m1["created_hlc"], m1["created_device"]) == (10, "lap-a")  # the later seed


def test_the_raw_log_depends_on_the_order_but_the_open_conflicts_do_not():
    base = make(note="n")
    p, q = edit(base, "note", "p", (10, "lap-b")), edit(base, "note", "q", (15, "lap-a"))
    r = edit(q, "note", "r", (20, "lap-a"))  # lap-a again: forward, p never meets r
    forward, raw_forward = merge_all({}, [p, q, r], FIELDS, ERASED)
    backward, raw_backward = merge_all({}, [r, q, p], FIELDS, ERASED)
    assert forward == backward and keys(raw_forward) != keys(raw_backward)
    wanted = [Conflict("r1", "note", "r", (20, "lap-a"), "p", (10, "lap-b"))]
    assert open_conflicts(raw_forward, forward) == open_conflicts(raw_backward, backward) == wanted


def test_changed_is_false_for_what_the_store_already_has_and_inputs_stay_untouched():
    row, store, newer = make(note="x"), {"r1": make(note="x")}, make(created=(20, "lap-b"))
    assert merge(None, row).changed and not merge(row, copy.deepcopy(row)).changed
    assert merge_all(store, [newer], FIELDS)[0] != store == {"r1": row}
    with pytest.raises(ValueError):
        merge(row, make("r2"))
