"""The sitemap and robots.txt: every indexable page of every language, from one declaration.

A page is listed in a language when it really exists in that language: its own version,
or a generated page (labkb.model.addresses: made in every language). A page shown in another
language while untranslated is not listed there (its canonical address is the
original's). Each entry names every language version as an alternate, and the default
language's version as x-default. Redirect pages, short links, downloads and the page for
unknown addresses are never listed.

`<lastmod>` is the date of the last commit that changed the page's own file (`content_dates`):
it changes when that file changes, and only then; the same checkout gives the same sitemap. It is
left out wherever git cannot tell that date truly: a page the build generates (made from data
and other pages), a file changed since its last commit, a shallow clone (its one commit would
pass for the last change of every file), a folder that is not a git checkout. Never the build's
date, which would change with every build and say nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from labkb.model import addresses
from labkb.model.corpus import Corpus


@dataclass(frozen=True)
class Entry:
    loc: str
    alternates: tuple[tuple[str, str], ...]  # (language, absolute URL), in the site's language order
    default: str | None  # the x-default URL
    lastmod: str | None = None  # YYYY-MM-DD: the last commit that changed the page's own file


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotePath=false", *args], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def content_dates(root: Path, folder: str = "content") -> dict[str, str]:
    """{path below `root` (content/en/x.md): date of the last commit that changed it}, for the
    files of `folder` whose content is that commit's. Empty outside git and in a shallow clone."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    prefix = _git(root, "rev-parse", "--show-prefix")
    if shallow is None or shallow.strip() != "false" or prefix is None:
        return {}
    prefix = prefix.strip()
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", folder)
    history = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder)
    if status is None or history is None:
        return {}
    changed = {
        name.strip().strip('"').removeprefix(prefix)
        for line in status.splitlines()
        for name in line[3:].split(" -> ")  # a rename names both files
    }
    dates: dict[str, str] = {}
    date = ""
    for line in history.splitlines():
        if line.startswith("\x00"):
            date = line[1:].strip()
        elif line.strip():
            name = line.strip().removeprefix(prefix)
            if name not in changed:
                dates.setdefault(name, date)
    return dates


def entries(
    corpus: Corpus,
    generated: list[addresses.Generated],
    languages: tuple[str, ...],
    default: str,
    absolute: Callable[[str, str], str],
    dates: dict[str, str] | None = None,
) -> list[Entry]:
    """`absolute(page_path, language)`: the page's public URL in a language; `dates`: each
    content file's last change (`content_dates`), by its path relative to the repository."""
    versions: dict[str, set[str]] = {}
    lastmod: dict[tuple[str, str], str] = {}
    for page in corpus.pages:
        versions.setdefault(page.page_path, set()).add(page.language)
        if dates and page.rel in dates:
            lastmod[(page.page_path, page.language)] = dates[page.rel]
    for each in generated:
        if each.in_sitemap and not each.download:
            versions.setdefault(each.path, set()).update(languages)
    found = []
    for page_path in sorted(versions):
        present = [lang for lang in languages if lang in versions[page_path]]
        urls = tuple((lang, absolute(page_path, lang)) for lang in present)
        x_default = dict(urls).get(default)
        found += [Entry(url, urls, x_default, lastmod.get((page_path, lang))) for lang, url in urls]
    return found


def xml(items: list[Entry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for item in items:
        lines.append(f"    <url>\n        <loc>{_text(item.loc)}</loc>")
        if item.lastmod:
            lines.append(f"        <lastmod>{_text(item.lastmod)}</lastmod>")
        for language, url in item.alternates:
            lines.append(f'        <xhtml:link rel="alternate" hreflang="{language}" href={quoteattr(url)}/>')
        if item.default:
            lines.append(f'        <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(item.default)}/>')
        lines.append("    </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site_url: str) -> str:
    """Every page may be indexed; the sitemap is at the site's root."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
