"""The ``report`` command: Kennzahlen of a period as JSON, CSV or PDF (DESIGN.md contract).

``report verify FILE`` checks a file against the report archive, ``--archive`` closes the
report as it is written (:mod:`hamm_field.cli.report_archive`). ``verify`` is an optional
first argument rather than a sub-command, so every ``report --from … --format … --out …``
reads exactly as before; --format and --out are required unless it is given.

``--from``/``--to`` are the contract; ``--preset`` with ``--date`` (a day inside the
period, today by default) and the filters are optional additions. JSON holds the current
period only (the contract's keys); CSV and PDF compare with the period before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamm_field.cli.common import EXIT_USAGE, out, services_of
from hamm_field.cli.options import command
from hamm_field.domain.errors import UserError
from hamm_field.domain.vocab import PAKETE, WorkerRole
from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import Filters, Period
from hamm_field.reports.periods import PRESETS, free_range, period_for

if TYPE_CHECKING:
    from hamm_field.services import Services


PROCESSING_RECORD = "processing-record"
ACTIONS = ("verify", PROCESSING_RECORD)


class BadDate(UserError):
    message = N_("{option}: „{value}“ ist kein Datum der Form JJJJ-MM-TT.")


class EndBeforeStart(UserError):
    message = N_("Der Zeitraum endet vor seinem Beginn ({start} bis {end}).")


class UnknownWorker(UserError):
    message = N_("Keine Person namens „{name}“ im Team.")


def add_report_command(commands: argparse._SubParsersAction) -> None:
    report = command(commands, "report", _("Kennzahlen als JSON, CSV oder PDF schreiben"))
    report.usage = _(
        "%(prog)s --from YYYY-MM-DD --to YYYY-MM-DD --format json|csv|pdf --out FILE "
        "[--archive] [Optionen]\n       %(prog)s verify FILE")
    report.usage += "\n       %(prog)s processing-record --out FILE"
    report.add_argument("action", nargs="?", choices=ACTIONS, metavar="verify|processing-record",
                        help=_("verify: eine JSON- oder PDF-Datei mit dem Berichtsarchiv "
                               "abgleichen; processing-record: das Verzeichnis von "
                               "Verarbeitungstätigkeiten (Art. 30 DSGVO) als PDF schreiben "
                               "(nur Koordination)"))
    report.add_argument("file", nargs="?", metavar="FILE", help=_("die Datei für verify"))
    report.after_parse = _required  # type: ignore[attr-defined]
    report.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                        help=_("erster Tag des Zeitraums"))
    report.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                        help=_("letzter Tag des Zeitraums"))
    report.add_argument("--format", choices=("json", "csv", "pdf"), help=_("Dateiformat"))
    report.add_argument("--out", metavar="FILE", help=_("Zieldatei"))
    report.add_argument("--external", action="store_true",
                        help=_("für Außenstehende: Werte unter 5 werden verborgen"))
    report.add_argument("--archive", action="store_true",
                        help=_("den Bericht abschließen: signiert ins Berichtsarchiv "
                               "(nur Koordination)"))
    report.add_argument("--preset", choices=PRESETS,
                        help=_("statt --from/--to: Monat, Quartal, Halbjahr, Jahr, Schuljahr"))
    report.add_argument("--date", metavar="YYYY-MM-DD",
                        help=_("ein Tag im Zeitraum von --preset (Standard: heute)"))
    report.add_argument("--sozialraum", metavar="NAME", help=_("nur dieser Sozialraum"))
    report.add_argument("--paket", type=int, choices=PAKETE,
                        help=_("nur dieses Integrationspaket"))
    report.add_argument("--worker", metavar="NAME", help=_("nur diese Person (Name oder Kennung)"))
    report.add_argument("--team", metavar="TRÄGER",
                        help=_("nur die Arbeit der Mitarbeitenden dieses Trägers"))
    report.add_argument("--rolle", dest="role", choices=[role.value for role in WorkerRole],
                        help=_("nur die Arbeit der Mitarbeitenden mit dieser Rolle"))
    report.set_defaults(func=cmd_report)


ARGPARSE_TEXT = argparse._  # type: ignore[attr-defined]
"""argparse's own message function, translated through ``i18n/argparse_texts.py``; named
apart so that our catalog does not pick up argparse's English messages."""


