"""Building blocks of the command line's parser; standard library and i18n only.

Every command group (:mod:`hamm_field.cli.parser`) builds its sub-commands with these, so
building the whole parser for ``--version`` or ``--help`` imports nothing heavy.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from hamm_field.i18n import LANGUAGES
from hamm_field.i18n import gettext as _


class CommandParser(argparse.ArgumentParser):
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


class Into:
    """Stands in for the sub-command list, so a command's options go into its parser."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return self.parser


def command(
    commands: argparse._SubParsersAction, name: str, text: str
) -> argparse.ArgumentParser:
    """A sub-command whose one-line help is also the head of its own ``--help``.

    ``--data-dir`` and ``--lang`` are also taken after the command, where people often
    put them; given there, they win over the same option before it.
    """
    parser = commands.add_parser(name, help=text, description=text)
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=_("Datenordner"))
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=_("Sprache"))
    return parser
