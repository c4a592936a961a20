"""The whole command line's parser: the global options and every command group.

Each sub-command carries its handler (``set_defaults(func=…)``). The ``report`` command's
options and handler come from :mod:`hamm_field.cli.report`, which is only imported once
that command is parsed or its help is shown (:class:`~hamm_field.cli.options.CommandParser`).
"""

from __future__ import annotations

import argparse

from hamm_field import __version__
from hamm_field.cli import store_commands, sync_commands
from hamm_field.cli.options import CommandParser, Into
from hamm_field.i18n import LANGUAGES
from hamm_field.i18n import gettext as _


def _report_options(parser: argparse.ArgumentParser) -> None:
    from hamm_field.cli.report import add_report_command  # the contract's report command

    add_report_command(Into(parser))  # type: ignore[arg-type]


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
                                     parser_class=CommandParser)  # fmt: skip
    store_commands.add_commands(commands)
    sync_commands.add_commands(commands)
    report = _("Kennzahlen als JSON, CSV oder PDF schreiben")
    commands.add_parser("report", help=report, description=report, fill=_report_options)
    return parser
