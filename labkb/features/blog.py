"""The blog, per language: posts, listings, archives, categories and the RSS feed.

Material's blog plugin and mkdocs-static-i18n do not work together (and the plugin
writes into docs_dir), so the blog's generated pages are made here, as Markdown text
that `hooks/blog.py` hands to MkDocs as virtual files: nothing is written to content/.

Every generated page exists in every language (an empty listing says so), so the
language switcher always has a page to go to. Listings and feeds of a language show
only the posts written in that language.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import math
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from labkb.features import rendering
from labkb.model import dates, markdown_source
from labkb.model.corpus import Corpus, Page
from labkb.model.registries import Registries

FOLDER = "blog"
PER_PAGE = 10
WORDS_PER_MINUTE = 200
# Paths below blog/ that the generated pages use; editors cannot put files there.
RESERVED = ("page", "archive", "category", "feed.xml")
# Characters XML 1.0 does not allow anywhere in a document (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Post:
    page_path: str  # "blog/<slug>.md"
    language: str
    title: str
    date: dt.date
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    description: str
    words: int
    review: dict[str, str] = field(default_factory=dict)  # review_status, reviewed_by, last_reviewed

    @property
    def slug(self) -> str:
        return self.page_path.removeprefix(FOLDER + "/").removesuffix(".md")

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


def is_post(page_path: str) -> bool:
    parts = page_path.split("/")
    return len(parts) == 2 and parts[0] == FOLDER and parts[1] != "index.md"


def read_post(page: Page, count: bool = True) -> Post | None:
    """A post from its page, or None when its front matter is not usable (the checker says why)."""
    meta = page.doc.meta.plain() if page.doc.meta else {}
    try:
        return Post(
            page_path=page.page_path,
            language=page.language,
            title=str(meta["title"]),
            date=dates.parse(meta["date"]),
            authors=tuple(meta["authors"]),
            categories=tuple(meta["categories"]),
            description=str(meta["description"]),
            words=markdown_source.count_words(page.doc.body, page.masked) if count else 0,
            review={k: str(meta[k]) for k in ("review_status", "reviewed_by", "last_reviewed") if k in meta},
        )
    except (KeyError, TypeError, ValueError):
        return None


def posts(corpus: Corpus, language: str, count: bool = True) -> list[Post]:
    """Posts written in `language`, newest first (`count=False`: without reading times)."""
    found = []
    for page in corpus.of_language(language):
        if is_post(page.page_path):
            post = read_post(page, count)
            if post is not None:
                found.append(post)
    return sorted(found, key=lambda p: (-p.date.toordinal(), p.title))


@dataclass(frozen=True)
class Blog:
    """The posts of every language, and the generated pages they call for."""

    by_language: dict[str, list[Post]]

    @property
    def years(self) -> list[int]:
        return sorted({p.date.year for ps in self.by_language.values() for p in ps}, reverse=True)

    @property
    def categories(self) -> list[str]:
        return sorted({c for ps in self.by_language.values() for p in ps for c in p.categories})

    @property
    def page_count(self) -> int:
        most = max((len(ps) for ps in self.by_language.values()), default=0)
        return max(1, math.ceil(most / PER_PAGE))


def load(corpus: Corpus, languages: tuple[str, ...], count: bool = True) -> Blog:
    return Blog({language: posts(corpus, language, count) for language in languages})


# --- Markdown for the pages ------------------------------------------------------------


def _text(value: str) -> str:
    """Front-matter text made safe to place in Markdown (no markup gets through)."""
    return html.escape(value, quote=False).replace("[", "\\[").replace("]", "\\]")


def byline(post: Post, regs: Registries, language: str, to_blog: str) -> str:
    """Date, reading time, authors and categories, above a post. `to_blog`: path to blog/."""
    authors = ", ".join(_text(regs.author_name(a, language)) for a in post.authors)
    categories = ", ".join(
        f"[{_text(regs.term('categories', c, language))}]({to_blog}category/{c}.md)" for c in post.categories
    )
    minutes = regs.label("blog_reading_time", language, minutes=post.minutes)
    return (
        f'<p class="kb-byline">{dates.long_date(post.date, language)} · {minutes} · '
        f"{authors}</p>\n\n{regs.label('blog_categories', language)}: {categories}\n\n"
    )


def author_box(post: Post, regs: Registries, language: str) -> str:
    lines = [f"## {regs.label('blog_about_authors', language)}\n"]
    for author_id in post.authors:
        author = regs.authors.get(author_id, {})
        name = _text(regs.author_name(author_id, language))
        role = regs.author_role(author_id, language)
        affiliation = _text(author.get("affiliation", {}).get(language, ""))
        bio = _text(author.get("bio", {}).get(language, ""))
        lines.append(f"**{name}**{', ' + _text(role) if role else ''}, {affiliation}. {bio}\n")
    return "\n".join(lines)


def _entry(post: Post, regs: Registries, language: str, to_blog: str) -> str:
    minutes = regs.label("blog_reading_time", language, minutes=post.minutes)
    status = rendering.review_status(post.review, regs, language)
    shown = f" · {_text(status)}" if status else ""
    return (
        f"## [{_text(post.title)}]({to_blog}{post.slug}.md)\n\n"
        f"{dates.long_date(post.date, language)} · {minutes}{shown}\n\n{_text(post.description)}\n"
    )


def _listing(entries: list[Post], regs: Registries, language: str, to_blog: str) -> str:
    if not entries:
        return regs.label("blog_empty", language) + "\n"
    return "\n".join(_entry(p, regs, language, to_blog) for p in entries)


def _browse(blog: Blog, regs: Registries, language: str, to_blog: str) -> str:
    years = " · ".join(f"[{y}]({to_blog}archive/{y}.md)" for y in blog.years)
    categories = " · ".join(
        f"[{_text(regs.term('categories', c, language))}]({to_blog}category/{c}.md)" for c in blog.categories
    )
    feed = f"[{regs.label('blog_feed', language)}]({to_blog}feed.xml)"
    return (
        f"\n## {regs.label('blog_archive', language)}\n\n{years}\n\n"
        f"## {regs.label('blog_categories', language)}\n\n{categories}\n\n{feed}\n"
    )


def _pager(number: int, count: int, regs: Registries, language: str, to_blog: str) -> str:
    links = []
    if number > 1:
        newer = "index.md" if number == 2 else f"page/{number - 1}.md"
        links.append(f"[← {regs.label('blog_newer', language)}]({to_blog}{newer})")
    if number < count:
        links.append(f"[{regs.label('blog_older', language)} →]({to_blog}page/{number + 1}.md)")
    return "\n" + " · ".join(links) + "\n" if links else ""


def index_listing(blog: Blog, regs: Registries, language: str) -> str:
    """Appended to blog/index.md: the newest posts, the pager, archive and categories."""
    first = blog.by_language.get(language, [])[:PER_PAGE]
    return (
        _listing(first, regs, language, "")
        + _pager(1, blog.page_count, regs, language, "")
        + _browse(blog, regs, language, "")
    )


def _page(title: str, description: str, body: str) -> str:
    return f'---\ntitle: "{_yaml(title)}"\ndescription: "{_yaml(description)}"\n---\n\n{body}'


def _yaml(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def generated_paths(blog: Blog) -> list[str]:
    """Page paths of the generated pages (the same in every language)."""
    return (
        [f"{FOLDER}/page/{n}.md" for n in range(2, blog.page_count + 1)]
        + [f"{FOLDER}/archive/{y}.md" for y in blog.years]
        + [f"{FOLDER}/category/{c}.md" for c in blog.categories]
    )


def generated_pages(blog: Blog, regs: Registries, language: str) -> dict[str, str]:
    """page_path -> Markdown for the pages after the first, the archives and categories."""
    mine = blog.by_language.get(language, [])
    description = regs.label("blog_description", language)
    pages: dict[str, str] = {}
    for number in range(2, blog.page_count + 1):
        chunk = mine[(number - 1) * PER_PAGE : number * PER_PAGE]
        title = regs.label("blog_page_title", language, number=number)
        body = _listing(chunk, regs, language, "../") + _pager(number, blog.page_count, regs, language, "../")
        pages[f"{FOLDER}/page/{number}.md"] = _page(title, description, body)
    for year in blog.years:
        title = regs.label("blog_archive_title", language, year=year)
        chosen = [p for p in mine if p.date.year == year]
        pages[f"{FOLDER}/archive/{year}.md"] = _page(title, description, _listing(chosen, regs, language, "../"))
    for category in blog.categories:
        name = regs.term("categories", category, language)
        title = regs.label("blog_category_title", language, category=name)
        chosen = [p for p in mine if category in p.categories]
        pages[f"{FOLDER}/category/{category}.md"] = _page(title, description, _listing(chosen, regs, language, "../"))
    return pages


# --- the feed -------------------------------------------------------------------------------


def _xml(value: object) -> str:
    """Text made safe for the feed, whatever it holds: escaped for XML (attributes too), and
    each character XML 1.0 forbids (control characters, lone surrogates, U+FFFE, U+FFFF)
    replaced by U+FFFD, so the feed always parses."""
    text = _NOT_XML.sub("\ufffd", str(value))
    return escape(text, {'"': "&quot;", "\r": "&#13;"})


def _described(post: Post, regs: Registries, language: str) -> str:
    """A feed item's description: the post's, then its review status (the same as on the page)."""
    status = rendering.review_status(post.review, regs, language)
    return f"{post.description} ({status})" if status else post.description


def rss(blog: Blog, regs: Registries, language: str, blog_url: str, site_name: str) -> str:
    """RSS 2.0 of the posts written in `language`. `blog_url`: absolute URL of this blog/."""
    items = []
    for post in blog.by_language.get(language, [])[:50]:
        link = f"{blog_url}{post.slug}/"
        published = email.utils.format_datetime(dt.datetime.combine(post.date, dt.time(12, 0), tzinfo=dt.UTC))
        categories = "".join(
            f"<category>{_xml(regs.term('categories', c, language))}</category>" for c in post.categories
        )
        authors = ", ".join(regs.author_name(a, language) for a in post.authors)
        items.append(
            f"<item><title>{_xml(post.title)}</title><link>{_xml(link)}</link>"
            f'<guid isPermaLink="true">{_xml(link)}</guid><pubDate>{published}</pubDate>'
            f"<dc:creator>{_xml(authors)}</dc:creator>"
            f"<description>{_xml(_described(post, regs, language))}</description>{categories}</item>"
        )
    title = f"{site_name}: {regs.label('section_blog', language)}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>'
        f"<title>{_xml(title)}</title><link>{_xml(blog_url)}</link>"
        f"<description>{_xml(regs.label('blog_description', language))}</description>"
        f"<language>{_xml(language)}</language>"
        f'<atom:link href="{_xml(blog_url)}feed.xml" rel="self" type="application/rss+xml"/>'
        + "".join(items)
        + "</channel>\n</rss>\n"
    )
