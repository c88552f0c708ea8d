"""A web address, as every front-matter field and data file means it: one rule.

Sources of case studies, the glossary and the survey, and event links are all checked
here, so the same address is accepted or refused everywhere: `http` or `https`, a host
with a dot, and nothing a browser would read differently from what an editor sees
(white space, control characters, quotes, angle brackets). Each caller words its own
message with the field it belongs to.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"']")


def is_web_address(value: object) -> bool:
    if not isinstance(value, str) or _UNSAFE.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in SCHEMES and "." in parts.netloc
