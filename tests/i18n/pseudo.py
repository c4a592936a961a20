"""A pseudo-locale computed on the fly: every translated message comes back wrapped.

``⟪Kontakte⟫`` on screen proves the text went through the catalog; a text with letters
outside the brackets was set without ``_()``. ``stretch`` pads each message (with a
Cyrillic letter of average width, in words of eight letters, so that a long message can
still wrap as a real language's would) to play a language that needs more room than German.
"""

from __future__ import annotations

import gettext
import math
import re

OPEN, CLOSE = "⟪", "⟫"
_TAG = re.compile(r"<[^>]*>|&#?\w+;")
_LETTER = re.compile(r"[^\W\d_]")


class PseudoTranslations(gettext.NullTranslations):
    def __init__(self, stretch: float = 0.0) -> None:
        super().__init__()
        self.stretch = stretch

    def _wrap(self, text: str) -> str:
        if not text:
            return text
        padding = "".join(" " if index % 8 == 7 else "о"
                          for index in range(math.ceil(len(text) * self.stretch)))
        return f"{OPEN}{text}{padding}{CLOSE}"

    def gettext(self, message: str) -> str:
        return self._wrap(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._wrap(singular if n == 1 else plural)


def outside_brackets(text: str) -> str:
    """What a text shows outside the pseudo-locale's brackets (HTML markup removed)."""
    kept, depth = [], 0
    for char in _TAG.sub(" ", text):
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def is_hard_coded(text: str) -> bool:
    """A letter outside every bracket: the text (or part of it) bypassed the catalog."""
    return bool(_LETTER.search(outside_brackets(text)))
