"""The sitemap and robots.txt: every indexable page of every language, from one declaration.

A page is listed in a language when it really exists in that language: its own version,
or a generated page (labkb.model.addresses: made in every language). A page shown in another
language while untranslated is not listed there (its canonical address is the
original's). Each entry names every language version as an alternate, and the default
language's version as x-default. Redirect pages, short links, downloads and the page for
unknown addresses are never listed. There is no <lastmod>: a date that changed with
every build would say nothing true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from labkb.model import addresses
from labkb.model.corpus import Corpus


@dataclass(frozen=True)
class Entry:
    loc: str
    alternates: tuple[tuple[str, str], ...]  # (language, absolute URL), in the site's language order
    default: str | None  # the x-default URL


def entries(
    corpus: Corpus,
    generated: list[addresses.Generated],
    languages: tuple[str, ...],
    default: str,
    absolute: Callable[[str, str], str],
) -> list[Entry]:
    """`absolute(page_path, language)`: the page's public URL in a language."""
    versions: dict[str, set[str]] = {}
    for page in corpus.pages:
        versions.setdefault(page.page_path, set()).add(page.language)
    for each in generated:
        if each.in_sitemap and not each.download:
            versions.setdefault(each.path, set()).update(languages)
    found = []
    for page_path in sorted(versions):
        present = [lang for lang in languages if lang in versions[page_path]]
        urls = tuple((lang, absolute(page_path, lang)) for lang in present)
        x_default = dict(urls).get(default)
        found += [Entry(url, urls, x_default) for _, url in urls]
    return found


def xml(items: list[Entry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for item in items:
        lines.append(f"    <url>\n        <loc>{_text(item.loc)}</loc>")
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
