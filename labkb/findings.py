"""Findings: one problem in one file, at one line, with what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based; 0 when the problem is the file as a whole
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so a pull request shows it on its line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        location = f"file={self.path},line={self.line}" if self.line else f"file={self.path}"
        return f"::error {location}::{message}"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close and len(word) >= 3:
        # Misspelt short keys ('autor') are often a prefix or a near prefix of the real one.
        close = [c for c in sorted(choices) if c.startswith(word[:4])][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""
