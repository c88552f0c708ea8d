"""Navigation in the reader's language: section names from data/labels.yml, fixed order.

Without this, a section is named after its folder ("Case studies") in every language,
and static-i18n sorts top-level sections alphabetically.
"""

from __future__ import annotations

import _state
from mkdocs.plugins import event_priority

from labkb.schema import SECTION_ORDER

# Sections whose index page lists their pages (generated listings): the blog always shows
# only its index in the sidebar; guidance and case studies once they have many pages, so
# that every page does not carry the whole list (page weight grows with the site).
LISTED_SECTIONS = {"blog"}
LISTED_WHEN_LARGE = {"guidance", "case-studies"}
LARGE = 12


@event_priority(-200)  # after static-i18n has built the language's navigation (-100)
def on_nav(nav, config, files):
    language = config.plugins["i18n"].current_language
    regs = _state.regs(config)
    for item in nav.items:
        folder = _folder(item)
        if item.is_section and folder:
            item.title = regs.label(f"section_{folder}", language)
            pages = [c for c in item.children if c.is_page]
            if folder in LISTED_SECTIONS or (folder in LISTED_WHEN_LARGE and len(pages) > LARGE):
                # Posts are reached from the section's own listing, not from the sidebar.
                item.children = [c for c in item.children if c.is_page and c.is_index]
    nav.items = _without_hidden(nav.items)
    nav.items.sort(key=_position)
    _link_previous_and_next(nav)
    return nav


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
    for before, after in zip(pages, pages[1:], strict=False):
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
