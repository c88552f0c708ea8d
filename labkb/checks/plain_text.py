"""Plain text: what a text field of front matter or data may hold.

Titles, descriptions, names, places and definitions are shown as text, never as markup:
they are escaped where they are written (HTML, XML, JSON, meta tags). The checker still
refuses markup and control characters in them, so that a contributor learns at once that
`<b>` or `&amp;` will not do what they hoped, and refuses lengths that would bloat
every page that lists them.
"""

from __future__ import annotations

import re
import unicodedata

from labkb.model.findings import Finding
from labkb.model.frontmatter import Node
from labkb.model.messages import Message, msg

# The longest title and description a page may have, and any other text field.
LIMITS = {"title": 150, "description": 400}
DEFAULT_LIMIT = 500

# A tag (<b>, </p>, <!--, <?xml), or a character reference (&amp; &#60; &#x3c;).
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
# Control characters (C0 and C1, DEL) and the invisible bidirectional overrides that can
# make a title read differently from what it is. Tab and line feed may occur in folded
# YAML text and are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def problem(text: str, limit: int = DEFAULT_LIMIT) -> Message | None:
    """Why `text` is not acceptable plain text, or None when it is."""
    control = _CONTROL.search(text)
    if control:
        name = unicodedata.name(control.group(0), "control character")
        return msg(
            "plain-text.control-character",
            codepoint=f"{ord(control.group(0)):04X}",
            name=name.lower(),
            position=control.start() + 1,
        )
    markup = _MARKUP.search(text)
    if markup:
        found = text[markup.start() : markup.start() + 12]
        return msg("plain-text.markup", found=found, position=markup.start() + 1)
    if len(text) > limit:
        return msg("plain-text.too-long", length=len(text), limit=limit)
    return None


def limit_for(field: str) -> int:
    return LIMITS.get(field, DEFAULT_LIMIT)


def findings_in(node: Node | None, relative: str) -> list[Finding]:
    """A finding for every text of a data file (a parsed YAML tree) that is not plain text."""
    findings: list[Finding] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current.value, dict):
            stack.extend(current.value.values())
        elif isinstance(current.value, list):
            stack.extend(current.value)
        elif isinstance(current.value, str):
            found = problem(current.value)
            if found:
                findings.append(Finding.of(relative, current.line, found))
    return sorted(findings)
