"""The home page's generated part: where to start, every section, the latest posts and events.

Nothing here is typed by an editor on the home page: the stages and roles come from
`data/vocabularies.yml` and the guidance's front matter, the sections from the index pages
of the folders in `schema.SECTION_ORDER`, the posts from the blog, and the events from the
events' front matter. A new post, event, guidance document or section appears on the home
page at the next build. The HTML is built here, every value escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

from labkb.features.blog import FOLDER as BLOG_FOLDER
from labkb.features.blog import Post
from labkb.features.library import Library
from labkb.model import dates
from labkb.model.addresses import STAGE_PAGE
from labkb.model.corpus import Corpus
from labkb.model.registries import Registries
from labkb.model.schema import EVENT, GUIDANCE, SECTION_ORDER

PAGE = "index.md"  # the home page, below content/<lang>/
LATEST_POSTS = 3
UPCOMING_EVENTS = 3

Link = Callable[[str], str]  # page path -> relative URL from the home page


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Event:
    page_path: str
    title: str
    start: dt.date
    end: dt.date
    location: str


@dataclass(frozen=True)
class Section:
    folder: str
    title: str
    description: str


def sections(corpus: Corpus, regs: Registries, language: str) -> list[Section]:
    """The site's sections in navigation order: every folder of SECTION_ORDER with an index
    page in some language; its name from data/labels.yml, its description from that page."""
    found = []
    for folder in SECTION_ORDER:
        versions = [p for p in corpus.pages if p.page_path == f"{folder}/index.md" and p.doc.meta is not None]
        if not versions:
            continue
        page = next((p for p in versions if p.language == language), versions[0])
        meta = page.doc.meta.plain() if page.doc.meta else {}
        found.append(Section(folder, regs.label(f"section_{folder}", language), str(meta.get("description") or "")))
    return found


def events(corpus: Corpus, language: str) -> list[Event]:
    """Every event readers of `language` see (their version, or the original), by start date."""
    chosen: dict[str, Event] = {}
    for page in corpus.pages:
        if page.ctype is not EVENT or not page.usable:
            continue
        if page.page_path in chosen and page.language != language:
            continue
        meta = page.doc.meta.plain() if page.doc.meta else {}
        try:
            event = Event(
                page.page_path,
                str(meta["title"]),
                dates.parse(meta["start"]),
                dates.parse(meta["end"]),
                str(meta["location"]),
            )
        except (KeyError, TypeError, ValueError):
            continue  # the checker reports it
        chosen[page.page_path] = event
    return sorted(chosen.values(), key=lambda e: (e.start, e.title))


def events_to_show(all_events: list[Event], today: dt.date) -> tuple[bool, list[Event]]:
    """(upcoming?, events): the next events not yet over, or else the latest one that was."""
    upcoming = [e for e in all_events if e.end >= today][:UPCOMING_EVENTS]
    if upcoming:
        return True, upcoming
    return False, all_events[-1:]


def _start_here(library: Library, regs: Registries, language: str, link: Link) -> str:
    guidance = library.of_type(language, GUIDANCE)
    stages = "".join(
        f'<li><a href="{_e(link(STAGE_PAGE.format(stage=stage)))}">{_e(names.get(language, stage))}</a></li>'
        for stage, names in regs.vocabularies.get("stages", {}).items()
    )
    roles = []
    for audience, names in regs.vocabularies.get("audiences", {}).items():
        docs = [d for d in guidance if audience in d.values("audience")]
        if not docs:
            continue
        items = ", ".join(f'<a href="{_e(link(d.page_path))}">{_e(d.title)}</a>' for d in docs)
        roles.append(f"<li><strong>{_e(names.get(language, audience))}</strong>: {items}</li>")
    return (
        f'<h2 id="kb-home-start">{_e(regs.label("home_start", language))}</h2>'
        f'<div class="kb-home-start"><div><h3 id="kb-home-by-stage">{_e(regs.label("home_by_stage", language))}</h3>'
        f'<ol class="kb-home-stages">{stages}</ol></div>'
        f'<div><h3 id="kb-home-by-role">{_e(regs.label("home_by_role", language))}</h3>'
        f'<ul class="kb-home-roles">{"".join(roles)}</ul></div></div>\n'
    )


def _sections(found: list[Section], regs: Registries, language: str, link: Link) -> str:
    items = "".join(
        f'<li><a href="{_e(link(f"{s.folder}/index.md"))}">{_e(s.title)}</a>'
        + (f": {_e(s.description)}" if s.description else "")
        + "</li>"
        for s in found
    )
    return (
        f'<h2 id="kb-home-sections">{_e(regs.label("home_sections", language))}</h2>'
        f'<ul class="kb-home-sections">{items}</ul>\n'
    )


def _posts(posts: list[Post], regs: Registries, language: str, link: Link) -> str:
    if not posts:
        return ""
    items = "".join(
        f'<li><a href="{_e(link(p.page_path))}">{_e(p.title)}</a> · {_e(dates.long_date(p.date, language))}</li>'
        for p in posts[:LATEST_POSTS]
    )
    return (
        f'<h2 id="kb-home-posts">{_e(regs.label("home_latest_posts", language))}</h2>'
        f'<ul class="kb-home-posts">{items}</ul>'
        f'<p><a href="{_e(link(f"{BLOG_FOLDER}/index.md"))}">{_e(regs.label("home_all_posts", language))}</a></p>\n'
    )


def _events(shown: tuple[bool, list[Event]], regs: Registries, language: str, link: Link) -> str:
    upcoming, chosen = shown
    if not chosen:
        return ""
    items = "".join(
        f'<li><a href="{_e(link(e.page_path))}">{_e(e.title)}</a> · '
        f"{_e(dates.date_range(e.start, e.end, language))} · {_e(e.location)}</li>"
        for e in chosen
    )
    heading = regs.label("home_upcoming_events" if upcoming else "home_latest_event", language)
    return (
        f'<h2 id="kb-home-events">{_e(heading)}</h2><ul class="kb-home-events">{items}</ul>'
        f'<p><a href="{_e(link("events/index.md"))}">{_e(regs.label("home_all_events", language))}</a></p>\n'
    )


def home(
    corpus: Corpus,
    library: Library,
    posts: list[Post],
    regs: Registries,
    language: str,
    link: Link,
    today: dt.date,
) -> str:
    """The HTML appended to the home page in `language`: where to start (by stage, by role),
    every section, the latest posts, and the upcoming events or else the latest one."""
    return (
        _start_here(library, regs, language, link)
        + _posts(posts, regs, language, link)
        + _events(events_to_show(events(corpus, language), today), regs, language, link)
        + _sections(sections(corpus, regs, language), regs, language, link)
    )
