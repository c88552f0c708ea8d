"""Dates as readers of each language write them ("6 October 2017", "6 de octubre de 2017").

Month names and formats are data: each language's `months`, `long_date` and `date_range`
in data/languages.yml (labkb/model/languages.py). A language the file does not list is an error
(`languages.UnknownLanguageError`), never another language's dates.
"""

from __future__ import annotations

import datetime as dt
import re

from labkb.model import languages
from labkb.model.findings import shown
from labkb.model.messages import Message, Month, msg


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


def problem(value: object) -> Message | None:
    """Why `value` is not a date YYYY-MM-DD that exists, or None when it is one: the one
    rule for a date, in front matter, the survey's files and its editing sheet."""
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return msg("date.format", found=shown(value))
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return msg("date.no-such-month", date=text, month=month)
    try:
        dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return msg("date.not-a-date", date=text, month=Month(month), year=year, days=last)
    return None
