"""Navigation in the reader's language: section names from data/labels.yml, fixed order.

Without this, a section is named after its folder ("Case studies") in every language,
and static-i18n sorts top-level sections alphabetically.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from labkb import registries
from labkb.project import Project
from labkb.schema import SECTION_ORDER


@event_priority(-200)  # after static-i18n has built the language's navigation (-100)
def on_nav(nav, config, files):
    language = config.plugins["i18n"].current_language
    regs = registries.load(Project(Path(config.config_file_path).parent))
    for item in nav.items:
        folder = _folder(item)
        if item.is_section and folder:
            item.title = regs.label(f"section_{folder}", language)
    nav.items.sort(key=_position)
    return nav


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
    if item.is_page and getattr(item, "is_homepage", False):
        return (-1, "")
    folder = _folder(item) or ""
    order = SECTION_ORDER.index(folder) if folder in SECTION_ORDER else len(SECTION_ORDER)
    return (order, folder)
