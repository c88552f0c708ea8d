"""Addresses that never break: the published-URL manifest, redirects and short links.

- `data/urls.txt` records every address the site has published (one per line, from
  the site root, e.g. `/es/case-studies/x/`). `make urls` adds new ones; nothing removes
  them. The checker fails when a recorded address is no longer a page and no redirect
  says where it went, and when a page is not recorded yet.
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
from dataclasses import dataclass

from labkb import blog, frontmatter, survey, survey_pages
from labkb.findings import Finding
from labkb.frontmatter import load_yaml
from labkb.project import Project
from labkb.schema import CASE_STUDY, DEFAULT_LANGUAGE, LANGUAGES, content_type_for

MANIFEST = "data/urls.txt"
REDIRECTS = "data/redirects.yml"
SHORT = "c"
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


def short_links(project: Project) -> dict[str, str]:
    """Case study id -> its page path (from any language's version)."""
    links: dict[str, str] = {}
    for language in LANGUAGES:
        folder = project.content / language / CASE_STUDY.folder
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            page_path = project.page_path(path)
            if content_type_for(page_path) is not CASE_STUDY:
                continue
            node = frontmatter.parse(path.read_text(encoding="utf-8")).fields.get("id")
            if node is not None and isinstance(node.value, str):
                links.setdefault(node.value, page_path)
    return links


def page_urls(project: Project, stages: list[str], the_survey: survey.Survey | None = None) -> set[str]:
    """Addresses of every page below a language root: content, blog listings, stage pages."""
    page_paths = {project.page_path(p) for p in project.markdown_files() if project.language_of(p) in LANGUAGES}
    the_blog = blog.load(project, LANGUAGES, count=False)  # addresses only: no word counts
    if any(the_blog.by_language.values()):
        page_paths |= set(blog.generated_paths(the_blog))
    page_paths |= {f"guidance/stages/{stage}.md" for stage in stages}
    # The survey's pages follow its declared jurisdictions and indicators, even while a
    # survey file has a problem (reported on its own, not as a vanished address).
    if the_survey is None:
        the_survey, _ = survey.load(project)
    if the_survey.declared:
        page_paths |= set(survey_pages.generated_paths(the_survey))
    return {url_of(p) for p in page_paths}


def published(project: Project, stages: list[str], the_survey: survey.Survey | None = None) -> set[str]:
    """Every address the site publishes now, in every language, short links included."""
    below_root = page_urls(project, stages, the_survey) | {f"{SHORT}/{i}/" for i in short_links(project)}
    return {with_language(url, language) for url in below_root for language in LANGUAGES}


def load_redirects(project: Project) -> tuple[list[Redirect], list[Finding]]:
    path = project.root / REDIRECTS
    if not path.is_file():
        return [], []
    node, errors = load_yaml(path.read_text(encoding="utf-8"))
    findings = [Finding(REDIRECTS, e.line, e.message.replace("front matter", "redirects file")) for e in errors]
    redirects = []
    for source, target in node.value.items() if node and isinstance(node.value, dict) else []:
        if not isinstance(target.value, str):
            findings.append(
                Finding(
                    REDIRECTS,
                    target.line,
                    f"'{source}' must map to one address, e.g. 'case-studies/new-name/'",
                )
            )
            continue
        redirects.append(Redirect(_normal(str(source)), _normal(target.value), target.key_line))
    return redirects, findings


def _normal(url: str) -> str:
    url = url.strip().lstrip("/")
    return url if not url or url.endswith("/") else url + "/"


def read_manifest(project: Project) -> list[tuple[int, str]]:
    path = project.root / MANIFEST
    if not path.is_file():
        return []
    return [
        (number, line.strip().removeprefix("/"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def check(project: Project, stages: list[str], the_survey: survey.Survey | None = None) -> list[Finding]:
    if the_survey is None:
        the_survey, _ = survey.load(project)
    below_root_now = page_urls(project, stages, the_survey) | {f"{SHORT}/{i}/" for i in short_links(project)}
    now = {with_language(url, language) for url in below_root_now for language in LANGUAGES}
    redirects, findings = load_redirects(project)
    sources = {r.source for r in redirects}
    for redirect in redirects:
        if redirect.source in below_root_now:
            findings.append(
                Finding(
                    REDIRECTS,
                    redirect.line,
                    f"'{redirect.source}' is still a page of the site: remove this redirect, or move the page",
                )
            )
        final = _follow(redirect.target, {r.source: r.target for r in redirects})
        if final not in below_root_now:
            findings.append(
                Finding(
                    REDIRECTS,
                    redirect.line,
                    f"the redirect from '{redirect.source}' goes to "
                    f"'{redirect.target}', which is not a page of the site",
                )
            )
    recorded = read_manifest(project)
    if not (project.root / MANIFEST).is_file():
        return [
            *findings,
            Finding(MANIFEST, 0, "the list of published addresses is missing: run 'make urls' to create it"),
        ]
    for line, url in recorded:
        below_root = _below_root(url)
        if url not in now and below_root not in sources:
            findings.append(
                Finding(
                    MANIFEST,
                    line,
                    f"/{url} was published and no longer exists: if the page moved, declare where "
                    f"it went in {REDIRECTS}, e.g. '{below_root}: <new address>' (one line covers "
                    "every language); if it was removed, redirect it to the page that replaces it",
                )
            )
    missing = sorted(now - {url for _, url in recorded})
    for url in missing:
        findings.append(
            Finding(
                MANIFEST,
                0,
                f"/{url} is not recorded yet: run 'make urls' to add the site's new addresses to the list",
            )
        )
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


def record(project: Project, stages: list[str]) -> list[str]:
    """Add every address published now to the manifest; returns those added."""
    path = project.root / MANIFEST
    recorded = {url for _, url in read_manifest(project)}
    added = sorted(published(project, stages) - recorded)
    if added or not path.is_file():
        text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"/{url}\n" for url in added), encoding="utf-8")
    return added


def page_path_for(project: Project, url: str, stages: list[str]) -> str:
    """The page path behind an address below the language root (for relative links)."""
    candidates = [f"{url}index.md", f"{url.rstrip('/')}.md"] if url else ["index.md"]
    for candidate in candidates:
        if any((project.content / language / candidate).is_file() for language in LANGUAGES):
            return candidate
    return candidates[-1]  # generated pages (blog listings, stage pages) use "<path>.md"


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
        f"<script>location.replace({json.dumps(target)} + location.hash)</script>"
        f'</head><body><p><a href="{safe_target}">{html.escape(title)}</a></p></body></html>\n'
    )
