"""MkDocs adapter for the glossary (labkb.features.glossary): definitions where terms are first used,
and the glossary page of each language (glossary/index.md)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

import _context
from labkb.features import glossary


@event_priority(50)  # before other hooks append listings: only the page's own text is marked
def on_page_content(html, page, config, files):
    build = _context.get()
    language, entries = build.language, build.glossary_entries
    if not entries:
        return html
    if getattr(page.file, "norm_src_uri", page.file.src_uri) == "glossary/index.md":
        return html + glossary.page(entries, language, build.regs)
    return glossary.annotate(html, entries, getattr(page.file, "locale", language))
