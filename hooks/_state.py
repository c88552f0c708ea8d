"""Project data the hooks read once per build of a language, not once per page.

Not a hook itself (mkdocs.yml does not list it). hooks/checks.py resets it when a build
starts (the default language's on_files runs first; static-i18n then builds the other
languages in the same process), so `make serve` rebuilds see edits. Everything here is
keyed or computed for all languages at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from labkb import blog, checks, glossary, library, registries, survey, textfile, translations
from labkb.project import Project
from labkb.schema import LANGUAGES

_data: dict[str, Any] = {}


def reset() -> None:
    _data.clear()


def _get(key: str, make: Callable[[], Any]) -> Any:
    if key not in _data:
        try:
            _data[key] = make()
        except textfile.NotUTF8Error as exc:  # a message that names the file, not a traceback
            where = _data.get("project")
            raise PluginError(exc.text(where) if where else str(exc)) from None
    return _data[key]


def project(config) -> Project:
    return _get("project", lambda: Project(Path(config.config_file_path).parent))


def regs(config) -> registries.Registries:
    return _get("registries", lambda: registries.load(project(config)))


def the_library(config) -> library.Library:
    return _get("library", lambda: library.load(project(config), LANGUAGES))


def the_survey(config) -> tuple[survey.Survey, list]:
    return _get("survey", lambda: survey.load(project(config)))


def glossary_entries(config) -> list[glossary.Entry]:
    return _get("glossary", lambda: glossary.load(project(config))[0])


def translation_states(config) -> dict[str, translations.PageState]:
    """Page path -> its translation state in every language."""
    return _get("translations", lambda: {s.page_path: s for s in translations.page_states(project(config))})


def the_blog(config) -> blog.Blog:
    return _get("blog", lambda: blog.load(project(config), LANGUAGES))


def section_pages(config, language: str) -> dict[str, list[tuple[str, str, str]]]:
    """folder -> (page path, title, description) of its pages in `language` (or the page's
    original language when not translated), sorted by title: for listings of large sections."""

    def make() -> dict[str, list[tuple[str, str, str]]]:
        pages, _ = checks.read_pages(project(config))
        chosen: dict[str, checks.Page] = {}
        for page in pages:
            parts = page.page_path.split("/")
            if len(parts) != 2 or parts[1] == "index.md" or page.doc.meta is None:
                continue
            if page.language == language or page.page_path not in chosen:
                chosen[page.page_path] = page
        sections: dict[str, list[tuple[str, str, str]]] = {}
        for page_path, page in chosen.items():
            meta = page.doc.meta.plain()
            sections.setdefault(page_path.split("/")[0], []).append(
                (page_path, str(meta.get("title", page_path)), str(meta.get("description", "") or ""))
            )
        return {folder: sorted(entries, key=lambda e: e[1].lower()) for folder, entries in sections.items()}

    return _get(f"sections-{language}", make)
