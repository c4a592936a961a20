"""The key file beside the database: the data key, wrapped once per user and once for recovery.

The database is encrypted with a random 256-bit data key nobody types. Each user's password
(via Argon2id, :mod:`hamm_field.store.kdf`) and the printed recovery key (via HKDF: it already
has 130 random bits) only wrap that key with ChaCha20-Poly1305, so a password change re-wraps
32 bytes and re-encrypts nothing. The associated data binds each wrap to its store, slot type
and slot id, so a slot copied from another store's file or relabelled as another user's does
not open; since format 2 it binds the slot's KDF parameters as well.

Argon2id already derives another key from other parameters, so an edited parameter never
opened a slot; binding them makes that explicit and keeps it true for every field a slot
carries (``target_ms`` changes no derived key). The wrap cannot tell an edited parameter from
a wrong password: both are a key that does not fit. So that stays "Das Passwort ist falsch."
(the recovery key, whose slot has no parameters, still opens the store); what the check
*can* tell, parameters outside sane bounds, is "Schlüsseldatei beschädigt" and is refused
before any derivation, so a hostile file cannot make unlocking take minutes.

Files of format 1 (parameters not bound) still open; :meth:`KeyFile.strengthen` re-wraps a
password slot after it opened, and :func:`hamm_field.store.lifecycle.open_store` saves that.
An old recovery slot has no parameters to bind and keeps its format-1 associated data (each
slot names its own, ``aad``) until a new recovery key is set.

Beside the slots the file names, in plaintext, the newest app version that opened the store
(``app_version``) and the schema revision of its database (``schema``), so a store of a newer
version is refused before any password is asked for (:mod:`hamm_field.store.written_by`
says why there). Both are optional, and older versions ignore them. A file of a later format
keeps ``format`` and ``app_version`` where they are: this version names the version it needs
(:class:`StoreTooNew`) instead of calling the file damaged.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hamm_field.domain import app_version
from hamm_field.domain.errors import (
    KeyFileMissing,
    StoreTooNew,
    UserError,
    WrongPassword,
    WrongRecoveryKey,
)
from hamm_field.i18n import N_
from hamm_field.store.files import atomic_write_text
from hamm_field.store.kdf import (
    KDF_FLOOR,
    LEGACY_TARGET_MS,
    KdfParams,
    calibrate_kdf,
    check_readable,
    check_writable,
    stronger_kdf,
    timed_stretch,
)
from hamm_field.store.recovery_key import parse_recovery_key

FORMAT = 2
_READABLE_FORMATS = (1, 2)
AAD_LEGACY, AAD_BOUND = 1, 2  # what a slot's associated data covers (see the module text)
DATA_KEY_BYTES = 32
PASSWORD, RECOVERY = "password", "recovery"
RECOVERY_INFO = b"hamm-field recovery slot"
_SALT_BYTES, _NONCE_BYTES, _WRAPPED_BYTES = 16, 12, DATA_KEY_BYTES + 16
_ARGON2_FIELDS = ("memory_cost", "iterations", "lanes")
_MAX_SCHEMA = 64  # an Alembic revision id; longer is no revision of ours

__all__ = ["KDF_FLOOR", "KdfParams", "KeyFile", "KeyFileDamaged", "KeyFileMissing",
           "PasswordUnlock", "calibrate_kdf"]


class KeyFileDamaged(UserError):
    message = N_("Die Schlüsseldatei ist beschädigt oder unlesbar.")


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
    aad: int = AAD_BOUND

    def kdf_fields(self) -> dict[str, object]:
        """The KDF as the file names it; what a bound slot's associated data covers."""
        if self.kdf is None:
            return {"kdf": "hkdf-sha256"}
        numbers = {name: getattr(self.kdf, name) for name in _ARGON2_FIELDS}
        if self.aad == AAD_BOUND:
            numbers["target_ms"] = self.kdf.target_ms
        return {"kdf": "argon2id", **numbers}

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.type, "id": self.id, "aad": self.aad}
        out |= self.kdf_fields()
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

        slot_type, slot_id, aad, kdf = raw["type"], raw["id"], raw.get("aad", AAD_LEGACY), None
        if type(aad) is not int or aad not in (AAD_LEGACY, AAD_BOUND):
            raise ValueError("unknown associated data version")
        if slot_type == PASSWORD and raw["kdf"] == "argon2id":
            target = raw["target_ms"] if aad == AAD_BOUND else LEGACY_TARGET_MS
            kdf = KdfParams(*(raw[name] for name in _ARGON2_FIELDS), target)  # type: ignore[arg-type]
            check_readable(kdf)
        elif not (slot_type == RECOVERY == slot_id and raw["kdf"] == "hkdf-sha256"):
            raise ValueError("unknown slot type or kdf")
        if not isinstance(slot_id, str) or not slot_id:
            raise ValueError("slot id must be a non-empty string")
        salt, nonce = binary("salt", _SALT_BYTES), binary("nonce", _NONCE_BYTES)
        wrapped = binary("wrapped", _WRAPPED_BYTES)
        return cls(str(slot_type), slot_id, salt, nonce, wrapped, kdf, aad)


