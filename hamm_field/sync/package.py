"""The package file (``.hfsync``): the signed envelope, then the encrypted payload.

Layout: ``MAGIC`` (8 bytes), envelope length (4 bytes, big-endian), the envelope, the
payload bytes. The manifest inside the envelope holds the SHA-256 of the payload, so
once the signature is verified and the envelope opened, every byte is accounted for.
Writing goes to a part file, is fsynced and renamed, then read back and checked.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

from hamm_field.store.files import atomic_writer
from hamm_field.sync.envelope import PackageDamaged

MAGIC = b"HFPKG01\n"
_LENGTH = struct.Struct(">I")
MAX_ENVELOPE = 16 * 1024 * 1024


@dataclass(frozen=True)
class PackageFile:
    envelope: bytes
    payload: bytes

    @property
    def payload_sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()


def write_package(path: Path, envelope: bytes, payload: bytes) -> None:
    with atomic_writer(path) as handle:
        handle.write(MAGIC)
        handle.write(_LENGTH.pack(len(envelope)))
        handle.write(envelope)
        handle.write(payload)


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
