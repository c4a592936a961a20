"""Dates and numbers in the reader's locale, by Babel ("21.11.2026", "21.11.2026 г.").

Every function takes an optional ``language``; without it, the app's current language.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.dates import format_time as _format_time
from babel.dates import get_datetime_format
from babel.numbers import format_decimal

from hamm_field.i18n.catalog import current_language

# English as read in Europe: "21 Nov 2026", not "Nov 21, 2026".
_BABEL_LOCALES = {"en": "en_GB"}


def babel_locale(language: str | None = None) -> str:
    language = language or current_language()
    return _BABEL_LOCALES.get(language, language)


def format_day(value: dt.date | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return _format_date(value, format="medium", locale=babel_locale(language))


def format_moment(value: dt.datetime, language: str | None = None, seconds: bool = False) -> str:
    """Day as in :func:`format_day` and hours:minutes ("21.11.2026, 09:30").

    ``seconds`` tells apart two edits made within the same minute ("09:30:15").
    """
    locale = babel_locale(language)
    pattern = get_datetime_format("medium", locale=locale)
    day = _format_date(value, format="medium", locale=locale)
    time = _format_time(value, format="medium" if seconds else "short", locale=locale)
    return pattern.replace("{1}", day).replace("{0}", time)


def format_number(value: float | int, language: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(language))


def format_iso(value: str | None, language: str | None = None) -> str:
    """A stored ISO date or timestamp ("2026-11-21", "2026-11-21T09:30:00+00:00") for display.

    Timestamps are shown in the computer's local time. Anything else is shown as it is.
    """
    if not value:
        return ""
    try:
        if len(value) == 10:
            return format_day(dt.date.fromisoformat(value), language)
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return format_moment(moment, language)
