"""Likely duplicate families at the coordination, reviewed and merged.

Two Schlüsselfiguren who meet the same family independently create two households for
it. A pair is *likely* the same family when a member has the same Latin name (given and
family name, ``person.name_latin``) and birth year in both and the families' names agree
once transliterated, or when both have the same address (case and spacing ignored). The
member match and the address match are each one pass over the live rows, grouped here,
so the review stays fast on a city's store.

A pair marked "keine Dublette" is remembered in this store's ``local_state``
(``DISMISSED_KEY``, a JSON list of id pairs): it is the coordination's review, not a fact
a laptop needs, so it does not travel.

:meth:`Duplicates.merge` keeps one family and redirects the other to it
(``store/redirects.py``); the records move without new stamps, so laptops and late
packages arrive at the same rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import FamilyShare, Household, HouseholdRedirect, Worker
from hamm_field.domain.translit import to_latin
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.services.family_guard import refuse_restricted
from hamm_field.services.sharing import OnlyCoordination, _put_share
from hamm_field.store import privacy, redirects, state, sync_rows

DISMISSED_KEY = "duplicates_dismissed"
_LIVE = "deleted_hlc IS NULL AND erased = 0"
_MEMBERS = """
SELECT p.household_id, h.family_name, p.name_latin, p.birth_year
FROM person AS p JOIN household AS h
ON h.id = p.household_id AND h.deleted_hlc IS NULL AND h.erased = 0
WHERE p.deleted_hlc IS NULL AND p.erased = 0 AND p.birth_year IS NOT NULL AND p.name_latin != ''
"""


class NotMergeable(UserError):
    message = N_("Diese beiden Familien können nicht zusammengeführt werden. Vielleicht "
                 "wurde eine von ihnen inzwischen gelöscht oder schon zusammengeführt.")


@dataclass(frozen=True)
class Member:
    given_name: str
    family_name: str
    birth_year: int | None


@dataclass(frozen=True)
class FamilySide:
    """One family of a pair, as the coordinator compares it."""

    id: str
    family_name: str
    address: str | None
    sozialraum: str
    worker_name: str | None
    members: tuple[Member, ...]
    contacts: int


@dataclass(frozen=True)
class DuplicatePair:
    first: FamilySide
    second: FamilySide
    same_member: bool
    same_address: bool


def normal_address(address: str | None) -> str:
    return " ".join((address or "").casefold().split())


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class Duplicates:
    def __init__(self, context: Context) -> None:
        self.context = context

    def likely_pairs(self) -> list[DuplicatePair]:
        """Every likely pair once, not dismissed, by the first family's name."""
        self._require_coordination()
        with self.context.store.read() as session:
            connection = session.connection()
            dismissed = _dismissed(session)
            by_member, by_address = candidate_pairs(connection)
            wanted = (by_member | by_address) - dismissed
            sides = _sides(session, {family for pair in wanted for family in pair})
        pairs = []
        for a, b in wanted:
            first, second = sides.get(a), sides.get(b)
            if first is None or second is None:
                continue
            same_name = _latin(first.family_name) == _latin(second.family_name)
            same_member = (a, b) in by_member and same_name
            if same_member or (a, b) in by_address:
                pairs.append(DuplicatePair(first, second, same_member, (a, b) in by_address))
        return sorted(pairs, key=lambda p: (p.first.family_name.casefold(), p.first.id,
                                            p.second.id))  # fmt: skip

    def dismiss(self, first_id: str, second_id: str) -> None:
        """"Keine Dublette": the pair is not listed again (on this store)."""
        self._require_coordination()
        with self.context.store.write() as writer:
            dismissed = _dismissed(writer.session) | {_pair(first_id, second_id)}
            state.put(writer.session, DISMISSED_KEY, json.dumps(sorted(map(list, dismissed))))

    def merge(self, survivor_id: str, merged_id: str) -> int:
        """Keep ``survivor_id``; move everything of ``merged_id`` to it, in one transaction.

        The merged family's responsible worker and active shares become shares of the
        survivor, so their laptops keep the family. Returns how many records moved.
        """
        self._require_coordination()
        with self.context.store.write() as writer:
            session = writer.session
            survivor, merged = session.get(Household, survivor_id), session.get(
                Household, merged_id)
            if survivor_id == merged_id or not _live(survivor) or not _live(merged):
                raise NotMergeable()
            assert survivor is not None and merged is not None
            for family in (survivor, merged):  # Art. 18: not processed, not merged either
                refuse_restricted(session, "household", {}, family)
            shares = session.exec(select(FamilyShare).where(
                FamilyShare.household_id == merged_id)).all()  # fmt: skip
            workers = [merged.worker_id] + [
                share.worker_id for share in shares if share.active and share.deleted_hlc is None]
            for worker in dict.fromkeys(w for w in workers if w):
                if worker != survivor.worker_id:
                    _put_share(writer, survivor_id, worker, active=True)
            for share in shares:
                writer.delete(share)  # the survivor's own share rows carry the sharing now
            writer.insert(HouseholdRedirect(id=merged_id, target_id=survivor_id))
            writer.delete(merged)  # not Families.delete: its contacts move, nothing is lost
            session.flush()
            connection = session.connection()
            moved = _count_records(connection, merged_id)
            moved_families = redirects.rewrite_store(
                connection, redirects.resolve(redirects.known(connection)))
            privacy.blank_again(connection, moved_families | {survivor_id})
            sync_rows.refresh_search_texts(connection, moved_families | {survivor_id})
        return moved

    def _require_coordination(self) -> None:
        if not self.context.is_coordination:
            raise OnlyCoordination()


