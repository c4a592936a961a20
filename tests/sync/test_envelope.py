"""The package envelope: only the enrolled sender can make one, only the recipient can read it.

Real keys and real crypto throughout. The fault tests flip every single bit and cut at every
length, and check with a spy that nothing was decrypted before the refusal.
"""

from __future__ import annotations

import json
import os
import re
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamm_field.domain import app_version
from hamm_field.domain.errors import UserError
from hamm_field.sync import envelope as env
from hamm_field.sync.envelope import (
    ForeignSender,
    PackageDamaged,
    PackageRefused,
    PackageTampered,
    WrongRecipient,
    open_envelope,
    read_sender,
    seal,
)
from hamm_field.sync.keys import KeyPair, KeysDamaged, PublicKeys

HLC = ["2026-11-20T09:00:00.000Z/0", "2026-11-20T17:30:00.000Z/4"]
MANIFEST = dict(format=1, schema=7, device="dev-0001", package_id="pkg-42", sequence=3, hlc=HLC)
MANIFEST |= {"counts": {"contact": 12}, "members": {"payload.db": "ab" * 32}}
KEY = os.urandom(32)
HEAD = env.head_for(app_version.current())  # magic, format 2, the app version's length and text
H = len(HEAD)  # where the sender key starts
# Region of the layout -> the refusals a single flipped bit there may give.
REGIONS = [
    (0, 9, {PackageDamaged}),  # magic and format
    # The app version's length and text: out of shape (damaged), another length that moves
    # the sender key (foreign), or another version in shape (the signature covers it).
    (9, H, {PackageDamaged, ForeignSender, PackageTampered}),
    (H, H + 32, {ForeignSender}),  # the sender's signing key no longer matches the trusted one
    (H + 32, H + 76, {PackageTampered}),  # ephemeral key, nonce
    (H + 76, H + 80, {PackageDamaged}),  # ciphertext length: the file no longer adds up
]


@pytest.fixture(scope="module")
def laptop() -> KeyPair:
    return KeyPair.generate()


@pytest.fixture(scope="module")
def central() -> KeyPair:
    return KeyPair.generate()


def make(sender: KeyPair, recipient: KeyPair, manifest: dict | None = None) -> bytes:
    return seal(
        manifest=MANIFEST if manifest is None else manifest,
        payload_key=KEY,
        sender=sender,
        recipient=recipient.public(),
    )


@pytest.fixture(scope="module")
def sealed(laptop: KeyPair, central: KeyPair) -> bytes:
    return make(laptop, central)


