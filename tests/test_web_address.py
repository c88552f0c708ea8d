"""One rule for a web address: case study sources, events, the glossary and the survey agree."""

from __future__ import annotations

import pytest

from labkb.model.web_address import is_web_address


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("https://www.ohchr.org/en/business", True),
        ("http://example.org/report.pdf", True),
        ("https://example.org/a?b=c#d", True),
        ("ftp://example.org/", False),
        ("javascript:alert(1)", False),
        ("https://localhost/", False),
        ("example.org", False),
        ("https://exa mple.org/", False),
        ('https://example.org/"onmouseover="x', False),
        ("https://example.org/\n", False),
        ("https://example.org/<b>", False),
        (None, False),
        (2017, False),
    ],
)
def test_one_rule_for_a_web_address(value, accepted):
    assert is_web_address(value) is accepted
