"""The report archive ("Bericht abschließen"): reports frozen as sent, signed, comparable.

Only the coordination's central store archives: its reports are the ones that leave the
office, and its device key (the one that signs return packages) signs each entry, so a
file that comes back later can be shown to be exactly what was sent. The entries live in
the encrypted store's local ``report_archive`` table and never travel. A later change
to a record dated in the period shows up in :meth:`ReportArchive.compare` with its cause.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from hamm_field.domain.errors import UserError
from hamm_field.domain.ids import uuid7
from hamm_field.domain.tables import Worker
from hamm_field.domain.tables_local import ReportArchive as ArchiveRow
from hamm_field.i18n import N_
from hamm_field.reports.model import Report
from hamm_field.services.context import Context
from hamm_field.services.report_archive_causes import causes
from hamm_field.services.report_archive_parts import (
    ArchivedReport,
    Comparison,
    FigureDifference,
    VerifyResult,
    differences,
    filters_json,
    manifest_bytes,
    sha256,
    summary,
)
from hamm_field.services.reports import Reports
from hamm_field.sync.enrolment import own_keys
from hamm_field.sync.envelope import PackageTampered, sign_bytes, verify_bytes

log = logging.getLogger(__name__)

__all__ = ["ArchivedReport", "Comparison", "FigureDifference", "ReportArchive", "VerifyResult"]

LIST_COLUMNS = [col(c) for c in (
    ArchiveRow.id, ArchiveRow.archived_at, ArchiveRow.worker_id, ArchiveRow.period_start,
    ArchiveRow.period_end, ArchiveRow.period_preset, ArchiveRow.filters, ArchiveRow.external,
    ArchiveRow.data_hash, ArchiveRow.watermark, ArchiveRow.json_sha256, ArchiveRow.pdf_sha256,
    ArchiveRow.signature, ArchiveRow.key_id)]  # fmt: skip


class ArchiveOnlyCentral(UserError):
    message = N_(
        "Berichte schließt die Koordination ab. Auf einem Laptop gibt es kein Berichtsarchiv."
    )


class NoSuchArchivedReport(UserError):
    message = N_("Diesen abgeschlossenen Bericht gibt es nicht (mehr).")


class FileUnreadable(UserError):
    message = N_("Die Datei {path} lässt sich nicht lesen.")


class ReportArchive:
    def __init__(self, context: Context, reports: Reports) -> None:
        self.context = context
        self.reports = reports

    # Closing -------------------------------------------------------------------------

    def require_central(self) -> None:
        """Refuse on a laptop, before anything is written."""
        if self.reports.is_laptop:
            raise ArchiveOnlyCentral()

    def close(self, report: Report, rendered: dict[str, bytes] | None = None) -> ArchivedReport:
        """Freeze ``report`` as sent: its JSON and PDF, who, when, signed.

        ``rendered`` holds files already made from ``report`` (by format), so that a file
        just written and the archived one are the same bytes."""
        self.require_central()
        figures, rendered = report.current, dict(rendered or {})
        for fmt in ("json", "pdf"):  # outside the write: the PDF takes a while
            if fmt not in rendered:
                rendered[fmt] = self.reports.render(report, fmt)
        json_bytes, pdf_bytes = rendered["json"], rendered["pdf"]
        with self.context.store.write() as writer:
            keys = own_keys(writer.session)
            row = ArchiveRow(
                id=uuid7(),
                archived_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                worker_id=self.context.worker_id,
                period_start=figures.period.start.isoformat(),
                period_end=figures.period.end.isoformat(),
                period_preset=figures.period.preset,
                filters=filters_json(figures.filters),
                external=report.external,
                figures=json_bytes,
                pdf=pdf_bytes,
                data_hash=figures.data_hash,
                watermark=writer.clock.now(),  # newer than every stamp so far
                json_sha256=sha256(json_bytes),
                pdf_sha256=sha256(pdf_bytes),
                signature="",
                key_id=keys.public().fingerprint(),
            )  # fmt: skip
            row.signature = base64.b64encode(sign_bytes(keys, manifest_bytes(row))).decode()
            writer.session.add(row)
        log.info("report archived: %s", row.id)
        return self.load(row.id)

    # Reading -------------------------------------------------------------------------

    def list(self) -> list[ArchivedReport]:
        """Every closed report, newest first, without the files."""
        with self.context.store.read() as session:
            rows = session.exec(
                select(*LIST_COLUMNS).order_by(
                    col(ArchiveRow.archived_at).desc(), col(ArchiveRow.id).desc()
                )
            ).all()
            names = self._names(session)
        return [summary(ArchiveRow(**row._mapping, figures=b"", pdf=b""), names,
                        with_files=False) for row in rows]  # fmt: skip

    def load(self, archive_id: str) -> ArchivedReport:
        with self.context.store.read() as session:
            row = session.get(ArchiveRow, archive_id)
            if row is None:
                raise NoSuchArchivedReport()
            return summary(row, self._names(session), with_files=True)

    @staticmethod
    def _names(session: Any) -> dict[str, str]:
        return {wid: name for wid, name in session.exec(select(Worker.id, Worker.name)).all()}

    # Comparing -----------------------------------------------------------------------

    def compare(self, archive_id: str) -> Comparison:
        """Today's figures of the same period, filters and audience against the archived
        ones, and the records of its scope that changed (or arrived) after it was closed."""
        archived = self.load(archive_id)
        report = self.reports.report(archived.period, archived.filters, compare=False,
                                     external=archived.external)  # fmt: skip
        today = json.loads(self.reports.render(report, "json").decode("utf-8"))
        old = archived.figures_dict()
        with self.context.store.read() as session:
            found = causes(session, archived.period, archived.watermark,
                           _utc_text(archived.archived_at), archived.filters)  # fmt: skip
        return Comparison(archived, old, today, differences(old, today), found)

    # Verifying -----------------------------------------------------------------------

    def verify(self, path: Path) -> VerifyResult:
        """Whether the file at ``path`` is, byte for byte, a report closed here, and its
        archive entry still carries the coordination's valid signature."""
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise FileUnreadable(path=str(path)) from None
        digest = sha256(data)
        with self.context.store.read() as session:
            rows = session.exec(select(ArchiveRow).where(
                (col(ArchiveRow.json_sha256) == digest) | (col(ArchiveRow.pdf_sha256) == digest)
            ).order_by(col(ArchiveRow.archived_at).desc())).all()  # fmt: skip
            names = self._names(session)
            public = own_keys(session).public() if rows else None
            for row in rows:
                entry = summary(row, names, with_files=False)
                stored = {sha256(row.figures), sha256(row.pdf)}
                if digest in stored and self._signed(row, public):
                    return VerifyResult("match", entry)
            if rows:
                entry = summary(rows[0], names, with_files=False)
                return VerifyResult("bad_signature", entry)
        return self._altered(data)

    @staticmethod
    def _signed(row: ArchiveRow, public: Any) -> bool:
        if public is None or row.key_id != public.fingerprint():
            return False
        try:
            verify_bytes(public.signing, manifest_bytes(row), base64.b64decode(row.signature))
        except (PackageTampered, ValueError):
            return False
        return True

    def _altered(self, data: bytes) -> VerifyResult:
        """A JSON report of an archived period whose bytes differ: say what differs from
        the archived entry closest to it (a valid one of the same period and filters)."""
        try:
            figures = json.loads(data.decode("utf-8"))
            period = figures["period"]
            start, end = str(period["from"]), str(period["to"])
        except (UnicodeDecodeError, ValueError, TypeError, KeyError):
            return VerifyResult("not_archived")
        applied = figures.get("filter") if isinstance(figures.get("filter"), dict) else None
        best: tuple[int, ArchivedReport, list[FigureDifference]] | None = None
        with self.context.store.read() as session:
            rows = session.exec(
                select(ArchiveRow).where(
                    ArchiveRow.period_start == start, ArchiveRow.period_end == end
                )
            ).all()
            names = self._names(session)
            public = own_keys(session).public() if rows else None
            for row in rows:
                if not self._signed(row, public):
                    continue
                entry = summary(row, names, with_files=True)
                sent = entry.figures_dict()
                if applied is not None and sent.get("filter", applied) != applied:
                    continue  # a report of other filters (the JSON says which it had)
                found = differences(sent, figures)
                if best is None or len(found) < best[0]:
                    best = (len(found), entry, found)
        if best is None:
            return VerifyResult("not_archived")
        return VerifyResult("altered", best[1], tuple(best[2]))


def _utc_text(moment: dt.datetime) -> str:
    """A moment as the package ledger writes ``received_at`` (UTC, to the second)."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
