"""The key file: password and recovery slots that wrap one data key, and nothing else."""

from __future__ import annotations

import base64
import json
import re
import time
import unicodedata
from pathlib import Path

import pytest

from hamm_field.domain.errors import UserError, WrongPassword, WrongRecoveryKey
from hamm_field.store.keyfile import (
    KDF_FLOOR,
    KdfParams,
    KeyFile,
    KeyFileDamaged,
    KeyFileMissing,
    calibrate_kdf,
)
from hamm_field.store.recovery_key import new_recovery_key, parse_recovery_key
from tests.store.support import FLOOR, RECOVERY


def _edit(keys: KeyFile, change) -> KeyFile:
    data = json.loads(keys.to_json())
    change(data)
    return KeyFile.from_json(json.dumps(data))


def test_round_trip_through_a_file(tmp_path: Path, keyfile: KeyFile, data_key: bytes) -> None:
    path = tmp_path / "keyfile.json"
    keyfile.save(path)
    loaded = KeyFile.load(path)
    assert loaded.store_id == "store-1"
    assert loaded.user_ids() == ["worker-1"]
    assert loaded.unlock_with_password("richtig geheim") == (data_key, "worker-1")
    assert loaded.unlock_with_recovery(RECOVERY) == data_key
    assert json.loads(path.read_text())["format"] == 2


def test_wrong_password(keyfile: KeyFile) -> None:
    with pytest.raises(WrongPassword) as raised:
        keyfile.unlock_with_password("falsch geheim")
    assert "geheim" not in str(raised.value) + repr(raised.value)


def test_no_password_slot_is_a_wrong_password(data_key: bytes) -> None:
    keys = KeyFile.new("store-1")
    keys.set_recovery(RECOVERY, data_key)
    with pytest.raises(WrongPassword):
        keys.unlock_with_password("irgendwas")


def test_password_is_compared_after_nfc(data_key: bytes) -> None:
    keys = KeyFile.new("store-1")
    keys.add_password("u", unicodedata.normalize("NFC", "Müßiggang"), data_key, FLOOR)
    assert keys.unlock_with_password(unicodedata.normalize("NFD", "Müßiggang"))[0] == data_key


@pytest.mark.parametrize(
    "typed",
    [
        RECOVERY,
        "0a1b 2c3d 4e5f6 g7h8 j9k0 mnpqr",  # lowercase, spaces for dashes
        "OA1B-2C3D-4E5F6-G7H8-J9KO-MNPQR",  # O for 0
        "0AIB2C3D4E5F6G7H8J9K0MNPQR",  # I for 1, no separators
        " 0alb – 2c3d – 4e5f6 – g7h8 – j9ko – mnpqr ",  # l for 1, en dashes
    ],
)
def test_recovery_key_as_typed(keyfile: KeyFile, data_key: bytes, typed: str) -> None:
    assert keyfile.unlock_with_recovery(typed) == data_key


def test_wrong_recovery_key(keyfile: KeyFile) -> None:
    with pytest.raises(WrongRecoveryKey):
        keyfile.unlock_with_recovery(new_recovery_key())


@pytest.mark.parametrize("typed", ["", "0A1B-2C3D", RECOVERY + "0", RECOVERY.replace("A", "U")])
def test_malformed_recovery_key(keyfile: KeyFile, typed: str) -> None:
    with pytest.raises(WrongRecoveryKey):
        keyfile.unlock_with_recovery(typed)


def test_new_recovery_key_format() -> None:
    keys = {new_recovery_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4,5}){6}", key)
        assert [len(group) for group in key.split("-")] == [4, 4, 5, 4, 4, 5, 4]
        assert len(parse_recovery_key(key)) == 17
        assert parse_recovery_key(key.lower().replace("-", " ")) == parse_recovery_key(key)


