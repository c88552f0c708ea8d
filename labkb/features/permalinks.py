"""Addresses that never break: the published-URL manifest, redirects and short links.

- `data/urls.txt` records every address the site has published (one per line, from
  the site root, e.g. `/es/case-studies/x/`). `make urls` adds new ones; nothing removes
  them. The deploy on main runs it and commits the result, so contributors never do. The
  checker fails when a recorded address is no longer a page and no redirect says where it
  went; an address not recorded yet is new, which is fine.
- `data/redirects.yml` maps an old path to its new one, below the language root
  (`case-studies/old/: case-studies/new/`): it applies to every language.
- Each case study has a short permanent link built from its id: `c/<id>/` (and
  `es/c/<id>/`), which always leads to the current page.

The build writes a small redirect page at every old address and short link
(hooks/permalinks.py); they work on any static host and from file://.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass

from labkb.features import blog, survey, survey_pages
from labkb.model import addresses, textfile
from labkb.model.addresses import SHORT, short_links
from labkb.model.corpus import Corpus
from labkb.model.findings import Finding
from labkb.model.frontmatter import load_yaml
from labkb.model.messages import Message, msg
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
MANIFEST = "data/urls.txt"
REDIRECTS = "data/redirects.yml"
_HEADER = (
    "# Every address this site has published, from its root. Recorded by `make urls`;\n"
    "# never remove a line: when a page moves, declare a redirect in data/redirects.yml.\n"
)


def url_of(page_path: str) -> str:
    """The address (directory style, below the language root) of a page path."""
    stem = page_path.removesuffix(".md")
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def page_path_of(url: str) -> str:
    """A page path whose address is `url` (for building redirect pages)."""
    return f"{url.rstrip('/')}.md" if url else "index.md"


def with_language(url: str, language: str) -> str:
    return url if language == DEFAULT_LANGUAGE else f"{language}/{url}"


@dataclass(frozen=True)
class Redirect:
    source: str  # below the language root, e.g. "case-studies/old/"
    target: str
    line: int


def page_urls(corpus: Corpus, the_survey: survey.Survey | None = None) -> set[str]:
    """Addresses of every page below a language root: content and generated pages (the survey's
    follow its declared jurisdictions and indicators, even while a survey file has a problem)."""
    page_paths = {p.page_path for p in corpus.pages}
    page_paths |= {g.path for g in addresses.pages(corpus, the_survey) if g.generator is not addresses.SHORT_LINKS}
    return {url_of(p) for p in page_paths}


def published(corpus: Corpus, the_survey: survey.Survey | None = None) -> set[str]:
    """Every address the site publishes now, in every language, short links included."""
    below_root = page_urls(corpus, the_survey) | {f"{SHORT}/{i}/" for i in short_links(corpus)}
    return {with_language(url, language) for url in below_root for language in LANGUAGES}


# Where the site keeps its own files, below the language root: a redirect page there would
# take their place (or fail to be written). Folders, and files the build writes.
RESERVED_FOLDERS = ("assets/", "search/")
# Files the site makes at its root, and what each is (part.reserved.* of data/messages.yml).
RESERVED_FILES = {
    f"{blog.FOLDER}/feed.xml": "part.reserved.feed",
    survey_pages.CSV_FILE: "part.reserved.survey-csv",
    survey_pages.JSON_FILE: "part.reserved.survey-json",
    "sitemap.xml": "part.reserved.sitemap",
    "sitemap.xml.gz": "part.reserved.sitemap",
    "404.html": "part.reserved.not-found",
}
_EXAMPLE = msg("part.redirect-example")


def load_redirects(project: Project) -> tuple[list[Redirect], list[Finding]]:
    """The declared redirects; each declaration that cannot become a redirect page is a
    finding (with its line) instead, never dropped in silence."""
    path = project.root / REDIRECTS
    if not path.is_file():
        return [], []
    node, errors = load_yaml(textfile.read_text(path))
    findings = [e.finding(REDIRECTS, "redirects") for e in errors]
    redirects: list[Redirect] = []
    first: dict[str, tuple[str, int]] = {}  # normal source -> (as written, line)
    for source, target in node.value.items() if node and isinstance(node.value, dict) else []:
        if not isinstance(target.value, str):
            findings.append(
                Finding.of(REDIRECTS, target.line, msg("redirect.not-one-address", source=source))
            )
            continue
        problem = source_problem(str(source)) or _file_problem(project, str(source))
        if problem:
            findings.append(Finding.of(REDIRECTS, target.key_line, problem))
            continue
        normal = _normal(str(source))
        if normal in first:
            written, line = first[normal]
            findings.append(
                Finding.of(
                    REDIRECTS, target.key_line, msg("redirect.duplicate", source=source, other=written, line=line)
                )
            )
            continue
        first[normal] = (str(source), target.key_line)
        redirects.append(Redirect(normal, _normal(target.value), target.key_line))
    return redirects, findings


def _file_problem(project: Project, source: str) -> Message | None:
    """A source that is a file of content/ (a picture): the redirect page cannot go there."""
    below = _normal(source).rstrip("/")
    for language in LANGUAGES:
        if (project.content / language / below).is_file():
            return msg("redirect.content-file", source=source, language=language, path=below)
    return None


def source_problem(source: str) -> Message | None:
    """Why `source` (as written in data/redirects.yml) cannot be an old address of a page of
    this site, below the language root; None when it can."""
    written = source.strip()
    problem = _written_problem(source, written)
    if problem:
        return problem
    segments = written.strip("/").split("/")
    return _segments_problem(source, segments) or _reserved_problem(source, "/".join(segments))


def _written_problem(source: str, written: str) -> Message | None:
    """Why the address as written (`written`: stripped) is not an address of this site at all."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in written):
        return msg("redirect.control-character", source=repr(source), example=_EXAMPLE)
    if not written.strip("/"):
        return msg("redirect.home-page", source=source, example=_EXAMPLE)
    if _SCHEME.match(written) or written.startswith("//"):
        return msg("redirect.full-address", source=source, example=_EXAMPLE)
    for character in ("\\", "?", "#"):
        if character in written:
            return msg("redirect.character", source=source, character=character, example=_EXAMPLE)
    return None


