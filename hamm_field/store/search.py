"""Search over families and their members, in any spelling.

Each household keeps a derived ``search_text``: the folded search keys of its name
and every member's names (see ``domain/translit.py``). A query is folded the same
way and every token must occur; this one LIKE scan over a single column keeps
search-as-you-type fast without an extra index to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from hamm_field.domain.tables import FamilyShare, Household, Person
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
    return statement


def shared_with(worker_id: str):  # type: ignore[no-untyped-def]
    """The ids of families shared with ``worker_id``: one uncorrelated subquery, so the
    few share rows are read once, not once per household."""
    return select(FamilyShare.household_id).where(
        FamilyShare.worker_id == worker_id, col(FamilyShare.active).is_(True),
        col(FamilyShare.deleted_hlc).is_(None))


def search_households(
    session: Session, flt: FamilyFilter, *, offset: int = 0, limit: int = 200
) -> list[Household]:
    statement = _filtered(select(Household), flt)
    # The search key starts with the folded name: Cyrillic and Latin names interleave.
    statement = statement.order_by(Household.search_text, Household.id).offset(offset).limit(limit)
    return list(session.exec(statement).all())


def count_households(session: Session, flt: FamilyFilter) -> int:
    return int(session.exec(_filtered(select(func.count()).select_from(Household), flt)).one())
