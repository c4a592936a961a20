"""What every command handler shares: exit codes, secrets, output and unlocking the store.

Only the standard library and i18n at the top: the parser's modules import this, and
``--help`` must not load the store; the store is imported where a command unlocks it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamm_field.i18n import gettext as _

if TYPE_CHECKING:
    from hamm_field.services import Services
    from hamm_field.store.paths import StorePaths
    from hamm_field.store.unit import Store

PASSWORD_ENV = "HAMM_FIELD_PASSWORD"
NEW_PASSWORD_ENV = "HAMM_FIELD_NEW_PASSWORD"
RECOVERY_ENV = "HAMM_FIELD_RECOVERY_KEY"
EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_PIPE_CLOSED = 128 + 13  # as a shell reports a command stopped by SIGPIPE


def out(text: str = "") -> None:
    print(text, file=sys.stdout)


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


def ask_password(paths: StorePaths, prompt: str) -> str:
    """After many wrong passwords, say how long to wait before asking, instead of waiting:
    a script gets its answer at once, a person sees when to try again."""
    from hamm_field.services.unlock_attempts import UnlockAttempts

    UnlockAttempts.in_folder(paths.root).check()
    return ask_secret(PASSWORD_ENV, prompt)


def unlock(args: argparse.Namespace) -> Store:
    from hamm_field import app
    from hamm_field.services import setup

    paths = app.store_paths(args.data_dir)
    return setup.unlock(paths, ask_password(paths, _("Passwort: ")))


def services_of(args: argparse.Namespace) -> Services:
    from hamm_field.services import Services

    return Services.for_store(unlock(args))


def read_file(path: Path) -> bytes:
    from hamm_field.domain.errors import UserError

    try:
        return path.read_bytes()
    except OSError:
        raise UserError(_("Die Datei {path} lässt sich nicht lesen.").format(path=path)) from None
