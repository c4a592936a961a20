"""Search over families and their members, in any spelling.

Each household keeps a derived ``search_text``: the folded search keys of its name
and every member's names (see ``domain/translit.py``). A query is folded the same
way and every token must occur; this one LIKE scan over a single column keeps
search-as-you-type fast without an extra index to keep in step.

Ranking: the text starts with the family's own name, so "petrova" finds the family
Петрова by the key range ["petrova", "petrova!") (the name itself, then a space) and
families whose name starts so by the range after it; both are seeks in the search index.
Families matched only through a member ("Петров" with a daughter Петрова) come after.
Each of the three parts walks the index in key order and stops at the page's end, so
ranking costs no sort of all matches (see :func:`ranked_ids`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, literal, union_all
from sqlmodel import Session, col, select

from hamm_field.domain.tables import FamilyShare, Household, Person
from hamm_field.domain.tables_privacy import Restriction
from hamm_field.domain.translit import search_key, to_latin


def household_search_text(household: Household, persons: list[Person]) -> str:
    parts = [household.family_name]
    for person in persons:
        parts += [person.given_name, person.family_name, person.name_latin]
    return " ".join(dict.fromkeys(search_key(part) for part in parts if part))


def refresh_search_text(session: Session, household_id: str) -> None:
    household = session.get(Household, household_id)
    if household is None:
        return
    persons = session.exec(
        select(Person).where(Person.household_id == household_id, Person.deleted_hlc.is_(None))
    ).all()
    household.search_text = household_search_text(household, list(persons))
    session.add(household)


def latin_name(given_name: str, family_name: str) -> str:
    return to_latin(f"{given_name} {family_name}").strip()


@dataclass(frozen=True)
class FamilyFilter:
    query: str = ""
    sozialraum: str | None = None
    paket: int | None = None
    status: str | None = None
    worker_id: str | None = None
    shared_with: str | None = None  # only families shared with this worker (active share)
    hide_restricted: bool = False  # a laptop: families under a restriction (Art. 18) are not listed


def in_paket(paket: int):  # type: ignore[no-untyped-def]
    """SQL condition: the household's Integrationspakete include ``paket``."""
    member = func.json_each(Household.pakete).table_valued("value")
    return select(member.c.value).where(member.c.value == paket).exists()


def _filtered(statement, flt: FamilyFilter):  # type: ignore[no-untyped-def]
    statement = statement.where(Household.deleted_hlc.is_(None))
    for token in search_key(flt.query).split():
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(col(Household.search_text).like(f"%{escaped}%", escape="\\"))
    if flt.sozialraum:
        statement = statement.where(Household.sozialraum == flt.sozialraum)
    if flt.status:
        statement = statement.where(Household.status == flt.status)
    if flt.worker_id:
        statement = statement.where(Household.worker_id == flt.worker_id)
    if flt.paket:
        statement = statement.where(in_paket(flt.paket))
    if flt.shared_with:
        statement = statement.where(col(Household.id).in_(shared_with(flt.shared_with)))
    if flt.hide_restricted:
        statement = statement.where(col(Household.id).not_in(restricted_ids()))
    return statement


def restricted_ids():  # type: ignore[no-untyped-def]
    """The ids of families under an active restriction (Art. 18), as one subquery."""
    return select(Restriction.household_id).where(
        col(Restriction.lifted_on).is_(None), col(Restriction.deleted_hlc).is_(None))


def shared_with(worker_id: str):  # type: ignore[no-untyped-def]
    """The ids of families shared with ``worker_id``: one uncorrelated subquery, so the
    few share rows are read once, not once per household."""
    return select(FamilyShare.household_id).where(
        FamilyShare.worker_id == worker_id, col(FamilyShare.active).is_(True),
        col(FamilyShare.deleted_hlc).is_(None))


EXACT, PREFIX, THROUGH_MEMBER = 0, 1, 2
_TOP = "\U0010ffff"  # above every character a key can hold
_SPACE_NEXT = "!"  # the character after the space that ends the family name's key


@dataclass(frozen=True)
class FamilyHit:
    """A found family with what tells it apart from namesakes.

    ``rank``: ``EXACT`` (the family name is what was typed), ``PREFIX`` (it starts so) or
    ``THROUGH_MEMBER``; ``given_names``: of the first members, oldest first.
    """

    household: Household
    rank: int
    given_names: tuple[str, ...]
    member_count: int


def ranked_ids(flt: FamilyFilter, key: str, limit: int):  # type: ignore[no-untyped-def]
    """(rank, search_text, id) of the first ``limit`` matches of each rank, as one query."""
    text = col(Household.search_text)
    parts = [
        (EXACT, (text >= key) & (text < key + _SPACE_NEXT)),
        (PREFIX, (text >= key + _SPACE_NEXT) & (text < key + _TOP)),
        (THROUGH_MEMBER, ~((text >= key) & (text < key + _TOP))),
    ]
    selects = [
        _filtered(select(literal(rank).label("rank"), text.label("key"), col(Household.id)), flt)
        .where(condition).order_by(text, Household.id).limit(limit).subquery().select()
        for rank, condition in parts
    ]
    return union_all(*selects).subquery()


def _page(
    session: Session, flt: FamilyFilter, offset: int, limit: int
) -> list[tuple[Household, int]]:
    key = search_key(flt.query)
    if not key:
        statement = _filtered(select(Household, literal(THROUGH_MEMBER)), flt)
        statement = statement.order_by(Household.search_text, Household.id)
    else:
        page = ranked_ids(flt, key, offset + limit)
        statement = select(Household, page.c.rank).join(page, page.c.id == Household.id)
        statement = statement.order_by(page.c.rank, page.c.key, page.c.id)
    return list(session.exec(statement.offset(offset).limit(limit)).all())  # type: ignore[call-overload]


def find_households(
    session: Session, flt: FamilyFilter, *, offset: int = 0, limit: int = 200
) -> list[FamilyHit]:
    """One page of matches, best first, with their members' given names and count.

    Two queries: the page, and the members of its families in one batch.
    """
    rows = _page(session, flt, offset, limit)
    members = _members(session, [household.id for household, _rank in rows])
    return [
        FamilyHit(household, rank, tuple([name for name in members[household.id] if name][:2]),
                  len(members[household.id]))
        for household, rank in rows
    ]


def _members(session: Session, household_ids: list[str]) -> dict[str, list[str]]:
    """Given names of the live members of these families, oldest first."""
    names: dict[str, list[str]] = defaultdict(list)
    if not household_ids:
        return names
    rows = session.exec(
        select(Person.household_id, Person.given_name)
        .where(col(Person.household_id).in_(household_ids), col(Person.deleted_hlc).is_(None))
        .order_by(Person.household_id, col(Person.birth_year).is_(None), Person.birth_year,
                  Person.given_name)
    )
    for household_id, given_name in rows:
        names[household_id].append(given_name)
    return names


def search_households(
    session: Session, flt: FamilyFilter, *, offset: int = 0, limit: int = 200
) -> list[Household]:
    """The families of :func:`find_households`, in the same order, without members."""
    return [household for household, _rank in _page(session, flt, offset, limit)]


def count_households(session: Session, flt: FamilyFilter) -> int:
    return int(session.exec(_filtered(select(func.count()).select_from(Household), flt)).one())
