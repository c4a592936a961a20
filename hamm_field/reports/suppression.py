"""What an external report may publish: the one place that decides which figures are hidden.

Every renderer (JSON, CSV, PDF, the Berichte screen) shows a :class:`Published` view and
never looks at a raw count of an external report itself, so all of them hide the same cells.

Rules for a report that leaves the office (``Report.external``):

- Primary: a count from 1 to 4 is shown as ``"< 5"``. 0 is shown as 0: an empty cell
  identifies nobody.
- Secondary: every additive relation of the report (a breakdown column against its total,
  the kinds of contact against the Kontakte, the Starterpakete by edition against all,
  and inside a row Begleitungen and Familien at most the Kontakte) is a constraint a
  reader can use. The bounds of every hidden value are propagated over all of them; while
  one is pinned to a single value, a further cell of the relation that pins it is hidden
  as ``"x"`` (the smallest published non-zero one, ties by key; the total if none is
  left), until nothing hidden can be worked out. A hidden cell is known to lie in 1..4
  (``"< 5"``) or 1..∞ (``"x"``: zeros are never hidden). Where every member is hidden
  already and the ranges still pin a value (four rows of "< 5" under a total of "< 5"), a
  "< 5" becomes "x": its upper bound was what gave the value away.
- Derived figures go with what they come from: the Begleitungsstunden with the
  Begleitungen, a share or a change with either of its sides (see :func:`share`,
  :func:`change`), a chart bar with its value.

Internal reports hide nothing. The previous period is published by the same function,
as a report of its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hamm_field.reports.model import BREAKDOWNS, CONTACT_KINDS, Kennzahlen, Report

SMALL = "< 5"
SECONDARY = "x"
THRESHOLD = 5
COLUMNS = ("kontakte", "begleitungen", "familien")
TABLES = (*BREAKDOWNS, "nach_mitarbeitenden")
HEADLINE = ("begleitungen", "begleitete_familien", "neue_familien", "kontakte", "starterpakete",
            "veranstaltungen", "teilnehmende", "ziele_gesamt", "ziele_erreicht",
            "kindeswohl_hinweise")  # fmt: skip
SAME_AS_HEADLINE = {"begleitung": "begleitungen", "veranstaltung": "veranstaltungen"}
"""Kinds of contact whose count is a headline figure: one variable, hidden together."""
EDITIONS = "starterpakete_nach_ausgabe"
KINDS = "kontakte_nach_art"
RANGES = {SMALL: (1, THRESHOLD - 1), SECONDARY: (1, math.inf)}
MAX_ROUNDS = 10_000

Path = tuple[str, ...]
Shown = int | float | str
Bounds = dict[Path, tuple[float, float]]


def is_hidden(value: object) -> bool:
    """A published value that is a marker instead of a number."""
    return isinstance(value, str)


def share(part: Shown, whole: Shown) -> float | None:
    """``part / whole``, or None when either side is hidden or there is no whole."""
    if is_hidden(part) or is_hidden(whole) or not whole or float(whole) <= 0:
        return None
    return float(part) / float(whole)


def change(current: Shown, previous: Shown | None) -> float | None:
    """The difference against the previous period, or None when either side is hidden."""
    if previous is None or is_hidden(current) or is_hidden(previous):
        return None
    return float(current) - float(previous)


@dataclass(frozen=True)
class PublishedCell:
    """One breakdown row as published."""

    kontakte: int | str
    begleitungen: int | str
    familien: int | str


@dataclass(frozen=True)
class Published:
    """The figures of one period as a report may show them: each a number or a marker."""

    figures: Kennzahlen
    external: bool
    marks: Mapping[Path, str]
    aliases: Mapping[Path, Path]

    def value(self, path: Path) -> int | str:
        path = self.aliases.get(path, path)
        return self.marks.get(path) or _true_value(self.figures, path)

    def figure(self, key: str) -> Shown:
        """A headline figure; ``begleitungsstunden`` hidden with the Begleitungen, as "x"
        ("< 5" would claim fewer than five hours)."""
        if key == "begleitungsstunden":
            if self.marks.get(("begleitungen",)):
                return SECONDARY
            return round(self.figures.begleitungsstunden, 2)
        return self.value((key,))

    def kinds(self) -> dict[str, int | str]:
        return {kind: self.value((KINDS, kind)) for kind in CONTACT_KINDS}

    def editions(self) -> dict[str, int | str]:
        names = self.figures.starterpakete_nach_ausgabe
        return {name: self.value((EDITIONS, name)) for name in names}

    def breakdown(self, name: str) -> dict[str, PublishedCell]:
        return {key: PublishedCell(*(self.value((name, key, column)) for column in COLUMNS))
                for key in self.figures.breakdown(name)}  # fmt: skip



def _true_value(figures: Kennzahlen, path: Path) -> int:
    if len(path) == 1:
        return int(getattr(figures, path[0]))
    if path[0] == KINDS:
        return figures.kontakte_nach_art.get(path[1], 0)
    if path[0] == EDITIONS:
        return figures.starterpakete_nach_ausgabe.get(path[1], 0)
    return int(getattr(figures.breakdown(path[0])[path[1]], path[2]))


@dataclass(frozen=True)
class _Relation:
    """``sum(cells) - total`` lies in ``[low, high]``: an equation when both are 0."""

    total: Path
    cells: tuple[Path, ...]
    low: float
    high: float

    @property
    def is_equation(self) -> bool:
        return len(self.cells) > 1


def _aliases(figures: Kennzahlen) -> dict[Path, Path]:
    return {(KINDS, kind): (key,) for kind, key in SAME_AS_HEADLINE.items()
            if figures.kontakte_nach_art.get(kind, 0) == getattr(figures, key)}  # fmt: skip


def _relation(values: dict[Path, int], total: Path, cells: Iterable[Path]) -> _Relation:
    """The relation as the data has it: equal, or the cells above or below the total
    (Familien counted in two months), so the model always holds for the true values."""
    cells = tuple(cells)
    difference = sum(values[cell] for cell in cells) - values[total]
    low = 0 if difference >= 0 else -math.inf
    high = 0 if difference <= 0 else math.inf
    return _Relation(total, cells, low, high)


def _system(figures: Kennzahlen, aliases: Mapping[Path, Path]
            ) -> tuple[dict[Path, int], list[_Relation]]:  # fmt: skip
    """Every published count and every relation between them."""
    values: dict[Path, int] = {(key,): int(getattr(figures, key)) for key in HEADLINE}
    kinds = [aliases.get((KINDS, kind), (KINDS, kind)) for kind in CONTACT_KINDS]
    editions = [(EDITIONS, name) for name in sorted(figures.starterpakete_nach_ausgabe)]
    for path in (*kinds, *editions):
        values.setdefault(path, _true_value(figures, path))
    relations = [_relation(values, ("kontakte",), kinds)]
    if editions:
        relations.append(_relation(values, ("starterpakete",), editions))
    relations.append(_relation(values, ("ziele_gesamt",), [("ziele_erreicht",)]))
    for name in TABLES:
        keys = sorted(figures.breakdown(name))
        if not keys:
            continue
        for key in keys:
            for column in COLUMNS:
                values[(name, key, column)] = _true_value(figures, (name, key, column))
        for column, total in zip(COLUMNS, ("kontakte", "begleitungen", "begleitete_familien"),
                                 strict=True):  # fmt: skip
            relations.append(_relation(values, (total,), [(name, k, column) for k in keys]))
        for key in keys:
            for column in COLUMNS[1:]:
                part, whole = (name, key, column), (name, key, "kontakte")
                if values[part] <= values[whole]:
                    relations.append(_Relation(whole, (part,), -math.inf, 0))
    return values, relations


def _start(values: dict[Path, int], marks: Mapping[Path, str]) -> Bounds:
    return {path: RANGES[marks[path]] if path in marks else (value, value)
            for path, value in values.items()}  # fmt: skip


def _propagate(bounds: Bounds, relations: list[_Relation], hidden: Iterable[Path]) -> Bounds:
    """Tightens the bounds over every relation until nothing changes (bounds consistency)."""
    involved = set(hidden)
    active = [r for r in relations if r.total in involved or involved.intersection(r.cells)]
    for _round in range(MAX_ROUNDS):
        changed = False
        for relation in active:
            changed |= _tighten(bounds, relation)
        if not changed:
            break
    return bounds


def _tighten(bounds: Bounds, relation: _Relation) -> bool:
    cells = [bounds[cell] for cell in relation.cells]
    changed = _narrow(bounds, relation.total, sum(low for low, _h in cells) - relation.high,
                      sum(high for _l, high in cells) - relation.low)  # fmt: skip
    total_low, total_high = bounds[relation.total]
    for index, cell in enumerate(relation.cells):
        others = cells[:index] + cells[index + 1:]
        changed |= _narrow(bounds, cell,
                           total_low + relation.low - sum(high for _l, high in others),
                           total_high + relation.high - sum(low for low, _h in others))
        cells[index] = bounds[cell]
    return changed


def _narrow(bounds: Bounds, path: Path, low: float, high: float) -> bool:
    """Narrows to ``[low, high]``; an undefined bound (inf - inf) teaches nothing."""
    old_low, old_high = bounds[path]
    if not math.isnan(low):
        low = max(old_low, math.ceil(low) if math.isfinite(low) else low)
    if not math.isnan(high):
        high = min(old_high, math.floor(high) if math.isfinite(high) else high)
    low, high = (old_low if math.isnan(low) else low), (old_high if math.isnan(high) else high)
    if (low, high) == (old_low, old_high):
        return False
    bounds[path] = (low, high)
    return True


def _pinned(bounds: Bounds, marks: Mapping[Path, str]) -> list[Path]:
    return sorted(path for path in marks if bounds[path][0] >= bounds[path][1])


def _next_to_hide(pinned: list[Path], values: dict[Path, int], marks: Mapping[Path, str],
                  relations: list[_Relation]) -> Path | None:  # fmt: skip
    """A published non-zero value whose hiding frees a pinned one. Of all relations of all
    pinned values, equations first and the one with the fewest hidden members (the one
    that pins on its own); from it the smallest cell, else its total. Freeing the root
    of a chain first keeps the totals published."""
    best: tuple[tuple[object, ...], Path] | None = None
    for path in pinned:
        for relation in relations:
            members = (relation.total, *relation.cells)
            if path not in members:
                continue
            hidden = sum(member in marks for member in members)
            cells = [c for c in relation.cells if c != path and c not in marks and values[c] > 0]
            total = relation.total
            if cells:
                choice, rank_ = min(cells, key=lambda c: (values[c], c)), 0
            elif total != path and total not in marks and values[total] > 0:
                choice, rank_ = total, 1
            else:
                continue
            key = (not relation.is_equation, hidden, rank_, values[choice], choice)
            if best is None or key < best[0]:
                best = (key, choice)
    return None if best is None else best[1]


def _to_widen(path: Path, marks: Mapping[Path, str], relations: list[_Relation]) -> Path | None:
    """A "< 5" to show as "x" instead, when all of a pinned value's relations are hidden:
    four listed rows of "< 5" under a total of "< 5" make it 4 and each of them 1. The
    total of the relation goes first (it frees every cell), else the value itself."""
    for relation in sorted((r for r in relations if path == r.total or path in r.cells),
                           key=lambda r: (not r.is_equation, r.total, r.cells)):  # fmt: skip
        if marks.get(relation.total) == SMALL:
            return relation.total
    return path if marks.get(path) == SMALL else None


def publish(figures: Kennzahlen, external: bool) -> Published:
    """The published view of ``figures``: exact values for an internal report."""
    aliases = _aliases(figures)
    if not external:
        return Published(figures, False, {}, aliases)
    values, relations = _system(figures, aliases)
    marks = {path: SMALL for path, value in values.items() if 0 < value < THRESHOLD}
    while True:
        bounds = _propagate(_start(values, marks), relations, marks)
        pinned = _pinned(bounds, marks)
        if not pinned:
            break
        victim = _next_to_hide(pinned, values, marks, relations)
        if victim is None:  # every member hidden already: "< 5" says too much
            victim = next((v for p in pinned if (v := _to_widen(p, marks, relations))), None)
        if victim is None:
            break  # cannot happen: each pinned value has a "< 5" to widen (itself)
        marks[victim] = SECONDARY
    return Published(figures, True, marks, aliases)


def publish_report(report: Report) -> tuple[Published, Published | None]:
    """The current and the previous period of ``report`` as published, each on its own."""
    previous = report.previous
    return (publish(report.current, report.external),
            publish(previous, report.external) if previous is not None else None)  # fmt: skip
