"""argparse's own texts ("usage:", "error:", "invalid choice") in the app's language.

argparse translates through the stdlib's global gettext domain, whose language comes
from the environment, not from ``--lang``, and it has no German at all. Its English
messages are mapped here to German messages of our own catalog; while the command line
is parsed, argparse's ``_`` and ``ngettext`` are pointed at them and put back afterwards.
Only the messages a person can meet with our parser are listed; the rest stay English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from hamm_field.i18n.catalog import N_, gettext, ngettext

MESSAGES = {
    "usage: ": N_("Aufruf: "),
    "positional arguments": N_("Argumente"),
    "options": N_("Optionen"),
    "show this help message and exit": N_("diese Hilfe zeigen und beenden"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: Fehler: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("Argument %(argument_name)s: %(message)s"),
    "unrecognized arguments: %s": N_("unbekannte Argumente: %s"),
    "the following arguments are required: %s": N_("diese Argumente fehlen: %s"),
    "expected one argument": N_("erwartet einen Wert"),
    "expected at most one argument": N_("erwartet höchstens einen Wert"),
    "expected at least one argument": N_("erwartet mindestens einen Wert"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "mehrdeutige Option: %(option)s passt zu %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": N_("ungültiger Wert (%(type)s): %(value)r"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "ungültige Auswahl: %(value)r (möglich: %(choices)s)"
    ),
    "ignored explicit argument %r": N_("überflüssiger Wert %r"),
    "unexpected option string: %s": N_("unerwartete Option: %s"),
}


def _translate(message: str) -> str:
    german = MESSAGES.get(message)
    return gettext(german) if german is not None else message


def _translate_plural(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return ngettext("erwartet %s Wert", "erwartet %s Werte", count)
    return singular if count == 1 else plural


@contextmanager
def argparse_translated() -> Iterator[None]:
    """While active, argparse speaks the app's current language (help, usage, errors)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _translate, _translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
