"""Hybrid logical clock: 48-bit milliseconds and a 16-bit counter in one integer.

Every write is stamped with ``(hlc, device_id)``. The clock never goes backwards, even
when the laptop's wall clock does, so a later edit on the same device always wins over
an earlier one; receiving a stamp from another device moves the clock past it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(millis: int, counter: int) -> int:
    return (millis << COUNTER_BITS) | counter


def millis_of(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def counter_of(stamp: int) -> int:
    return stamp & COUNTER_MASK


def wall_millis() -> int:
    return int(time.time() * 1000)


@dataclass
class HybridClock:
    """A monotonic HLC; ``last`` is persisted by the store after each write."""

    last: int = 0
    wall: Callable[[], int] = field(default=wall_millis)
    clock_went_back: bool = False

    def now(self) -> int:
        """A stamp greater than every stamp this clock has issued or seen."""
        wall = self.wall()
        last_ms = millis_of(self.last)
        if wall > last_ms:
            self.last = pack(wall, 0)
        else:
            if wall < last_ms - 1000:
                self.clock_went_back = True
            self.last = self._bump(self.last)
        return self.last

    def behind_by(self) -> int:
        """How many milliseconds the wall clock is behind the newest stamp issued or seen.

        Stamps still grow when the wall clock is set back, but new entries then carry a
        time that is too early for a person reading them, so the laptop must say so.
        """
        return max(0, millis_of(self.last) - self.wall())

    def observe(self, remote: int) -> None:
        """Move past a stamp received from another device."""
        if remote > self.last:
            self.last = remote

    @staticmethod
    def _bump(stamp: int) -> int:
        millis, counter = millis_of(stamp), counter_of(stamp)
        if counter == COUNTER_MASK:
            return pack(millis + 1, 0)
        return pack(millis, counter + 1)
