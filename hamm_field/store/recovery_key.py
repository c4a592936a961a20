"""The recovery key: shown once at setup, kept on paper, read aloud and typed back in.

It carries 130 random bits as 26 Crockford base32 characters. Crockford's alphabet has no
I, L, O or U, so nothing on the paper can be mistaken for another symbol, and typing is
forgiving: case does not matter, spaces and dashes are ignored, O is read as 0 and I, L as 1.
The key is shown as ``XXXX-XXXX-XXXXX-XXXX-XXXX-XXXXX`` (4-4-5-4-4-5): two identical
halves of 13 characters that fit one printed line each, with groups short enough to read
aloud and to keep in mind while typing. The encoding is hand-written because it is only a
spelling of random bytes, not cryptography.
"""

from __future__ import annotations

import secrets
import unicodedata

from hamm_field.domain.errors import WrongRecoveryKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS = 130
LENGTH = BITS // 5  # 26 characters of 5 bits
GROUPS = (4, 4, 5, 4, 4, 5)
KEY_BYTES = (BITS + 7) // 8  # 17 bytes; the top 6 bits are always zero

_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
_IGNORED = " \t\r\n-‐‑‒–—_"


def _encode(value: int) -> str:
    chars = "".join(ALPHABET[(value >> (5 * shift)) & 31] for shift in reversed(range(LENGTH)))
    groups: list[str] = []
    for size in GROUPS:
        groups.append(chars[:size])
        chars = chars[size:]
    return "-".join(groups)


def new_recovery_key() -> str:
    """A fresh random recovery key in its printed, grouped form."""
    return _encode(secrets.randbits(BITS))


def parse_recovery_key(text: str) -> bytes:
    """Normalise what a person typed and return the key's canonical 17 bytes.

    Raises :class:`WrongRecoveryKey` if it is not 26 Crockford characters; the typed text is
    never put into the error.
    """
    typed = unicodedata.normalize("NFKC", text).upper()
    chars = [char for char in typed if char not in _IGNORED]
    if len(chars) != LENGTH or any(char not in _VALUE for char in chars):
        raise WrongRecoveryKey()
    value = 0
    for char in chars:
        value = (value << 5) | _VALUE[char]
    return value.to_bytes(KEY_BYTES, "big")
