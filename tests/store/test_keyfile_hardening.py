"""Password slots bind their Argon2id parameters, and old or weak slots are re-wrapped."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from hamm_field.domain.errors import WrongPassword
from hamm_field.store import kdf
from hamm_field.store.kdf import KDF_FLOOR, KdfParams
from hamm_field.store.keyfile import KeyFile, KeyFileDamaged
from tests.store.support import RECOVERY

FIXTURE = Path("tests/data/store_0001")  # written before the floor and the binding existed
FIXTURE_PASSWORD = "fixture-password"



def derivations_take(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Every timed derivation measures ``seconds``: a busy or a quiet machine."""
    ticks = itertools.count(step=seconds)
    monkeypatch.setattr(kdf, "_clock", lambda: next(ticks))


def _edited(keys: KeyFile, **changes: object) -> KeyFile:
    data = json.loads(keys.to_json())
    slot = next(slot for slot in data["slots"] if slot["type"] == "password")
    for name, value in changes.items():
        if value is None:
            slot.pop(name)
        else:
            slot[name] = value
    return KeyFile.from_json(json.dumps(data))


@pytest.mark.parametrize(
    "changes",
    [
        {"iterations": 4},  # a cheaper or dearer derivation, within bounds
        {"lanes": 2},
        {"target_ms": 500},  # changes no derived key: only the binding catches it
        {"aad": None},  # passed off as a slot of format 1, whose wrap does not bind them
        {"aad": 1},
    ],
)
def test_an_edited_parameter_does_not_open(keyfile: KeyFile, data_key: bytes, changes) -> None:
    edited = _edited(keyfile, **changes)
    with pytest.raises(WrongPassword):
        edited.unlock_with_password("richtig geheim")
    assert edited.unlock_with_recovery(RECOVERY) == data_key  # the way back in stays open


def test_a_file_asking_for_minutes_of_work_is_refused_before_deriving(keyfile: KeyFile) -> None:
    with pytest.raises(KeyFileDamaged) as raised:
        _edited(keyfile, memory_cost=1024 * 1024, iterations=100)
    assert str(raised.value) == "Die Schlüsseldatei ist beschädigt oder unlesbar."


def test_the_file_names_the_binding_and_the_target(keyfile: KeyFile) -> None:
    data = json.loads(keyfile.to_json())
    password = next(slot for slot in data["slots"] if slot["type"] == "password")
    assert data["format"] == 2
    assert password["aad"] == 2 and password["target_ms"] == 0
    assert password["memory_cost"] == 65536 and password["iterations"] == 3


def test_an_unlock_says_what_it_found_but_never_shows_the_key(keyfile, data_key) -> None:
    unlocked = keyfile.open_with_password("richtig geheim")
    assert (unlocked.data_key, unlocked.user_id, unlocked.kdf) == (data_key, "worker-1", KDF_FLOOR)
    assert unlocked.bound and unlocked.seconds > 0
    assert data_key.hex() not in repr(unlocked) and repr(data_key) not in repr(unlocked)


def test_a_floor_slot_of_the_tests_is_never_rewritten(keyfile, monkeypatch) -> None:
    derivations_take(monkeypatch, 0.001)  # however fast: calibrated for 0 s
    before = keyfile.to_json()
    unlocked = keyfile.open_with_password("richtig geheim")
    assert keyfile.strengthen("richtig geheim", unlocked) is False
    assert keyfile.to_json() == before


def test_a_slot_calibrated_on_a_busy_machine_gets_more_passes_when_quiet(
    data_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = KeyFile.new("store-1")
    keys.add_password("worker-1", "richtig geheim", data_key, KdfParams(65536, 3, 1, 120))
    derivations_take(monkeypatch, 0.05)  # the unlock took 50 ms of its 120
    unlocked = keys.open_with_password("richtig geheim")
    assert keys.strengthen("richtig geheim", unlocked) is True
    reloaded = KeyFile.from_json(keys.to_json())
    derivations_take(monkeypatch, 0.11)  # 7 passes at that speed: about the target
    again = reloaded.open_with_password("richtig geheim")
    assert again.data_key == data_key and again.kdf == KdfParams(65536, 7, 1, 120)
    assert reloaded.strengthen("richtig geheim", again) is False


def test_an_old_key_file_opens_and_is_upgraded(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "store")
    path = tmp_path / "store" / "hamm_field.key"
    recovery = (tmp_path / "store" / "RECOVERY_KEY.txt").read_text().strip()
    assert json.loads(path.read_text())["format"] == 1
    keys = KeyFile.load(path)
    derivations_take(monkeypatch, 2.0)  # a busy machine: only the floor and the binding
    unlocked = keys.open_with_password(FIXTURE_PASSWORD)
    assert not unlocked.bound
    assert unlocked.kdf == KdfParams(19456, 2, 1, kdf.LEGACY_TARGET_MS)

    assert keys.strengthen(FIXTURE_PASSWORD, unlocked) is True
    keys.save(path)
    upgraded = KeyFile.load(path)
    again = upgraded.open_with_password(FIXTURE_PASSWORD)
    assert again.bound and again.kdf == KdfParams(65536, 3, 1, kdf.LEGACY_TARGET_MS)
    assert again.data_key == unlocked.data_key
    assert upgraded.unlock_with_recovery(recovery) == unlocked.data_key
    assert json.loads(path.read_text())["format"] == 2
    assert upgraded.strengthen(FIXTURE_PASSWORD, again) is False
