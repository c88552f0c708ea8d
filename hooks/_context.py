"""The build context: what every hook needs, made once per build, in one place.

Not a hook itself (mkdocs.yml does not list it); the hooks import it, with hooks/ on the
import path. `hooks/context.py` calls `start()` in `on_config` when a build begins (the
outer build: static-i18n then builds the other languages inside it, and those nested
builds reuse the same context), so a `make serve` rebuild starts from a fresh one. No
other hook creates or resets it.

The context holds the project, the language list and default (read from static-i18n's
configuration here and nowhere else), the language being built, the public address,
the build mode, and the corpus: every content file read and parsed once, and the data
derived from it (registries, library, blog, survey, glossary, translation states),
loaded on first use.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from labkb.features import blog, glossary, library, sections, survey, translations
from labkb.model import addresses, registries
from labkb.model.corpus import Corpus, Page
from labkb.model.project import Project
from labkb.output import downloads as published


class BuildMode(enum.Enum):
    """What the build is for: `extra.kb_build` in the configuration (mkdocs.yml: online;
    mkdocs.offline.yml and mkdocs.preview.yml set the others)."""

    ONLINE = "online"  # the public site (`make build`, `make serve`)
    OFFLINE = "offline"  # the copy to open from files, with a PDF of each guidance document (`make offline`)
    PREVIEW = "preview"  # a pull request's preview to open from files, without PDFs (`make preview`)
    # The public site with its downloads (`make publish`, mkdocs.publish.yml): as ONLINE, and it
    # also publishes the offline copies and the guidance PDFs that `make offline` made
    # (labkb.output.downloads), and links them.
    PUBLISH = "publish"

    @property
    def from_files(self) -> bool:
        """Opened from file://: search through the iframe-worker shim, no head alternates."""
        return self in (BuildMode.OFFLINE, BuildMode.PREVIEW)

    @property
    def served(self) -> bool:
        """Served over HTTP(S): the web app manifest and the service worker ("Save for offline use")."""
        return not self.from_files

    @property
    def guidance_pdfs(self) -> bool:
        """The build's output holds a PDF of each guidance document (`make offline` prints them,
        `make publish` publishes them)."""
        return self in (BuildMode.OFFLINE, BuildMode.PUBLISH)


