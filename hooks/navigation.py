"""Navigation in the reader's language: section names from data/labels.yml, fixed order.

Without this, a section is named after its folder ("Case studies") in every language,
and static-i18n sorts top-level sections alphabetically.
"""

from __future__ import annotations

from html import escape

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _state
from labkb.schema import SECTION_ORDER

# Every page carries the sidebar, so a section with many pages shows only its index page
# there, and the index page lists the section's pages: the blog always; any other section
# once it has more than LARGE pages (guidance and case studies have their own listings,
# other sections get a plain one from on_page_content below).
LISTED_SECTIONS = {"blog"}
OWN_LISTING = {"blog", "guidance", "case-studies", "survey"}
LARGE = 12


@event_priority(-200)  # after static-i18n has built the language's navigation (-100)
def on_nav(nav, config, files):
    language = config.plugins["i18n"].current_language
    regs = _state.regs(config)
    for item in nav.items:
        folder = _folder(item)
        if item.is_section and folder:
            item.title = escape(regs.label(f"section_{folder}", language))  # the theme prints it as it is
            pages = [c for c in item.children if c.is_page]
            index = [c for c in item.children if c.is_page and c.is_index]
            if index and (folder in LISTED_SECTIONS or len(pages) > LARGE):
                item.children = index
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


def on_page_content(html, page, config, files):
    """The index page of a large section without a listing of its own lists its pages."""
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    parts = page_path.split("/")
    if len(parts) != 2 or parts[1] != "index.md" or parts[0] in OWN_LISTING:
        return html
    folder = parts[0]
    language = config.plugins["i18n"].current_language
    entries = _state.section_pages(config, language).get(folder, [])
    if len(entries) <= LARGE:
        return html
    prefix = "" if language == config.plugins["i18n"].default_language else f"{language}/"
    items = []
    for entry_path, title, description in entries:
        url = File(entry_path, config.docs_dir, config.site_dir, config.use_directory_urls).url
        href = get_relative_url(prefix + url, page.url)
        items.append(
            f'<li><a href="{escape(href)}">{escape(title)}</a>'
            + (f"<br>{escape(description)}" if description else "")
            + "</li>"
        )
    heading = _state.regs(config).label("section_pages", language)
    return (
        html + f'<h2 id="kb-section-pages">{escape(heading)}</h2><ul class="kb-section-pages">{"".join(items)}</ul>\n'
    )
