"""Argon2id for the password slots: its cost, the floor under it and the ceiling over it.

An attacker with a copy of the key file pays per guess what an unlock costs us, so the cost is
a time (0.5 s in the design), calibrated on the machine. Calibration alone is not enough:
on a busy machine it measured slow and settled on 90 ms per guess. So:

- a **floor** no calibration goes below: 64 MiB and 3 passes, the second recommended
  setting of RFC 9106 (about 0.17 s on the 2-core reference machine). The test suite runs at
  the floor too; there is no setting that lowers it;
- a slot remembers the time it was calibrated for (``target_ms``), and a later unlock that
  took less than half of it, on a quiet machine, re-wraps the slot with more passes
  (:func:`stronger_kdf`). Slots calibrated for 0 s (the tests) stay at the floor;
- a **ceiling** on what a key file may ask for (a file raised to 1 GiB × 100 passes made an
  unlock take 65 s): at most twice the work calibration can choose on a fast machine, so a
  damaged or hostile file costs a few seconds at worst, never minutes.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIB = 1024  # memory_cost is in KiB
MAX_CALIBRATED_ITERATIONS = 32  # a hiccup while calibrating must not make unlocking slow
LEGACY_TARGET_MS = 500  # what slots written before ``target_ms`` existed were calibrated for
_MAX_TARGET_MS = 10_000
_clock = time.perf_counter  # replaced in tests that need a derivation to look fast


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost (memory in KiB, passes, lanes) and the time it was calibrated for."""

    memory_cost: int
    iterations: int
    lanes: int
    target_ms: int = 0  # 0: never recalibrated (the floor the tests use)

    @property
    def work(self) -> int:
        """KiB processed per derivation: what the time of a derivation grows with."""
        return self.memory_cost * self.iterations

    def at_least(self, other: KdfParams) -> bool:
        return self.memory_cost >= other.memory_cost and self.iterations >= other.iterations


KDF_FLOOR = KdfParams(memory_cost=64 * MIB, iterations=3, lanes=1)
# What a key file may ask for. The lower end only keeps Argon2id's own rules (slots written
# before the floor existed used 19 MiB × 2; they open and are re-wrapped at the floor).
_READ_MIN = KdfParams(memory_cost=8, iterations=1, lanes=1)
_READ_MAX = KdfParams(memory_cost=256 * MIB, iterations=2 * MAX_CALIBRATED_ITERATIONS, lanes=16)
_MAX_WORK = KDF_FLOOR.memory_cost * 2 * MAX_CALIBRATED_ITERATIONS
KDF_CEILING = _READ_MAX
"""The most a key file may ask for (memory, passes): named in the record of processing."""


def check_readable(params: KdfParams) -> None:
    """Raise ValueError unless a key file may ask for ``params``."""
    numbers = (params.memory_cost, params.iterations, params.lanes, params.target_ms)
    if any(type(number) is not int for number in numbers):
        raise ValueError("Argon2id parameters must be integers")
    low, high = _READ_MIN, _READ_MAX
    if not (
        low.memory_cost <= params.memory_cost <= high.memory_cost
        and low.iterations <= params.iterations <= high.iterations
        and low.lanes <= params.lanes <= high.lanes
        and params.memory_cost >= 8 * params.lanes  # Argon2's own minimum
        and params.work <= _MAX_WORK
        and 0 <= params.target_ms <= _MAX_TARGET_MS
    ):
        raise ValueError("Argon2id parameters out of bounds")


def check_writable(params: KdfParams) -> None:
    """Raise ValueError unless ``params`` may protect a new slot: the floor, the ceiling."""
    check_readable(params)
    if not params.at_least(KDF_FLOOR):
        raise ValueError("Argon2id parameters below the floor")


def stretch(password: bytes, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt, length=32, iterations=params.iterations, lanes=params.lanes,
        memory_cost=params.memory_cost,
    ).derive(password)  # fmt: skip


def timed_stretch(password: bytes, salt: bytes, params: KdfParams) -> tuple[bytes, float]:
    """The derived key and the seconds it took (what recalibration goes by)."""
    start = _clock()
    key = stretch(password, salt, params)
    return key, _clock() - start


def calibrate_kdf(target_seconds: float = 0.5) -> KdfParams:
    """Argon2id parameters that take about ``target_seconds`` here, never less than the floor.

    64 MiB makes GPU guessing dear yet fits any laptop; lanes follow the cores (up to 4, as
    RFC 9106 suggests). Passes scale from a timed derivation, twice, as allocating the memory
    skews the first measurement. ``target_seconds <= 0`` gives the floor without measuring.
    """
    if target_seconds <= 0:
        return KDF_FLOOR
    target_ms = min(_MAX_TARGET_MS, round(target_seconds * 1000))
    lanes = max(1, min(4, os.cpu_count() or 1))
    params = replace(KDF_FLOOR, lanes=lanes, target_ms=target_ms)
    for _ in range(2):
        _key, elapsed = timed_stretch(b"calibration", os.urandom(16), params)
        params = replace(params, iterations=_scaled_iterations(params, elapsed, params.memory_cost))
    return params


def _scaled_iterations(params: KdfParams, seconds: float, memory_cost: int) -> int:
    """Passes over ``memory_cost`` KiB that take ``params.target_ms`` at the speed measured
    for ``params`` in ``seconds``; at most the work of 32 passes over 64 MiB."""
    per_kib = max(seconds, 1e-6) / params.work
    wanted = round(params.target_ms / 1000 / (per_kib * memory_cost))
    most = KDF_FLOOR.memory_cost * MAX_CALIBRATED_ITERATIONS // memory_cost
    return max(KDF_FLOOR.iterations, min(most, wanted))


def stronger_kdf(params: KdfParams, seconds: float) -> KdfParams | None:
    """The parameters to re-wrap a slot with after it opened in ``seconds``, or None.

    A slot below the floor is lifted to it. A slot that took less than half its target was
    calibrated on a busy machine (or the machine got faster): it gets the passes that fill the
    target at the speed just measured. Twice as fast is "clearly" faster; a smaller margin
    would re-wrap on every unlock from measurement noise. A slow unlock says the machine is
    busy now and changes nothing; parameters only ever go up.
    """
    memory_cost = max(params.memory_cost, KDF_FLOOR.memory_cost)
    iterations = max(params.iterations, KDF_FLOOR.iterations)
    if params.target_ms and seconds < params.target_ms / 2000:
        iterations = max(iterations, _scaled_iterations(params, seconds, memory_cost))
    stronger = replace(params, memory_cost=memory_cost, iterations=iterations)
    return None if stronger == params else stronger
