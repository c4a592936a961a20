"""What the report archive hands out, its signed manifest, the figures that differ.

Kept apart from :mod:`hamm_field.services.report_archive` so that the service stays short:
the plain result objects, the canonical manifest the coordination's key signs, the
flattening of two JSON reports into the figures that differ. The records that changed
after the close are found in :mod:`hamm_field.services.report_archive_causes`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from hamm_field.domain.tables_local import ReportArchive
from hamm_field.reports.model import Filters, Period
from hamm_field.services.report_archive_causes import Cause

MANIFEST_FORMAT = 1
MANIFEST_CONTEXT = b"hamm-field report archive v1\n"
"""Prefixed to the signed manifest, so this signature means nothing in another protocol."""
NOT_FIGURES = frozenset({"period", "app_version", "data_hash", "filter"})
"""JSON keys that describe the report rather than count anything."""


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
    filter_worker_name: str = ""
    """The name of the worker ``filters.worker_id`` names, for showing the filter."""

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


def summary(row: ReportArchive, names: dict[str, str], *, with_files: bool) -> ArchivedReport:
    """The entry of ``row``; ``names``: worker names by id (who closed it, whose figures)."""
    filters = Filters(**json.loads(row.filters))
    return ArchivedReport(
        id=row.id,
        archived_at=dt.datetime.fromisoformat(row.archived_at),
        worker_id=row.worker_id,
        worker_name=names.get(row.worker_id or "", ""),
        period=Period(dt.date.fromisoformat(row.period_start),
                      dt.date.fromisoformat(row.period_end), row.period_preset),
        filters=filters,
        external=bool(row.external),
        data_hash=row.data_hash,
        watermark=int(row.watermark),
        json_sha256=row.json_sha256,
        pdf_sha256=row.pdf_sha256,
        key_id=row.key_id,
        figures=row.figures if with_files else b"",
        pdf=row.pdf if with_files else b"",
        filter_worker_name=names.get(filters.worker_id or "", ""),
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