def _segments_problem(source: str, segments: list[str]) -> Message | None:
    """Why the address's segments name something other than an old page below the language root."""
    if any(segment in ("", ".", "..") for segment in segments):
        return msg("redirect.not-below-root", source=source, example=_EXAMPLE)
    if segments[-1] in ("index", "README", "index.md", "README.md"):
        parent = "/".join(segments[:-1])
        if not parent:
            return msg("redirect.home-page", source=source, example=_EXAMPLE)
        return msg("redirect.index", source=source, parent=parent)
    if segments[-1].endswith(".md"):
        address = "/".join([*segments[:-1], segments[-1].removesuffix(".md")]) + "/"
        return msg("redirect.file-name", source=source, address=address)
    if segments[0] in LANGUAGES and segments[0] != DEFAULT_LANGUAGE:
        rest = "/".join(segments[1:]) + "/"
        if rest == "/":
            return msg("redirect.language-home", source=source, example=_EXAMPLE)
        return msg("redirect.language-prefix", source=source, rest=rest)
    return None


def _reserved_problem(source: str, normal: str) -> Message | None:
    """Why the address (`normal`: its segments joined) is where the site keeps its own files."""
    for folder in RESERVED_FOLDERS:
        if f"{normal}/".startswith(folder):
            return msg("redirect.reserved-folder", source=source, folder=folder)
    if normal in RESERVED_FILES:
        return msg("redirect.reserved-file", source=source, what=msg(RESERVED_FILES[normal]))
    return None


def _normal(url: str) -> str:
    url = url.strip().lstrip("/")
    return url if not url or url.endswith("/") else url + "/"


