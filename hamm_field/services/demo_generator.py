"""The demo generator: plain rows for realistic, reproducible demo families.

See ``demo.py`` for what the data looks like and why; this module only makes rows (one
seeded generator drives everything, ids included) and never touches a store.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect, bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, NamedTuple

from hamm_field.domain import masterdata
from hamm_field.domain import tables as t
from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import share_id
from hamm_field.domain.translit import to_latin
from hamm_field.i18n import N_
from hamm_field.services import demo_names as names
from hamm_field.store import bulk
from hamm_field.store.search import household_search_text, latin_name

BATCH_FAMILIES = 5_000
COLUMNS: dict[type[Any], tuple[str, ...]] = {
    t.Household: ("id", "family_name", "pseudonym", "sozialraum", "address", "herkunftsland",
                  "languages", "pakete", "status", "worker_id", "referral", "first_contact",
                  "search_text"),
    t.Person: ("id", "household_id", "given_name", "family_name", "name_latin", "birth_year",
               "relation", "school", "school_class", "insurance"),
    t.Consent: ("id", "household_id", "person_id", "given_on", "scope_documentation",
                "scope_sharing", "form_language"),
    t.Contact: ("id", "kind", "date", "duration_min", "worker_id", "household_id", "paket",
                "topics", "institution", "sozialraum", "place", "language", "outcome",
                "follow_up", "follow_up_done", "note", "title", "participants"),
    t.StarterpaketHandout: ("id", "household_id", "date", "worker_id", "edition", "items",
                            "recipient_person_id"),
    t.CasePhase: ("id", "household_id", "phase", "started_on", "worker_id", "note"),
    t.Goal: ("id", "household_id", "person_id", "handlungsfeld", "text", "agreed_on",
             "target_date", "status", "status_changed_on", "review_date", "review_notes",
             "worker_id"),
    t.Observation: ("id", "household_id", "person_id", "date", "school_attendance", "u_status",
                    "concern", "note", "author_id"),
    t.FamilyShare: ("id", "household_id", "worker_id", "active"),
}  # fmt: skip
WORKER_COLUMNS = ("id", "name", "role", "team", "active")
_EPOCH = dt.date(1970, 1, 1).toordinal()
_THEMES = {p: [f"p{p}-{key}" for key, _label in items] for p, items in masterdata.THEMEN.items()}
_ITEMS = [key for key, _label in masterdata.STARTERPAKET_ITEMS]
_CHILD_ITEMS = {"kitas", "schulen", "kinderbetreuung"}
_ORTE = [key for key, _label in masterdata.SPRECHSTUNDEN_ORTE]



class DemoYearInFuture(UserError):
    message = N_("Das Jahr {year} liegt in der Zukunft.")


class DemoAlreadyLoaded(UserError):
    message = N_("Die Beispieldaten mit dem Startwert {seed} sind schon geladen.")


@dataclass(frozen=True)
class DemoSummary:
    families: int = 0
    persons: int = 0
    contacts: int = 0
    handouts: int = 0
    phases: int = 0
    goals: int = 0
    observations: int = 0
    consents: int = 0


class _Pick:
    """A weighted choice, drawn with one ``random()`` and a bisect."""

    def __init__(self, pairs: tuple[tuple[Any, float], ...]) -> None:
        self.values = [value for value, _weight in pairs]
        self.cum = list(accumulate(weight for _value, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cum, rng.random() * self.cum[-1])]


_P = {name: _Pick(pairs) for name, pairs in names.WEIGHTS.items()}


class _Named(NamedTuple):
    """Just the name fields ``household_search_text`` reads."""

    family_name: str
    given_name: str = ""
    name_latin: str = ""


def demo_id(rng: random.Random, day: dt.date) -> str:
    """A UUIDv7 dated (working hours, UTC) on ``day`` with random bits from ``rng``."""
    millis = (day.toordinal() - _EPOCH) * 86_400_000 + rng.randrange(25_200_000, 64_800_000)
    bits = rng.getrandbits(74)
    value = millis << 80 | 0x7 << 76 | (bits >> 62) << 64 | 0b10 << 62 | (bits & (1 << 62) - 1)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def team_rows() -> bulk.Rows:
    """The made-up demo team: 10 Schlüsselfiguren and 4 Sozialbetreuer, same ids everywhere."""
    rng, day = random.Random("hamm-field-demo-team"), dt.date(2024, 1, 1)
    rows = [(demo_id(rng, day), name, role, team, True) for name, role, team, _r in names.DEMO_TEAM]
    return bulk.Rows(t.Worker, WORKER_COLUMNS, rows)


class _Generator:
    """Draws one family after another; every draw comes from one seeded ``Random``."""

    def __init__(self, seed: int, year: int, today: dt.date, me: Member | None = None,
                 alone: bool = False) -> None:  # fmt: skip
        self.rng = random.Random(seed)
        # A laptop's caseload: every family, contact and Veranstaltung is its worker's.
        self.alone = me.worker_id if alone and me is not None else None
        self.start, self.end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
        days = [self.start + dt.timedelta(n) for n in range((self.end - self.start).days + 1)]
        self.work = [day for day in days if day.weekday() < 5] or days
        self.work_ords = [day.toordinal() for day in self.work]
        team = list(zip((row[0] for row in team_rows().values), names.DEMO_TEAM, strict=True))
        self.key_figures = [wid for wid, spec in team if spec[1] == "schluesselfigur"]
        self.caseworkers = {wid for wid, spec in team if spec[1] == "sozialbetreuer"}
        self.caseload = {room: [wid for wid, spec in team if room in spec[3]]
                         for room, _label in masterdata.SOZIALRAEUME}  # fmt: skip
        if me is not None:
            self._take_over(me)
        self.out: dict[type[Any], list[tuple[Any, ...]]] = {}

    def _take_over(self, me: Member) -> None:
        """The person using the store takes the caseload of one demo colleague, so
        "Heute" and "nur meine" show something on a fresh demo store."""
        if me.role == "sozialbetreuer":
            colleague = sorted(self.caseworkers)[0]
            self.caseworkers = (self.caseworkers - {colleague}) | {me.worker_id}
            for workers in self.caseload.values():
                workers[:] = [me.worker_id if w == colleague else w for w in workers]
        else:
            self.key_figures[0] = me.worker_id

    def batch(self, families: int) -> list[bulk.Rows]:
        self.out = {table: [] for table in COLUMNS}
        for _ in range(families):
            self._family()
        return [bulk.Rows(table, COLUMNS[table], rows) for table, rows in self.out.items()]

    def _workday(self, lo: dt.date) -> dt.date:
        """A working day from ``lo`` to the end of the period (``lo`` if there is none)."""
        first = bisect_left(self.work_ords, lo.toordinal())
        if first >= len(self.work):
            return lo
        return self.work[self.rng.randrange(first, len(self.work))]

    def _family(self) -> None:
        rng, out = self.rng, self.out
        if rng.random() < 0.9:
            country, turkish, latin = "bulgarien", rng.random() < 0.55, rng.random() < 0.3
            group = names.TURKISH_BG if turkish else names.BULGARIAN
            languages = ((["tr", "bg"] if rng.random() < 0.6 else ["tr"]) if turkish
                         else ["bg"] if rng.random() < 0.75 else ["bg", rng.choice(("rom", "de"))])
        else:
            country, group, latin = "rumaenien", names.ROMANIAN, True
            languages = ["ro"] if rng.random() < 0.7 else ["ro", "rom"]
        new = rng.random() < 0.35
        first = (self.work[rng.randrange(max(1, len(self.work) * 85 // 100))] if new
                 else dt.date(self.start.year - rng.randint(1, 5), 1, 1)
                 + dt.timedelta(rng.randrange(365)))  # fmt: skip
        room = _P["sozialraum"](rng)
        caseworkers = self.caseload[room]
        worker = self.alone or (rng.choice(caseworkers) if caseworkers and rng.random() < 0.25
                                else rng.choice(self.key_figures))  # fmt: skip
        consent = rng.random() < 0.85
        hid = demo_id(rng, first)
        members, family_name = self._members(hid, first, group, latin, consent)
        children = [m for m in members if m[6] == "kind"]
        observed = bool(children) and rng.random() < 0.02
        chosen = {1} if new or rng.random() < 0.5 else set()
        if children:
            chosen |= {2} if rng.random() < 0.7 else set()
            chosen |= {3} if rng.random() < 0.6 or not chosen else set()
        chosen |= {4} if rng.random() < 0.2 else set()
        chosen |= {5} if observed or (children and rng.random() < 0.05) else set()
        pakete = sorted(chosen or {1})
        streets = names.STREETS.get(room)
        address = (f"{rng.choice(streets)} {rng.randint(1, 120)}"
                   if consent and streets and rng.random() < 0.5 else None)  # fmt: skip
        named = [_Named(m[3], m[2], m[4]) for m in members]
        search_text = household_search_text(_Named(family_name), named)  # type: ignore[arg-type]
        out[t.Household].append((
            hid, family_name, not consent, room, address, country, languages, pakete,
            _P["status"](rng), worker, _P["referral"](rng), first, search_text,
        ))  # fmt: skip
        out[t.Person].extend(members)
        parent = members[0][0]
        if consent:
            out[t.Consent].append((demo_id(rng, first), hid, parent, first, True,
                                   rng.random() < 0.7, languages[0]))  # fmt: skip
        before = len(out[t.Contact])
        self._contacts((hid, room, worker, languages, pakete), first if new else self.start, new)
        # A colleague who stood in works with the family from then on: it is shared with them.
        for colleague in sorted({row[4] for row in out[t.Contact][before:]
                                 if row[5] == hid} - {worker}):  # fmt: skip
            out[t.FamilyShare].append((share_id(hid, colleague), hid, colleague, True))
        if new and rng.random() < 0.9:
            self._handout(hid, first, worker, languages, parent, bool(children))
        if worker in self.caseworkers:
            self._case(hid, first, worker, parent)
        if observed:
            child, day = rng.choice(children), self._workday(max(first, self.start))
            attendance = _P["attendance"](rng) if self.start.year - child[5] >= 6 else None
            concern = _P["concern"](rng)
            out[t.Observation].append((
                demo_id(rng, day), hid, child[0], day, attendance, _P["u_status"](rng), concern,
                names.OBSERVATION_NOTES[concern], worker,
            ))  # fmt: skip

    def _members(
        self, hid: str, first: dt.date, group: names.NameSet, latin: bool, consent: bool
    ) -> tuple[list[tuple[Any, ...]], str]:
        """The members' rows and the household's name (the father's form if there is one)."""
        rng = self.rng
        surname = rng.choice(group.surnames)
        female = names.female_form
        both, mother_age = rng.random() < 0.75, rng.randint(21, 47)
        people = []  # (given, family, age, relation)
        if both or rng.random() < 0.75:
            people.append((rng.choice(group.women), female(surname), mother_age, "elternteil"))
        father = both or not people
        if father:
            age = mother_age + rng.randint(0, 6)
            people.append((rng.choice(group.men), surname, age, "elternteil"))
        for _ in range(_P["children"](rng)):
            girl = rng.random() < 0.5
            given = rng.choice(group.girls if girl else group.boys)
            age = rng.randint(0, min(17, mother_age - 18))
            people.append((given, female(surname) if girl else surname, age, "kind"))
        insurance = _P["insurance"](rng)
        rows = []
        for given, family, age, relation in people:
            if latin:
                given, family = to_latin(given), to_latin(family)
            if not consent:  # a pseudonym: initials only
                given, family = f"{given[0]}.", f"{family[0]}."
            school, school_class = self._school(age) if relation == "kind" else (None, None)
            rows.append((
                demo_id(rng, first), hid, given, family, latin_name(given, family),
                self.start.year - age, relation, school, school_class,
                insurance if rng.random() < 0.85 else _P["insurance"](rng),
            ))  # fmt: skip
        name = surname if father else female(surname)
        name = to_latin(name) if latin else name
        return rows, name if consent else f"{name[0]}."  # data: no word of any language

    def _school(self, age: int) -> tuple[str | None, str | None]:
        rng = self.rng
        letter = rng.choice("abc")
        if 1 <= age <= 5 and rng.random() < (0.3 if age < 3 else 0.65):
            return rng.choice(names.KITAS), None
        if 6 <= age <= 15 and rng.random() < 0.9:
            schools = names.PRIMARY_SCHOOLS if age < 10 else names.SECONDARY_SCHOOLS
            return rng.choice(schools), f"{age - 5}{letter}"
        if age >= 16 and rng.random() < 0.6:
            return names.VOCATIONAL_SCHOOL, None
        return None, None

    def _contacts(self, family: tuple[Any, ...], lo: dt.date, new: bool) -> None:
        hid, room, worker, languages, pakete = family
        rng, contacts = self.rng, self.out[t.Contact]
        days = sorted(self._workday(lo) for _ in range(_P["contacts"](rng)))
        for index, day in enumerate(days):
            kind = _P["first_kind"](rng) if new and index == 0 else _P["kind"](rng)
            paket = rng.choice(pakete)
            themes = _THEMES[paket]
            topics = [rng.choice(themes)] if rng.random() < 0.7 else rng.sample(themes, 2)
            institution = None
            if kind == "begleitung" or (kind == "vermittlung" and rng.random() < 0.5):
                institution = rng.choice(names.THEME_INSTITUTIONS[topics[0]])
            place = None
            if kind == "sprechstunde":
                place = room if room in _ORTE else _P["ort"](rng)
            follow_up = day + dt.timedelta(rng.randint(7, 35)) if rng.random() < 0.2 else None
            # Old Wiedervorlagen are almost all done; the last weeks' ones often not yet.
            overdue = follow_up is not None and follow_up <= self.end
            long_ago = overdue and follow_up <= self.end - dt.timedelta(days=21)
            done = overdue and rng.random() < (0.98 if long_ago else 0.5)
            contacts.append((
                demo_id(rng, day), kind, day, rng.randrange(*names.DURATION[kind], 5),
                self._colleague(worker, 0.85), hid, paket,
                topics, institution, room, place,
                languages[0] if rng.random() < 0.75 else rng.choice(languages),
                rng.choice(names.OUTCOMES) if rng.random() < 0.5 else None, follow_up, done,
                rng.choice(names.NOTES[kind]) if rng.random() < 0.7 else None, None, None,
            ))  # fmt: skip
        if rng.random() < 1 / 15:  # a Veranstaltung: no single household
            day, paket = self._workday(self.start), rng.choice((None, 1, 2, 3, 4))
            contacts.append((
                demo_id(rng, day), "veranstaltung", day,
                rng.randrange(*names.DURATION["veranstaltung"], 5), self._colleague(None, 0),
                None, paket, [rng.choice(_THEMES[paket])] if paket else [], None,
                _P["sozialraum"](rng), None, _P["event_language"](rng), None, None, False, None,
                rng.choice(names.EVENT_TITLES), rng.randint(5, 60),
            ))  # fmt: skip

    def _colleague(self, worker: str | None, own: float) -> str:
        """Who wrote a contact: ``worker`` with probability ``own``, else a Schlüsselfigur
        who stood in; on a laptop always its own worker (it authors nothing else)."""
        if self.alone:
            return self.alone
        if worker is not None and self.rng.random() < own:
            return worker
        return self.rng.choice(self.key_figures)

    def _handout(self, hid: str, first: dt.date, worker: str, languages: list[str],
                 parent: str, children: bool) -> None:  # fmt: skip
        rng = self.rng
        edition = languages[0]
        if edition == "tr" and "bg" in languages and rng.random() < 0.4:
            edition = "bg"
        edition = "de" if rng.random() < 0.05 else edition
        items = [key for key in _ITEMS if children or key not in _CHILD_ITEMS]
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            items.remove(rng.choice(items[1:]))
        day = min(self.end, first + dt.timedelta(rng.choice((0, 0, 0, 7, 14))))
        row = (demo_id(rng, day), hid, day, worker, edition, items, parent)
        self.out[t.StarterpaketHandout].append(row)

    def _case(self, hid: str, first: dt.date, worker: str, parent: str) -> None:
        """Sozialbetreuer case management: phases 1.. in order, goals agreed in phase 2."""
        rng, day = self.rng, first
        for phase in range(1, _P["phase"](rng) + 1):
            if day > self.end:
                break
            note = names.PHASE_NOTES[phase] if rng.random() < 0.5 else None
            self.out[t.CasePhase].append((demo_id(rng, day), hid, phase, day, worker, note))
            for _ in range(rng.randint(1, 3) if phase == 2 else 0):
                feld, status = _P["handlungsfeld"](rng), _P["goal_status"](rng)
                goal_id, person = demo_id(rng, day), parent if rng.random() < 0.6 else None
                text, target = rng.choice(names.GOAL_TEXTS[feld]), rng.randint(90, 270)
                review = day + dt.timedelta(rng.randint(42, 120))
                # offen since agreed; any other status set at the review, never after today
                since = day if status == "offen" else max(day, min(review, self.end))
                self.out[t.Goal].append((
                    goal_id, hid, person, feld, text, day, day + dt.timedelta(target),
                    status, since, review, names.REVIEW_NOTES.get(status), worker,
                ))  # fmt: skip
            day += dt.timedelta(rng.randint(21, 90))


class Member(NamedTuple):
    """The store's own worker, given a share of the demo caseload."""

    worker_id: str
    role: str


def generate(
    families: int, *, seed: int, year: int, today: dt.date | None = None,
    batch_size: int = BATCH_FAMILIES, me: Member | None = None, alone: bool = False,
) -> Iterator[tuple[int, list[bulk.Rows]]]:  # fmt: skip
    """Yield (families in the batch, its rows per table); touches no store.

    Dates lie in ``year`` and not after ``today``; the batch size does not change the data.
    With ``alone`` (a laptop) every record is ``me``'s: a Sozialbetreuer's families are all
    cases with phases and goals, a Schlüsselfigur's have none.
    """
    today = today or dt.date.today()
    if dt.date(year, 1, 1) > today:
        raise DemoYearInFuture(year=year)
    generator, done = _Generator(seed, year, today, me, alone), 0
    while done < families:
        count = min(batch_size, families - done)
        yield count, generator.batch(count)
        done += count


