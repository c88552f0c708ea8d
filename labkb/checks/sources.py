"""A source: one rule for every public source the site cites.

A case study's `sources` (front matter), a glossary entry's `sources` and a survey
theme's or answer's `sources` are each a title, a web address (labkb/model/web_address.py)
and, optionally, a pinpoint (the page or section):

    - title: UN Guiding Principles on Business and Human Rights
      url: https://www.ohchr.org/...
      pinpoint: Principle 6

A source cited in a file that speaks every language at once (the survey's data) may also
give, under a language code, what readers of that language get instead: another edition
(the Spanish text of a UN document), or the same document with its pinpoint in their
language. Only the keys that differ are given; the others are the source's own:

    - title: Directive 2014/24/EU on public procurement
      url: https://eur-lex.europa.eu/eli/dir/2014/24/oj
      pinpoint: Article 67(2)
      language: en
      es:
        title: Directiva 2014/24/UE sobre contratación pública
        url: https://eur-lex.europa.eu/legal-content/ES/TXT/?uri=CELEX:32014L0024
        pinpoint: artículo 67, apartado 2
        language: es

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
from labkb.model.messages import Message, msg
from labkb.model.schema import LANGUAGES

REQUIRED = ("title", "url")
KEYS = (*REQUIRED, "pinpoint", "language")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    pinpoint: str = ""
    language: str = ""  # the language it is written in, when given ("(en inglés)" on a Spanish page)
    # What the readers of a language get instead, complete (the keys not given are the source's own).
    editions: tuple[tuple[str, Source], ...] = ()

    def for_language(self, language: str) -> Source:
        """The source as the readers of `language` get it: their edition, or the source itself."""
        return next((edition for code, edition in self.editions if code == language), self)

    def as_data(self) -> dict[str, object]:
        """The source as plain data (the survey's JSON download): each edition under its language."""
        data: dict[str, object] = {"title": self.title, "url": self.url, "pinpoint": self.pinpoint}
        data["language"] = self.language
        if self.editions:
            data["editions"] = {code: edition.as_data() for code, edition in self.editions}
        return data

    def changes(self, edition: Source) -> dict[str, str]:
        """The keys in which `edition` differs from this source: what an editor writes under its language."""
        return {key: getattr(edition, key) for key in KEYS if getattr(edition, key) != getattr(self, key)}


def read(node: Node, editions: bool = False) -> tuple[Source | None, list[Problem]]:
    """(the source, or None when it has a problem; the problems) of one entry of a list of sources.
    With `editions`, a language code may give what that language's readers get instead. Every
    problem of the entry is reported at once, those of its editions included."""
    if not isinstance(node.value, dict):
        return None, [(node.line, msg("source.not-a-source", found=shown(node.value)))]
    values = node.value
    problems = _unknown_keys(values, (*KEYS, *LANGUAGES) if editions else KEYS)
    fields = _fields(node.line, values, problems, required=True)
    found: list[tuple[str, Source]] = []
    for code in LANGUAGES if editions else ():
        edition = values.get(code)
        if edition is None:
            continue
        if not isinstance(edition.value, dict) or not edition.value:
            problems.append((edition.line, msg("source.edition", code=code, found=shown(edition.value))))
            continue
        problems += [(line, message.under(f"'{code}'")) for line, message in _unknown_keys(edition.value, KEYS)]
        changed = _fields(edition.line, edition.value, problems, required=False, under=f"'{code}'")
        if fields is not None and changed is not None:
            found.append((code, _source({**fields, **changed})))
    if problems or fields is None:
        return None, problems
    return _source(fields, tuple(found)), problems


def _source(fields: dict[str, str], editions: tuple[tuple[str, Source], ...] = ()) -> Source:
    return Source(fields["title"], fields["url"], fields["pinpoint"], fields["language"], editions)


def _unknown_keys(values: dict[str, Node], allowed: tuple[str, ...]) -> list[Problem]:
    return [
        (
            value.key_line,
            msg("source.unknown-key", key=key, hint=did_you_mean(key, allowed), allowed=", ".join(allowed)),
        )
        for key, value in values.items()
        if key not in allowed
    ]


def _fields(
    line: int, values: dict[str, Node], problems: list[Problem], required: bool, under: str = ""
) -> dict[str, str] | None:
    """The source's keys as text, each checked; None when one has a problem (added to `problems`)."""
    before = len(problems)

    def problem(at: int, message: Message) -> None:
        problems.append((at, message.under(under) if under else message))

    title, url, pinpoint = values.get("title"), values.get("url"), values.get("pinpoint")
    if title is None and required:
        problem(line, msg("source.missing-key", key="title"))
    elif title is not None and text(title) is None:
        problem(title.line, msg("text.expected", found=shown(title.value)).under("'title'"))
    if url is None and required:
        problem(line, msg("source.missing-key", key="url"))
    elif url is not None and (wrong := web_address.problem(url.value)) is not None:
        problem(url.line, wrong.under("'url'"))
    if pinpoint is not None and pinpoint.value is not None and not isinstance(pinpoint.value, str | int):
        problem(pinpoint.line, msg("text.expected", found=shown(pinpoint.value)).under("'pinpoint'"))
    language = values.get("language")
    if language is not None and language.value not in LANGUAGES:
        problem(
            language.line,
            msg("language.unknown", languages=", ".join(LANGUAGES), found=shown(language.value)).under("'language'"),
        )
    if len(problems) > before:
        return None
    fields = {
        "title": None if title is None else str(title.value).strip(),
        "url": None if url is None else str(url.value).strip(),
        "pinpoint": None if pinpoint is None else _pinpoint(pinpoint),
        "language": None if language is None else str(language.value),
    }
    if required:
        return {key: value or "" for key, value in fields.items()}
    return {key: value for key, value in fields.items() if value is not None}


def _pinpoint(node: Node | None) -> str:
    return "" if node is None or node.value is None else str(node.value).strip()
