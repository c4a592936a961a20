"""The crypto of a sync package: a signed, encrypted envelope around manifest and payload key.

The payload (a SQLCipher database) is encrypted with its own random key. This envelope carries
that key and the manifest (which lists the SHA-256 of every member, so it pins the payload
too) encrypted to the recipient store, and signed by the sending store.

Encryption is a "sealed box": a fresh ephemeral X25519 key agrees a secret with the
recipient's X25519 key, HKDF-SHA256 turns it into a ChaCha20-Poly1305 key. Only the recipient
can read the box, but anyone could have made one, so the sender signs it with Ed25519. The
signature covers every byte before it, and it is checked *before* anything is decrypted: a
tampered file is refused without ever feeding attacker bytes to the decryption or JSON parser.
The sender's signing key is also in the AEAD's associated data, so a thief who strips the
signature and re-signs with another enrolled device's key gets a box that no longer opens.

Binary layout (all sizes in bytes, integers big-endian)::

    offset  size  field
         0     8  MAGIC b"HFSYNC1\\0"
         8     1  VERSION (1)
         9    32  sender Ed25519 public key (raw)
        41    32  ephemeral X25519 public key (raw)
        73    12  ChaCha20-Poly1305 nonce
        85     4  ciphertext length n (16 <= n <= 16 MiB)
        89     n  ciphertext of {"manifest": {...}, "payload_key": "<base64>"} (canonical JSON)
      89+n    64  Ed25519 signature over bytes [0, 89+n)

    HKDF: salt = ephemeral public || recipient public, info = b"hamm-field package v1"
    AEAD associated data = MAGIC || VERSION || ephemeral public || sender public

Nothing may follow the signature: the envelope is parsed exactly, so any truncation or
appendix is "damaged". A caller that stores the payload after the envelope in one file uses
:func:`envelope_length` to split them.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_
from hamm_field.sync.keys import KEY_BYTES, KeyPair, PublicKeys

MAGIC = b"HFSYNC1\0"
VERSION = 1
HEADER = MAGIC + bytes([VERSION])
HKDF_INFO = b"hamm-field package v1"
PAYLOAD_KEY_BYTES = 32  # a raw SQLCipher key
# Detached signatures (invitation and return files) sign this prefix + data. It differs from
# MAGIC, so a detached signature can never pass as a package signature or the other way round.
DETACHED_CONTEXT = b"HFSIGN1\0"

_NONCE, _LENGTH, _SIGNATURE, _TAG = 12, 4, 64, 16
_FIXED = len(HEADER) + 2 * KEY_BYTES + _NONCE + _LENGTH  # 89: everything before the ciphertext
# A manifest is a few KiB; a bigger claimed length is damage, not something to allocate for.
MAX_CIPHERTEXT = 16 * 1024 * 1024


class PackageRefused(UserError):
    """A package that is not imported; ``reason`` is the stable code in the quarantine file.

    ``sender`` is the enrolled device whose signature the package carries, once verified
    ("" before that, or when none did): the quarantine note keeps it.
    """

    reason = "refused"
    message = N_("Das Paket wurde abgelehnt.")
    sender = ""


class PackageDamaged(PackageRefused):
    reason = "damaged"
    message = N_("Die Paketdatei ist beschädigt oder unvollständig.")


class PackageTampered(PackageRefused):
    reason = "tampered"
    message = N_("Die Paketdatei wurde verändert: die Unterschrift stimmt nicht.")


class ForeignSender(PackageRefused):
    reason = "foreign"
    message = N_("Das Paket stammt von einem unbekannten Gerät.")


class WrongRecipient(PackageRefused):
    reason = "wrong_recipient"
    message = N_("Das Paket ist nicht für diese Ablage verschlüsselt.")


@dataclass(frozen=True)
class Opened:
    """A verified, decrypted envelope. The payload key stays out of ``repr`` (and so logs)."""

    manifest: dict[str, Any]
    payload_key: bytes = field(repr=False)
    sender: bytes


class _Parts(NamedTuple):
    sender: bytes
    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes
    signed: bytes  # every byte the signature covers
    signature: bytes


def _canonical(data: dict[str, Any]) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, no NaN (not JSON)."""
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def _aead_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(hashes.SHA256(), length=32, salt=ephemeral + recipient, info=HKDF_INFO)
    return hkdf.derive(shared)


def _aad(ephemeral: bytes, sender: bytes) -> bytes:
    return HEADER + ephemeral + sender


def _ciphertext_length(envelope: bytes) -> int:
    """Check the fixed head and return the claimed ciphertext length."""
    if len(envelope) < _FIXED or envelope[: len(MAGIC)] != MAGIC:
        raise PackageDamaged()
    if envelope[len(MAGIC)] != VERSION:
        raise PackageDamaged()  # a newer format, or a flipped bit: either way, not readable
    (length,) = struct.unpack_from(">I", envelope, _FIXED - _LENGTH)
    if not _TAG <= length <= MAX_CIPHERTEXT:
        raise PackageDamaged()
    return length


