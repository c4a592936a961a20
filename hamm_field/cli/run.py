"""The command line: a stable contract for coordinators' scripts (DESIGN.md).

Exit status: 0 done; 1 a user error (one translated line on stderr, nothing
changed); 2 wrong usage; 3 a bug (logged with traceback, an apology names the log);
141 the reader of the output went away early (``hamm-field status | head``): quietly,
as a shell reports any command a closed pipe stopped (128 + SIGPIPE), so a script with
``pipefail`` still learns that not all of the output arrived.

Starting is cheap: ``--version`` and every ``--help`` import neither the services, the store,
SQL, cryptography nor Qt (``tests/test_startup_imports.py``), so this module imports only
the standard library and i18n at the top; the rest is imported where a command needs it.
The ``report`` command's options come from :mod:`hamm_field.cli_report`, which is only
imported once that command is parsed or its help is shown (:class:`_CommandParser`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hamm_field import __version__
from hamm_field.i18n import LANGUAGES, set_language
from hamm_field.i18n import gettext as _
from hamm_field.i18n.argparse_texts import argparse_translated

log = logging.getLogger(__name__)

PASSWORD_ENV = "HAMM_FIELD_PASSWORD"
NEW_PASSWORD_ENV = "HAMM_FIELD_NEW_PASSWORD"
RECOVERY_ENV = "HAMM_FIELD_RECOVERY_KEY"
EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_PIPE_CLOSED = 128 + 13  # as a shell reports a command stopped by SIGPIPE
LATER: tuple[str, ...] = ()  # commands of the contract not there yet


class _CommandParser(argparse.ArgumentParser):
    """A sub-command's parser whose options ``fill`` adds on first use.

    On first use means when the command is parsed or its help or usage is shown, so that
    building the whole parser (for ``--version`` or ``--help``) imports nothing that only
    one command needs.
    """

    def __init__(self, *args: Any,
                 fill: Callable[[argparse.ArgumentParser], None] | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self._fill = fill

    def _filled(self) -> None:
        fill, self._fill = self._fill, None
        if fill is not None:
            fill(self)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._filled()
        parsed, extras = super().parse_known_args(args, namespace)
        check = getattr(self, "after_parse", None)  # set by a command's options (report)
        if check is not None:
            check(self, parsed)
        return parsed, extras

    def format_usage(self) -> str:
        self._filled()
        return super().format_usage()

    def format_help(self) -> str:
        self._filled()
        return super().format_help()


class _Into:
    """Stands in for the sub-command list, so a command's options go into its parser."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return self.parser


def _report_options(parser: argparse.ArgumentParser) -> None:
    from hamm_field.cli_report import add_report_command  # the contract's report command

    add_report_command(_Into(parser))  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    description = _("Hamm Field: Felddokumentation, offline und verschlüsselt.")
    parser = argparse.ArgumentParser(prog="hamm-field", description=description)
    parser.add_argument("--version", action="version", version=f"hamm-field {__version__}",
                        help=_("Programmversion zeigen und beenden"))
    parser.add_argument("--data-dir", metavar="DIR", help=_("Datenordner"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("Sprache"))
    parser.add_argument("--open", metavar="FILE",
                        help=_("diese Datei im Fenster öffnen (Sync-Paket oder Einladung)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("Befehle"),
                                     parser_class=_CommandParser)  # fmt: skip

    init = _command(commands, "init", _("Datenspeicher einrichten"))
    init.add_argument("--role", choices=("field", "central"), required=True,
                      help=_("Laptop im Feld oder Koordination"))
    init.add_argument("--name", required=True, help=_("Name der Person, die hier arbeitet"))
    init.add_argument("--worker-role", choices=("schluesselfigur", "sozialbetreuer"),
                      help=_("Rolle der Person"))
    init.add_argument("--invite", metavar="FILE", help=_("Einladungsdatei der Koordination"))
    init.add_argument("--replace-incomplete", action="store_true",
                      help=_("einen unvollständig eingerichteten Datenspeicher ohne Rückfrage "
                             "neu einrichten (nie einen vollständigen)"))

    _command(commands, "status", _("Stand des Datenspeichers zeigen"))

    demo = _command(commands, "demo", _("Beispieldaten laden"))
    demo.add_argument("--families", type=int, default=300, metavar="N",
                      help=_("Anzahl der Familien"))
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help=_("Startwert: derselbe Wert ergibt dieselben Daten"))
    demo.add_argument("--year", type=int, default=dt.date.today().year, metavar="YYYY",
                      help=_("Jahr der Kontakte"))

    passwd = _command(commands, "passwd", _("Passwort ändern"))
    passwd.add_argument(
        "--recovery", action="store_true", help=_("mit dem Wiederherstellungsschlüssel")
    )
    _command(commands, "check", _("Verschlüsselung und Protokollkette prüfen"))

    _add_sync_commands(commands)
    report = _("Kennzahlen als JSON, CSV oder PDF schreiben")
    commands.add_parser("report", help=report, description=report, fill=_report_options)
    return parser


def _command(
    commands: argparse._SubParsersAction, name: str, text: str
) -> argparse.ArgumentParser:
    """A sub-command whose one-line help is also the head of its own ``--help``.

    ``--data-dir`` and ``--lang`` are also taken after the command, where people often
    put them; given there, they win over the same option before it.
    """
    command = commands.add_parser(name, help=text, description=text)
    command.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                         help=_("Datenordner"))
    command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                         help=_("Sprache"))
    return command


