"""The home page shows the whole site (labkb/features/home.py), tested on the built site.

In both languages: a link to every section, to every stage of the procurement cycle and
to guidance by role; the latest posts as the blog's data orders them; the latest event.
The lists are generated, so a new post or event shows without editing the home page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from html.parser import HTMLParser

import pytest

from labkb.features import blog, home
from labkb.features.library import load as load_library
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from labkb.model.schema import LANGUAGES, SECTION_ORDER
from tests.conftest import REPO, Built

CORPUS = Corpus.read(Project(REPO))


class _Links(HTMLParser):
    """(href, text) of every link inside the element with a given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.href = css_class, 0, None
        self.links: list[tuple[str, str]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in ("br", "img", "input")
        elif self.css_class in classes:
            self.depth = 1
        if self.depth and tag == "a":
            self.href, self._text = dict(attrs).get("href"), []

    def handle_endtag(self, tag):
        if self.depth and tag == "a" and self.href is not None:
            self.links.append((self.href, "".join(self._text).strip()))
            self.href = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.href is not None:
            self._text.append(data)


def links(built: Built, language: str, css_class: str) -> list[tuple[str, str]]:
    prefix = "" if language == "en" else f"{language}/"
    parser = _Links(css_class)
    parser.feed((built.site / prefix / "index.html").read_text(encoding="utf-8"))
    return parser.links


def resolved(built: Built, language: str, href: str) -> str:
    """The built folder a home page link leads to, relative to the site, e.g. 'es/blog/'."""
    prefix = "" if language == "en" else f"{language}/"
    target = posixpath.normpath(posixpath.join(prefix, href.split("#")[0]))
    assert (built.site / target / "index.html").is_file() or (built.site / target).is_file(), href
    return target.rstrip("/") + "/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_links_every_section(built: Built, language: str):
    prefix = "" if language == "en" else f"{language}/"
    folders = [f for f in SECTION_ORDER if any(p.page_path == f"{f}/index.md" for p in CORPUS.pages)]
    assert {"guidance", "case-studies", "survey", "workshops", "events", "blog", "projects", "glossary"} <= set(folders)
    targets = [resolved(built, language, href) for href, _ in links(built, language, "kb-home-sections")]
    assert targets == [f"{prefix}{folder}/" for folder in folders]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_starts_by_stage_and_by_role(built: Built, language: str):
    prefix = "" if language == "en" else f"{language}/"
    regs = CORPUS.regs
    stages = [resolved(built, language, href) for href, _ in links(built, language, "kb-home-stages")]
    assert stages == [f"{prefix}guidance/stages/{s}/" for s in regs.vocabularies["stages"]]
    names = [text for _, text in links(built, language, "kb-home-stages")]
    assert names == [n[language] for n in regs.vocabularies["stages"].values()]
    roles = [resolved(built, language, href) for href, _ in links(built, language, "kb-home-roles")]
    assert roles and all(r.startswith(f"{prefix}guidance/") for r in roles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_latest_posts_match_the_blog(built: Built, language: str):
    prefix = "" if language == "en" else f"{language}/"
    posts = blog.posts(CORPUS, language)[: home.LATEST_POSTS]
    assert posts
    shown = links(built, language, "kb-home-posts")
    assert [text for _, text in shown] == [p.title for p in posts]
    assert [resolved(built, language, href) for href, _ in shown] == [f"{prefix}{blog.FOLDER}/{p.slug}/" for p in posts]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_the_latest_or_upcoming_event(built: Built, language: str):
    upcoming, chosen = home.events_to_show(home.events(CORPUS, language), dt.date.today())
    assert chosen
    html = (built.site / ("" if language == "en" else f"{language}/") / "index.html").read_text(encoding="utf-8")
    heading = CORPUS.regs.label("home_upcoming_events" if upcoming else "home_latest_event", language)
    assert re.search(rf'<h2 id="kb-home-events">{re.escape(heading)}', html)
    assert [text for _, text in links(built, language, "kb-home-events")] == [e.title for e in chosen]


def test_events_to_show_prefers_upcoming_then_the_latest():
    def event(day: str) -> home.Event:
        return home.Event(f"events/{day}.md", day, dt.date.fromisoformat(day), dt.date.fromisoformat(day), "Online")

    past, later, future = event("2016-11-17"), event("2017-10-06"), event("2030-01-01")
    today = dt.date(2026, 12, 1)
    assert home.events_to_show([past, later], today) == (False, [later])
    assert home.events_to_show([past, later, future], today) == (True, [future])
    assert home.events_to_show([], today) == (False, [])


def test_a_new_post_reaches_the_home_page_without_editing_it():
    """The home page's HTML is built from the blog's data: a newer post comes first."""
    regs = CORPUS.regs
    library = load_library(CORPUS, LANGUAGES)
    newest = blog.Post("blog/new.md", "en", "A <new> post", dt.date(2030, 1, 1), ("lab-editors",), (), "", 300)
    html = home.home(CORPUS, library, [newest, *blog.posts(CORPUS, "en")], regs, "en", lambda p: p, dt.date.today())
    assert '<ul class="kb-home-posts"><li><a href="blog/new.md">A &lt;new&gt; post</a>' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sidebar_lists_events_newest_first_as_the_events_page_does(built: Built, language: str):
    prefix = "" if language == "en" else f"{language}/"
    html = (built.site / prefix / "events" / "index.html").read_text(encoding="utf-8")
    sidebar = html.split('class="md-sidebar md-sidebar--primary"', 1)[1].split(
        'class="md-sidebar md-sidebar--secondary"'
    )[0]
    hrefs = re.findall(r'<a href="([^"]+)" class="md-nav__link', sidebar)
    shown = [h.strip("/").split("/")[-1] for h in hrefs]
    expected = [e.page_path.split("/")[-1].removesuffix(".md") for e in reversed(home.events(CORPUS, language))]
    assert len(expected) >= 2 and [h for h in shown if h in expected] == expected, shown
