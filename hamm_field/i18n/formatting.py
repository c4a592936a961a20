"""Dates and numbers in the reader's locale, by Babel ("21.11.2026", "21.11.2026 г.")."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal

from hamm_field.i18n.catalog import current_language


def format_day(value: dt.date | None) -> str:
    if value is None:
        return ""
    return _format_date(value, format="medium", locale=current_language())


def format_moment(value: dt.datetime) -> str:
    return _format_datetime(value, format="short", locale=current_language())


def format_number(value: float | int) -> str:
    return format_decimal(value, locale=current_language())
