"""Dates as readers of each language write them ("6 October 2017", "6 de octubre de 2017").

Month names and formats are data: each language's `months`, `long_date` and `date_range`
in data/languages.yml (labkb/model/languages.py). A language the file does not list is an error
(`languages.UnknownLanguageError`), never another language's dates.
"""

from __future__ import annotations

import datetime as dt

from labkb.model import languages


def month_name(month: int, language: str) -> str:
    """'February' / 'febrero' for month 2."""
    return languages.SITE.get(language).months[month - 1]


def parse(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def long_date(value: str | dt.date, language: str) -> str:
    day = parse(value)
    return languages.SITE.get(language).date(day.day, day.month, day.year)


def date_range(start: str | dt.date, end: str | dt.date, language: str) -> str:
    first, last = parse(start), parse(end)
    if first == last:
        return long_date(first, language)
    return languages.SITE.get(language).span(long_date(first, language), long_date(last, language))
