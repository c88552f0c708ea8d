"""Link integrity of a built site: every internal link, anchor and asset must resolve.

Works on any built folder: the site (directory URLs), the preview and the offline
bundle (file URLs). External links are only checked for being well-formed here;
`check_external` (the opt-in `make linkcheck-external`) asks the web.

Each problem is said in the language asked for (`make linkcheck KB_LANG=es`), else in the
page's (a page below `es/` in Spanish), else in the default language (data/messages.yml, `links.*`).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from labkb.model.messages import Message, default_language, msg
from labkb.model.schema import LANGUAGES

_REFERENCES = {
    "a": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "iframe": ("src",),
}
_EXTERNAL = ("http", "https")
_IGNORED_SCHEMES = ("mailto", "tel")


@dataclass
class _Page(HTMLParser):
    references: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)
    ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        for attribute in _REFERENCES.get(tag, ()):
            url = values.get(attribute)
            if url is not None:
                self.references.append((tag, url))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def well_formed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in _EXTERNAL and "." in parts.netloc and " " not in url


def page_language(where: str) -> str:
    """The language of a built page: the folder it is below ('es/...'), else the default language."""
    first = where.split("/", 1)[0]
    return first if first in LANGUAGES and "/" in where else default_language()


def check(folder: Path, language: str | None = None) -> list[str]:
    """Problems as 'page: what is wrong', for every page of a built site, each in `language`
    when asked for, else in its page's language."""
    folder = folder.resolve()
    pages = {path: _parse(path) for path in sorted(folder.rglob("*.html"))}
    problems: list[str] = []
    for path, page in pages.items():
        where = path.relative_to(folder).as_posix()
        found = [problem for tag, url in page.references if (problem := _problem(folder, pages, path, tag, url))]
        problems += [problem.render(language or page_language(where)) for problem in found]
    return problems


def _problem(folder: Path, pages: dict[Path, _Page], path: Path, tag: str, url: str) -> Message | None:
    """What is wrong with the reference `url` of a <tag> of the page at `path`, or None."""
    where = path.relative_to(folder).as_posix()
    parts = urlsplit(url)
    if parts.scheme in _EXTERNAL or url.startswith("//"):
        return None if well_formed(url) else msg("links.malformed", page=where, url=repr(url))
    if parts.scheme in _IGNORED_SCHEMES:
        return None
    if parts.scheme:
        return msg("links.unexpected", page=where, url=repr(url), tag=tag)
    target = _target(folder, path, unquote(parts.path))
    if target is None:
        return msg("links.missing-target", page=where, url=repr(url), tag=tag)
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html":
        ids = pages[target].ids if target in pages else _parse(target).ids
        if fragment not in ids:
            return msg("links.missing-anchor", page=where, url=repr(url), anchor=fragment)
    return None


def _target(folder: Path, page: Path, path: str) -> Path | None:
    if not path:
        return page
    candidate = (folder / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    candidate = Path(*candidate.parts).resolve()
    if not candidate.is_relative_to(folder):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def external_links(folder: Path) -> set[str]:
    links: set[str] = set()
    for path in folder.rglob("*.html"):
        for _, url in _parse(path).references:
            if urlsplit(url).scheme in _EXTERNAL and well_formed(url):
                links.add(url)
    return links


def check_external(folder: Path, timeout: float = 15.0) -> list[str]:
    """Ask the web for every external link of a built site (needs a connection)."""
    problems = []
    for url in sorted(external_links(folder)):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "labkb-linkcheck"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # https only
                pass
        except urllib.error.HTTPError as error:
            if error.code not in (403, 405, 429):  # some servers refuse HEAD or robots
                problems.append(f"{url}: HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            problems.append(f"{url}: {getattr(error, 'reason', error)}")
    return problems
