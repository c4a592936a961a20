import pytest

from hamm_field.domain.hlc import COUNTER_MASK, HybridClock, counter_of, millis_of, pack


class FakeWall:
    def __init__(self, millis: int) -> None:
        self.millis = millis

    def __call__(self) -> int:
        return self.millis


def test_stamps_follow_the_wall_clock_when_it_moves_forward():
    wall = FakeWall(1_000_000)
    clock = HybridClock(wall=wall)
    first = clock.now()
    wall.millis += 5
    second = clock.now()
    assert millis_of(first) == 1_000_000
    assert millis_of(second) == 1_000_005
    assert second > first


def test_stamps_keep_growing_when_the_wall_clock_jumps_back():
    wall = FakeWall(2_000_000)
    clock = HybridClock(wall=wall)
    before = clock.now()
    wall.millis -= 3_600_000  # someone set the laptop clock an hour back
    after = [clock.now() for _ in range(3)]
    assert after[0] > before and after[1] > after[0] and after[2] > after[1]
    assert clock.clock_went_back


def test_same_millisecond_uses_the_counter():
    clock = HybridClock(wall=FakeWall(42))
    stamps = [clock.now() for _ in range(3)]
    assert [counter_of(s) for s in stamps] == [0, 1, 2]


def test_counter_overflow_moves_to_the_next_millisecond():
    clock = HybridClock(last=pack(10, COUNTER_MASK), wall=FakeWall(10))
    stamp = clock.now()
    assert (millis_of(stamp), counter_of(stamp)) == (11, 0)


def test_observing_a_later_remote_stamp_moves_past_it():
    clock = HybridClock(wall=FakeWall(100))
    remote = pack(5_000, 7)
    clock.observe(remote)
    assert clock.now() > remote


@pytest.mark.parametrize("millis", [0, 1, 2**47])
def test_pack_round_trip(millis):
    assert millis_of(pack(millis, 3)) == millis


def test_a_clock_set_back_is_measured_against_the_newest_stamp():
    wall = FakeWall(10_000_000)
    clock = HybridClock(wall=wall)
    clock.now()
    assert clock.behind_by() == 0
    wall.millis -= 3_600_000
    assert clock.behind_by() == 3_600_000
