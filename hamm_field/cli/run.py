"""The command line: a stable contract for coordinators' scripts (DESIGN.md).

Exit status: 0 done; 1 a user error (one translated line on stderr, nothing
changed); 2 wrong usage; 3 a bug (logged with traceback, an apology names the log);
141 the reader of the output went away early (``hamm-field status | head``): quietly,
as a shell reports any command a closed pipe stopped (128 + SIGPIPE), so a script with
``pipefail`` still learns that not all of the output arrived.

Starting is cheap: ``--version`` and every ``--help`` import neither the services, the store,
SQL, cryptography nor Qt (``tests/test_startup_imports.py``), so this module imports only
the standard library and i18n at the top; the rest is imported where a command needs it.
The parser is :mod:`hamm_field.cli.parser`; each command group is a module that adds its
sub-commands with their handlers (``set_defaults(func=…)``), and the handlers share
:mod:`hamm_field.cli.common`. The imports run one way, from here down to ``common``
(an import-linter contract in ``pyproject.toml``).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hamm_field.cli.common import EXIT_BUG, EXIT_PIPE_CLOSED, EXIT_USER
from hamm_field.cli.parser import build_parser
from hamm_field.i18n import LANGUAGES, set_language
from hamm_field.i18n import gettext as _
from hamm_field.i18n.argparse_texts import argparse_translated

log = logging.getLogger("hamm_field.cli")


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
            return args.func(args)
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