def _required(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--format and --out are required unless the file is to be verified; ``verify``
    takes exactly one file (argparse's own messages, as with ``required=True``)."""
    if args.action == "verify":
        if args.file is None:
            parser.error(ARGPARSE_TEXT("the following arguments are required: %s") % "FILE")
        return
    if args.action == PROCESSING_RECORD:
        if args.out is None:
            parser.error(ARGPARSE_TEXT("the following arguments are required: %s") % "--out")
        if args.format not in (None, "pdf"):
            parser.error(_("processing-record schreibt nur PDF (--format pdf)."))
        if args.file is not None:
            parser.error(ARGPARSE_TEXT("unrecognized arguments: %s") % args.file)
        return
    missing = [option for option, value in (("--format", args.format), ("--out", args.out))
               if value is None]  # fmt: skip
    if missing:
        parser.error(ARGPARSE_TEXT("the following arguments are required: %s")
                     % ", ".join(missing))
    if args.file is not None:
        parser.error(ARGPARSE_TEXT("unrecognized arguments: %s") % args.file)


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(option=option, value=value) from None


def period_of(args: argparse.Namespace) -> Period | None:
    """The period asked for; ``None`` when neither --from/--to nor --preset was given."""
    if args.preset:
        day = _day(args.date, "--date") if args.date else dt.date.today()
        return period_for(args.preset, day)
    if not (args.date_from and args.date_to):
        return None
    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if end < start:
        raise EndBeforeStart(start=args.date_from, end=args.date_to)
    return free_range(start, end)


def _worker_id(services: Services, name: str | None) -> str | None:
    if name is None:
        return None
    workers = services.reports.workers()
    ids = [wid for wid, _n in workers if wid == name]
    ids = ids or [wid for wid, worker in workers if worker.casefold() == name.casefold()]
    if len(ids) != 1:
        raise UnknownWorker(name=name)
    return ids[0]


def cmd_report(args: argparse.Namespace) -> int:
    if args.action == "verify":
        from hamm_field.cli.report_archive import cmd_report_verify

        return cmd_report_verify(args)
    if args.action == PROCESSING_RECORD:
        return _processing_record(args)
    period = period_of(args)
    if period is None:
        print(_("report: bitte --from und --to angeben, oder --preset."), file=sys.stderr)
        return EXIT_USAGE
    services = services_of(args)
    try:
        filters = Filters(sozialraum=args.sozialraum, paket=args.paket,
                          worker_id=_worker_id(services, args.worker), team=args.team,
                          role=args.role)
        if args.archive:
            services.report_archive.require_central()  # before any file is written
        report = services.reports.report(period, filters, external=args.external,
                                         compare=args.archive or args.format != "json")
        data = services.reports.render(report, args.format)
        path = services.reports.save(data, args.format, Path(args.out))
        archived = services.report_archive.close(report, {args.format: data}) \
            if args.archive else None
    finally:
        services.close()
    out(_("Bericht geschrieben: {path}").format(path=path))
    if archived is not None:
        from hamm_field.cli.report_archive import closed_line

        out(closed_line(archived))
    return 0


def _processing_record(args: argparse.Namespace) -> int:
    """``report processing-record --out FILE``: the Art. 30 record, at the coordination."""
    services = services_of(args)
    try:
        path = services.processing_record.save_pdf(Path(args.out))
    finally:
        services.close()
    out(_("Verzeichnis von Verarbeitungstätigkeiten geschrieben: {path}").format(path=path))
    return 0
