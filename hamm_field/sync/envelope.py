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

Binary layout of format 2 (all sizes in bytes, integers big-endian, ``a`` the length of the
app version)::

    offset  size  field
         0     8  MAGIC b"HFSYNC1\\0"
         8     1  VERSION (2)
         9     1  a (1 <= a <= 32)
        10     a  version of the app that wrote it, printable ASCII, e.g. b"0.1.0"
      10+a    32  sender Ed25519 public key (raw)
      42+a    32  ephemeral X25519 public key (raw)
      74+a    12  ChaCha20-Poly1305 nonce
      86+a     4  ciphertext length n (16 <= n <= 16 MiB)
      90+a     n  ciphertext of {"manifest": {...}, "payload_key": "<base64>"} (canonical JSON)
    90+a+n    64  Ed25519 signature over bytes [0, 90+a+n)

    HKDF: salt = ephemeral public || recipient public, info = b"hamm-field package v1"
    AEAD associated data = head (bytes [0, 10+a)) || ephemeral public || sender public

Format 1 is the same without the app version: its head is MAGIC || VERSION (1), 9 bytes, and
the sender key starts at offset 9. This version reads formats 1 and 2 and writes 2.

The promise every later format keeps: the head starts with MAGIC, the format byte and the
length-prefixed app version, exactly as above. A version that does not know a format reads
just that field and refuses the package as too new, naming the version needed
(:class:`PackageTooNew`). The field is hostile input: it is taken only as at most 32
printable ASCII characters (:mod:`hamm_field.domain.app_version`), and an unknown format
whose writer is not newer than this app is a flipped bit, so "damaged". The app version is
signed and, as part of the head, bound into the AEAD like the format byte.

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

from hamm_field.domain import app_version
from hamm_field.domain.errors import UserError
from hamm_field.i18n import N_
from hamm_field.sync.keys import KEY_BYTES, KeyPair, PublicKeys

MAGIC = b"HFSYNC1\0"
VERSION = 2  # written; format 1 is read as well
READABLE = (1, 2)
HKDF_INFO = b"hamm-field package v1"  # both formats: the head is in the associated data
PAYLOAD_KEY_BYTES = 32  # a raw SQLCipher key
# Detached signatures (invitation and return files) sign this prefix + data. It differs from
# MAGIC, so a detached signature can never pass as a package signature or the other way round.
DETACHED_CONTEXT = b"HFSIGN1\0"

_NONCE, _LENGTH, _SIGNATURE, _TAG = 12, 4, 64, 16
_KEYS = 2 * KEY_BYTES + _NONCE + _LENGTH  # 80: from the sender key to the ciphertext
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


class PackageTooNew(PackageRefused):
    """Written by a newer version, in a format or schema this one cannot read."""

    reason = "schema_too_new"
    message = N_("Das Paket stammt von einer neueren Version. Bitte Hamm Field aktualisieren.")
    NAMED = N_("Dieses Paket stammt von Hamm Field {version}; zum Einlesen ist Hamm Field "
               "{version} oder neuer nötig.")

    @classmethod
    def needing(cls, version: object) -> PackageTooNew:
        """Named by ``version`` when that is a valid version newer than this one."""
        named = app_version.valid(version)
        return cls(cls.NAMED, version=named) if app_version.is_newer(named) else cls()


@dataclass(frozen=True)
class Opened:
    """A verified, decrypted envelope. The payload key stays out of ``repr`` (and so logs)."""

    manifest: dict[str, Any]
    payload_key: bytes = field(repr=False)
    sender: bytes


class _Parts(NamedTuple):
    head: bytes  # magic, format and (since format 2) the app version
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


def _aad(head: bytes, ephemeral: bytes, sender: bytes) -> bytes:
    return head + ephemeral + sender


def head_for(version: str) -> bytes:
    """The head of a format-2 envelope written by app ``version``."""
    text = version.encode("ascii")
    return MAGIC + bytes([VERSION, len(text)]) + text


