"""The fixed shape of a laptop package's manifest, checked before its payload is read.

A manifest is signed by the laptop, so it is exactly what the laptop's software (or
whoever holds its key) wrote. Every field has a type and a range: a sequence number far
beyond the last one would otherwise be taken as millions of "missing" packages, and
counts or stamps of any size would reach the merge and the status screen unchecked.

Every manifest names its ``format`` (1) and ``schema`` (the Alembic head of the writing
store) and, since envelope format 2, the writing app's ``app_version``. A format or schema
this version does not know is refused as too new before any other field is looked at
(:func:`check_not_newer`), named by that ``app_version``: later formats keep these three.
"""

from __future__ import annotations

import re
from typing import Any

from hamm_field.domain import app_version
from hamm_field.store import migrate, sync_rows
from hamm_field.sync.authority import InvalidPackage
from hamm_field.sync.envelope import PackageTooNew
from hamm_field.sync.row_values import HLC_LIMIT

# A laptop numbers every export; more than this many never delivered is not an accident.
MAX_SEQUENCE_GAP = 1_000
MAX_ROWS = 10_000_000  # ten times the largest import the budgets plan for
MAX_HELD = 200_000  # families one laptop holds: far more than any caseload
FORMAT = 1  # the newest manifest format this version reads (and writes)
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CREATED = re.compile(r"[0-9T:+.\-Z]{10,40}")  # an ISO time stamp
LAPTOP_FIELDS = frozenset({
    "format", "schema", "device", "worker", "package_id", "sequence", "hlc_from", "hlc_to",
    "counts", "members", "created", "encryption_public", "enrolment_proof", "app_version",
})  # fmt: skip
_KEY = re.compile(r"[A-Za-z0-9+/]{43}=")  # a 32-byte public key in base64


def _fail(name: str) -> InvalidPackage:
    return InvalidPackage("manifest", name)


def _whole(manifest: dict[str, Any], name: str, low: int, high: int) -> int:
    value = manifest.get(name)
    if type(value) is not int or not low <= value <= high:
        raise _fail(name)
    return value


def _text(manifest: dict[str, Any], name: str, pattern: re.Pattern[str],
          *, optional: bool = False) -> None:  # fmt: skip
    value = manifest.get(name)
    if value is None and optional:
        return
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _fail(name)


def check_not_newer(manifest: dict[str, Any]) -> None:
    """Refuse a manifest of a newer format, or of a schema this version does not know, as
    :class:`PackageTooNew`, naming its ``app_version`` when that is newer than this app."""
    version, schema = manifest.get("format"), manifest.get("schema")
    newer_format = type(version) is int and version > FORMAT
    if newer_format or (isinstance(schema, str) and schema not in migrate.known_revisions()):
        raise PackageTooNew.needing(manifest.get("app_version"))


def _version(manifest: dict[str, Any]) -> None:
    """``app_version`` is optional (format-1 envelopes have none) and bounded."""
    if "app_version" in manifest and app_version.valid(manifest["app_version"]) is None:
        raise _fail("app_version")


def check_laptop_manifest(manifest: dict[str, Any], *, last_sequence: int) -> dict[str, int]:
    """Raise :class:`InvalidPackage` for any field out of shape; returns the row counts.

    Only the fields this format knows are allowed: a newer format is recognised first by
    its schema (the caller refuses it as too new), so anything else is not ours.
    """
    if not set(manifest) <= LAPTOP_FIELDS:
        raise _fail("manifest")
    if manifest.get("format") != FORMAT:
        raise _fail("format")
    _version(manifest)
    _text(manifest, "created", _CREATED)
    _text(manifest, "worker", _ID, optional=True)
    _text(manifest, "package_id", _ID)
    _text(manifest, "device", _ID)
    _whole(manifest, "sequence", 1, last_sequence + MAX_SEQUENCE_GAP)
    low = _whole(manifest, "hlc_from", 0, HLC_LIMIT - 1)
    _whole(manifest, "hlc_to", low, HLC_LIMIT - 1)
    members = manifest.get("members")
    if not isinstance(members, dict) or set(members) != {"payload"}:
        raise _fail("members")
    _text(members, "payload", _HEX64)
    if not isinstance(manifest.get("schema"), str):
        raise _fail("schema")
    _text(manifest, "encryption_public", _KEY, optional=True)
    _text(manifest, "enrolment_proof", _HEX64, optional=True)
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not set(counts) <= set(sync_rows.BY_NAME):
        raise _fail("counts")
    for table in counts:
        _whole(counts, table, 0, MAX_ROWS)
    if sum(counts.values()) > MAX_ROWS:
        raise _fail("counts")
    return dict(counts)


def check_return_manifest(manifest: dict[str, Any], *, newest_allowed: int) -> None:
    """A return package's manifest, signed by the coordination: the same fixed shapes.

    What it acknowledges moves the laptop's export mark, so a mark in the future would
    keep the laptop's next changes from ever being sent.
    """
    _text(manifest, "package_id", _ID)
    _text(manifest, "device", _ID)
    _version(manifest)
    _whole(manifest, "acked_hlc", 0, newest_allowed)
    _whole(manifest, "acked_sequence", 0, HLC_LIMIT - 1)
    if not isinstance(manifest.get("created"), str):
        raise _fail("created")
    _held(manifest)


def _held(manifest: dict[str, Any]) -> None:
    """``held``, the families the laptop should keep: optional (an older coordination
    names none, and the laptop then lets go of nothing), else a list of distinct ids."""
    if "held" not in manifest:
        return
    held = manifest["held"]
    if not isinstance(held, list) or len(held) > MAX_HELD or len(set(held)) != len(held):
        raise _fail("held")
    for family in held:
        if not isinstance(family, str) or not _ID.fullmatch(family):
            raise _fail("held")
