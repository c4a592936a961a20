"""Translation and locale formatting.

German is the source language. Catalogs are compiled by Babel into
``hamm_field/i18n/locale`` by the install step; a missing catalog falls back to
German. This package imports nothing else of Hamm Field, so every layer may use it.
"""

from hamm_field.i18n.catalog import (
    LANGUAGES,
    N_,
    current_language,
    gettext,
    ngettext,
    set_language,
    translator,
)

_ = gettext

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "gettext",
    "ngettext",
    "set_language",
    "translator",
]