def writer_version(envelope: bytes) -> str | None:
    """The app version in the head of format 2 and later, if it is in shape. Not verified."""
    at = len(MAGIC) + 1
    size = envelope[at] if len(envelope) > at else 0
    raw = envelope[at + 1 : at + 1 + size]
    if not size or len(raw) != size or not raw.isascii():
        return None
    return app_version.valid(raw.decode("ascii"))


def _head_length(envelope: bytes) -> int:
    """Where the sender key starts; refuses a format this version cannot read.

    An unknown format is :class:`PackageTooNew` when its head names a newer app, else damage.
    """
    if len(envelope) <= len(MAGIC) or envelope[: len(MAGIC)] != MAGIC:
        raise PackageDamaged()
    version = envelope[len(MAGIC)]
    if version == 1:
        return len(MAGIC) + 1
    writer = writer_version(envelope)
    if version == 0 or writer is None:
        raise PackageDamaged()
    if version in READABLE:
        return len(MAGIC) + 2 + len(writer)
    if app_version.is_newer(writer):
        raise PackageTooNew.needing(writer)
    raise PackageDamaged()  # a flipped format byte: no newer version wrote it


def _frame(envelope: bytes) -> tuple[int, int]:
    """Check the head and return its length and the claimed ciphertext length."""
    head = _head_length(envelope)
    if len(envelope) < head + _KEYS:
        raise PackageDamaged()
    (length,) = struct.unpack_from(">I", envelope, head + _KEYS - _LENGTH)
    if not _TAG <= length <= MAX_CIPHERTEXT:
        raise PackageDamaged()
    return head, length


def _parse(envelope: bytes) -> _Parts:
    head, length = _frame(envelope)
    start = head + _KEYS
    end = start + length
    if len(envelope) != end + _SIGNATURE:
        raise PackageDamaged()
    sender = envelope[head : head + KEY_BYTES]
    ephemeral = envelope[head + KEY_BYTES : head + 2 * KEY_BYTES]
    nonce = envelope[head + 2 * KEY_BYTES : head + 2 * KEY_BYTES + _NONCE]
    return _Parts(envelope[:head], sender, ephemeral, nonce, envelope[start:end],
                  envelope[:end], envelope[end:])  # fmt: skip


def envelope_length(data: bytes) -> int:
    """The size of the envelope at the start of ``data`` (needs at least its head and keys)."""
    head, length = _frame(data)
    return head + _KEYS + length + _SIGNATURE


def read_sender(envelope: bytes) -> bytes:
    """The signing key the envelope *claims* to come from. Not verified: only for look-up."""
    head, _length = _frame(envelope)
    return envelope[head : head + KEY_BYTES]


def seal(
    *, manifest: dict[str, Any], payload_key: bytes, sender: KeyPair, recipient: PublicKeys
) -> bytes:
    """Encrypt ``manifest`` and ``payload_key`` to ``recipient`` and sign as ``sender``; the
    head names this app's version.

    Raises ``ValueError``/``TypeError`` for a manifest that is not plain JSON, a payload key
    that is not 32 bytes or a version out of shape: bugs of the caller, nothing a person fixes.
    """
    if not isinstance(manifest, dict):
        raise TypeError("the manifest must be a dict")
    if len(payload_key) != PAYLOAD_KEY_BYTES:
        raise ValueError("the payload key must be 32 bytes")
    writer = app_version.valid(app_version.current())
    if writer is None:
        raise ValueError("the app version is out of shape")
    head = head_for(writer)
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
    aad = _aad(head, ephemeral, sender_public)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)

    signed = b"".join(
        [head, sender_public, ephemeral, nonce, struct.pack(">I", len(ciphertext)), ciphertext]
    )
    return signed + sender.signing.sign(signed)


def open_envelope(envelope: bytes, *, recipient: KeyPair, trusted_sender: bytes) -> Opened:
    """Verify, then decrypt. Every refusal is a :class:`PackageRefused` subclass.

    The order is the security: parse exactly (damaged, or too new for an unknown format),
    check the claimed sender is the one the caller trusts (foreign), verify the signature
    (tampered), and only then decrypt (wrong recipient) and read the JSON.
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
            parts.nonce, parts.ciphertext, _aad(parts.head, parts.ephemeral, parts.sender)
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
