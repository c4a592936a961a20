"""What the report archive hands out, its signed manifest, and the search for late changes.

Kept apart from :mod:`hamm_field.services.report_archive` so that the service stays short:
the plain result objects, the canonical manifest the coordination's key signs, the
flattening of two JSON reports into the figures that differ, and the query that finds the
records stamped after an archived report (kinds and dates only, never names or notes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from hamm_field.domain.tables import Contact, Goal, Household, Observation, StarterpaketHandout
from hamm_field.domain.tables_local import ReportArchive
from hamm_field.reports.model import Filters, Period

MANIFEST_FORMAT = 1
MANIFEST_CONTEXT = b"hamm-field report archive v1\n"
"""Prefixed to the signed manifest, so this signature means nothing in another protocol."""
NOT_FIGURES = frozenset({"period", "app_version", "data_hash", "filter"})
"""JSON keys that describe the report rather than count anything."""

LATE, CHANGED, DELETED = "late", "changed", "deleted"


@dataclass(frozen=True)
class ArchivedReport:
    """One closed report. ``figures`` (the JSON) and ``pdf`` are filled by ``load`` only."""

    id: str
    archived_at: dt.datetime
    worker_id: str | None
    worker_name: str
    period: Period
    filters: Filters
    external: bool
    data_hash: str
    watermark: int
    json_sha256: str
    pdf_sha256: str
    key_id: str
    figures: bytes = b""
    pdf: bytes = b""

    def figures_dict(self) -> dict[str, Any]:
        return json.loads(self.figures.decode("utf-8"))


@dataclass(frozen=True)
class FigureDifference:
    """One figure, by its path in the JSON (``("nach_sozialraum", "Pelkum", "kontakte")``);
    ``None`` where the figure does not exist on that side."""

    path: tuple[str, ...]
    archived: Any
    today: Any


@dataclass(frozen=True)
class Cause:
    """A record dated in the period and stamped after the archive: what kind, which day,
    and whether it was entered late, changed or deleted. Nothing that names anyone."""

    kind: str  # contact, handout, goal, observation, household
    detail: str  # the contact's kind (begleitung, …); empty for other records
    date: dt.date
    change: str  # LATE, CHANGED or DELETED


@dataclass(frozen=True)
class Comparison:
    archived: ArchivedReport
    archived_figures: dict[str, Any]
    today_figures: dict[str, Any]
    differences: list[FigureDifference]
    causes: list[Cause]


@dataclass(frozen=True)
class VerifyResult:
    """``status``: ``match``, ``not_archived``, ``altered`` (a JSON whose figures were
    edited; ``differences`` against ``entry``, the archived report of its period) or
    ``bad_signature`` (the archive entry does not verify with the coordination's key)."""

    status: str
    entry: ArchivedReport | None = None
    differences: tuple[FigureDifference, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "match"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(row: ReportArchive) -> bytes:
    """Everything stored except the signature, the files by the SHA-256 of the stored
    bytes (never the stored hash columns: a changed file must break the signature)."""
    manifest = {
        "format": MANIFEST_FORMAT,
        "id": row.id,
        "archived_at": row.archived_at,
        "worker_id": row.worker_id,
        "period": {"start": row.period_start, "end": row.period_end,
                   "preset": row.period_preset},
        "filters": json.loads(row.filters),
        "external": bool(row.external),
        "data_hash": row.data_hash,
        "watermark": int(row.watermark),
        "json_sha256": sha256(row.figures),
        "pdf_sha256": sha256(row.pdf),
        "key_id": row.key_id,
    }  # fmt: skip
    text = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return MANIFEST_CONTEXT + text.encode("utf-8")


def filters_json(filters: Filters) -> str:
    return json.dumps(asdict(filters), sort_keys=True)


def summary(row: ReportArchive, worker_name: str, *, with_files: bool) -> ArchivedReport:
    return ArchivedReport(
        id=row.id,
        archived_at=dt.datetime.fromisoformat(row.archived_at),
        worker_id=row.worker_id,
        worker_name=worker_name,
        period=Period(dt.date.fromisoformat(row.period_start),
                      dt.date.fromisoformat(row.period_end), row.period_preset),
        filters=Filters(**json.loads(row.filters)),
        external=bool(row.external),
        data_hash=row.data_hash,
        watermark=int(row.watermark),
        json_sha256=row.json_sha256,
        pdf_sha256=row.pdf_sha256,
        key_id=row.key_id,
        figures=row.figures if with_files else b"",
        pdf=row.pdf if with_files else b"",
    )  # fmt: skip


# Figures ---------------------------------------------------------------------------------


def _leaves(data: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in NOT_FIGURES:
                continue
            yield from _leaves(value, (*path, str(key)))
    else:
        yield path, data


def differences(archived: dict[str, Any], today: dict[str, Any]) -> list[FigureDifference]:
    """Every figure whose value differs, in the archived report's order, new ones last."""
    old, new = dict(_leaves(archived)), dict(_leaves(today))
    order = list(old) + [path for path in new if path not in old]
    return [FigureDifference(path, old.get(path), new.get(path))
            for path in order if old.get(path) != new.get(path)]  # fmt: skip


# Records changed after the archive -----------------------------------------------------------


def _change(created_hlc: int, deleted_hlc: int | None, watermark: int) -> str:
    if deleted_hlc is not None and deleted_hlc > watermark:
        return DELETED
    return LATE if created_hlc > watermark else CHANGED


def causes(session: Session, period: Period, watermark: int, worker_id: str | None) -> list[Cause]:
    """Records dated in ``period`` whose newest stamp is after ``watermark`` (a delete
    stamps ``hlc`` too), restricted to the worker filter where there is one."""
    start, end = period.start, period.end
    found: list[Cause] = []

    def rows(table: Any, dated: Any, worker: Any) -> Any:
        statement = select(table).where(col(table.hlc) > watermark, dated)
        if worker_id is not None:
            statement = statement.where(worker == worker_id)
        return session.exec(statement)

    for contact in rows(Contact, col(Contact.date).between(start, end), Contact.worker_id):
        found.append(
            Cause(
                "contact",
                contact.kind,
                contact.date,
                _change(contact.created_hlc, contact.deleted_hlc, watermark),
            )
        )
    handout_day = col(StarterpaketHandout.date).between(start, end)
    for handout in rows(StarterpaketHandout, handout_day, StarterpaketHandout.worker_id):
        found.append(
            Cause(
                "handout",
                "",
                handout.date,
                _change(handout.created_hlc, handout.deleted_hlc, watermark),
            )
        )
    goal_day = or_(
        col(Goal.agreed_on).between(start, end), col(Goal.review_date).between(start, end)
    )
    for goal in rows(Goal, goal_day, Goal.worker_id):
        review = goal.review_date
        day = review if review is not None and start <= review <= end else goal.agreed_on
        found.append(Cause("goal", "", day, _change(goal.created_hlc, goal.deleted_hlc, watermark)))
    seen_day = col(Observation.date).between(start, end)
    for seen in rows(Observation, seen_day, Observation.author_id):
        found.append(
            Cause(
                "observation", "", seen.date, _change(seen.created_hlc, seen.deleted_hlc, watermark)
            )
        )
    family_day = col(Household.first_contact).between(start, end)
    for family in rows(Household, family_day, Household.worker_id):
        assert family.first_contact is not None
        found.append(
            Cause(
                "household",
                "",
                family.first_contact,
                _change(family.created_hlc, family.deleted_hlc, watermark),
            )
        )
    return sorted(found, key=lambda cause: (cause.date, cause.kind, cause.detail))