def _parse(envelope: bytes) -> _Parts:
    length = _ciphertext_length(envelope)
    end = _FIXED + length
    if len(envelope) != end + _SIGNATURE:
        raise PackageDamaged()
    at = len(HEADER)
    sender, ephemeral = envelope[at : at + KEY_BYTES], envelope[at + KEY_BYTES : at + 2 * KEY_BYTES]
    nonce = envelope[at + 2 * KEY_BYTES : at + 2 * KEY_BYTES + _NONCE]
    return _Parts(sender, ephemeral, nonce, envelope[_FIXED:end], envelope[:end], envelope[end:])


def envelope_length(data: bytes) -> int:
    """The size of the envelope at the start of ``data`` (needs at least its first 89 bytes)."""
    return _FIXED + _ciphertext_length(data) + _SIGNATURE


def read_sender(envelope: bytes) -> bytes:
    """The signing key the envelope *claims* to come from. Not verified: only for look-up."""
    _ciphertext_length(envelope)
    return envelope[len(HEADER) : len(HEADER) + KEY_BYTES]


def seal(
    *, manifest: dict[str, Any], payload_key: bytes, sender: KeyPair, recipient: PublicKeys
) -> bytes:
    """Encrypt ``manifest`` and ``payload_key`` to ``recipient`` and sign as ``sender``.

    Raises ``ValueError``/``TypeError`` for a manifest that is not plain JSON or a payload key
    that is not 32 bytes: those are bugs of the caller, not something a person can fix.
    """
    if not isinstance(manifest, dict):
        raise TypeError("the manifest must be a dict")
    if len(payload_key) != PAYLOAD_KEY_BYTES:
        raise ValueError("the payload key must be 32 bytes")
    box = {"manifest": manifest, "payload_key": base64.b64encode(payload_key).decode("ascii")}
    plaintext = _canonical(box)
    if len(plaintext) + _TAG > MAX_CIPHERTEXT:
        raise ValueError("the manifest is too large for an envelope")

    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes_raw()
    shared = ephemeral_key.exchange(X25519PublicKey.from_public_bytes(recipient.encryption))
    key = _aead_key(shared, ephemeral, recipient.encryption)
    sender_public = sender.public().signing
    nonce = os.urandom(_NONCE)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, plaintext, _aad(ephemeral, sender_public))

    signed = b"".join(
        [HEADER, sender_public, ephemeral, nonce, struct.pack(">I", len(ciphertext)), ciphertext]
    )
    return signed + sender.signing.sign(signed)


def open_envelope(envelope: bytes, *, recipient: KeyPair, trusted_sender: bytes) -> Opened:
    """Verify, then decrypt. Every refusal is a :class:`PackageRefused` subclass.

    The order is the security: parse exactly (damaged), check the claimed sender is the one
    the caller trusts (foreign), verify the signature (tampered), and only then decrypt
    (wrong recipient) and read the JSON.
    """
    parts = _parse(envelope)
    if parts.sender != trusted_sender:
        raise ForeignSender()
    try:
        Ed25519PublicKey.from_public_bytes(parts.sender).verify(parts.signature, parts.signed)
    except InvalidSignature:
        raise PackageTampered() from None

    recipient_public = recipient.public().encryption
    try:
        shared = recipient.encryption.exchange(X25519PublicKey.from_public_bytes(parts.ephemeral))
    except ValueError:  # a low-order ephemeral key: only a broken sender makes one
        raise PackageDamaged() from None
    key = _aead_key(shared, parts.ephemeral, recipient_public)
    try:
        plaintext = ChaCha20Poly1305(key).decrypt(
            parts.nonce, parts.ciphertext, _aad(parts.ephemeral, parts.sender)
        )
    except InvalidTag:
        raise WrongRecipient() from None
    manifest, payload_key = _read_box(plaintext)
    return Opened(manifest=manifest, payload_key=payload_key, sender=parts.sender)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _read_box(plaintext: bytes) -> tuple[dict[str, Any], bytes]:
    """Signed and decrypted, yet malformed: the sender's software is broken, the file damaged."""
    try:
        box = json.loads(plaintext.decode("utf-8"), parse_constant=_reject_constant)
        if not isinstance(box, dict) or set(box) != {"manifest", "payload_key"}:
            raise ValueError("unexpected box")
        manifest, encoded = box["manifest"], box["payload_key"]
        if not isinstance(manifest, dict) or not isinstance(encoded, str):
            raise ValueError("unexpected box")
        payload_key = base64.b64decode(encoded, validate=True)
        if len(payload_key) != PAYLOAD_KEY_BYTES:
            raise ValueError("payload key has the wrong length")
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError, binascii.Error included
        raise PackageDamaged() from exc
    return manifest, payload_key


def sign_bytes(sender: KeyPair, data: bytes) -> bytes:
    """A detached 64-byte Ed25519 signature over ``data`` (invitation and return files)."""
    return sender.signing.sign(DETACHED_CONTEXT + data)


def verify_bytes(public_signing: bytes, data: bytes, signature: bytes) -> None:
    """Raise :class:`PackageTampered` unless ``signature`` is ``public_signing``'s over ``data``.

    A wrong-length key is a caller bug (``ValueError``); a wrong-length signature is tampering.
    """
    key = Ed25519PublicKey.from_public_bytes(public_signing)
    if len(signature) != _SIGNATURE:
        raise PackageTampered()
    try:
        key.verify(signature, DETACHED_CONTEXT + data)
    except InvalidSignature:
        raise PackageTampered() from None
