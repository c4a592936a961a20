"""The key file beside the database: the data key, wrapped once per user and once for recovery.

The database is encrypted with a random 256-bit data key nobody types. Each user's password
(via Argon2id) and the printed recovery key (via HKDF: it already has 130 random bits) only
wrap that key with ChaCha20-Poly1305, so a password change re-wraps 32 bytes and re-encrypts
nothing. The associated data binds each wrap to its store, slot type and slot id, so a slot
copied from another store's file or relabelled as another user's does not open.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, astuple, dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hamm_field.domain.errors import UserError, WrongPassword, WrongRecoveryKey
from hamm_field.i18n import N_
from hamm_field.store.files import atomic_write_text
from hamm_field.store.recovery_key import parse_recovery_key

FORMAT = 1
DATA_KEY_BYTES = 32
PASSWORD, RECOVERY = "password", "recovery"
RECOVERY_INFO = b"hamm-field recovery slot"
_SALT_BYTES, _NONCE_BYTES, _WRAPPED_BYTES = 16, 12, DATA_KEY_BYTES + 16


class KeyFileDamaged(UserError):
    message = N_("Die Schlüsseldatei ist beschädigt oder unlesbar.")


class KeyFileMissing(KeyFileDamaged):
    message = N_("Die Schlüsseldatei {path} fehlt.")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, passes over it, parallel lanes."""

    memory_cost: int
    iterations: int
    lanes: int

    def within(self, low: KdfParams, high: KdfParams) -> bool:
        bounds = zip(astuple(low), astuple(self), astuple(high), strict=True)
        return all(least <= value <= most for least, value, most in bounds)


KDF_FLOOR = KdfParams(memory_cost=19456, iterations=2, lanes=1)  # OWASP minimum for Argon2id
# What a damaged or hostile file may ask for at most (it could otherwise ask for 1 TiB).
_KDF_ANY, _KDF_MAX = KdfParams(128, 1, 1), KdfParams(1024 * 1024, 100, 16)


def calibrate_kdf(target_seconds: float = 0.5) -> KdfParams:
    """Argon2id parameters that take about ``target_seconds`` on this machine.

    An attacker pays per guess what we afford per unlock, so we spend a fixed time (0.5 s in
    the design), not fixed numbers. 64 MiB makes GPU guessing dear yet fits any laptop; lanes
    follow the cores (up to 4, as RFC 9106 suggests). Iterations scale from a timed derivation,
    twice, as allocating the memory skews the first guess low; they are capped so a hiccup
    cannot make unlocking take minutes. ``target_seconds <= 0`` gives the OWASP floor (tests).
    """
    if target_seconds <= 0:
        return KDF_FLOOR
    lanes = max(1, min(4, os.cpu_count() or 1))
    params = KdfParams(memory_cost=64 * 1024, iterations=KDF_FLOOR.iterations, lanes=lanes)
    for _ in range(2):
        start = time.perf_counter()
        _stretch(b"calibration", os.urandom(_SALT_BYTES), params)
        elapsed = time.perf_counter() - start
        scaled = min(32, round(params.iterations * target_seconds / elapsed))
        params = replace(params, iterations=max(KDF_FLOOR.iterations, scaled))
    return params


def _stretch(password: bytes, salt: bytes, params: KdfParams | None) -> bytes:
    if params is None:
        raise ValueError("a password slot without Argon2id parameters")
    return Argon2id(salt=salt, length=32, **asdict(params)).derive(password)


