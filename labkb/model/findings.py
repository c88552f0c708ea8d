"""Findings: one problem in one file, at one line, with what to do about it."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# Characters that would break a finding's one line: line breaks and other control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """`text` on one line: each control character written as an escape ('\\n', '\\x1b')."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value (file=, line=): also ':' and ','."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based; 0 when the problem is the file as a whole
    message: str

    def text(self) -> str:
        """'path:line: message' on one line, whatever characters the path or message hold."""
        path, message = _visible(self.path), _visible(self.message)
        return f"{path}:{self.line}: {message}" if self.line else f"{path}: {message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so a pull request shows it on its line.

        Escaped as GitHub documents it, so a file name or message cannot end the command
        or start another one: '%', CR and LF in the message; also ':' and ',' in properties.
        """
        location = f"file={_github_property(self.path)}"
        if self.line:
            location += f",line={_github_property(str(self.line))}"
        return f"::error {location}::{_github_data(self.message)}"


def shown(value: object) -> str:
    """A value as messages quote it: 'text' in quotes; nothing, true, false and numbers bare;
    a mapping or a list by what it is."""
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return f"'{value}'"


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        # Misspelt short keys ('autor') are often a prefix or a near prefix of the real one.
        close = [c for c in sorted(choices) if c.startswith(word[:4])][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""
