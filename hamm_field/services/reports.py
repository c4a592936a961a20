"""Kennzahlen, plan values, the measure card and the report files (Berichte, ``report``).

On a laptop every figure is restricted to the laptop's own worker: its store also holds
colleagues' contacts of shared families, and those are counted by the colleague's own
laptop and, after the merge, by the central store. On the central store the figures
cover everyone, optionally filtered by worker, Träger or role.

Plan values and the measure card's texts are kept in the store's ``local_state`` (inside
the encrypted store), not in a replicated table: they are the coordination's planning
of its own reports, never travel between laptops and the central store, and a laptop
that wants its own card keeps its own. That needs no schema change and no merge rules.
"""

from __future__ import annotations

import errno
import json
import logging
from dataclasses import asdict, fields, replace
from pathlib import Path

from sqlmodel import col, select

from hamm_field import __version__
from hamm_field.domain.errors import UserError
from hamm_field.domain.tables import Worker
from hamm_field.domain.vocab import PAKETE, DeviceRole, MasterKind, WorkerRole
from hamm_field.i18n import N_
from hamm_field.reports.kennzahlen import NO_FILTERS, compute
from hamm_field.reports.model import Filters, Kennzahlen, MeasureCard, Period, Plan, Report
from hamm_field.reports.periods import previous
from hamm_field.reports.render_csv import to_csv
from hamm_field.reports.render_json import to_json
from hamm_field.services.context import Context
from hamm_field.services.overview import active_workers
from hamm_field.store import state
from hamm_field.store.files import atomic_write_bytes

log = logging.getLogger(__name__)

FORMATS = ("json", "csv", "pdf")
CARD_KEY = "report.card"
PLAN_PREFIX = "report.plan."
MAX_PLAN_VALUE = 10_000_000


class UnknownFilter(UserError):
    message = N_("Unbekannte Auswahl für den Bericht: {value}")


class OnlyOwnFigures(UserError):
    message = N_("Auf diesem Laptop zeigt der Bericht nur Ihre eigene Arbeit. Die Zahlen "
                 "anderer Personen erstellt die Koordination.")


class BadPeriod(UserError):
    message = N_("Der Zeitraum endet vor seinem Beginn.")


class BadPlan(UserError):
    message = N_("Planwerte müssen ganze Zahlen zwischen 0 und 10000000 sein.")