def read_manifest(project: Project) -> list[tuple[int, str]]:
    path = project.root / MANIFEST
    if not path.is_file():
        return []
    return [
        (number, line.strip().removeprefix("/"))
        for number, line in enumerate(textfile.read_text(path).splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def check(corpus: Corpus, the_survey: survey.Survey | None = None) -> list[Finding]:
    """Findings about published addresses and redirects. A file these checks must read that
    is not UTF-8 text is the one finding: the addresses cannot be known until it is fixed."""
    if corpus.findings:
        return []  # a page that cannot be read is reported by the checker; its address is unknown
    try:
        return _check(corpus, the_survey)
    except textfile.NotUTF8Error as exc:
        return [exc.finding(corpus.project)]


def _check(corpus: Corpus, the_survey: survey.Survey | None) -> list[Finding]:
    project = corpus.project
    if the_survey is None:
        the_survey, _ = survey.load(project)
    below_root_now = page_urls(corpus, the_survey) | {f"{SHORT}/{i}/" for i in short_links(corpus)}
    now = {with_language(url, language) for url in below_root_now for language in LANGUAGES}
    redirects, findings = load_redirects(project)
    sources = {r.source for r in redirects}
    for redirect in redirects:
        if redirect.source in below_root_now:
            findings.append(
                Finding.of(REDIRECTS, redirect.line, msg("redirect.still-a-page", source=redirect.source))
            )
        final = _follow(redirect.target, {r.source: r.target for r in redirects})
        if final not in below_root_now:
            findings.append(
                Finding.of(
                    REDIRECTS,
                    redirect.line,
                    msg("redirect.target-not-a-page", source=redirect.source, target=redirect.target),
                )
            )
    recorded = read_manifest(project)
    if not (project.root / MANIFEST).is_file():
        return [
            *findings,
            Finding.of(MANIFEST, 0, msg("addresses.list-missing")),
        ]
    for line, url in recorded:
        below_root = _below_root(url)
        if url not in now and below_root not in sources:
            findings.append(
                Finding.of(
                    MANIFEST, line, msg("addresses.gone", url=url, redirects=REDIRECTS, below_root=below_root)
                )
            )
    # A new address is not a finding: the deploy on main records it (`make urls` in
    # .github/workflows/deploy.yml), so a pull request that adds a page touches nothing else
    # and two pull requests never edit the manifest at the same time (docs/deploy.md).
    return findings


def _below_root(url: str) -> str:
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE and url.startswith(f"{language}/"):
            return url[len(language) + 1 :]
    return url


def _follow(target: str, mapping: dict[str, str]) -> str:
    seen = set()
    while target in mapping and target not in seen:
        seen.add(target)
        target = mapping[target]
    return target


def resolved_redirects(project: Project) -> dict[str, str]:
    """Old address (below the language root) -> the current page it leads to."""
    redirects, _ = load_redirects(project)
    mapping = {r.source: r.target for r in redirects}
    return {source: _follow(source, mapping) for source in mapping}


def record(corpus: Corpus) -> list[str]:
    """Add every address published now to the manifest; returns those added."""
    project = corpus.project
    path = project.root / MANIFEST
    recorded = {url for _, url in read_manifest(project)}
    added = sorted(published(corpus) - recorded)
    if added or not path.is_file():
        text = textfile.read_text(path) if path.is_file() else _HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"/{url}\n" for url in added), encoding="utf-8")
    return added


def page_path_for(project: Project, url: str, stages: list[str]) -> str:  # noqa: ARG001 - unused, kept: the public signature stays
    """The page path behind an address below the language root (for relative links)."""
    candidates = [f"{url}index.md", f"{url.rstrip('/')}.md"] if url else ["index.md"]
    for candidate in candidates:
        if any((project.content / language / candidate).is_file() for language in LANGUAGES):
            return candidate
    return candidates[-1]  # generated pages (blog listings, stage pages) use "<path>.md"


def _script_string(text: str) -> str:
    """`text` as a JavaScript string literal that cannot end the <script> it is written in."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def redirect_page(target: str, absolute: str, language: str, title: str) -> str:
    """A page that sends readers (and search engines) on to `target`, keeping any #anchor.

    `target` is relative to the redirect page, so it works on any host and from file://.
    """
    safe_target, safe_absolute = html.escape(target, quote=True), html.escape(absolute, quote=True)
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<link rel="canonical" href="{safe_absolute}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={safe_target}">'
        f"<script>location.replace({_script_string(target)} + location.hash)</script>"
        f'</head><body><p><a href="{safe_target}">{html.escape(title)}</a></p></body></html>\n'
    )
