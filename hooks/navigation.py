"""Navigation in the reader's language: section names from data/labels.yml, fixed order.

Without this, a section is named after its folder ("Case studies") in every language,
and static-i18n sorts top-level sections alphabetically.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise

from mkdocs.plugins import event_priority

import _context
from labkb.features import home, sections
from labkb.model.schema import SECTION_ORDER


@event_priority(-200)  # after static-i18n has built the language's navigation (-100)
def on_nav(nav, config, files):
    build = _context.get()
    language, regs = build.language, build.regs
    for item in nav.items:
        folder = _folder(item)
        if item.is_section and folder:
            item.title = escape(regs.label(f"section_{folder}", language))  # the theme prints it as it is
            pages = [c for c in item.children if c.is_page]
            index = [c for c in item.children if c.is_page and c.is_index]
            if index and (folder in sections.LISTED_SECTIONS or len(pages) > sections.LARGE):
                item.children = index
            elif folder == "events":
                item.children.sort(key=_by_date(build.corpus, language))
    nav.items = _without_hidden(nav.items)
    nav.items.sort(key=_position)
    _link_previous_and_next(nav)
    return nav


def _by_date(corpus, language):
    """Sort key of an events section: its index page first, then the events newest first, as
    the events page lists them (labkb.features.home.events); anything else last."""
    order = [e.page_path for e in reversed(home.events(corpus, language))]

    def key(child):
        path = getattr(child.file, "norm_src_uri", child.file.src_uri) if child.is_page else ""
        if child.is_page and child.is_index:
            return (0, 0)
        return (1, order.index(path)) if path in order else (2, 0)

    return key


def _without_hidden(items):
    """Drop generated pages reached from their section's page (and sections left empty)."""
    kept = []
    for item in items:
        if item.is_page and getattr(item.file, "kb_hidden_in_nav", False):
            continue
        if item.is_section:
            item.children = _without_hidden(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _link_previous_and_next(nav) -> None:
    """MkDocs links pages in nav order before on_nav: link them again in the final order."""
    pages = []

    def walk(items):
        for item in items:
            if item.is_page:
                pages.append(item)
            elif item.is_section:
                walk(item.children)

    walk(nav.items)
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for before, after in pairwise(pages):
        before.next_page, after.previous_page = after, before
    nav.pages = pages


def _folder(item) -> str | None:
    """The top-level folder below content/<lang>/ that a nav item stands for."""
    pages = [item] if item.is_page else [c for c in item.children if c.is_page]
    for page in pages:
        src = getattr(page.file, "norm_src_uri", page.file.src_uri)
        parts = src.split("/")
        if len(parts) > 1:
            return parts[0]
    return None


def _position(item) -> tuple[int, str]:
    if item.is_page and item.is_index:  # the home page (is_homepage is False under /es/)
        return (-1, "")
    folder = _folder(item) or ""
    order = SECTION_ORDER.index(folder) if folder in SECTION_ORDER else len(SECTION_ORDER)
    return (order, folder)


def on_page_content(html, page, config, files):
    """The index page of a large section without a listing of its own lists its pages."""
    build = _context.get()
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    items = build.section_pages(build.language).get(page_path.split("/")[0], [])
    if not sections.needs_listing(page_path, len(items)):
        return html
    heading = build.regs.label("section_pages", build.language)
    return html + sections.listing(items, heading, lambda target: build.url_to(target, page.url))
