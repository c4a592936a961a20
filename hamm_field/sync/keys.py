"""A store's own key pair for sync, and the public half other stores trust.

Every store (the coordination's and each laptop's) has two keys: Ed25519 to sign what it
sends, X25519 to receive what is encrypted to it. They are separate because a key should do
one job: signing and key agreement on one key invite cross-protocol surprises.

The private half never touches the disk in clear: :meth:`KeyPair.to_private_json` exists so
the caller can keep it *inside* the encrypted store. The public half travels in invitation
files and is shown as a fingerprint that two people read to each other over the phone, which
is the only check that an invitation was not swapped on its way.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_

KEY_BYTES = 32
FORMAT = 1
# 20 bytes = 160 bits: far beyond any second-preimage search, still short enough to read out.
FINGERPRINT_BYTES = 20


class KeysDamaged(UserError):
    message = N_("Die Schlüssel sind beschädigt oder unlesbar.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object) -> bytes:
    """Strictly decode one 32-byte key; anything else is damage, never a guess."""
    if not isinstance(value, str):
        raise ValueError("a key must be a base64 string")
    raw = base64.b64decode(value, validate=True)
    if len(raw) != KEY_BYTES:
        raise ValueError("a key must be 32 bytes")
    return raw


def _loads_object(text: str) -> dict[str, Any]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data


@dataclass(frozen=True)
class PublicKeys:
    """Raw 32-byte public keys: ``signing`` (Ed25519) and ``encryption`` (X25519)."""

    signing: bytes
    encryption: bytes

    def __post_init__(self) -> None:
        if len(self.signing) != KEY_BYTES or len(self.encryption) != KEY_BYTES:
            raise ValueError("public keys must be 32 bytes each")

    def to_dict(self) -> dict[str, str]:
        return {"signing": _b64(self.signing), "encryption": _b64(self.encryption)}

    @classmethod
    def from_dict(cls, raw: object) -> PublicKeys:
        """Read keys that came from a file; anything malformed is :class:`KeysDamaged`."""
        try:
            if not isinstance(raw, dict):
                raise ValueError("expected an object")
            return cls(_unb64(raw["signing"]), _unb64(raw["encryption"]))
        except (KeyError, ValueError) as exc:  # binascii.Error is a ValueError
            raise KeysDamaged() from exc

    def fingerprint(self) -> str:
        """SHA-256 over both keys, as ``AB12-CD34-…`` (10 groups), for people to compare.

        Both keys are covered, so an invitation with a swapped encryption key (which would let
        someone read every package) shows a different fingerprint, not just a swapped signer.
        """
        digest = hashlib.sha256(self.signing + self.encryption).hexdigest().upper()
        hex_chars = digest[: FINGERPRINT_BYTES * 2]
        return "-".join(hex_chars[i : i + 4] for i in range(0, len(hex_chars), 4))


@dataclass(frozen=True, repr=False)
class KeyPair:
    """The private keys of one store. ``repr`` shows only the fingerprint, never key bytes."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    def public(self) -> PublicKeys:
        return PublicKeys(
            self.signing.public_key().public_bytes_raw(),
            self.encryption.public_key().public_bytes_raw(),
        )

    def __repr__(self) -> str:
        return f"KeyPair(fingerprint={self.public().fingerprint()!r})"

    def to_private_json(self) -> str:
        """The private keys as JSON. Secret: store it only inside the encrypted store."""
        data = {
            "format": FORMAT,
            "signing": _b64(self.signing.private_bytes_raw()),
            "encryption": _b64(self.encryption.private_bytes_raw()),
        }
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_private_json(cls, text: str) -> KeyPair:
        try:
            data = _loads_object(text)
            if type(data.get("format")) is not int or data["format"] != FORMAT:
                raise ValueError("unknown key format")
            signing = Ed25519PrivateKey.from_private_bytes(_unb64(data["signing"]))
            encryption = X25519PrivateKey.from_private_bytes(_unb64(data["encryption"]))
        except (KeyError, ValueError, TypeError, RecursionError) as exc:
            raise KeysDamaged() from exc
        return cls(signing, encryption)
