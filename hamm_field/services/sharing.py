"""Who works with a family: one responsible worker and the colleagues it is shared with.

The coordination hands families over and shares them, one at a time or in bulk. A laptop
may share a family it holds with a named colleague: the share travels in its next
package, and the coordination's next return packages bring the family to that colleague.
Handing over ends the former responsible's involvement (their share row stays, inactive,
so their laptop's late writes are still accepted and it can let the family go).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import share_id
from hamm_field.domain.tables import FamilyShare, Household, Worker
from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import N_
from hamm_field.services.context import Context
from hamm_field.store import privacy
from hamm_field.store.unit import Writer


class OnlyCoordination(UserError):
    message = N_("Das kann nur die Koordination ändern.")


class UnknownColleague(UserError):
    message = N_("Diese Person gehört nicht (mehr) zum Team.")


@dataclass(frozen=True)
class Colleague:
    worker_id: str
    name: str
    role: str


@dataclass(frozen=True)
class FamilyPeople:
    """The responsible worker (None if nobody) and the others the family is shared with."""

    responsible: Colleague | None
    shared: tuple[Colleague, ...]


def _colleague(worker: Worker) -> Colleague:
    return Colleague(worker.id, worker.name, worker.role)


class Sharing:
    def __init__(self, context: Context) -> None:
        self.context = context

    def colleagues(self) -> list[Colleague]:
        """Active field workers (not the coordination), by name: whom a family can go to."""
        with self.context.store.read() as session:
            workers = session.exec(select(Worker).where(
                col(Worker.deleted_hlc).is_(None), col(Worker.active).is_(True),
                Worker.role != WorkerRole.KOORDINATION.value)).all()  # fmt: skip
        return sorted((_colleague(w) for w in workers), key=lambda c: c.name.casefold())

    def people_of(self, family_id: str) -> FamilyPeople:
        return self.people_of_many([family_id]).get(family_id, FamilyPeople(None, ()))

    def people_of_many(self, family_ids: Iterable[str]) -> dict[str, FamilyPeople]:
        wanted = list(dict.fromkeys(family_ids))
        found: dict[str, FamilyPeople] = {}
        with self.context.store.read() as session:
            workers = {w.id: _colleague(w) for w in session.exec(select(Worker)).all()}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                responsible = dict(session.exec(select(Household.id, Household.worker_id).where(
                    col(Household.id).in_(chunk))).all())  # fmt: skip
                shared: dict[str, list[Colleague]] = {family: [] for family in responsible}
                for family, worker in session.exec(select(
                        FamilyShare.household_id, FamilyShare.worker_id).where(
                        col(FamilyShare.household_id).in_(chunk), col(FamilyShare.active).is_(True),
                        col(FamilyShare.deleted_hlc).is_(None))).all():  # fmt: skip
                    if worker in workers and worker != responsible.get(family):
                        shared[family].append(workers[worker])
                for family, worker in responsible.items():
                    people = sorted(shared[family], key=lambda c: c.name.casefold())
                    found[family] = FamilyPeople(workers.get(worker or ""), tuple(people))
        return found

    def shared_with_me(self) -> set[str]:
        """Families shared with the working user (not those they are responsible for)."""
        me = self.context.worker_id
        with self.context.store.read() as session:
            return set(session.exec(select(FamilyShare.household_id).where(
                FamilyShare.worker_id == me, col(FamilyShare.active).is_(True),
                col(FamilyShare.deleted_hlc).is_(None))).all())  # fmt: skip

    def set_responsible(self, family_ids: Iterable[str], worker_id: str) -> int:
        """Hand families over; returns how many changed. The former responsible's share
        ends, and a share of the new responsible is folded into the responsibility.

        The folded share is written inactive even where none is stored yet: a laptop's
        request to share the family with the new responsible may still be on its way, and
        arriving after the handover it must end as it would have before (inactive)."""
        self._require_coordination()
        changed = 0
        with self.context.store.write() as writer:
            self._require_colleague(writer.session, worker_id)
            for family in self._live_families(writer.session, family_ids):
                former = family.worker_id
                if former == worker_id:
                    continue
                writer.update(family, {"worker_id": worker_id})
                if former:
                    _put_share(writer, family.id, former, active=False, create_inactive=True)
                _put_share(writer, family.id, worker_id, active=False, create_inactive=True)
                changed += 1
        return changed

    def share(self, family_ids: Iterable[str], worker_ids: Iterable[str]) -> int:
        """Share families with colleagues; returns how many shares are new or renewed.

        A laptop may do this for the families it holds; the coordination for any. Nobody
        shares with themselves: the coordination would refuse a laptop's package that did.
        A family under a restriction (Art. 18) is not passed on to anyone: left out."""
        changed = 0
        workers = list(dict.fromkeys(worker_ids))
        with self.context.store.write() as writer:
            for worker in workers:
                self._require_colleague(writer.session, worker)
            workers = [worker for worker in workers if worker != self.context.worker_id]
            restricted = privacy.restricted(writer.session.connection())
            for family in self._live_families(writer.session, family_ids):
                if family.id in restricted:
                    continue
                for worker in workers:
                    if worker != family.worker_id:
                        changed += _put_share(writer, family.id, worker, active=True)
        return changed

    def unshare(self, family_ids: Iterable[str], worker_id: str) -> int:
        """End the share of families with one colleague (the coordination only)."""
        self._require_coordination()
        changed = 0
        with self.context.store.write() as writer:
            for family in self._live_families(writer.session, family_ids):
                changed += _put_share(writer, family.id, worker_id, active=False)
        return changed

    def _require_coordination(self) -> None:
        if not self.context.is_coordination:
            raise OnlyCoordination()

    @staticmethod
    def _require_colleague(session: Session, worker_id: str) -> None:
        worker = session.get(Worker, worker_id)
        if worker is None or worker.deleted_hlc is not None or not worker.active or (
                worker.role == WorkerRole.KOORDINATION):
            raise UnknownColleague()

    @staticmethod
    def _live_families(session: Session, family_ids: Iterable[str]) -> list[Household]:
        families = []
        for family_id in dict.fromkeys(family_ids):
            family = session.get(Household, family_id)
            if family is not None and family.deleted_hlc is None and not family.erased:
                families.append(family)
        return families


def _put_share(writer: Writer, family_id: str, worker_id: str, *, active: bool,
               create_inactive: bool = False) -> int:  # fmt: skip
    """Set the share of ``family_id`` with ``worker_id``; returns 1 if anything changed.

    An inactive share is only written where one exists, unless ``create_inactive`` asks
    for the record that the worker once worked with the family."""
    record = writer.session.get(FamilyShare, share_id(family_id, worker_id))
    if record is None:
        if not active and not create_inactive:
            return 0
        writer.insert(FamilyShare(id=share_id(family_id, worker_id), household_id=family_id,
                                  worker_id=worker_id, active=active))  # fmt: skip
        return 1
    if record.deleted_hlc is not None:
        writer.restore(record)
    return 1 if writer.update(record, {"active": active}) else 0
