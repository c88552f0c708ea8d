"""MkDocs adapter for labkb.output.theme_markup: the theme's output made valid HTML, quiet on
the network and in the page's language.

- every page and the 404 template: Material's two HTML errors removed (`valid_markup`), and
  a name for its search dialog (label `search_dialog`);
- every page's `<title>`: the pattern of labkb.features.titles (short, the site's name once);
- every page's content: the heading permalinks' title in the page's language (label
  `permalink_title`; Python-Markdown's toc extension has one title for every language);
- once the theme's assets are written: Material's bundle no longer fetches `sitemap.xml`
  next to each head alternate (`without_alternate_sitemaps`), and fetches the search index
  when a reader first opens search (`search_index_on_first_search`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _context
from labkb.features import titles
from labkb.output import theme_markup

TOC_DEFAULT_TITLE = "Permanent link"  # Python-Markdown's toc extension, when permalink_title is not set


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    build = _context.get()
    english = (config.mdx_configs.get("toc") or {}).get("permalink_title", TOC_DEFAULT_TITLE)
    return theme_markup.localized_permalinks(html, english, build.regs.label("permalink_title", build.language))


def _chrome(document: str) -> str:
    build = _context.get()
    document = theme_markup.valid_markup(document)
    return theme_markup.named_search_dialog(document, build.regs.label("search_dialog", build.language))


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """The page's `<title>` (labkb.features.titles), which overrides/main.html writes."""
    build = _context.get()
    title = page.meta.get("title") or page.title
    short = build.regs.label("site_short_name", build.language)
    home = getattr(page.file, "norm_src_uri", page.file.src_uri) == "index.md"  # each language's home page
    context["kb_title"] = titles.html_title(title, config.site_name, short, home)
    return context


@event_priority(-900)  # after the hooks that edit a page's output, before the policy (-1000)
def on_post_page(output: str, page: Any, config: Any) -> str:
    return _chrome(output)


@event_priority(-900)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if template_name.endswith((".html", ".htm")):
        return _chrome(output_content)
    return output_content


def on_post_build(config: Any) -> None:
    for bundle in sorted(Path(config.site_dir).glob("assets/javascripts/bundle.*.min.js")):
        try:
            text = theme_markup.patched_bundle(bundle.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        bundle.write_text(text, encoding="utf-8")