@pytest.fixture
def decrypts(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Records every ciphertext the envelope module hands to ChaCha20-Poly1305 for decryption."""
    calls: list[bytes] = []
    real = env.ChaCha20Poly1305

    class Spy:
        def __init__(self, key: bytes) -> None:
            self._cipher = real(key)
            self.encrypt = self._cipher.encrypt

        def decrypt(self, nonce: bytes, data: bytes, aad: bytes | None) -> bytes:
            calls.append(data)
            return self._cipher.decrypt(nonce, data, aad)

    monkeypatch.setattr(env, "ChaCha20Poly1305", Spy)
    return calls


def expected_refusals(position: int) -> set[type[PackageRefused]]:
    for start, end, errors in REGIONS:
        if start <= position < end:
            return errors
    return {PackageTampered}  # ciphertext and signature


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def test_round_trip_gives_back_manifest_key_and_sender(sealed, laptop, central):
    opened = open_envelope(sealed, recipient=central, trusted_sender=laptop.public().signing)
    assert opened == env.Opened(MANIFEST, KEY, laptop.public().signing)
    assert repr(KEY) not in repr(opened)  # the key must not end up in a log


def test_layout_is_as_documented_and_every_seal_fresh(sealed, laptop, central):
    version = app_version.current().encode("ascii")
    assert sealed[:H] == b"HFSYNC1\0\x02" + bytes([len(version)]) + version
    assert read_sender(sealed) == laptop.public().signing == sealed[H : H + 32]
    (length,) = struct.unpack(">I", sealed[H + 76 : H + 80])
    assert len(sealed) == H + 80 + length + 64 == env.envelope_length(sealed + b"payload follows")
    again = make(laptop, central)  # fresh ephemeral key and nonce: nothing shared but the sender
    assert again[H + 32 : H + 76] != sealed[H + 32 : H + 76]
    assert again[H + 80 : -64] != sealed[H + 80 : -64]


def test_nothing_readable_in_the_envelope(laptop, central):
    manifest = {"note": "Familie Petrova, Hamm-Mitte"}
    sealed = make(laptop, central, manifest)
    assert b"Petrova" not in sealed and "Petrova".encode("utf-16-le") not in sealed
    assert b"payload_key" not in sealed


def test_every_single_bit_flip_is_refused_before_decrypting(sealed, laptop, central, decrypts):
    trusted = laptop.public().signing
    seen: set[type[PackageRefused]] = set()
    for bit in range(len(sealed) * 8):
        with pytest.raises(PackageRefused) as caught:
            open_envelope(flip(sealed, bit), recipient=central, trusted_sender=trusted)
        assert type(caught.value) in expected_refusals(bit // 8), f"bit {bit}"
        seen.add(type(caught.value))
    assert decrypts == []
    assert seen == {PackageDamaged, ForeignSender, PackageTampered}


def test_truncated_or_extended_files_are_damaged(sealed, laptop, central, decrypts):
    trusted = laptop.public().signing
    for size in range(len(sealed)):
        with pytest.raises(PackageDamaged):
            open_envelope(sealed[:size], recipient=central, trusted_sender=trusted)
    for extra in (b"\0", b"x" * 100):
        with pytest.raises(PackageDamaged):
            open_envelope(sealed + extra, recipient=central, trusted_sender=trusted)
    for garbage in (b"", b"PK\x03\x04" + os.urandom(300), os.urandom(500)):
        with pytest.raises(PackageDamaged):
            read_sender(garbage)
    assert decrypts == []


def test_huge_claimed_length_is_damaged_not_allocated(sealed, laptop, central):
    forged = sealed[: H + 76] + struct.pack(">I", 2**32 - 1) + sealed[H + 80 :]
    with pytest.raises(PackageDamaged):
        env.envelope_length(forged)
    with pytest.raises(PackageDamaged):
        open_envelope(forged, recipient=central, trusted_sender=laptop.public().signing)


def resigned_by(attacker: KeyPair, sealed: bytes) -> bytes:
    """The attacker puts their own signing key in the header and signs the whole file anew."""
    body = sealed[:H] + attacker.public().signing + sealed[H + 32 : -64]
    return body + attacker.signing.sign(body)


def test_other_devices_and_resigned_packages_are_foreign(sealed, laptop, central, decrypts):
    with pytest.raises(ForeignSender):  # a genuine package, but not from the expected device
        open_envelope(sealed, recipient=central, trusted_sender=KeyPair.generate().public().signing)
    forged = resigned_by(KeyPair.generate(), sealed)
    with pytest.raises(ForeignSender):
        open_envelope(forged, recipient=central, trusted_sender=laptop.public().signing)
    assert decrypts == []


def test_resigned_by_another_enrolled_device_does_not_open(sealed, central):
    """Even if the attacker's key is trusted, the sender is bound into the AEAD: no content."""
    insider = KeyPair.generate()
    forged = resigned_by(insider, sealed)
    assert read_sender(forged) == insider.public().signing
    with pytest.raises(WrongRecipient):
        open_envelope(forged, recipient=central, trusted_sender=insider.public().signing)


def test_package_for_another_store_is_wrong_recipient(laptop, central, decrypts):
    sealed = make(laptop, KeyPair.generate())
    with pytest.raises(WrongRecipient) as caught:
        open_envelope(sealed, recipient=central, trusted_sender=laptop.public().signing)
    assert len(decrypts) == 1  # the signature was fine; only the decryption failed
    assert caught.value.reason == "wrong_recipient"
    # Signature first: the same package, tampered, is "tampered", not "wrong recipient".
    with pytest.raises(PackageTampered):
        open_envelope(flip(sealed, 8 * 100), recipient=central, trusted_sender=read_sender(sealed))
    assert len(decrypts) == 1


def test_low_order_ephemeral_key_even_if_signed_is_damaged(sealed, laptop, central):
    body = sealed[: H + 32] + bytes(32) + sealed[H + 64 : -64]
    with pytest.raises(PackageDamaged):
        open_envelope(
            body + laptop.signing.sign(body), recipient=central, trusted_sender=read_sender(sealed)
        )


REFUSALS = [
    (PackageDamaged, "damaged", "Die Paketdatei ist beschädigt oder unvollständig."),
    (PackageTampered, "tampered", "Die Paketdatei wurde verändert: die Unterschrift stimmt nicht."),
    (ForeignSender, "foreign", "Das Paket stammt von einem unbekannten Gerät."),
    (WrongRecipient, "wrong_recipient", "Das Paket ist nicht für diese Ablage verschlüsselt."),
]


@pytest.mark.parametrize(("error", "reason", "line"), REFUSALS)
def test_refusals_are_user_errors_with_german_lines_and_stable_reasons(error, reason, line):
    assert issubclass(error, PackageRefused) and issubclass(error, UserError)
    assert error.reason == reason and str(error()) == line


def test_seal_rejects_bad_input(laptop, central):
    with pytest.raises(ValueError):
        seal(manifest=MANIFEST, payload_key=b"short", sender=laptop, recipient=central.public())
    with pytest.raises(ValueError):
        make(laptop, central, {"x": float("nan")})
    with pytest.raises(TypeError):
        make(laptop, central, {"x": object()})


def test_detached_signatures(sealed, laptop, central):
    data = json.dumps({"invitation": "for dev-0002"}).encode()
    signature = env.sign_bytes(laptop, data)
    env.verify_bytes(laptop.public().signing, data, signature)
    for bad_data, bad_signature in [(data + b" ", signature), (data, flip(signature, 5))]:
        with pytest.raises(PackageTampered):
            env.verify_bytes(laptop.public().signing, bad_data, bad_signature)
    with pytest.raises(PackageTampered):
        env.verify_bytes(laptop.public().signing, data, signature[:-1])
    with pytest.raises(PackageTampered):
        env.verify_bytes(KeyPair.generate().public().signing, data, signature)
    # Domain separation: sign_bytes over a package body does not make a package signature.
    body = sealed[:-64]
    with pytest.raises(PackageTampered):
        open_envelope(
            body + env.sign_bytes(laptop, body), recipient=central, trusted_sender=read_sender(body)
        )


def test_fingerprint_is_stable_readable_and_differs_between_keys(laptop):
    public = laptop.public()
    fingerprint = public.fingerprint()
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){9}", fingerprint)
    assert fingerprint == PublicKeys.from_dict(public.to_dict()).fingerprint()
    assert fingerprint == KeyPair.from_private_json(laptop.to_private_json()).public().fingerprint()
    other = KeyPair.generate().public()
    assert other.fingerprint() != fingerprint
    # Swapping only the encryption key (the dangerous swap) changes the fingerprint too.
    assert PublicKeys(public.signing, other.encryption).fingerprint() != fingerprint
    assert fingerprint in repr(laptop)


