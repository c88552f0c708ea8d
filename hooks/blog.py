"""MkDocs adapter for the blog (labkb.blog): virtual listing pages, post bylines, feeds.

Generated pages and feeds are virtual files (MkDocs 1.6 `File.generated`): they exist
only in the build, never in content/. They are added per language, after static-i18n
has chosen that language's files.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import _state
from _files import add_in_every_language
from labkb import blog


def _languages(config) -> tuple[str, str, tuple[str, ...]]:
    i18n = config.plugins["i18n"]
    return i18n.current_language, i18n.default_language, tuple(i18n.all_languages)


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    language, default, languages = _languages(config)
    regs = _state.regs(config)
    the_blog = _state.the_blog(config)
    if not any(the_blog.by_language.values()):
        return files
    prefix = "" if language == default else f"{language}/"
    site_url = (config.site_url or "").rstrip("/") + "/"
    generated = dict(blog.generated_pages(the_blog, regs, language))
    generated[f"{blog.FOLDER}/feed.xml"] = blog.rss(
        the_blog, regs, language, f"{site_url}{prefix}{blog.FOLDER}/", config.site_name
    )
    for page_path, content in generated.items():
        add_in_every_language(files, config, page_path, {lang: content for lang in languages}, language, default)
    return files


def on_page_markdown(markdown, page, config, files):
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    language, _, languages = _languages(config)
    if page_path == f"{blog.FOLDER}/index.md":
        the_blog = _state.the_blog(config)
        return markdown + "\n\n" + blog.index_listing(the_blog, _state.regs(config), language)
    if blog.is_post(page_path) and page.file.abs_src_path:
        post_language = getattr(page.file, "locale", language)
        post = next(
            (p for p in _state.the_blog(config).by_language.get(post_language, []) if p.page_path == page_path), None
        )
        if post is not None:
            regs = _state.regs(config)
            return blog.byline(post, regs, language, "") + markdown + "\n\n" + blog.author_box(post, regs, language)
    return markdown


def on_page_context(context, page, config, nav):
    """Every page links to the feed of its language (<link rel="alternate" ...>)."""
    language, default, _ = _languages(config)
    prefix = "" if language == default else f"{language}/"
    site_url = (config.site_url or "").rstrip("/") + "/"
    context["kb_feed"] = f"{site_url}{prefix}{blog.FOLDER}/feed.xml"
    return context
