"""A source: one rule for every public source the site cites.

A case study's `sources` (front matter), a glossary entry's `sources` and a survey
theme's or answer's `sources` are each a title, a web address (labkb/model/web_address.py)
and, optionally, a pinpoint (the page or section):

    - title: UN Guiding Principles on Business and Human Rights
      url: https://www.ohchr.org/...
      pinpoint: Principle 6

`read` checks one such entry and says what is wrong with it, with the same words
wherever it appears. Whether a list of sources may be empty is the caller's rule.
Problems are (line, message) pairs: each reader puts them in its own file.
"""

from __future__ import annotations

from dataclasses import dataclass

from labkb.checks.every_language import Problem, text
from labkb.model import web_address
from labkb.model.findings import did_you_mean, shown
from labkb.model.frontmatter import Node
from labkb.model.messages import msg
from labkb.model.schema import LANGUAGES

REQUIRED = ("title", "url")
KEYS = (*REQUIRED, "pinpoint", "language")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    pinpoint: str = ""
    language: str = ""  # the language it is written in, when given ("(en inglés)" on a Spanish page)


def read(node: Node) -> tuple[Source | None, list[Problem]]:
    """(the source, or None when it has a problem; the problems) of one entry of a list of sources."""
    if not isinstance(node.value, dict):
        return None, [(node.line, msg("source.not-a-source", found=shown(node.value)))]
    values = node.value
    problems: list[Problem] = []
    for key, value in values.items():
        if key not in KEYS:
            problems.append(
                (
                    value.key_line,
                    msg("source.unknown-key", key=key, hint=did_you_mean(key, KEYS), allowed=", ".join(KEYS)),
                )
            )
    title, url, pinpoint = values.get("title"), values.get("url"), values.get("pinpoint")
    if title is None:
        problems.append((node.line, msg("source.missing-key", key="title")))
    elif text(title) is None:
        problems.append((title.line, msg("text.expected", found=shown(title.value)).under("'title'")))
    if url is None:
        problems.append((node.line, msg("source.missing-key", key="url")))
    elif (wrong := web_address.problem(url.value)) is not None:
        problems.append((url.line, wrong.under("'url'")))
    if pinpoint is not None and pinpoint.value is not None and not isinstance(pinpoint.value, str | int):
        problems.append((pinpoint.line, msg("text.expected", found=shown(pinpoint.value)).under("'pinpoint'")))
    language = values.get("language")
    codes = LANGUAGES
    if language is not None and language.value not in codes:
        problems.append(
            (
                language.line,
                msg("language.unknown", languages=", ".join(codes), found=shown(language.value)).under("'language'"),
            )
        )
    if problems or title is None or url is None:
        return None, problems
    written_in = "" if language is None else str(language.value)
    return Source(str(title.value).strip(), str(url.value).strip(), _pinpoint(pinpoint), written_in), problems


def _pinpoint(node: Node | None) -> str:
    return "" if node is None or node.value is None else str(node.value).strip()