def test_private_json_round_trip_keeps_both_keys(laptop, central):
    """Restored keys sign as the original and decrypt what was sealed to the original."""
    restored_laptop = KeyPair.from_private_json(laptop.to_private_json())
    restored_central = KeyPair.from_private_json(central.to_private_json())
    assert restored_laptop.public() == laptop.public()
    assert restored_central.public() == central.public()
    sealed, trusted = make(restored_laptop, central), laptop.public().signing
    opened = open_envelope(sealed, recipient=restored_central, trusted_sender=trusted)
    assert opened.manifest == MANIFEST


ZERO_KEY = "A" * 43 + "="  # base64 of 32 zero bytes
SHORT = {"signing": "AAAA", "encryption": "AAAA"}
BAD_PUBLIC = [None, {}, SHORT, {"signing": 1, "encryption": 2}]
NEWER = {"format": 2, "signing": ZERO_KEY, "encryption": ZERO_KEY}
BAD_PRIVATE = ["", "[]", "{}", json.dumps({"format": 1, **SHORT}), json.dumps(NEWER)]


def test_damaged_keys_are_a_user_error():
    for raw in BAD_PUBLIC:
        with pytest.raises(KeysDamaged):
            PublicKeys.from_dict(raw)
    for text in BAD_PRIVATE:
        with pytest.raises(KeysDamaged):
            KeyPair.from_private_json(text)


SCALARS = st.none() | st.booleans() | st.integers() | st.text()
JSON_VALUES = st.recursive(
    SCALARS | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None)
@given(manifest=st.dictionaries(st.text(), JSON_VALUES, max_size=8))
def test_any_json_manifest_round_trips(laptop, central, manifest):
    opened = open_envelope(
        make(laptop, central, manifest), recipient=central, trusted_sender=laptop.public().signing
    )
    assert opened.manifest == manifest and opened.payload_key == KEY
