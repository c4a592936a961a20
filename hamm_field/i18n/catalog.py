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

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdifr]|%[sdifr]")

_state: dict[str, object] = {
    "language": SOURCE_LANGUAGE,
    "translations": _gettext.NullTranslations(),
}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now."""
    return message


def _load(language: str) -> _gettext.NullTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
    )


def set_language(language: str) -> None:
    """Switch the language for every message translated from now on."""
    install(_load(language), language)


def install(translations: _gettext.NullTranslations, language: str) -> None:
    """Make ``translations`` the active catalog (the test suite's pseudo-locales use this)."""
    _state["language"] = language
    _state["translations"] = translations


def current_language() -> str:
    return str(_state["language"])


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _guarded_gettext(translations: _gettext.NullTranslations, message: str) -> str:
    translated = translations.gettext(message)
    if translated != message and _placeholders(translated) != _placeholders(message):
        return message
    return translated


def _guarded_ngettext(
    translations: _gettext.NullTranslations, singular: str, plural: str, count: int
) -> str:
    translated = translations.ngettext(singular, plural, count)
    source = singular if count == 1 else plural
    if _placeholders(translated) != _placeholders(source):
        return source
    return translated


def gettext(message: str) -> str:
    """Translate ``message``; a translation with other placeholders falls back to German."""
    return _guarded_gettext(_state["translations"], message)  # type: ignore[arg-type]


def ngettext(singular: str, plural: str, count: int) -> str:
    """Plural-aware translation with the same placeholder guard as :func:`gettext`."""
    return _guarded_ngettext(_state["translations"], singular, plural, count)  # type: ignore[arg-type]


class Translator:
    """``gettext`` and ``ngettext`` of one fixed language, whatever the app speaks.

    For documents printed in a family's language next to German (the Starterpaket
    receipt) and for documents built on a background thread, where switching the
    process-wide language would race with the screen.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._translations = _load(language)

    def __call__(self, message: str) -> str:
        return _guarded_gettext(self._translations, message)

    gettext = __call__

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return _guarded_ngettext(self._translations, singular, plural, count)

    def has(self, message: str) -> bool:
        """Whether the catalog carries a usable translation of ``message``.

        A translation may be spelled like the German ("Familie" in Romanian) and still count.
        """
        if self.language == SOURCE_LANGUAGE or self(message) != message:
            return True
        catalog = getattr(self._translations, "_catalog", {})
        return catalog.get(message) == message


def translator(language: str) -> Translator:
    """A gettext function for ``language`` with the same placeholder fallback."""
    return Translator(language)
