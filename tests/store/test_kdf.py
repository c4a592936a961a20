"""Argon2id cost: never below the floor, never above the ceiling, raised when it ran fast."""

from __future__ import annotations

import pytest

from hamm_field.store import kdf
from hamm_field.store.kdf import (
    KDF_FLOOR,
    LEGACY_TARGET_MS,
    KdfParams,
    calibrate_kdf,
    check_readable,
    check_writable,
    stronger_kdf,
)

MIB = 1024


def a_pass_over_64_mib_takes(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Calibrate on a machine of that speed (busy or quiet), without deriving anything."""

    def timed(_password: bytes, _salt: bytes, params: KdfParams) -> tuple[bytes, float]:
        return b"", seconds * params.work / (64 * MIB)

    monkeypatch.setattr(kdf, "timed_stretch", timed)


def test_the_floor_is_64_mib_and_3_passes() -> None:
    assert (KDF_FLOOR.memory_cost, KDF_FLOOR.iterations) == (64 * MIB, 3)
    check_writable(KDF_FLOOR)
    with pytest.raises(ValueError):
        check_writable(KdfParams(memory_cost=19456, iterations=2, lanes=1))


def test_a_busy_machine_still_gets_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    """``init`` on a busy machine once settled on 2 passes (90 ms per guess)."""
    a_pass_over_64_mib_takes(monkeypatch, 1.5)
    params = calibrate_kdf(0.5)
    assert params.at_least(KDF_FLOOR)
    assert params.iterations == KDF_FLOOR.iterations
    assert params.target_ms == 500  # remembered, so a quiet unlock can raise it later


def test_a_fast_machine_gets_more_passes_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    a_pass_over_64_mib_takes(monkeypatch, 0.1 / 3)
    assert calibrate_kdf(0.5).iterations == 15
    a_pass_over_64_mib_takes(monkeypatch, 0.001)
    assert calibrate_kdf(0.5).iterations == kdf.MAX_CALIBRATED_ITERATIONS


def test_what_calibration_gives_a_key_file_may_hold() -> None:
    fastest = KdfParams(64 * MIB, kdf.MAX_CALIBRATED_ITERATIONS, 4, 10_000)
    check_readable(fastest)
    check_readable(KdfParams(64 * MIB, 2 * kdf.MAX_CALIBRATED_ITERATIONS, 16))  # margin: 2x


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(1024 * MIB, 100, 1),  # the file that made an unlock take 65 s
        KdfParams(256 * MIB, 32, 1),  # each number allowed, the work is not
        KdfParams(512 * MIB, 3, 1),
        KdfParams(64 * MIB, 65, 1),
        KdfParams(64 * MIB, 3, 17),
        KdfParams(64 * MIB, 0, 1),
        KdfParams(64 * MIB, 3, 1, -5),
        KdfParams(64 * MIB, True, 1),  # type: ignore[arg-type]
        KdfParams(64.0 * MIB, 3, 1),  # type: ignore[arg-type]
    ],
)
def test_what_a_key_file_may_not_ask_for(params: KdfParams) -> None:
    with pytest.raises(ValueError):
        check_readable(params)


def test_a_slot_that_opened_fast_gets_the_passes_that_fill_its_target() -> None:
    calibrated_busy = KdfParams(64 * MIB, 3, 4, target_ms=500)
    assert stronger_kdf(calibrated_busy, 0.1) == KdfParams(64 * MIB, 15, 4, target_ms=500)


def test_a_slot_that_opened_in_about_its_target_stays() -> None:
    params = KdfParams(64 * MIB, 6, 4, target_ms=500)
    assert stronger_kdf(params, 0.3) is None  # not clearly faster: noise, not a new machine
    assert stronger_kdf(params, 2.0) is None  # slower now: busy; parameters never go down


def test_slots_calibrated_for_zero_seconds_stay_at_the_floor() -> None:
    assert stronger_kdf(KDF_FLOOR, 0.001) is None


def test_no_strengthening_beyond_what_calibration_would_choose() -> None:
    fastest = stronger_kdf(KdfParams(64 * MIB, 3, 1, 500), 1e-9)
    assert fastest is not None and fastest.iterations == kdf.MAX_CALIBRATED_ITERATIONS
    big = stronger_kdf(KdfParams(256 * MIB, 3, 1, 10_000), 0.01)
    assert big is not None and big.work <= 64 * MIB * kdf.MAX_CALIBRATED_ITERATIONS
    check_writable(big)


def test_an_old_slot_below_the_floor_is_lifted_even_on_a_busy_machine() -> None:
    old = KdfParams(19456, 2, 1, LEGACY_TARGET_MS)
    assert stronger_kdf(old, 5.0) == KdfParams(64 * MIB, 3, 1, LEGACY_TARGET_MS)
    quiet = stronger_kdf(old, 0.026)  # 19 MiB x 2 in 26 ms: 64 MiB takes ~45 ms per pass
    assert quiet is not None and quiet.memory_cost == 64 * MIB and 10 <= quiet.iterations <= 12