@dataclass
class BuildContext:
    project: Project
    languages: tuple[str, ...]  # every language of the site, the default first
    built_languages: tuple[str, ...]  # those this build makes (`make serve ONLY=es`: one)
    default: str
    site_url: str  # the public address, ending in '/'
    mode: BuildMode
    docs_dir: str
    site_dir: str
    use_directory_urls: bool
    _i18n: Any = field(repr=False)
    checked: bool = False  # the content check has run for this build

    @property
    def language(self) -> str:
        """The language being built now (static-i18n builds one after the other)."""
        return str(self._i18n.current_language)

    @property
    def every_language_built(self) -> bool:
        """In on_post_build: true once static-i18n has built the last language (false in its
        nested builds of the other languages)."""
        return not self._i18n.building

    def prefix(self, language: str | None = None) -> str:
        """The address prefix of a language: '' for the default, 'es/' for Spanish."""
        language = language or self.language
        return "" if language == self.default else f"{language}/"

    def url_of(self, page_path: str, language: str | None = None) -> str:
        """The site-relative URL of the page at `page_path` (below content/<lang>/) in a language."""
        url = File(page_path, self.docs_dir, self.site_dir, self.use_directory_urls).url
        return self.prefix(language) + ("" if url in (".", "./") else url.removeprefix("./"))

    def url_to(self, page_path: str, from_url: str, language: str | None = None) -> str:
        """Relative URL from the page at site URL `from_url` to `page_path` in a language."""
        return get_relative_url(self.url_of(page_path, language), from_url)

    @cached_property
    def downloads(self) -> published.Downloads | None:
        """What the publish build publishes and links (dist/downloads.json); None in other builds."""
        if self.mode is not BuildMode.PUBLISH:
            return None
        try:
            return published.load(self.project)
        except published.MissingDownloads as error:
            raise PluginError(str(error)) from None

    def pdf_of(self, page_path: str, language: str | None = None) -> str | None:
        """Where the PDF of a guidance page is, from the site root, if this build has it."""
        language = language or self.language
        if not self.mode.guidance_pdfs:
            return None
        if self.downloads is not None and self.downloads.pdf(language, page_path) is None:
            return None
        return published.pdf_path(page_path, self.prefix(language))

    def absolute(self, page_path: str, language: str | None = None) -> str:
        return self.site_url + self.url_of(page_path, language)

    # --- the corpus and what is derived from it, each loaded once per build ---------------

    @cached_property
    def corpus(self) -> Corpus:
        return Corpus.read(self.project)

    def page_of(self, abs_src_path: str | None) -> Page | None:
        """The corpus page of a content file (None for generated pages)."""
        return self.corpus.by_source.get(abs_src_path) if abs_src_path else None

    @property
    def regs(self) -> registries.Registries:
        return self.corpus.regs

    @property
    def survey(self) -> tuple[survey.Survey, list]:
        return self.corpus.survey

    @property
    def glossary_entries(self) -> list[glossary.Entry]:
        return self.corpus.glossary[0]

    @cached_property
    def generated(self) -> list[addresses.Generated]:
        """Every address the site makes itself (labkb.model.addresses)."""
        return addresses.declared(self.corpus)

    def in_nav(self, page_path: str) -> bool:
        """Whether a generated page appears in the navigation (as its declaration says)."""
        return any(g.path == page_path and g.in_nav for g in self.generated)

    @cached_property
    def library(self) -> library.Library:
        return library.load(self.corpus, self.languages)

    @cached_property
    def blog(self) -> blog.Blog:
        return blog.load(self.corpus, self.languages)

    @cached_property
    def translation_states(self) -> dict[str, translations.PageState]:
        """Page path -> its translation state in every language."""
        return {s.page_path: s for s in translations.page_states(self.corpus)}

    @cached_property
    def _sections(self) -> dict[str, dict[str, list[sections.Entry]]]:
        return {}

    def section_pages(self, language: str) -> dict[str, list[sections.Entry]]:
        """folder -> its pages in `language`, for the listings of large sections."""
        if language not in self._sections:
            self._sections[language] = sections.entries(self.corpus, language, self.regs)
        return self._sections[language]


_current: BuildContext | None = None


def begin(config) -> BuildContext:
    """The context for this build (called by hooks/context.py's on_config only): a new one
    when a build begins, the same one for the languages static-i18n builds inside it."""
    global _current
    i18n = config.plugins["i18n"]  # the one place that reads static-i18n's configuration
    if i18n.building and _current is not None:
        return _current
    value = config.extra.get("kb_build", BuildMode.ONLINE.value)
    try:
        mode = BuildMode(value)
    except ValueError:
        allowed = ", ".join(m.value for m in BuildMode)
        raise PluginError(f"mkdocs.yml: extra.kb_build is '{value}'; expected one of: {allowed}") from None
    if mode.from_files and config.use_directory_urls:
        raise PluginError(f"the {mode.value} build opens from files: it needs 'use_directory_urls: false'")
    site_url = (config.site_url or "").rstrip("/") + "/"
    _current = BuildContext(
        project=Project(Path(config.config_file_path).parent),
        languages=tuple(i18n.all_languages),
        built_languages=tuple(i18n.build_languages),
        default=str(i18n.default_language),
        site_url=site_url,
        mode=mode,
        docs_dir=config.docs_dir,
        site_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        _i18n=i18n,
    )
    return _current


def get() -> BuildContext:
    """The context of the build running now."""
    if _current is None:  # a hook ran before hooks/context.py: a wiring mistake, not an editor's
        raise PluginError("hooks/context.py must be the first hook in mkdocs.yml")
    return _current
