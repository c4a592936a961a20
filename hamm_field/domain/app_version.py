"""The app version as stores, key files and sync packages record it, and how two compare.

A recorded version was written by another Hamm Field, possibly a newer one, and in a package
by anyone holding a key: it is only taken as short printable ASCII (at most 32 characters of
letters, digits and ``.+-_``), and it is compared by its leading numbers ``X.Y.Z``. A version
without them is never "newer", so nothing unparsable can make this app refuse or advertise.
"""

from __future__ import annotations

import re

from hamm_field import __version__

CURRENT = __version__  # read at call time below, so a test can pose as another version
MAX_LENGTH = 32
_SHAPE = re.compile(rf"[0-9A-Za-z][0-9A-Za-z.+_-]{{0,{MAX_LENGTH - 1}}}", re.ASCII)
_NUMBERS = re.compile(r"(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?!\d)", re.ASCII)


def current() -> str:
    """The version of this app, as it records itself."""
    return CURRENT


def valid(value: object) -> str | None:
    """``value`` when it may be recorded and shown as a version, else None."""
    if isinstance(value, str) and _SHAPE.fullmatch(value):
        return value
    return None


def numbers(value: object) -> tuple[int, int, int] | None:
    """``(X, Y, Z)`` of a valid version that starts with them, else None."""
    version = valid(value)
    match = _NUMBERS.match(version) if version else None
    if match is None:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def is_newer(value: object, than: str | None = None) -> bool:
    """Is ``value`` numerically newer than ``than`` (this app's version by default)?"""
    theirs, mine = numbers(value), numbers(current() if than is None else than)
    return theirs is not None and mine is not None and theirs > mine


def newest(recorded: object, version: str | None = None) -> str:
    """What to record after ``version`` (this app's) wrote where ``recorded`` stood: the
    newer of the two. A recorded value that is no valid version gives way."""
    mine = current() if version is None else version
    kept = valid(recorded)
    return kept if kept is not None and is_newer(kept, than=mine) else mine