def candidate_pairs(connection: Connection) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The pairs sharing a member (name and birth year) and those sharing an address; the
    costly part of the review, one grouping query and one pass over the families."""
    return _member_pairs(connection), _address_pairs(connection)


def _member_pairs(connection: Connection) -> set[tuple[str, str]]:
    """Families of the same transliterated name with a member of the same Latin name and
    birth year: one pass over the members, grouped here. (A self-join of the members in SQL
    took 50 s on 5,000 demo families: a name like "Ahmedov Mehmed" recurs across hundreds.)"""
    groups: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for family, surname, name, year in connection.exec_driver_sql(_MEMBERS):
        groups[(_latin(surname), name, year)].add(family)
    pairs: set[tuple[str, str]] = set()
    for families in groups.values():
        if len(families) > 1:
            pairs.update(combinations(sorted(families), 2))
    return pairs


def _live(family: Household | None) -> bool:
    return family is not None and family.deleted_hlc is None and not family.erased


def _latin(name: str) -> str:
    return " ".join(to_latin(name).casefold().split())


def _dismissed(session: Session) -> set[tuple[str, str]]:
    raw = state.get(session, DISMISSED_KEY)
    return {_pair(a, b) for a, b in json.loads(raw)} if raw else set()


def _address_pairs(connection: Connection) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for family, address in connection.exec_driver_sql(
            f"SELECT id, address FROM household WHERE {_LIVE} AND address IS NOT NULL "
            "AND trim(address) != ''"):  # fmt: skip
        groups[normal_address(address)].append(family)
    pairs: set[tuple[str, str]] = set()
    for families in groups.values():
        families.sort()
        for index, first in enumerate(families):
            pairs.update((first, second) for second in families[index + 1:])
    return pairs


def _count_records(connection: Connection, family: str) -> int:
    total = 0
    for table in redirects.FAMILY_TABLES:
        if table not in ("family_share", "retention_hold"):
            total += connection.exec_driver_sql(
                f'SELECT count(*) FROM "{table}" WHERE household_id = ? AND deleted_hlc IS NULL',
                (family,)).scalar_one()  # fmt: skip
    return total


def _sides(session: Session, families: Iterable[str]) -> dict[str, FamilySide]:
    wanted = sorted(families)
    names = {w.id: w.name for w in session.exec(select(Worker)).all()}
    connection = session.connection()
    found: dict[str, FamilySide] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        members: dict[str, list[Member]] = defaultdict(list)
        for family, given, surname, year in connection.exec_driver_sql(
                "SELECT household_id, given_name, family_name, birth_year FROM person "
                f"WHERE household_id IN ({marks}) AND {_LIVE} ORDER BY household_id, rowid",
                tuple(chunk)):  # fmt: skip
            members[family].append(Member(given, surname, year))
        contacts = dict(connection.exec_driver_sql(
            "SELECT household_id, count(*) FROM contact "
            f"WHERE household_id IN ({marks}) AND deleted_hlc IS NULL GROUP BY household_id",
            tuple(chunk)).all())  # fmt: skip
        for family in session.exec(select(Household).where(col(Household.id).in_(chunk))):
            found[family.id] = FamilySide(
                family.id, family.family_name, family.address, family.sozialraum,
                names.get(family.worker_id or ""), tuple(members[family.id]),
                int(contacts.get(family.id, 0)))  # fmt: skip
    return found
