"""Text in every language: one rule for every data file that holds a text per language.

Vocabulary terms, labels, authors' affiliations and bios, the survey's titles, names,
questions and scale, and the glossary's terms and definitions are all written as one
text per language of the site (data/languages.yml):

    procurement-plan:
      en: Procurement plan
      es: Plan de compras

`texts` reads such a mapping and says what is wrong with it, with the same words
wherever it appears; `text` is what counts as a text (a string that is not blank).
Problems are (line, message) pairs: each reader puts them in its own file.
"""

from __future__ import annotations

from collections.abc import Iterable

from labkb.model.frontmatter import Node
from labkb.model.messages import Language, Message, msg
from labkb.model.schema import LANGUAGES

Problem = tuple[int, Message]


def text(node: Node | None) -> str | None:
    """The text of `node` without surrounding white space, or None when it is not a text or blank."""
    if node is None or not isinstance(node.value, str) or not node.value.strip():
        return None
    return node.value.strip()


def one_line_per_language() -> str:
    """How a text per language is written: 'en: ..., es: ...'."""
    return ", ".join(f"{lang}: ..." for lang in LANGUAGES)


def missing(what: object, language: str, add: object = None) -> Message:
    """The message for a text of `what` missing in `language`; `add` is what to write (default 'xx: ...')."""
    return msg("languages.missing-text", what=what, language=Language(language), add=add or f"'{language}: ...'")


def texts(
    node: Node | None, what: object, line: int, *, also: Iterable[str] = ()
) -> tuple[dict[str, str], list[Problem]]:
    """(text per language, problems) of a mapping that should hold a text per language.

    `what` names it in messages ("'award'", "scale value 'yes'"); `line` is where to point
    when it is missing altogether; `also` are keys it may hold besides the languages (a
    scale value's 'symbol'). Every language of the site must have a non-blank text; any
    other key is an unknown language.
    """
    if node is None:
        return {}, [(line, msg("languages.entry-missing", what=what, lines=one_line_per_language()))]
    if not isinstance(node.value, dict):
        return {}, [(node.line, msg("languages.not-per-language", what=what, lines=one_line_per_language()))]
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for language in LANGUAGES:
        value = node.value.get(language)
        written = text(value)
        if written is None:
            problems.append((node.line if value is None else value.line, missing(what, language)))
        else:
            found[language] = written
    allowed = (*LANGUAGES, *also)
    for key, value in node.value.items():
        if key not in allowed:
            problems.append(
                (value.key_line, msg("languages.unknown-language", what=what, key=key, allowed=", ".join(allowed)))
            )
    return found, problems