class Reports:
    def __init__(self, context: Context) -> None:
        self.context = context

    # Figures -----------------------------------------------------------------------

    @property
    def is_laptop(self) -> bool:
        with self.context.store.read() as session:
            return state.get(session, "device_role") != DeviceRole.CENTRAL

    def scope(self, filters: Filters) -> Filters:
        """The filters as applied: checked, and on a laptop narrowed to its own worker.

        A laptop asked for another person's figures refuses (it used to answer with its
        own worker's figures under the other name's filter, which a script could not tell)."""
        self._check(filters)
        if self.is_laptop:
            if filters.worker_id not in (None, self.context.worker_id):
                raise OnlyOwnFigures()
            return replace(filters, worker_id=self.context.worker_id)
        return filters

    def _check(self, filters: Filters) -> None:
        master = self.context.master
        if filters.sozialraum is not None and not (
            master.has(MasterKind.SOZIALRAUM, filters.sozialraum)
            or any(e.label == filters.sozialraum for e in master.active(MasterKind.SOZIALRAUM))
        ):
            raise UnknownFilter(value=filters.sozialraum)
        if filters.paket is not None and filters.paket not in PAKETE:
            raise UnknownFilter(value=filters.paket)
        if filters.team is not None and filters.team not in self.teams():
            raise UnknownFilter(value=filters.team)
        if filters.role is not None and filters.role not in {r.value for r in WorkerRole}:
            raise UnknownFilter(value=filters.role)
        if filters.worker_id is not None and filters.worker_id not in dict(self.workers()):
            raise UnknownFilter(value=filters.worker_id)

    def compute(self, period: Period, filters: Filters = NO_FILTERS) -> Kennzahlen:
        if period.end < period.start:
            raise BadPeriod()
        scoped = self.scope(filters)
        with self.context.store.read() as session:
            return compute(session, period, scoped, app_version=__version__)

    def report(
        self, period: Period, filters: Filters = NO_FILTERS, *, compare: bool = True,
        external: bool = False,
    ) -> Report:  # fmt: skip
        """The figures, the previous period's for comparison, the plan (if any values were
        entered for this period) and the measure card."""
        current = self.compute(period, filters)
        before = self.compute(previous(period), filters) if compare else None
        plan, card = self.load_plan(period), self.load_card()
        # An empty card would only add a page of empty boxes to every PDF.
        return Report(current, before, plan if plan.values else None,
                      card if any(asdict(card).values()) else None, external)

    def workers(self) -> list[tuple[str, str]]:
        """(id, name) of every worker, by name, for the worker filter."""
        return [(worker.id, worker.name) for worker in active_workers(self.context)]

    def teams(self) -> list[str]:
        """The Träger of the team (``worker.team``), for the Träger filter."""
        statement = select(Worker.team).where(col(Worker.deleted_hlc).is_(None),
                                              col(Worker.team).is_not(None)).distinct()
        with self.context.store.read() as session:
            names = {team.strip() for team in session.exec(statement).all() if team}
        return sorted(names, key=str.casefold)

    # Plan and measure card -----------------------------------------------------------

    def load_plan(self, period: Period) -> Plan:
        with self.context.store.read() as session:
            stored = state.get(session, _plan_key(period))
        return Plan({str(k): int(v) for k, v in json.loads(stored).items()}) if stored else Plan()

    def save_plan(self, period: Period, plan: Plan) -> None:
        """Store the plan of ``period``; an empty plan removes it."""
        values = {}
        for key, value in plan.values.items():
            if isinstance(value, bool) or not isinstance(value, int) \
                    or not 0 <= value <= MAX_PLAN_VALUE:
                raise BadPlan()
            values[key] = value
        with self.context.store.write() as writer:
            if values:
                state.put(writer.session, _plan_key(period), json.dumps(values, sort_keys=True))
            else:
                state.delete(writer.session, _plan_key(period))

    def load_card(self) -> MeasureCard:
        with self.context.store.read() as session:
            stored = state.get(session, CARD_KEY)
        if not stored:
            return MeasureCard()
        known = {f.name for f in fields(MeasureCard)}
        return MeasureCard(**{k: str(v) for k, v in json.loads(stored).items() if k in known})

    def save_card(self, card: MeasureCard) -> None:
        with self.context.store.write() as writer:
            state.put(writer.session, CARD_KEY, json.dumps(asdict(card), ensure_ascii=False))

    # Files ---------------------------------------------------------------------------

    def render(self, report: Report, fmt: str) -> bytes:
        if fmt == "json":
            return to_json(report)
        if fmt == "csv":
            return to_csv(report)
        if fmt == "pdf":
            from hamm_field.reports.pdf_report import render_pdf  # reportlab: on demand

            return render_pdf(report)
        raise ValueError(f"unknown report format: {fmt}")

    def write(self, report: Report, fmt: str, out: Path) -> Path:
        """Render and write atomically; a folder that cannot be written is a user error."""
        return self.save(self.render(report, fmt), fmt, out)

    def save(self, data: bytes, fmt: str, out: Path) -> Path:
        """Write rendered bytes atomically (also an archived report's, unchanged)."""
        try:
            atomic_write_bytes(out, data)
        except OSError as error:
            code = errno.errorcode.get(error.errno or 0, "no errno")  # ENOSPC, EACCES, …
            log.info("report not written: %s", code)
            raise UserError(N_("Die Datei {path} lässt sich nicht schreiben."),
                            path=str(out)) from None  # fmt: skip
        log.info("report written (%s)", fmt)
        return out


def _plan_key(period: Period) -> str:
    return f"{PLAN_PREFIX}{period.start.isoformat()}.{period.end.isoformat()}"
