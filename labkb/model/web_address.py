"""A web address, as every front-matter field and data file means it: one rule, one message.

Sources of case studies, the glossary and the survey, event links and the survey's
editing sheet are all checked here, so the same address is accepted or refused
everywhere, with the same words: `http` or `https`, a host with a dot, and nothing a
browser would read differently from what an editor sees (white space, control
characters, quotes, angle brackets). Callers put the field it belongs to before it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from labkb.model.findings import shown
from labkb.model.messages import Message, msg

SCHEMES = ("http", "https")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"']")


def is_web_address(value: object) -> bool:
    if not isinstance(value, str) or _UNSAFE.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in SCHEMES and "." in parts.netloc


def problem(value: object) -> Message | None:
    """Why `value` is not a web address, or None when it is one."""
    if is_web_address(value):
        return None
    return msg("web-address.invalid", found=shown(value))
