"""The active gettext catalog, switchable at runtime.

The language is process state on purpose: a message is translated at the moment it
is shown, so switching the language re-translates everything shown afterwards.
"""

from __future__ import annotations

import gettext as _gettext
import re
from pathlib import Path

DOMAIN = "hamm_field"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("de", "bg", "ro", "tr", "en")
SOURCE_LANGUAGE = "de"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdif]|%[sdif]")

_state: dict[str, object] = {
    "language": SOURCE_LANGUAGE,
    "translations": _gettext.NullTranslations(),
}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now."""
    return message


def set_language(language: str) -> None:
    """Switch the language for every message translated from now on."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    if language == SOURCE_LANGUAGE:
        translations: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        translations = _gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
        )
    _state["language"] = language
    _state["translations"] = translations


def current_language() -> str:
    return str(_state["language"])


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def gettext(message: str) -> str:
    """Translate ``message``; a translation with other placeholders falls back to German."""
    translated = _state["translations"].gettext(message)  # type: ignore[attr-defined]
    if translated != message and _placeholders(translated) != _placeholders(message):
        return message
    return translated


def ngettext(singular: str, plural: str, count: int) -> str:
    """Plural-aware translation with the same placeholder guard as :func:`gettext`."""
    translated = _state["translations"].ngettext(singular, plural, count)  # type: ignore[attr-defined]
    source = singular if count == 1 else plural
    if _placeholders(translated) != _placeholders(source):
        return source
    return translated
