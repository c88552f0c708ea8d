"""The checker's messages in every language, as data: `data/messages.yml`.

Every message a contributor reads (a finding of `make check` and the build, a GitHub
annotation, a `make new-post` prompt) has a stable code, the same in every language
(`front-matter.unknown-key`), and one text per language in `data/messages.yml`:

    date.not-a-date:
      en: "'{date}' is not a date that exists: {month} {year} has {days} days"
      es: "'{date}' no es una fecha que exista: {month} de {year} tiene {days} días"

Code makes a `Message` (`msg("date.not-a-date", date=..., ...)`) and never words it;
`render(message, language)` writes it in a language. A value may itself be a message
(a hint, "a blog post"), rendered in the same language, or a `Language`, written by its
name in that language. A number (an int, or a `Number` with decimals) is written as the
message's language writes numbers, in this one place: '1,200' and '2.5' in English, '1.200' and
'2,5' in Spanish (`part.number.thousands`, `part.number.decimal`). A year or a position (a
line, row, byte or character: `_NAMES_NOT_QUANTITIES`) says where, not how many, and is
written as it is ('2026', 'line 1234'), as 'file:1234:' writes a line. A language the file
does not have falls back to the default language's text (the first of data/languages.yml),
never to nothing.

The language of a finding is the language of its file (`content/es/...` is Spanish), or
the one a command is asked for (`scripts/kb.py check --lang es`, `make check KB_LANG=es`);
data files default to the default language. docs/contributing.md and
docs/contributing.es.md list every code with its message, generated from this file
(`make docs-reference`).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from labkb.model.languages import Languages

FILE = "data/messages.yml"


def _site() -> Languages | None:
    """The languages of the site (imported when needed: labkb.model.languages reads YAML with
    labkb's reader, whose messages are made here). None while data/languages.yml is being read,
    when the package is imported: its own messages are then in the catalogue's first language."""
    from labkb.model import languages

    return getattr(languages, "SITE", None)


def _default() -> str:
    site = _site()
    return site.default if site is not None else ""


def default_language() -> str:
    """The default language of the site (the first of data/languages.yml)."""
    return _default()


def _codes() -> tuple[str, ...]:
    site = _site()
    return site.codes if site is not None else ()


def _home() -> Path:
    from labkb.model import languages

    return languages.HOME


PART = "part."  # codes of pieces used inside other messages, not findings of their own


@dataclass(frozen=True)
class Language:
    """A language as a message value: written by its name in the message's language ('Spanish', 'español')."""

    code: str


@dataclass(frozen=True)
class Month:
    """A month as a message value: its name in the message's language ('February', 'febrero')."""

    number: int


@dataclass(frozen=True)
class Number:
    """A number with `decimals` digits after the point, as a message value ('2.5 MB', '2,5 MB').
    A plain int needs no wrapper: every int value is written this way."""

    value: float
    decimals: int = 0


class _Written(str):
    """A number already written in the message's language: a template's ',' (group the
    thousands) is done, so '{size:,}' and '{size}' read the same."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec.replace(",", ""))


def number(value: float, language: str, decimals: int = 0) -> str:
    """`value` as `language` writes it: thousands grouped, `decimals` digits after the decimal mark."""
    text = f"{value:,.{decimals}f}"
    marks = {",": template("part.number.thousands", language), ".": template("part.number.decimal", language)}
    return "".join(marks.get(char, char) for char in text)


@dataclass(frozen=True)
class Both:
    """Several values as one, the last joined by the message language's 'and' ('English and Spanish'),
    or 'or'."""

    items: tuple[object, ...]
    joiner: str = "part.and"  # or "part.or"


@dataclass(frozen=True)
class Message:
    """A message by code, with its values: words come from data/messages.yml when it is rendered."""

    code: str
    values: tuple[tuple[str, object], ...] = ()
    # What it is about, written before it with ': ' ("'sources'", "'url'"): names of keys,
    # the same in every language, or messages of their own ("theme 'x'").
    about: tuple[object, ...] = ()

    def render(self, language: str) -> str:
        return render(self, language)

    def under(self, *about: object) -> Message:
        """The same message about `about` (a key, "'sources'") and what it already was about."""
        return Message(self.code, self.values, (*about, *self.about))

    def __str__(self) -> str:
        return render(self, _default())


def msg(code: str, /, **values: object) -> Message:
    return Message(code, tuple(values.items()))


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """code -> language -> text, as data/messages.yml (of the checkout this package belongs to) has it."""
    with (_home() / FILE).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {str(code): {str(lang): str(text) for lang, text in texts.items()} for code, texts in data.items()}


@cache
def _language_names() -> dict[str, dict[str, str]]:
    """language code -> language of the message -> its name, from the labels `language_name_<code>`."""
    with (_home() / "data" / "labels.yml").open(encoding="utf-8") as handle:
        labels = yaml.safe_load(handle) or {}
    names: dict[str, dict[str, str]] = {}
    for key, texts in labels.items():
        if str(key).startswith("language_name_") and isinstance(texts, dict):
            names[str(key).removeprefix("language_name_")] = {str(k): str(v) for k, v in texts.items()}
    return names


def language_name(code: str, language: str) -> str:
    """The name of language `code` as `language` writes it; its English name (data/languages.yml) otherwise."""
    names = _language_names().get(code, {})
    site = _site()
    return names.get(language) or names.get(_default()) or (site.names.get(code, code) if site else code)


def template(code: str, language: str) -> str:
    texts = catalogue().get(code)
    if texts is None:
        raise KeyError(f"{code}: not in {FILE}")  # a bug of the code, caught by tests/test_messages.py
    # The language's text, else the default language's, else the first (while the languages load).
    return texts.get(language) or texts.get(_default()) or next(iter(texts.values()))


def _value(value: object, language: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return _Written(number(value, language))
    if isinstance(value, Number):
        return _Written(number(value.value, language, value.decimals))
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, Language):
        return language_name(value.code, language)
    if isinstance(value, Month):
        site = _site()
        if site is None:
            return str(value.number)
        known = language if language in site.codes else site.default
        return site.get(known).months[value.number - 1]
    if isinstance(value, Both):
        items = [str(_value(v, language)) for v in value.items]
        if len(items) < 2:
            return "".join(items)
        return render(msg(value.joiner, first=", ".join(items[:-1]), last=items[-1]), language)
    if isinstance(value, list | tuple):  # several problems: each in the language, '; ' between them
        return "; ".join(str(_value(v, language)) for v in value)
    return value


# Values that are numbers but not quantities: a year, a line ('first on line {first}'), a row,
# a byte or a character's position. Written as they are, never '2.026'.
_NAMES_NOT_QUANTITIES = frozenset({"year", "line", "first", "row", "byte", "position"})


def render(message: Message, language: str) -> str:
    """The message in `language` (the default language's words when it has none)."""
    values: Mapping[str, object] = {
        name: value if name in _NAMES_NOT_QUANTITIES else _value(value, language) for name, value in message.values
    }
    text = template(message.code, language).format_map(dict(values))
    return ": ".join([*(str(_value(part, language)) for part in message.about), text])


def placeholders(text: str) -> set[str]:
    """The names of the {placeholders} of a message's text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def language_of(path: str) -> str | None:
    """The language of a file below content/<language>/, or None for any other file."""
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "content" and parts[1] in _codes():
        return parts[1]
    return None
