"""The command line: a stable contract for coordinators' scripts (DESIGN.md).

Exit status: 0 done; 1 a user error (one translated line on stderr, nothing
changed); 2 wrong usage; 3 a bug (logged with traceback, an apology names the log).
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

from hamm_field import __version__, app, logsetup
from hamm_field.domain.errors import NotAvailableYet, UserError, user_error_of
from hamm_field.i18n import LANGUAGES, set_language
from hamm_field.i18n import gettext as _
from hamm_field.i18n.argparse_texts import argparse_translated
from hamm_field.store.paths import keep_new_files_private

log = logging.getLogger(__name__)

PASSWORD_ENV = "HAMM_FIELD_PASSWORD"
NEW_PASSWORD_ENV = "HAMM_FIELD_NEW_PASSWORD"
RECOVERY_ENV = "HAMM_FIELD_RECOVERY_KEY"
EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
LATER: tuple[str, ...] = ()  # commands of the contract not there yet


def build_parser() -> argparse.ArgumentParser:
    description = _("Hamm Field: Felddokumentation, offline und verschlüsselt.")
    parser = argparse.ArgumentParser(prog="hamm-field", description=description)
    parser.add_argument("--version", action="version", version=f"hamm-field {__version__}",
                        help=_("Programmversion zeigen und beenden"))
    parser.add_argument("--data-dir", metavar="DIR", help=_("Datenordner"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("Sprache"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     title=_("Befehle"))

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
    from hamm_field.cli_report import add_report_command  # the contract's report command

    add_report_command(commands)
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


def ask_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment, else from a prompt without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Noch einmal: ")) != secret:
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


def main(argv: Sequence[str] | None = None) -> int:
    keep_new_files_private()  # before the GUI or any command writes a file
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    with argparse_translated():
        args = build_parser().parse_args(argv)
    set_language(args.lang or "de")
    if args.command is None:
        return app.run_gui(args.data_dir, args.lang)
    paths = app.store_paths(args.data_dir)
    log_file: Path | None = None
    logsetup.silence()
    try:
        # One process per data folder, locked before the log or anything else is written.
        with app.folder_locked(paths, create=args.command == "init"):
            if paths.root.exists():
                log_file = logsetup.configure(paths.log_dir)
            return _dispatch(args)
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

    if args.command in LATER:
        raise NotAvailableYet(command=args.command)
    name = f"cmd_{args.command}"
    handler: Callable[[argparse.Namespace], int] = getattr(
        cli_sync, name, None) or getattr(cli_report, name, None) or getattr(cli_commands, name)
    return handler(args)
