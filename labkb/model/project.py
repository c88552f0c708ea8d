"""Where things are in a checkout: content per language, data files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _below(self, path: Path, folder: Path) -> Path:
        """`path` relative to `folder`; resolving links only when the plain way fails
        (files found by walking the project are already below it, and resolving is slow)."""
        try:
            return path.relative_to(folder)
        except ValueError:
            return path.resolve().relative_to(folder.resolve())

    def relative(self, path: Path) -> str:
        """Path relative to the repository, forward slashes (as messages show it)."""
        try:
            return self._below(path, self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def language_of(self, path: Path) -> str | None:
        try:
            return self._below(path, self.content).parts[0]
        except (ValueError, IndexError):
            return None

    def page_path(self, path: Path) -> str:
        """Path below content/<lang>/: the same for a page and its translation."""
        return "/".join(self._below(path, self.content).parts[1:])

    def counterpart(self, path: Path, language: str) -> Path:
        return self.content / language / self.page_path(path)

    def markdown_files(self) -> list[Path]:
        """Every Markdown file below content/, never through a symbolic link (a link is
        refused by `labkb.checks.content_files`, and its target is never read)."""
        return sorted(p for p in self.content.rglob("*.md") if not p.is_symlink() and p.is_file())

    def tree_state(self) -> tuple[tuple[str, int, int], ...]:
        """(path, size, mtime) of every content and data file: changes when any file does."""
        files = [p for folder in (self.content, self.data) if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
        return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
