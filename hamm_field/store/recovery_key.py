"""The recovery key: shown once at setup, kept on paper, read aloud and typed back in.

It carries 130 random bits as 26 Crockford base32 characters, followed by a check group of
four. Crockford's alphabet has no I, L, O or U, so nothing on the paper can be mistaken for
another symbol, and typing is forgiving: case does not matter, spaces and dashes are
ignored, O is read as 0 and I, L as 1. The key is shown as
``XXXX-XXXX-XXXXX-XXXX-XXXX-XXXXX-CCCC``: groups short enough to read aloud and keep in mind
while typing, the last one the check.

The check group is the CRC-16 (CCITT polynomial, as ``binascii.crc_hqx``) of the key's 17
bytes in four characters (20 bits, the top four zero, so it starts with 0 or 1). A CRC of
degree 16 detects every error confined to 16 consecutive bits: one mistyped character
changes 5, two swapped neighbours at most 10, so both are always caught and told apart from
a wrong key ("Tippfehler" instead of "falsch"); other typos slip through once in 65,536.
Keys printed before the check group existed, and keys typed without it, are 26 characters
and still open their slot; they just cannot tell a typo from a wrong key.

The spelling is hand-written because it only spells random bytes; it is not cryptography.
"""

from __future__ import annotations

import binascii
import secrets
import unicodedata

from hamm_field.domain.errors import WrongRecoveryKey
from hamm_field.i18n import N_

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS = 130
LENGTH = BITS // 5  # 26 characters of 5 bits
CHECK_LENGTH = 4  # 20 bits holding a CRC-16
GROUPS = (4, 4, 5, 4, 4, 5, CHECK_LENGTH)
KEY_BYTES = (BITS + 7) // 8  # 17 bytes; the top 6 bits are always zero

_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
_IGNORED = " \t\r\n-‐‑‒–—_"


class RecoveryKeyTypo(WrongRecoveryKey):
    """The typed key cannot be one we printed: a character too many or few, or a typo."""

    message = N_(
        "Tippfehler im Wiederherstellungsschlüssel. Bitte Zeichen für Zeichen mit dem "
        "Notfallblatt vergleichen."
    )


def _spell(value: int, length: int) -> str:
    return "".join(ALPHABET[(value >> (5 * shift)) & 31] for shift in reversed(range(length)))


def _check(key: bytes) -> int:
    return binascii.crc_hqx(key, 0)


def _grouped(chars: str) -> str:
    groups: list[str] = []
    for size in GROUPS:
        groups.append(chars[:size])
        chars = chars[size:]
    return "-".join(groups)


def format_recovery_key(key: bytes) -> str:
    """The printed form of a key's 17 bytes, check group included."""
    value = int.from_bytes(key, "big")
    if len(key) != KEY_BYTES or value >> BITS:
        raise ValueError("a recovery key is 130 bits in 17 bytes")
    return _grouped(_spell(value, LENGTH) + _spell(_check(key), CHECK_LENGTH))


def new_recovery_key() -> str:
    """A fresh random recovery key in its printed, grouped form."""
    return format_recovery_key(secrets.randbits(BITS).to_bytes(KEY_BYTES, "big"))


def _number(chars: list[str]) -> int:
    value = 0
    for char in chars:
        value = (value << 5) | _VALUE[char]
    return value


def parse_recovery_key(text: str) -> bytes:
    """Normalise what a person typed and return the key's canonical 17 bytes.

    Raises :class:`RecoveryKeyTypo` if it cannot be a printed key (wrong length, a symbol
    outside the alphabet, a check group that does not fit), :class:`WrongRecoveryKey` if
    nothing was typed. The typed text is never put into the error.
    """
    typed = unicodedata.normalize("NFKC", text).upper()
    chars = [char for char in typed if char not in _IGNORED]
    if not chars:
        raise WrongRecoveryKey()
    if len(chars) not in (LENGTH, LENGTH + CHECK_LENGTH) or any(c not in _VALUE for c in chars):
        raise RecoveryKeyTypo()
    key = _number(chars[:LENGTH]).to_bytes(KEY_BYTES, "big")
    if len(chars) > LENGTH and _number(chars[LENGTH:]) != _check(key):
        raise RecoveryKeyTypo()
    return key
