"""Findings: one problem in one file, at one line, with what to do about it."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from labkb.model.messages import Message

# Characters that would break a finding's one line: line breaks and other control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """`text` on one line: each control character written as an escape ('\\n', '\\x1b')."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    """`text` on one line, its control characters written as escapes: a message that quotes what an
    editor wrote (a cell of the survey sheet) cannot break the terminal's lines or colour it."""
    return _visible(text)


def _github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value (file=, line=): also ':' and ','."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, and what it says.

    `message` is its text in the default language; a finding made from a catalogued message
    (`Finding.of`, data/messages.yml) also has its rule `code` and can be written in any
    language (`text(language)`). A finding made from plain text is the same in every language.
    """

    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based; 0 when the problem is the file as a whole
    message: str
    code: str = ""  # the rule, the same in every language ('front-matter.unknown-key'); '' when uncatalogued
    detail: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, path: str, line: int, message: Message) -> Finding:
        return cls(path, line, str(message), message.code, message)

    def language(self, language: str | None = None) -> str:
        """The language to write it in: `language` when asked for, else its file's, else the default."""
        from labkb.model import messages

        return language or messages.language_of(self.path) or messages.default_language()

    def said(self, language: str | None = None) -> str:
        """The message in `language` (see `language`), with its code in brackets after it."""
        text = self.detail.render(self.language(language)) if self.detail is not None else self.message
        return f"{text} [{self.code}]" if self.code else text

    def text(self, language: str | None = None) -> str:
        """'path:line: message [code]' on one line, whatever characters the path or message hold."""
        path, message = _visible(self.path), _visible(self.said(language))
        return f"{path}:{self.line}: {message}" if self.line else f"{path}: {message}"

    def github(self, language: str | None = None) -> str:
        """A GitHub Actions workflow command, so a pull request shows it on its line, titled by its code.

        Escaped as GitHub documents it, so a file name or message cannot end the command
        or start another one: '%', CR and LF in the message; also ':' and ',' in properties.
        """
        location = f"file={_github_property(self.path)}"
        if self.line:
            location += f",line={_github_property(str(self.line))}"
        if self.code:
            location += f",title={_github_property(self.code)}"
        return f"::error {location}::{_github_data(self.said(language))}"


def summary_language(findings: Collection[Finding], asked: str | None = None) -> str:
    """The language of a summary of `findings`: the one asked for, else the one language of
    every finding's file, else the default language."""
    from labkb.model import messages

    said = {finding.language(asked) for finding in findings}
    return asked or (said.pop() if len(said) == 1 else messages.default_language())


def shown(value: object) -> Message | str:
    """A value as messages quote it: 'text' in quotes; true, false and numbers bare; nothing,
    a mapping or a list by what it is (a message, in any language)."""
    from labkb.model.messages import msg

    if isinstance(value, dict):
        return msg("part.a-set-of-keys")
    if isinstance(value, list):
        return msg("part.a-list")
    if value is None:
        return msg("part.nothing")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return f"'{value}'"


def did_you_mean(word: str, choices: Collection[str]) -> Message | str:
    """' (did you mean 'x'?)' for the closest choice (a message, in any language), or '' when nothing is close."""
    import difflib

    from labkb.model.messages import msg

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        # Misspelt short keys ('autor') are often a prefix or a near prefix of the real one.
        close = [c for c in sorted(choices) if c.startswith(word[:4])][:1]
    return msg("part.did-you-mean", word=close[0]) if close else ""
