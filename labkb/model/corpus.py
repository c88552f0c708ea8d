"""The corpus: every Markdown file under content/ and the data files, read and parsed once.

The checker, the listings (guidance, case studies, blog), translation states, permanent
addresses and the build's page rendering all read this one corpus, so a file is read
from disk once and its front matter parsed once per build (or per command), always by
`labkb.model.frontmatter` (the reader whose rules the checker enforces). The data files
(registries, glossary, survey) are loaded on first use, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from labkb.checks import content_files
from labkb.features import glossary, survey
from labkb.model import frontmatter, markdown_source, registries, textfile
from labkb.model.findings import Finding
from labkb.model.frontmatter import Node
from labkb.model.messages import Both, msg
from labkb.model.project import Project
from labkb.model.schema import LANGUAGES, ContentType, content_type_for


@dataclass
class Page:
    """One Markdown file, read and split."""

    path: Path
    rel: str  # relative to the repository
    language: str
    page_path: str  # below content/<lang>/
    ctype: ContentType
    text: str  # the whole file, newlines as '\n'
    doc: frontmatter.Document

    def line(self, body_line: int) -> int:
        return self.doc.body_line + body_line - 1

    @property
    def meta(self) -> dict[str, Node]:
        return self.doc.fields

    @cached_property
    def masked(self) -> str:
        """The body with code and comments blanked out (for links, headings, markup)."""
        return markdown_source.mask_code(self.doc.body)

    # The body read once for every rule that needs it (each is computed on first use).
    @cached_property
    def headings(self) -> list[markdown_source.Heading]:
        """Its headings, with the ids MkDocs gives them."""
        return markdown_source.headings(self.masked, self.doc.body)

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Every id a link to it may point at."""
        return frozenset(markdown_source.anchors(self.masked, self.doc.body, self.headings))

    @cached_property
    def links(self) -> list[markdown_source.Link]:
        """Its links and images."""
        return markdown_source.links(self.masked)

    @property
    def usable(self) -> bool:
        """Front matter that parsed without errors (the checker reports the others)."""
        return self.doc.meta is not None and not self.doc.errors


@dataclass
class Corpus:
    project: Project
    pages: list[Page]
    findings: list[Finding] = field(default_factory=list)  # files that could not be read
    # data files as read by their loaders (relative path -> line-aware YAML), each read once
    glossary_documents: dict[str, Node] = field(default_factory=dict)

    @classmethod
    def read(cls, project: Project) -> Corpus:
        """Every Markdown file below content/, never through a link; unreadable files become findings."""
        pages: list[Page] = []
        findings: list[Finding] = []
        for path in project.markdown_files():
            rel = project.relative(path)
            parts = rel.split("/")
            language: str | None
            if parts[0] == "content" and len(parts) > 2:  # content/<lang>/<page path>: read off `rel`
                language, page_path = parts[1], "/".join(parts[2:])
            else:
                language, page_path = project.language_of(path), project.page_path(path)
            if language not in LANGUAGES:
                folders = Both(tuple(f"content/{lang}/" for lang in LANGUAGES), "part.or")
                findings.append(Finding.of(rel, 0, msg("file.outside-languages", folders=folders)))
                continue
            if path.stat().st_size > content_files.MAX_MARKDOWN_BYTES:
                continue  # too large to read: labkb.checks.content_files reports it
            try:
                text = textfile.read_text(path)
            except textfile.NotUTF8Error as exc:
                findings.append(exc.finding(project))
                continue
            pages.append(
                Page(path, rel, language, page_path, content_type_for(page_path), text, frontmatter.parse(text))
            )
        return cls(project, pages, findings)

    @cached_property
    def by_key(self) -> dict[tuple[str, str], Page]:
        """(language, page path) -> page."""
        return {(p.language, p.page_path): p for p in self.pages}

    @cached_property
    def by_source(self) -> dict[str, Page]:
        """Absolute file path -> page (how a build finds the page of a file)."""
        return {str(p.path): p for p in self.pages}

    def page(self, language: str, page_path: str) -> Page | None:
        return self.by_key.get((language, page_path))

    def of_language(self, language: str) -> list[Page]:
        return [p for p in self.pages if p.language == language]

    def versions(self) -> dict[str, dict[str, Page]]:
        """Page path -> language -> page, for every page in any language."""
        found: dict[str, dict[str, Page]] = {}
        for page in self.pages:
            found.setdefault(page.page_path, {})[page.language] = page
        return found

    @cached_property
    def regs(self) -> registries.Registries:
        """Vocabularies, authors and labels (data/*.yml), with their findings."""
        return registries.load(self.project)

    @cached_property
    def survey(self) -> tuple[survey.Survey, list[Finding]]:
        return survey.load(self.project)

    @property
    def data_documents(self) -> dict[str, Node]:
        """Every data file its loader could read (registries, glossary, survey), as line-aware YAML."""
        documents = dict(self.regs.documents)
        if self.glossary is not None:  # loaded once (cached); its loader fills glossary_documents
            documents.update(self.glossary_documents)
        documents.update(self.survey[0].documents)
        return documents

    @cached_property
    def glossary(self) -> tuple[list[glossary.Entry], list[Finding]]:
        return glossary.load(self.project, self.glossary_documents)
