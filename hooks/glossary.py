"""MkDocs adapter for the glossary (labkb.glossary): definitions where terms are first used,
and the glossary page of each language (glossary/index.md)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from labkb import glossary, registries
from labkb.project import Project


@event_priority(50)  # before other hooks append listings: only the page's own text is marked
def on_page_content(html, page, config, files):
    project = Project(Path(config.config_file_path).parent)
    language = config.plugins["i18n"].current_language
    entries, _ = glossary.load(project)
    if not entries:
        return html
    if getattr(page.file, "norm_src_uri", page.file.src_uri) == "glossary/index.md":
        label = registries.load(project).label("glossary_sources", language)
        return html + glossary.page(entries, language, label)
    return glossary.annotate(html, entries, getattr(page.file, "locale", language))