def test_set_recovery_replaces_the_old_key(keyfile: KeyFile, data_key: bytes) -> None:
    fresh = new_recovery_key()
    keyfile.set_recovery(fresh, data_key)
    assert keyfile.unlock_with_recovery(fresh) == data_key
    with pytest.raises(WrongRecoveryKey):
        keyfile.unlock_with_recovery(RECOVERY)
    assert len(json.loads(keyfile.to_json())["slots"]) == 2


def test_change_password_rewraps_only(tmp_path: Path, keyfile: KeyFile, data_key: bytes) -> None:
    before = {slot["type"]: slot for slot in json.loads(keyfile.to_json())["slots"]}
    keyfile.change_password("worker-1", "neues Passwort", data_key, FLOOR)
    keyfile.save(tmp_path / "keyfile.json")
    keys = KeyFile.load(tmp_path / "keyfile.json")
    with pytest.raises(WrongPassword):
        keys.unlock_with_password("richtig geheim")
    assert keys.unlock_with_password("neues Passwort") == (data_key, "worker-1")
    assert keys.unlock_with_recovery(RECOVERY) == data_key
    after = {slot["type"]: slot for slot in json.loads(keys.to_json())["slots"]}
    assert after["recovery"] == before["recovery"]
    assert after["password"]["wrapped"] != before["password"]["wrapped"]


def test_change_or_remove_unknown_user(keyfile: KeyFile, data_key: bytes) -> None:
    with pytest.raises(KeyError):
        keyfile.change_password("nobody", "x", data_key, FLOOR)
    with pytest.raises(KeyError):
        keyfile.remove_password("nobody")
    with pytest.raises(ValueError):
        keyfile.add_password("worker-1", "again", data_key, FLOOR)


def test_two_users_each_unlock_their_own(keyfile: KeyFile, data_key: bytes) -> None:
    keyfile.add_password("worker-2", "anderes Passwort", data_key, FLOOR)
    assert keyfile.user_ids() == ["worker-1", "worker-2"]
    assert keyfile.unlock_with_password("richtig geheim") == (data_key, "worker-1")
    assert keyfile.unlock_with_password("anderes Passwort") == (data_key, "worker-2")
    keyfile.remove_password("worker-1")
    assert keyfile.user_ids() == ["worker-2"]
    with pytest.raises(WrongPassword):
        keyfile.unlock_with_password("richtig geheim")


def _flip_wrapped(data: dict) -> None:
    slot = data["slots"][0]
    raw = bytearray(base64.b64decode(slot["wrapped"]))
    raw[3] ^= 0x01
    slot["wrapped"] = base64.b64encode(bytes(raw)).decode()


def test_tampered_ciphertext_fails(keyfile: KeyFile) -> None:
    with pytest.raises(WrongPassword):
        _edit(keyfile, _flip_wrapped).unlock_with_password("richtig geheim")


def test_slots_are_bound_to_their_store(keyfile: KeyFile) -> None:
    moved = _edit(keyfile, lambda data: data.update(store_id="store-2"))
    with pytest.raises(WrongPassword):
        moved.unlock_with_password("richtig geheim")
    with pytest.raises(WrongRecoveryKey):
        moved.unlock_with_recovery(RECOVERY)


def test_slots_are_bound_to_their_user(keyfile: KeyFile) -> None:
    relabelled = _edit(keyfile, lambda data: data["slots"][0].update(id="boss"))
    with pytest.raises(WrongPassword):
        relabelled.unlock_with_password("richtig geheim")


def test_no_secret_in_the_file(tmp_path: Path, keyfile: KeyFile, data_key: bytes) -> None:
    keyfile.save(tmp_path / "keyfile.json")
    text = (tmp_path / "keyfile.json").read_text()
    raw = (tmp_path / "keyfile.json").read_bytes()
    secrets = ["richtig geheim", data_key.hex(), data_key.hex().upper()]
    secrets += [base64.b64encode(data_key).decode(), base64.urlsafe_b64encode(data_key).decode()]
    secrets += [RECOVERY, base64.b64encode(parse_recovery_key(RECOVERY)).decode()]
    for secret in secrets:
        assert secret not in text
    assert data_key not in raw


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        "{}",
        '{"format": 3, "store_id": "s", "slots": []}',
        '{"format": true, "store_id": "s", "slots": []}',
        '{"format": 1, "store_id": "", "slots": []}',
        '{"format": 1, "store_id": "s", "slots": [1]}',
        '{"format": 1, "store_id": "s", "slots": {"a": 1}}',
    ],
)
def test_malformed_json(text: str) -> None:
    with pytest.raises(KeyFileDamaged):
        KeyFile.from_json(text)


