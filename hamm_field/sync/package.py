"""The package file (``.hfsync``): the signed envelope, then the encrypted payload.

Layout: ``MAGIC`` (8 bytes), envelope length (4 bytes, big-endian), the envelope, the
payload bytes. The manifest inside the envelope holds the SHA-256 of the payload, so
once the signature is verified and the envelope opened, every byte is accounted for.
Writing goes to a part file, is fsynced and renamed, then read back and checked.

Every later format keeps this frame, so the envelope's head, with the version of the app
that wrote the file, stays at offset 12 (``sync/envelope.py``): a version that cannot read a
newer package still names the version it needs.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from hamm_field.domain.errors import storage_error
from hamm_field.store.files import atomic_writer
from hamm_field.sync.envelope import PackageDamaged

MAGIC = b"HFPKG01\n"
_LENGTH = struct.Struct(">I")
MAX_ENVELOPE = 16 * 1024 * 1024
_CHUNK = 1024 * 1024


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
