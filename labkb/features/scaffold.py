"""New content from the schema: `make new-post` creates a valid post skeleton.

The front matter is built from the blog post's declared fields, so a field added to
the schema is asked for here too. Nothing is ever overwritten: when any target file
exists, nothing at all is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from labkb.checks import plain_text
from labkb.features import translations
from labkb.model import languages
from labkb.model.messages import Message, msg
from labkb.model.project import Project
from labkb.model.registries import Registries
from labkb.model.schema import BLOG_POST, LANGUAGES


class ScaffoldError(Exception):
    """An input the editor can fix; the message says how (in any language). Nothing was written."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class PostRequest:
    title: str
    author: str
    languages: tuple[str, ...]  # the first is the original
    category: str
    description: str
    date: dt.date
    titles: dict[str, str] | None = None  # title per language, when they differ
    body: str | None = None  # the text below the front matter (a proposal's); the guide comment when None


def parse_titles(values: list[str], given: dict[str, str] | None = None) -> dict[str, str]:
    """Titles per language from `LANG=TEXT` values (`--title-in`; one per line in a value too,
    as `make new-post TITLE_IN=...` passes them), added to the titles already `given` (such
    as `--title-es`). Whether each language is one of the post's is checked by `validate`."""
    titles = dict(given or {})
    for value in values:
        for line in value.splitlines() or [value]:
            if not line.strip():
                continue
            language, equals, title = line.partition("=")
            language = language.strip()
            if not equals or not language:
                raise ScaffoldError(msg("new-post.title-in-format", got=repr(line)))
            if language in titles:
                raise ScaffoldError(msg("new-post.two-titles", language=language))
            titles[language] = title.strip()
    return titles


def slug_for(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = "-".join(words)[:60].rstrip("-")
    if not slug:
        raise ScaffoldError(msg("new-post.no-slug", title=repr(title)))
    return slug


def validate(request: PostRequest, regs: Registries) -> None:
    if not request.title.strip():
        raise ScaffoldError(msg("new-post.empty-title"))
    if not request.description.strip():
        raise ScaffoldError(msg("new-post.empty-description"))
    texts = [("title", request.title), ("description", request.description)]
    texts += [("title", title) for title in (request.titles or {}).values()]
    for name, text in texts:
        problem = plain_text.problem(text, plain_text.limit_for(name))
        if problem:
            raise ScaffoldError(msg(f"new-post.{name}", problem=problem))
    if request.author not in regs.authors:
        known = ", ".join(sorted(regs.authors))
        raise ScaffoldError(msg("new-post.unknown-author", author=request.author, known=known))
    categories = regs.vocabularies.get("categories", {})
    if request.category not in categories:
        raise ScaffoldError(msg("new-post.unknown-category", category=request.category, allowed=", ".join(categories)))
    unknown = [lang for lang in request.languages if lang not in LANGUAGES]
    if unknown or not request.languages or len(set(request.languages)) != len(request.languages):
        raise ScaffoldError(msg("new-post.languages", languages=", ".join(LANGUAGES), got=",".join(request.languages)))
    for language, title in (request.titles or {}).items():
        if language not in LANGUAGES:
            raise ScaffoldError(msg("new-post.title-language", language=language, languages=", ".join(LANGUAGES)))
        if language not in request.languages:
            raise ScaffoldError(
                msg("new-post.title-not-written", language=language, languages=", ".join(request.languages))
            )
        if not title.strip():
            raise ScaffoldError(msg("new-post.empty-title-in", language=language))


def _front_matter(request: PostRequest, language: str) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {
        "title": (request.titles or {}).get(language, request.title),
        "date": request.date.isoformat(),
        "authors": [request.author],
        "categories": [request.category],
        "description": request.description,
    }
    front: dict[str, str | list[str]] = {}
    for field in BLOG_POST.fields:
        if field.name in values:
            front[field.name] = values[field.name]
        elif field.required:
            raise AssertionError(f"new-post does not know how to fill '{field.name}'")
    return front


def new_post(project: Project, regs: Registries, request: PostRequest) -> list[Path]:
    """Create the post in every requested language; returns the files written."""
    validate(request, regs)
    slug = slug_for(request.title)
    targets = [project.content / lang / "blog" / f"{slug}.md" for lang in request.languages]
    existing = [project.relative(p) for p in targets if p.exists()]
    if existing:
        raise ScaffoldError(
            msg("new-post.exists" if len(existing) == 1 else "new-post.exist", files=", ".join(existing))
        )
    original = request.languages[0]
    written = []
    for language, path in zip(request.languages, targets, strict=True):
        front = _front_matter(request, language)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
        if language != original:
            source = (project.content / original / "blog" / f"{slug}.md").read_text("utf-8")
            text += f"translation_of: {original}\nsource_fingerprint: {translations.fingerprint(source)}\n"
        guide = languages.SITE.get(language).new_post  # data/languages.yml
        text += "---\n\n" + (request.body if request.body is not None else guide)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
        written.append(path)
    return written
