"""The recovery key's check group: a typo says "Tippfehler", a different key says "falsch"."""

from __future__ import annotations

import itertools
import os
import random

import pytest

from hamm_field.domain.errors import WrongRecoveryKey
from hamm_field.store.keyfile import KeyFile
from hamm_field.store.recovery_key import (
    ALPHABET,
    RecoveryKeyTypo,
    format_recovery_key,
    new_recovery_key,
    parse_recovery_key,
)

KEY = format_recovery_key(bytes.fromhex("02") + bytes(range(16)))
KEYS = [KEY, *(new_recovery_key() for _ in range(5))]
TYPO = (
    "Tippfehler im Wiederherstellungsschlüssel. Bitte Zeichen für Zeichen mit dem "
    "Notfallblatt vergleichen."
)


def _positions(key: str) -> list[int]:
    return [index for index, char in enumerate(key) if char != "-"]


def _mistyped(key: str) -> list[str]:
    """Every key with one character replaced by another symbol of the alphabet."""
    return [key[:index] + other + key[index + 1:]
            for index in _positions(key) for other in ALPHABET if other != key[index]]  # fmt: skip


def _neighbours_swapped(key: str) -> list[str]:
    """Every key with two neighbouring characters swapped, across the dashes too."""
    chars, where = list(key), _positions(key)
    swapped = []
    for left, right in itertools.pairwise(where):
        if chars[left] != chars[right]:
            copy = chars.copy()
            copy[left], copy[right] = copy[right], copy[left]
            swapped.append("".join(copy))
    return swapped


@pytest.mark.parametrize("key", KEYS)
def test_every_single_typo_and_every_swap_of_neighbours_is_caught(key: str) -> None:
    variants = _mistyped(key) + _neighbours_swapped(key)
    assert len(variants) > 900  # 30 places x 31 symbols, plus the swaps
    for variant in variants:
        with pytest.raises(RecoveryKeyTypo):
            parse_recovery_key(variant)


def test_the_check_group_is_the_last_group_of_four_and_starts_with_0_or_1() -> None:
    for key in KEYS:
        groups = key.split("-")
        assert [len(group) for group in groups] == [4, 4, 5, 4, 4, 5, 4]
        assert groups[-1][0] in "01"
        assert parse_recovery_key(key) == parse_recovery_key("".join(groups[:-1]))


def test_a_key_is_read_as_forgivingly_as_before() -> None:
    typed = KEY.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert parse_recovery_key(typed) == parse_recovery_key(KEY)
    assert parse_recovery_key(f"  {KEY.replace('-', ' – ')}\n") == parse_recovery_key(KEY)


def test_spelling_the_bytes_and_reading_them_back_agree() -> None:
    for _ in range(50):
        key = os.urandom(17)
        key = bytes([key[0] & 0x03]) + key[1:]  # 130 bits
        assert parse_recovery_key(format_recovery_key(key)) == key
    with pytest.raises(ValueError):
        format_recovery_key(b"\x04" + bytes(16))  # 131 bits


@pytest.mark.parametrize("typed", [KEY[:-1], KEY + "0", KEY.replace("-", "")[:25], KEY[:-5] + "U"])
def test_a_character_too_many_or_few_or_off_the_alphabet_is_a_typo(typed: str) -> None:
    with pytest.raises(RecoveryKeyTypo) as raised:
        parse_recovery_key(typed)
    assert str(raised.value) == TYPO


def test_nothing_typed_is_not_a_typo() -> None:
    with pytest.raises(WrongRecoveryKey) as raised:
        parse_recovery_key(" - ")
    assert not isinstance(raised.value, RecoveryKeyTypo)


def test_the_key_file_tells_a_typo_from_a_wrong_key() -> None:
    data_key = os.urandom(32)
    keys = KeyFile.new("store-1")
    keys.set_recovery(KEY, data_key)
    assert keys.unlock_with_recovery(KEY) == data_key
    typo = random.Random(3).choice(_mistyped(KEY))
    with pytest.raises(RecoveryKeyTypo):
        keys.unlock_with_recovery(typo)
    with pytest.raises(WrongRecoveryKey) as wrong:
        keys.unlock_with_recovery(new_recovery_key())  # well-formed, but another key
    assert str(wrong.value) == "Der Wiederherstellungsschlüssel ist falsch."
    assert typo not in str(wrong.value)


def test_old_keys_without_the_check_group_still_open_their_slot() -> None:
    data_key, old = os.urandom(32), "7PDM-6JD7-V1BKV-W7QN-9145-20PXG"  # tests/data/store_0001
    keys = KeyFile.new("store-1")
    keys.set_recovery(old, data_key)
    assert keys.unlock_with_recovery(old.lower()) == data_key
    with pytest.raises(WrongRecoveryKey) as raised:
        keys.unlock_with_recovery(old.replace("7PDM", "7PDN"))  # no check group: cannot tell
    assert not isinstance(raised.value, RecoveryKeyTypo)
