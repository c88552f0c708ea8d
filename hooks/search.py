"""MkDocs adapter for per-language search (labkb.features.search).

After static-i18n has built every language and merged the search index, split it:
`search/search_index.json` (default language) and `<lang>/search/search_index.json`,
each also as `search_index.js` for pages opened from file://. Pages of a non-default
language get `base_url` pointing at their language root, where Material's search
looks for its index.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

import _context
from labkb.features import search


def on_page_context(context, page, config, nav):
    build = _context.get()
    language = build.language
    if language != build.default:
        # Material resolves "search/search_index.json" against this: it needs the final slash.
        context["base_url"] = f"{context['base_url']}/{language}/"
    return context


@event_priority(-200)  # after static-i18n (-100) has built all languages and merged the index
def on_post_build(config):
    build = _context.get()
    if not build.every_language_built:
        return  # a nested build of another language: the merged index is not there yet
    site = Path(config.site_dir)
    merged_path = site / "search" / "search_index.json"
    if not merged_path.is_file():
        return
    project, regs, corpus = build.project, build.regs, build.corpus
    # The languages this build makes (`BUILD_ONLY_LOCALE`: one, at the root; no index for the others).
    languages = tuple(lang for lang in build.built_languages if (project.content / lang).is_dir())
    default = build.default

    def written_in(language: str, location: str) -> str:
        candidates = search.page_paths(location)
        for each in (language, *languages):
            if any(corpus.page(each, p) is not None for p in candidates):
                return each
        return language  # generated pages (blog listings) are in the reader's language

    def mark(reader: str, written: str) -> str:
        name = regs.label(f"language_name_{written}", reader)
        return regs.label("search_in_language", reader, language=name)

    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for language, index in search.split_index(merged, languages, default, written_in, mark).items():
        folder = site / ("" if language == default else language) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(search.as_json(index), encoding="utf-8")
        (folder / "search_index.js").write_text(search.as_script(index), encoding="utf-8")
