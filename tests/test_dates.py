"""labkb/model/dates.py: dates as each language writes them, without a build."""

from __future__ import annotations

import datetime as dt

import pytest

from labkb.model import dates

ENGLISH_MONTHS = [
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
]
SPANISH_MONTHS = [
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
]


@pytest.mark.parametrize(("language", "names"), [("en", ENGLISH_MONTHS), ("es", SPANISH_MONTHS)])
def test_month_names_january_first(language, names):
    assert [dates.month_name(month, language) for month in range(1, 13)] == names


def test_parse_reads_iso_text_and_keeps_dates():
    assert dates.parse("2017-10-06") == dt.date(2017, 10, 6)
    day = dt.date(2024, 2, 29)
    assert dates.parse(day) is day


def test_parse_refuses_what_is_not_an_iso_date():
    with pytest.raises(ValueError):
        dates.parse("06/10/2017")
    with pytest.raises(ValueError):
        dates.parse("2023-02-29")  # not a leap year


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        ("2017-10-06", "en", "6 October 2017"),
        ("2017-10-06", "es", "6 de octubre de 2017"),
        # No leading zero on the day; two-digit days as they are.
        ("2026-01-01", "en", "1 January 2026"),
        ("2026-01-01", "es", "1 de enero de 2026"),
        ("1999-12-31", "en", "31 December 1999"),
        ("1999-12-31", "es", "31 de diciembre de 1999"),
        ("2024-02-29", "en", "29 February 2024"),
        ("2024-02-29", "es", "29 de febrero de 2024"),
        # A date object (YAML or a caller) reads the same as its text.
        (dt.date(2017, 5, 9), "en", "9 May 2017"),
        (dt.date(2017, 5, 9), "es", "9 de mayo de 2017"),
    ],
)
def test_long_date(value, language, expected):
    assert dates.long_date(value, language) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        # One day: a single date, not "6 October 2017 to 6 October 2017".
        ("2017-11-30", "2017-11-30", "en", "30 November 2017"),
        ("2017-11-30", "2017-11-30", "es", "30 de noviembre de 2017"),
        (dt.date(2017, 11, 30), "2017-11-30", "en", "30 November 2017"),
        # Within a month, across months, across years: both dates in full.
        ("2017-11-29", "2017-11-30", "en", "29 November 2017 to 30 November 2017"),
        ("2017-11-29", "2017-11-30", "es", "del 29 de noviembre de 2017 al 30 de noviembre de 2017"),
        ("2018-01-31", "2018-02-01", "en", "31 January 2018 to 1 February 2018"),
        ("2018-01-31", "2018-02-01", "es", "del 31 de enero de 2018 al 1 de febrero de 2018"),
        ("2019-12-30", "2020-01-02", "en", "30 December 2019 to 2 January 2020"),
        ("2019-12-30", "2020-01-02", "es", "del 30 de diciembre de 2019 al 2 de enero de 2020"),
    ],
)
def test_date_range(start, end, language, expected):
    assert dates.date_range(start, end, language) == expected


def test_a_language_the_site_does_not_have_is_an_error_not_english():
    for call in (
        lambda: dates.long_date("2017-10-06", "fr"),
        lambda: dates.date_range("2017-10-06", "2017-10-07", "fr"),
        lambda: dates.month_name(10, "fr"),
    ):
        with pytest.raises((LookupError, ValueError)) as raised:
            call()
        assert "fr" in str(raised.value)
