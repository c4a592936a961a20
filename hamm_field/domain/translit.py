"""Transliteration and spelling-tolerant name search.

Families write their names as they learned to: in Bulgarian Cyrillic, or in Latin with
Romanian, Turkish or German habits. A worker searches by whatever spelling they remember,
so "Живков", "Zhivkov", "Jivkov" and "Živkov" must all find each other.

:func:`to_latin` is the display transliteration kept beside a Cyrillic name: the official
Bulgarian Streamlined System (Transliteration Act 2009), the one printed in passports.

:func:`search_key` folds a name to a key; :func:`matches` compares keys token by token.
Folding: transliterate, drop diacritics (ș ş ț ţ ă â î ç ğ ö ü é ...), map the letters
Unicode does not decompose (ı ł đ æ ø œ ß), casefold, turn everything else into spaces.
Then a small set of spelling rules, applied until nothing changes, so the key is stable:

- ``kh -> h``: English/ISO habit for х ("Khristo" is "Hristo").
- ``zh -> z``, ``sh -> s``, ``ch -> c``, ``j -> z``: the Latin digraphs for ж ш ч are
  written ž/j, š/ş, č/ç elsewhere; once diacritics are dropped those are z, s, c. So
  "Zhivkov", "Jivkov", "Živkov", "Ayshe" and "Ayşe" meet. Each digraph keeps its first
  letter, so a half-typed query ("Z", "Sh") still finds the name while typing.
- ``j -> i`` after a vowel unless an ``i`` (or ``y``) follows: German writes й/я/ю as j/ja/ju there,
  and Romanian as i/ia/iu, so "Stojanowa", "Stoianova" and "Стоянова" meet, as do
  "Najden" and "Найден". This step runs first, on the letters as typed.
- ``y -> i``, ``w -> v``: й/ь/ю/я are y/yu/ya in one habit and i/iu/ia in another; German
  writes v as w.
- Runs of one letter become one letter: "Müller"/"Muller"/"Muler", "Straße"/"Strasse",
  "Georgiy"/"Georgi", "Mariya"/"Maria".

Why so loose: the result is a short list of candidate families a person looks through, so
recall matters and precision does not; з/ж or с/ш merging only adds a few candidates.
The letter j is the one real conflict: German uses it for й, Romanian and French for ж.
After a vowel the German reading wins, except before i, where й hardly occurs and ж often
does ("Bojidar" still finds "Божидар"). The price: a Romanian "Cojuharov" no longer finds
"Кожухаров" (typing "Kozh" still does), and a word-initial German j stays ж, so
"Jordanow" does not find "Йорданов" ("Jivkov" and "Jana" need that reading more).
Left out on purpose: ``ts -> c`` (c already stands for ч/ç, Romanian ț folds to t, and "Kot"
would stop finding "Kotsev" while typing) and Turkish ü/ö vs. yu/yo ("Mari" would stop
finding "Marius").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["matches", "search_key", "to_latin"]

_BG_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "ѝ": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip

# Lower-case letters without a Unicode decomposition (applied after casefold).
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "ø": "o", "œ": "oe"}
)
_SPELLING = {"kh": "h", "zh": "z", "sh": "s", "ch": "c", "j": "z", "y": "i", "w": "v"}
_SPELLING_RE = re.compile(r"kh|zh|sh|ch|[jyw]|([^\W\d_])\1+")
_VOWEL_J_RE = re.compile(r"(?<=[aeiouy])j(?![iy])")
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _word_to_latin(match: re.Match[str]) -> str:
    word = match.group()
    shouting = len(word) > 1 and word.isupper()
    if word.lower() == "българия":
        latin = "bulgaria"  # the Act names the country so, not "Balgaria"
        return latin.upper() if shouting else latin.capitalize() if word[0].isupper() else latin
    out: list[str] = []
    for index, char in enumerate(word):
        lower = char.lower()
        latin = _BG_TO_LATIN.get(lower)
        if latin is None:
            out.append(char)
            continue
        if lower == "я" and index == len(word) - 1 and index and word[index - 1].lower() == "и":
            latin = "a"  # word-final -ия is -ia
        if char != lower:
            latin = latin.upper() if shouting else latin.capitalize()
        out.append(latin)
    return "".join(out)


def to_latin(text: str) -> str:
    """Transliterate Bulgarian Cyrillic by the Streamlined System; other text is unchanged.

    "Жельо" -> "Zhelyo", "ЖЕЛЬО" -> "ZHELYO", "България" -> "Bulgaria".
    """
    return _WORD_RE.sub(_word_to_latin, text)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _respell(match: re.Match[str]) -> str:
    return match.group(1) or _SPELLING[match.group()]


@lru_cache(maxsize=8192)
def search_key(text: str) -> str:
    """Fold a name to its search key; see the module docstring for the rules.

    Apply it to the stored name and to the query alike; a match is a substring of the key.
    """
    key = to_latin(_strip_marks(text))
    key = _strip_marks(key.casefold()).translate(_UNDECOMPOSED)
    key = _VOWEL_J_RE.sub("i", _NON_ALNUM_RE.sub(" ", key))
    while (respelled := _SPELLING_RE.sub(_respell, key)) != key:
        key = respelled
    return " ".join(key.split())


def matches(query: str, text: str) -> bool:
    """Whether every word of ``query`` occurs, folded, somewhere in ``text``.

    An empty query matches everything.
    """
    haystack = search_key(text)
    return all(needle in haystack for needle in search_key(query).split())
