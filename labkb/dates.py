"""Dates as readers of each language write them ("6 October 2017", "6 de octubre de 2017")."""

from __future__ import annotations

import datetime as dt

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def month_name(month: int, language: str) -> str:
    """'February' / 'febrero' for month 2."""
    return _MONTHS[language][month - 1]


def parse(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def long_date(value: str | dt.date, language: str) -> str:
    day = parse(value)
    month = _MONTHS[language][day.month - 1]
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


def date_range(start: str | dt.date, end: str | dt.date, language: str) -> str:
    first, last = parse(start), parse(end)
    if first == last:
        return long_date(first, language)
    joiner = " al " if language == "es" else " to "
    prefix = "del " if language == "es" else ""
    return prefix + long_date(first, language) + joiner + long_date(last, language)
