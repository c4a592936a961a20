"""Record identity: UUIDv7, made on the device that creates the record.

UUIDv7 sorts by creation time, which keeps inserts local in the B-tree, and needs no
coordination between laptops. Python 3.11 has no ``uuid.uuid7``; this follows RFC 9562
section 5.7 with ``secrets`` for the random bits.
"""

from __future__ import annotations

import secrets
import time
import uuid


def uuid7(unix_ms: int | None = None) -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    ms = int(time.time() * 1000) if unix_ms is None else unix_ms
    rand_a = secrets.randbits(12)
    rand_b = secrets.randbits(62)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


_SHARE_NAMESPACE = uuid.UUID("5b0f3c7e-2d4a-4f61-9a8e-6c1d2b7e9f30")


def share_id(household_id: str, worker_id: str) -> str:
    """The id of the share of one family with one worker, the same on every device."""
    return str(uuid.uuid5(_SHARE_NAMESPACE, f"{household_id}/{worker_id}"))