@pytest.mark.parametrize(
    "change",
    [
        lambda slot: slot.update(nonce="AAAA"),
        lambda slot: slot.update(salt="!!not base64!!"),
        lambda slot: slot.update(memory_cost=2**40),
        lambda slot: slot.update(memory_cost=1024 * 1024, iterations=100),  # unlocked in 65 s
        lambda slot: slot.update(memory_cost=512 * 1024),
        lambda slot: slot.update(iterations=65),
        lambda slot: slot.update(memory_cost=128 * 1024, iterations=40),  # each fine, not both
        lambda slot: slot.update(lanes=17),
        lambda slot: slot.update(memory_cost=64, lanes=16),  # Argon2 needs 8 KiB per lane
        lambda slot: slot.update(target_ms=-1),
        lambda slot: slot.update(target_ms=10**6),
        lambda slot: slot.pop("target_ms"),
        lambda slot: slot.update(aad=3),
        lambda slot: slot.update(aad="2"),
        lambda slot: slot.update(iterations="2"),
        lambda slot: slot.update(lanes=True),
        lambda slot: slot.update(kdf="scrypt"),
        lambda slot: slot.update(type="master"),
        lambda slot: slot.pop("wrapped"),
    ],
)
def test_malformed_slot(keyfile: KeyFile, change) -> None:
    with pytest.raises(KeyFileDamaged):
        _edit(keyfile, lambda data: change(data["slots"][0]))


def test_duplicate_slot_is_damage(keyfile: KeyFile) -> None:
    with pytest.raises(KeyFileDamaged):
        _edit(keyfile, lambda data: data["slots"].append(data["slots"][0]))


def test_load_missing_or_unreadable(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing) as raised:
        KeyFile.load(tmp_path / "nope.json")
    assert isinstance(raised.value, UserError)
    assert "nope.json" in str(raised.value)
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(KeyFileDamaged) as damaged:
        KeyFile.load(tmp_path / "binary.json")
    assert str(damaged.value) == "Die Schlüsseldatei ist beschädigt oder unlesbar."


def test_params_below_the_floor_are_refused(data_key: bytes) -> None:
    keys = KeyFile.new("store-1")
    for weak in (KdfParams(memory_cost=19456, iterations=2, lanes=1),  # the old floor
                 KdfParams(memory_cost=64 * 1024, iterations=2, lanes=1)):  # fmt: skip
        with pytest.raises(ValueError):
            keys.add_password("u", "pw", data_key, weak)
    with pytest.raises(ValueError):
        keys.add_password("u", "pw", b"short", FLOOR)
    assert keys.user_ids() == []


def test_calibrate_zero_is_the_floor_of_64_mib_and_3_passes() -> None:
    assert calibrate_kdf(0) == KDF_FLOOR == KdfParams(memory_cost=65536, iterations=3, lanes=1)
    assert calibrate_kdf(-1) == KDF_FLOOR


@pytest.mark.slow
def test_calibrate_hits_roughly_the_target(data_key: bytes) -> None:
    params = calibrate_kdf(0.2)
    assert params.memory_cost >= KDF_FLOOR.memory_cost
    assert params.iterations >= KDF_FLOOR.iterations
    assert 1 <= params.lanes <= 4
    keys = KeyFile.new("store-1")
    keys.add_password("u", "pw", data_key, params)
    start = time.perf_counter()
    keys.unlock_with_password("pw")
    assert 0.1 <= time.perf_counter() - start <= 0.6
