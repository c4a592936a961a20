"""``report verify FILE`` and the line ``report --archive`` prints: the report archive.

``verify`` answers with one line, as every command does: on stdout and exit 0 when the file
is byte for byte a closed report whose archive entry carries the coordination's valid
signature; otherwise a user error (one line on stderr, exit 1) that says why: not in the
archive, altered (for JSON: which figures, against the closed report of its period), or
an archive entry whose signature no longer verifies.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamm_field.cli.common import out, services_of
from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.i18n.formatting import format_moment
from hamm_field.reports.pdf_values import filter_parts, period_text

if TYPE_CHECKING:
    from hamm_field.services.report_archive import ArchivedReport, FigureDifference

SHOWN_DIFFERENCES = 4


class NotArchived(UserError):
    message = N_("{path} ist kein abgeschlossener Bericht: im Berichtsarchiv gibt es diese "
                 "Datei nicht.")  # fmt: skip


class Altered(UserError):
    message = N_("{path} wurde verändert: {figures} (abgeschlossener Bericht vom {when}, "
                 "Zeitraum {period}).")  # fmt: skip


class AlteredLayout(UserError):
    message = N_("{path} wurde verändert, die Zahlen stimmen aber mit dem abgeschlossenen "
                 "Bericht vom {when} überein (Zeitraum {period}).")  # fmt: skip


class SignatureBroken(UserError):
    message = N_("Der abgeschlossene Bericht vom {when} ist im Archiv verändert worden: die "
                 "Unterschrift der Koordination stimmt nicht.")  # fmt: skip


def scope_text(entry: ArchivedReport) -> str:
    """Period, filters and audience of an archived report, for one line."""
    parts = [period_text(entry.period), *filter_parts(entry.filters, entry.filter_worker_name)]
    if entry.external:
        parts.append(_("für außen"))
    return ", ".join(parts)


def when_text(entry: ArchivedReport) -> str:
    return format_moment(entry.archived_at.astimezone())


def value_text(value: Any) -> str:
    return "–" if value is None else str(value)


def difference_text(difference: FigureDifference) -> str:
    return _("{figure}: {today} statt {archived}").format(
        figure=" / ".join(difference.path), today=value_text(difference.today),
        archived=value_text(difference.archived))  # fmt: skip


def closed_line(entry: ArchivedReport) -> str:
    return _("Bericht abgeschlossen am {when} (Zeitraum {period}).").format(
        when=when_text(entry), period=scope_text(entry))  # fmt: skip


def cmd_report_verify(args: argparse.Namespace) -> int:
    path = Path(args.file)
    services = services_of(args)
    try:
        result = services.report_archive.verify(path)
    finally:
        services.close()
    entry = result.entry
    if result.status == "match" and entry is not None:
        out(_("{path} stimmt mit dem abgeschlossenen Bericht vom {when} überein "
               "(Zeitraum {period}).").format(path=path, when=when_text(entry),
                                              period=scope_text(entry)))  # fmt: skip
        return 0
    if entry is None:
        raise NotArchived(path=str(path))
    if result.status == "bad_signature":
        raise SignatureBroken(when=when_text(entry))
    if not result.differences:
        raise AlteredLayout(path=str(path), when=when_text(entry), period=scope_text(entry))
    shown = [difference_text(d) for d in result.differences[:SHOWN_DIFFERENCES]]
    more = len(result.differences) - len(shown)
    if more:
        shown.append(_("und {count} weitere").format(count=more))
    raise Altered(path=str(path), figures="; ".join(shown), when=when_text(entry),
                  period=scope_text(entry))  # fmt: skip