@dataclass(frozen=True)
class PasswordUnlock:
    """What opening a password slot found: the key, whose slot, and how it went."""

    data_key: bytes = field(repr=False)
    user_id: str
    kdf: KdfParams
    seconds: float  # the derivation that fitted: how fast this machine is now
    bound: bool  # the slot's parameters are covered by its associated data


class KeyFile:
    """The slots of one store, keyed by (slot type, slot id); change them, then :meth:`save`."""

    def __init__(self, store_id: str, slots: dict[tuple[str, str], _Slot],
                 app_version: str | None = None, schema: str | None = None) -> None:  # fmt: skip
        self.store_id = store_id
        self._slots = slots
        self.app_version = app_version  # the newest app version that opened the store
        self.schema = schema  # the schema revision of its database

    def record_writer(self, version: str, schema: str) -> bool:
        """Note that ``version`` opened the store, now at ``schema``; True if that changed
        the file (the caller saves it). The version recorded never goes back."""
        newest = app_version.newest(self.app_version, version)
        if (newest, schema) == (self.app_version, self.schema):
            return False
        self.app_version, self.schema = newest, schema
        return True

    @classmethod
    def new(cls, store_id: str) -> KeyFile:
        if not store_id:
            raise ValueError("store_id must not be empty")
        return cls(store_id, {})

    def _aad(self, slot: _Slot) -> bytes:
        if slot.aad == AAD_LEGACY:
            return json.dumps(["hamm-field slot", 1, self.store_id, slot.type, slot.id]).encode()
        bound = ["hamm-field slot", AAD_BOUND, self.store_id, slot.type, slot.id, slot.kdf_fields()]
        return json.dumps(bound, sort_keys=True).encode()

    def _seal(self, slot: _Slot, kek: bytes, data_key: bytes) -> None:
        """Store ``slot`` with ``data_key`` wrapped under ``kek``, a fresh nonce, bound."""
        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError("the data key must be 32 bytes")
        slot, nonce = replace(slot, aad=AAD_BOUND), os.urandom(_NONCE_BYTES)
        wrapped = ChaCha20Poly1305(kek).encrypt(nonce, data_key, self._aad(slot))
        self._slots[slot.type, slot.id] = replace(slot, nonce=nonce, wrapped=wrapped)

    def _unwrap(self, slot: _Slot, kek: bytes) -> bytes | None:
        """The data key, or None: a wrong key and a tampered slot look the same."""
        with contextlib.suppress(InvalidTag):
            return ChaCha20Poly1305(kek).decrypt(slot.nonce, slot.wrapped, self._aad(slot))
        return None

    def _slots_of(self, slot_type: str) -> list[_Slot]:
        return [slot for slot in self._slots.values() if slot.type == slot_type]

    def _set_password(self, user_id: str, password: str, key: bytes, params: KdfParams) -> None:
        check_writable(params)
        salt = os.urandom(_SALT_BYTES)
        kek, _seconds = timed_stretch(_password_bytes(password), salt, params)
        self._seal(_Slot(PASSWORD, user_id, salt, b"", b"", params), kek, key)

    def password_kdfs(self) -> list[KdfParams]:
        """The Argon2id parameters of the password slots (what a guess costs an attacker)."""
        return [slot.kdf for slot in self._slots_of(PASSWORD) if slot.kdf is not None]

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

    def open_with_password(self, password: str) -> PasswordUnlock:
        """Open the password slot ``password`` fits; raises WrongPassword if none does."""
        secret = _password_bytes(password)
        for slot in self._slots_of(PASSWORD):
            assert slot.kdf is not None  # every password slot has its Argon2id parameters
            kek, seconds = timed_stretch(secret, slot.salt, slot.kdf)
            data_key = self._unwrap(slot, kek)
            if data_key is not None:
                return PasswordUnlock(data_key, slot.id, slot.kdf, seconds, slot.aad == AAD_BOUND)
        raise WrongPassword()

    def unlock_with_password(self, password: str) -> tuple[bytes, str]:
        """Return ``(data_key, user_id)`` of the password slot ``password`` opens."""
        unlocked = self.open_with_password(password)
        return unlocked.data_key, unlocked.user_id

    def unlock_with_recovery(self, text: str) -> bytes:
        recovery_key = parse_recovery_key(text)
        for slot in self._slots_of(RECOVERY):
            data_key = self._unwrap(slot, _recovery_kek(recovery_key, slot.salt))
            if data_key is not None:
                return data_key
        raise WrongRecoveryKey()

    def strengthen(self, password: str, unlocked: PasswordUnlock) -> bool:
        """Re-wrap the slot ``unlocked`` came from if it is old or weak; True if it changed.

        Old: its parameters are not bound (format 1). Weak: below the floor, or it opened in
        less than half the time it was calibrated for (see :func:`~.kdf.stronger_kdf`). The
        caller saves the file; re-wrapping costs one derivation at the new parameters.
        """
        params = stronger_kdf(unlocked.kdf, unlocked.seconds)
        if params is None and unlocked.bound:
            return False
        self.change_password(unlocked.user_id, password, unlocked.data_key,
                             params or unlocked.kdf)  # fmt: skip
        return True

    def to_json(self) -> str:
        slots = [slot.to_dict() for slot in self._slots.values()]
        data: dict[str, object] = {"format": FORMAT, "store_id": self.store_id}
        if self.app_version is not None and self.schema is not None:
            data |= {"app_version": self.app_version, "schema": self.schema}
        data["slots"] = slots
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
            version = data["format"]  # a later format keeps "format" and "app_version" only
            if type(version) is int and version > FORMAT and app_version.is_newer(
                    data.get("app_version")):
                raise StoreTooNew.of(data["app_version"])
            store_id = data["store_id"]
            if type(version) is not int or version not in _READABLE_FORMATS:
                raise ValueError("unknown format version")
            if not isinstance(store_id, str):
                raise ValueError("bad store_id")
            slots = [_Slot.from_dict(raw) for raw in data["slots"]]
            by_key = {(slot.type, slot.id): slot for slot in slots}
            if not store_id or len(by_key) != len(slots):
                raise ValueError("empty store_id or duplicate slot")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise KeyFileDamaged() from exc
        return cls(store_id, by_key, *_writer(data))

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


def _writer(data: dict[str, object]) -> tuple[str | None, str | None]:
    """The recorded app version and schema; both or neither, and only in shape (the file is
    plaintext: what is not a short version and revision id is not taken)."""
    version, schema = app_version.valid(data.get("app_version")), data.get("schema")
    if version is None or not isinstance(schema, str) or not 0 < len(schema) <= _MAX_SCHEMA:
        return None, None
    return version, schema
