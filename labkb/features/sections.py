"""Large sections: their index page lists their pages (the sidebar shows only the index).

Every page carries the sidebar, so a section with many pages shows only its index page
there, and the index page lists the section's pages: the blog always; any other section
once it has more than LARGE pages. Guidance, case studies, the blog and the survey have
listings of their own; the other sections get the plain one built here.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable

from labkb.features import rendering
from labkb.model.corpus import Corpus, Page
from labkb.model.registries import Registries

LISTED_SECTIONS = {"blog"}
OWN_LISTING = {"blog", "guidance", "case-studies", "survey"}
LARGE = 12

Entry = tuple[str, str, str, str]  # (page path, title, description, review status as readers see it)


def entries(corpus: Corpus, language: str, regs: Registries | None = None) -> dict[str, list[Entry]]:
    """folder -> the pages directly in it, in `language` (or the page's original language
    when not translated), sorted by title; with `regs`, each page's review status in `language`
    (the same text as the page's notice)."""
    chosen: dict[str, Page] = {}
    for page in corpus.pages:
        parts = page.page_path.split("/")
        if len(parts) != 2 or parts[1] == "index.md" or page.doc.meta is None:
            continue
        if page.language == language or page.page_path not in chosen:
            chosen[page.page_path] = page
    found: dict[str, list[Entry]] = {}
    for page_path, page in chosen.items():
        meta = page.doc.meta.plain() if page.doc.meta else {}
        status = (rendering.review_status(meta, regs, language) or "") if regs else ""
        found.setdefault(posixpath.dirname(page_path), []).append(
            (page_path, str(meta.get("title", page_path)), str(meta.get("description", "") or ""), status)
        )
    return {folder: sorted(items, key=lambda e: e[1].lower()) for folder, items in found.items()}


def needs_listing(page_path: str, count: int) -> bool:
    """Whether the page at `page_path` is the index of a large section without its own listing."""
    parts = page_path.split("/")
    return len(parts) == 2 and parts[1] == "index.md" and parts[0] not in OWN_LISTING and count > LARGE


def listing(items: list[Entry], heading: str, link: Callable[[str], str]) -> str:
    """The section's pages as a list with their descriptions and review status; every value escaped."""
    rows = "".join(
        f'<li><a href="{html.escape(link(path))}">{html.escape(title)}</a>'
        + (f"<br>{html.escape(description)}" if description else "")
        + (f'<br><span class="kb-item__status">{html.escape(status)}</span>' if status else "")
        + "</li>"
        for path, title, description, status in items
    )
    return f'<h2 id="kb-section-pages">{html.escape(heading)}</h2><ul class="kb-section-pages">{rows}</ul>\n'
