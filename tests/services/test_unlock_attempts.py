"""Wrong passwords in a row make the next try wait: counted per data folder, reset on success."""

from __future__ import annotations

import json
import os
import stat

import pytest

from hamm_field.domain.errors import WrongPassword
from hamm_field.services import setup
from hamm_field.services.unlock_attempts import (
    FILE_NAME,
    UnlockAttempts,
    UnlockDelayed,
    delay_after,
)
from tests.conftest import PASSWORD


class Clock:
    """Wall-clock seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def attempts(tmp_path, clock) -> UnlockAttempts:
    return UnlockAttempts.in_folder(tmp_path, clock)


def test_five_free_tries_then_1_2_4_8_16_and_at_most_30_seconds() -> None:
    assert [delay_after(n) for n in range(13)] == [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]
    assert delay_after(10**9) == 30


def test_the_wait_counts_down_with_the_clock(attempts, clock) -> None:
    for _ in range(6):
        attempts.record_failure()
    assert attempts.wait_seconds() == 2
    clock.now += 1.2
    assert attempts.wait_seconds() == 1
    with pytest.raises(UnlockDelayed) as raised:
        attempts.check()
    message = "Zu viele falsche Passwörter. Der nächste Versuch ist in 1 s möglich."
    assert str(raised.value) == message
    clock.now += 1
    assert attempts.wait_seconds() == 0
    attempts.check()


def test_the_count_is_a_private_file_with_no_secret(attempts, tmp_path) -> None:
    attempts.record_failure()
    path = tmp_path / FILE_NAME
    assert json.loads(path.read_text()) == {"failures": 1, "last_failure": 1_800_000_000.0}
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    attempts.record_success()
    assert not path.exists()


@pytest.mark.parametrize("content", ["", "{", "[]", '{"failures": "9", "last_failure": 1}',
                                     '{"failures": -3, "last_failure": 1}', '{"failures": 9}'])
def test_a_missing_or_unreadable_count_is_no_wrong_tries(attempts, tmp_path, content) -> None:
    assert attempts.wait_seconds() == 0
    (tmp_path / FILE_NAME).write_text(content)
    assert attempts.failures() == 0 and attempts.wait_seconds() == 0
    attempts.record_failure()
    assert attempts.failures() == 1


def test_a_clock_set_back_does_not_lock_anyone_out(attempts, clock) -> None:
    for _ in range(9):
        attempts.record_failure()
    clock.now -= 3600
    assert attempts.wait_seconds() == 0


def test_a_count_that_cannot_be_written_still_says_wrong_password(tmp_path, clock) -> None:
    attempts = UnlockAttempts.in_folder(tmp_path / "no such folder", clock)
    with pytest.raises(WrongPassword), attempts.counting():
        raise WrongPassword()
    assert attempts.failures() == 0


def test_unlocking_counts_refuses_while_waiting_and_resets(new_store, paths, clock) -> None:
    new_store.store.close()
    attempts = UnlockAttempts.in_folder(paths.root, clock)
    for _ in range(4):
        attempts.record_failure()  # four wrong passwords earlier (each costs a derivation)
    with pytest.raises(WrongPassword):
        setup.unlock(paths, "fifth wrong password", attempts=attempts)
    assert attempts.failures() == 5
    with pytest.raises(UnlockDelayed):  # even the right one waits: refused before deriving
        setup.unlock(paths, PASSWORD, attempts=attempts)
    assert attempts.failures() == 5
    clock.now += 1
    setup.unlock(paths, PASSWORD, attempts=attempts).close()
    assert attempts.failures() == 0
    with pytest.raises(WrongPassword):  # counting starts afresh: no wait after one
        setup.unlock(paths, "wrong again", attempts=attempts)
    attempts.check()