def _password_bytes(password: str) -> bytes:
    """NFC first, so the same password typed on different keyboards gives the same bytes."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _recovery_kek(recovery_key: bytes, salt: bytes) -> bytes:
    return HKDF(hashes.SHA256(), length=32, salt=salt, info=RECOVERY_INFO).derive(recovery_key)


@dataclass(frozen=True)
class _Slot:
    type: str  # PASSWORD or RECOVERY
    id: str  # the user id, or RECOVERY
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None = None  # password slots only

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.type, "id": self.id, "kdf": "hkdf-sha256"}
        if self.kdf is not None:
            out |= {"kdf": "argon2id", **asdict(self.kdf)}
        for name in ("salt", "nonce", "wrapped"):
            out[name] = base64.b64encode(getattr(self, name)).decode("ascii")
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> _Slot:  # raises ValueError, KeyError, TypeError
        def binary(name: str, size: int) -> bytes:
            value = base64.b64decode(str(raw[name]), validate=True)
            if len(value) != size:
                raise ValueError(f"{name} has the wrong length")
            return value

        slot_type, slot_id, kdf = raw["type"], raw["id"], None
        if slot_type == PASSWORD and raw["kdf"] == "argon2id":
            numbers = [raw[name] for name in ("memory_cost", "iterations", "lanes")]
            kdf = KdfParams(*numbers)  # type: ignore[arg-type]
            if {type(number) for number in numbers} != {int} or not kdf.within(_KDF_ANY, _KDF_MAX):
                raise ValueError("Argon2id parameters out of bounds")
        elif not (slot_type == RECOVERY == slot_id and raw["kdf"] == "hkdf-sha256"):
            raise ValueError("unknown slot type or kdf")
        if not isinstance(slot_id, str) or not slot_id:
            raise ValueError("slot id must be a non-empty string")
        salt, nonce = binary("salt", _SALT_BYTES), binary("nonce", _NONCE_BYTES)
        return cls(str(slot_type), slot_id, salt, nonce, binary("wrapped", _WRAPPED_BYTES), kdf)


class KeyFile:
    """The slots of one store, keyed by (slot type, slot id); change them, then :meth:`save`."""

    def __init__(self, store_id: str, slots: dict[tuple[str, str], _Slot]) -> None:
        self.store_id = store_id
        self._slots = slots

    @classmethod
    def new(cls, store_id: str) -> KeyFile:
        if not store_id:
            raise ValueError("store_id must not be empty")
        return cls(store_id, {})

    def _aad(self, slot: _Slot) -> bytes:
        return json.dumps(["hamm-field slot", FORMAT, self.store_id, slot.type, slot.id]).encode()

    def _seal(self, slot: _Slot, kek: bytes, data_key: bytes) -> None:
        """Store ``slot`` with ``data_key`` wrapped under ``kek`` and a fresh nonce."""
        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError("the data key must be 32 bytes")
        nonce = os.urandom(_NONCE_BYTES)
        wrapped = ChaCha20Poly1305(kek).encrypt(nonce, data_key, self._aad(slot))
        self._slots[slot.type, slot.id] = replace(slot, nonce=nonce, wrapped=wrapped)

    def _open(self, slot_type: str, kek_for: Callable[[_Slot], bytes]) -> tuple[bytes, str]:
        """Try every slot of ``slot_type``; a wrong key and a tampered slot look the same."""
        for slot in self._slots.values():
            if slot.type == slot_type:
                with contextlib.suppress(InvalidTag):
                    cipher = ChaCha20Poly1305(kek_for(slot))
                    return cipher.decrypt(slot.nonce, slot.wrapped, self._aad(slot)), slot.id
        raise WrongPassword() if slot_type == PASSWORD else WrongRecoveryKey()

    def _set_password(self, user_id: str, password: str, key: bytes, params: KdfParams) -> None:
        if not params.within(KDF_FLOOR, _KDF_MAX):
            raise ValueError("Argon2id parameters below the floor or out of bounds")
        salt = os.urandom(_SALT_BYTES)
        kek = _stretch(_password_bytes(password), salt, params)
        self._seal(_Slot(PASSWORD, user_id, salt, b"", b"", params), kek, key)

    def user_ids(self) -> list[str]:
        return [slot_id for slot_type, slot_id in self._slots if slot_type == PASSWORD]

    def add_password(self, user_id: str, password: str, data_key: bytes, params: KdfParams) -> None:
        if not user_id or (PASSWORD, user_id) in self._slots:
            raise ValueError("user_id is empty or already has a password slot")
        self._set_password(user_id, password, data_key, params)

    def change_password(
        self, user_id: str, new_password: str, data_key: bytes, params: KdfParams
    ) -> None:
        """Re-wrap the same data key for ``user_id``; nothing else is touched."""
        if (PASSWORD, user_id) not in self._slots:
            raise KeyError("no password slot for this user")
        self._set_password(user_id, new_password, data_key, params)

    def remove_password(self, user_id: str) -> None:
        if self._slots.pop((PASSWORD, user_id), None) is None:
            raise KeyError("no password slot for this user")

    def set_recovery(self, recovery_key: str, data_key: bytes) -> None:
        """Wrap ``data_key`` under a (new) recovery key, replacing any old recovery slot."""
        salt = os.urandom(_SALT_BYTES)
        kek = _recovery_kek(parse_recovery_key(recovery_key), salt)
        self._seal(_Slot(RECOVERY, RECOVERY, salt, b"", b""), kek, data_key)

    def unlock_with_password(self, password: str) -> tuple[bytes, str]:
        """Return ``(data_key, user_id)`` of the password slot ``password`` opens."""
        secret = _password_bytes(password)
        return self._open(PASSWORD, lambda slot: _stretch(secret, slot.salt, slot.kdf))

    def unlock_with_recovery(self, text: str) -> bytes:
        recovery_key = parse_recovery_key(text)
        return self._open(RECOVERY, lambda slot: _recovery_kek(recovery_key, slot.salt))[0]

    def to_json(self) -> str:
        slots = [slot.to_dict() for slot in self._slots.values()]
        data = {"format": FORMAT, "store_id": self.store_id, "slots": slots}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
            store_id, version = data["store_id"], data["format"]
            if type(version) is not int or version != FORMAT or not isinstance(store_id, str):
                raise ValueError("unknown format version or bad store_id")
            slots = [_Slot.from_dict(raw) for raw in data["slots"]]
            by_key = {(slot.type, slot.id): slot for slot in slots}
            if not store_id or len(by_key) != len(slots):
                raise ValueError("empty store_id or duplicate slot")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise KeyFileDamaged() from exc
        return cls(store_id, by_key)

    def save(self, path: Path | str) -> None:
        atomic_write_text(path, self.to_json())

    @classmethod
    def load(cls, path: Path | str) -> KeyFile:
        try:
            text = Path(path).read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise KeyFileMissing(path=str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyFileDamaged() from exc
        return cls.from_json(text)
