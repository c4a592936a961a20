"""Every package kind (a laptop's package, a return) is built and opened here.

The package file (``.hfsync``): the signed envelope, then the encrypted payload.

Layout: ``MAGIC`` (8 bytes), envelope length (4 bytes, big-endian), the envelope, the
payload bytes. The manifest inside the envelope holds the SHA-256 of the payload, so
once the signature is verified and the envelope opened, every byte is accounted for.
Writing goes to a part file, is fsynced and renamed, then read back and checked.

Every later format keeps this frame, so the envelope's head, with the version of the app
that wrote the file, stays at offset 12 (``sync/envelope.py``): a version that cannot read a
newer package still names the version it needs.

Both kinds carry the same manifest head (:func:`seal_package`): ``format``, ``schema``,
``created``, ``app_version``, the row ``counts`` and the payload's hash in ``members``; a
return adds ``kind`` (:data:`RETURN`), a laptop's package names no kind. Opening is the
same too (:func:`receive`, :func:`check_members`); what each kind checks in between, and
in which order, stays with it (``sync/importer.py``, ``sync/returns.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hamm_field.domain import app_version
from hamm_field.domain.errors import UserError, storage_error
from hamm_field.domain.ids import uuid7
from hamm_field.i18n import N_
from hamm_field.store import migrate
from hamm_field.store.files import atomic_writer
from hamm_field.sync.envelope import Opened, PackageDamaged, open_envelope, read_sender, seal
from hamm_field.sync.keys import KeyPair, PublicKeys
from hamm_field.sync.manifest import FORMAT
from hamm_field.sync.payload import Row, write_payload

RETURN = "return"  # the ``kind`` of a return package
# What a laptop keeps of its packages (``local_state``).
ACKED = "sync_acked_hlc"  # the highest own HLC the coordination acknowledged
SEQUENCE = "sync_export_sequence"  # the number of the last package written
LAST_EXPORT = "last_export"  # when it was written
LAST_ACK = "last_ack"  # when the last return read in was written
COORDINATION_VERSION = "coordination_app_version"  # the app version that wrote that return

MAGIC = b"HFPKG01\n"
_LENGTH = struct.Struct(">I")
MAX_ENVELOPE = 16 * 1024 * 1024
_CHUNK = 1024 * 1024


class PackageNotVerified(UserError):
    message = N_("Die Paketdatei konnte nicht geprüft werden. Bitte erneut schreiben.")


@dataclass(frozen=True)
class PackageFile:
    envelope: bytes
    payload: bytes

    @property
    def payload_sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()


def write_package(path: Path, envelope: bytes, payload: bytes) -> None:
    """Write atomically; a full or read-only stick is said as such (``DiskFull``, …).

    The part file is gone either way (``store/files.py``), and the next write to the same
    target removes one that a kill left behind.
    """
    try:
        with atomic_writer(path) as handle:
            handle.write(MAGIC)
            handle.write(_LENGTH.pack(len(envelope)))
            handle.write(envelope)
            handle.write(payload)
    except OSError as error:
        mapped = storage_error(error, path.parent)
        if mapped is None:
            raise
        raise mapped from error


def parse_package(data: bytes) -> PackageFile:
    """Split a package strictly; anything malformed is ``PackageDamaged``."""
    head = len(MAGIC) + _LENGTH.size
    if len(data) < head or not data.startswith(MAGIC):
        raise PackageDamaged()
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    if length > MAX_ENVELOPE or len(data) < head + length:
        raise PackageDamaged()
    return PackageFile(data[head : head + length], data[head + length :])


def read_package(path: Path) -> PackageFile:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise PackageDamaged() from error
    return parse_package(data)


def unpack_to(path: Path, payload_out: Path) -> tuple[bytes, str]:
    """The envelope, with the payload streamed to ``payload_out`` and hashed on the way.

    Only the envelope (at most 16 MiB) is held in memory, so a large package costs disk,
    not memory. The payload file is new and owner-only; it is encrypted by SQLCipher
    anyway. A disk error while writing it is raised as it is, for the caller to name.
    """
    head = len(MAGIC) + _LENGTH.size
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        start = source.read(head)
        if len(start) < head or not start.startswith(MAGIC):
            raise PackageDamaged()
        (length,) = _LENGTH.unpack_from(start, len(MAGIC))
        envelope = source.read(length) if length <= MAX_ENVELOPE else b""
        if length > MAX_ENVELOPE or len(envelope) != length:
            raise PackageDamaged()
        descriptor = os.open(payload_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as target:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                target.write(chunk)
    return envelope, digest.hexdigest()


@dataclass(frozen=True)
class Payload:
    """The rows of a package, encrypted; the key stays out of ``repr`` (and so logs)."""

    key: bytes = field(repr=False)
    data: bytes
    counts: dict[str, int]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def write_rows(staging: Path, rows: Iterable[tuple[str, Row]]) -> Payload:
    """The payload of ``rows``, by way of a file in ``staging`` that is gone afterwards."""
    staging.mkdir(parents=True, exist_ok=True)
    payload_file = staging / f".{uuid7()}.payload"
    try:
        key, counts = write_payload(payload_file, rows)
        return Payload(key, payload_file.read_bytes(), counts)
    finally:
        payload_file.unlink(missing_ok=True)


def seal_package(out: Path, payload: Payload, fields: dict[str, Any], *, sender: KeyPair,
                 recipient: PublicKeys) -> dict[str, Any]:  # fmt: skip
    """Write the package of ``payload`` with the manifest head and the kind's ``fields``.

    Read back and checked before anyone is told it is written; returns the manifest.
    """
    manifest = {
        "format": FORMAT, "schema": migrate.head_revision(), "counts": payload.counts,
        "members": {"payload": payload.sha256},
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "app_version": app_version.current(), **fields,
    }  # fmt: skip
    envelope = seal(manifest=manifest, payload_key=payload.key, sender=sender,
                    recipient=recipient)
    write_package(out, envelope, payload.data)
    back = read_package(out)
    if back.envelope != envelope or back.payload_sha256 != payload.sha256:
        raise PackageNotVerified()
    return manifest


@dataclass(frozen=True)
class Received:
    """A staged package split: the envelope in memory, the payload streamed next to it."""

    envelope: bytes
    payload: Path
    payload_sha256: str

    @property
    def sender(self) -> bytes:
        """The signing key the envelope claims; not verified, only for look-up."""
        return read_sender(self.envelope)

    def open(self, *, recipient: KeyPair, trusted_sender: bytes) -> Opened:
        return open_envelope(self.envelope, recipient=recipient, trusted_sender=trusted_sender)


def receive(staged: Path) -> Received:
    """Split the staged copy; its payload file goes with it (``staging.clear_leftovers``)."""
    payload = staged.with_suffix(".payload")
    envelope, payload_sha = unpack_to(staged, payload)
    return Received(envelope, payload, payload_sha)


def check_members(manifest: dict[str, Any], received: Received, kind: str | None) -> None:
    """Damaged unless the manifest is of ``kind`` (None: a laptop's) and pins this payload."""
    members = manifest.get("members")
    if (manifest.get("kind") != kind or not isinstance(members, dict)
            or members.get("payload") != received.payload_sha256):
        raise PackageDamaged()
