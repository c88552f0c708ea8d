"""MkDocs adapter for the home page (labkb.features.home): where to start, every section,
the latest posts and events, generated at each build below the editors' text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import _context
from labkb.features import home


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    build = _context.get()
    if getattr(page.file, "norm_src_uri", page.file.src_uri) != home.PAGE:
        return html
    language = build.language

    def link(target: str) -> str:
        return build.url_to(target, page.url)

    posts = build.blog.by_language.get(language, [])
    return html + home.home(build.corpus, build.library, posts, build.regs, language, link, dt.date.today())