def _add_sync_commands(commands: argparse._SubParsersAction) -> None:
    out = _("Zieldatei")
    invite = _command(commands, "invite", _("Einladungsdatei für einen Laptop schreiben"))
    invite.add_argument("--worker", required=True, metavar="NAME",
                        help=_("Name der Person, die den Laptop bekommt"))
    invite.add_argument("--role", choices=("schluesselfigur", "sozialbetreuer"), required=True,
                        help=_("Rolle der Person"))
    invite.add_argument("--team", metavar="TRÄGER",
                        help=_("Träger, für den die Person arbeitet (z. B. AWO)"))
    invite.add_argument("--out", required=True, metavar="FILE", help=out)
    export = _command(commands, "export", _("Sync-Paket für die Koordination schreiben"))
    export.add_argument("--out", required=True, metavar="FILE", help=out)
    imports = _command(commands, "import", _("Sync-Pakete einlesen"))
    imports.add_argument("files", nargs="+", metavar="FILE",
                         help=_("Sync-Pakete oder ein Rückpaket"))
    back = _command(commands, "return", _("Rückpaket für einen Laptop schreiben"))
    back.add_argument("--device", required=True, metavar="DEVICE_ID",
                      help=_("Kennung des Laptops (siehe devices)"))
    back.add_argument("--out", required=True, metavar="FILE", help=out)
    _command(commands, "devices", _("Geräte auflisten"))
    revoke = _command(commands, "revoke", _("Gerät sperren"))
    revoke.add_argument("device", metavar="DEVICE_ID", help=_("Kennung des Laptops"))
    device = _command(commands, "device", _("Ein Gerät betreffend: als verloren melden"))
    actions = device.add_subparsers(dest="action", metavar="ACTION", required=True)
    lost_text = _("Laptop sperren und Meldung für die Datenschutzbeauftragte schreiben (PDF)")
    lost = actions.add_parser("lost", help=lost_text, description=lost_text)
    lost.add_argument("name", metavar="NAME",
                      help=_("Name der Mitarbeiterin oder des Mitarbeiters oder Kennung"))
    lost.add_argument("--pdf", required=True, metavar="FILE", help=out)
    retention = _command(commands, "retention", _("Löschfristen: was zur Löschung fällig ist"))
    retention.add_argument("action", choices=("due",), help=_("due: fällige Einträge auflisten"))


def ask_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment, else from a prompt without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Noch einmal: ")) != secret:
        from hamm_field.domain.errors import UserError

        raise UserError(_("Die beiden Eingaben stimmen nicht überein."))
    return secret


def _language_from(argv: Sequence[str]) -> str:
    """Pick ``--lang`` before parsing, so help and usage errors are translated too."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            continue
        if value in LANGUAGES:
            return value
    return "de"


def keep_new_files_private() -> None:
    """Every file and folder this process makes from now on is owner-only (umask 077, POSIX).

    First thing in :func:`main`, before the GUI or any command writes a file (see
    :mod:`hamm_field.store.paths` for why); here, so that setting it imports nothing.
    """
    if os.name == "posix":
        os.umask(0o077)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; a reader that closed the pipe early is normal, not a bug."""
    try:
        try:
            return _main(argv)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # here, not at exit, so a closed pipe is met below
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_PIPE_CLOSED


def _discard_stdout() -> None:
    """Point stdout at the null device: what is still buffered must not fail at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _main(argv: Sequence[str] | None) -> int:
    keep_new_files_private()  # before the GUI or any command writes a file
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    with argparse_translated():
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.open is not None and args.command is not None:
            parser.error(_("--open gilt nur ohne Befehl (es öffnet das Fenster)"))
    set_language(args.lang or "de")
    if args.open is not None and not Path(args.open).is_file():
        print(_("Die Datei „{path}“ gibt es nicht.").format(path=args.open), file=sys.stderr)
        return EXIT_USER
    from hamm_field import app, logsetup
    from hamm_field.domain.errors import user_error_of

    if args.command is None:
        return app.run_gui(args.data_dir, args.lang, args.open)
    paths = app.store_paths(args.data_dir)
    log_file: Path | None = None
    logsetup.silence()
    try:
        # One process per data folder, locked before the log or anything else is written.
        with app.folder_locked(paths, create=args.command == "init"):
            if paths.root.exists():
                log_file = logsetup.configure(paths.log_dir)
            return _dispatch(args)
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except Exception as caught:
        from hamm_field.store.engine import disk_problem  # also SQLite's word for a full disk

        error = user_error_of(caught) or disk_problem(caught, paths.database)
        if error is None:
            log.exception("unexpected error in command %s", args.command)
            where = str(log_file) if log_file else _("(kein Protokoll)")
            print(
                _("Entschuldigung, ein Fehler ist aufgetreten. Details stehen im Protokoll: "
                  "{path}").format(path=where),
                file=sys.stderr,
            )
            return EXIT_BUG
        log.info("user error: %s", logsetup.error_kind(error))
        print(str(error).splitlines()[0], file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return EXIT_USER


def _dispatch(args: argparse.Namespace) -> int:
    from hamm_field import cli_commands, cli_report, cli_sync
    from hamm_field.domain.errors import NotAvailableYet

    if args.command in LATER:
        raise NotAvailableYet(command=args.command)
    name = f"cmd_{args.command}"
    handler: Callable[[argparse.Namespace], int] = getattr(
        cli_sync, name, None) or getattr(cli_report, name, None) or getattr(cli_commands, name)
    return handler(args)
