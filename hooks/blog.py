"""MkDocs adapter for the blog (labkb.features.blog): virtual listing pages, post bylines, feeds.

Generated pages and feeds are virtual files (MkDocs 1.6 `File.generated`): they exist
only in the build, never in content/. They are added per language, after static-i18n
has chosen that language's files.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import _context
from _files import add_in_every_language
from labkb.features import blog


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    build = _context.get()
    language, the_blog = build.language, build.blog
    if not any(the_blog.by_language.values()):
        return files
    generated = dict(blog.generated_pages(the_blog, build.regs, language))
    generated[f"{blog.FOLDER}/feed.xml"] = blog.rss(
        the_blog, build.regs, language, f"{build.site_url}{build.prefix()}{blog.FOLDER}/", config.site_name
    )
    for page_path, content in generated.items():
        add_in_every_language(files, config, page_path, {lang: content for lang in build.languages})
    return files


def on_page_markdown(markdown, page, config, files):
    build = _context.get()
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    language = build.language
    if page_path == f"{blog.FOLDER}/index.md":
        return markdown + "\n\n" + blog.index_listing(build.blog, build.regs, language)
    if blog.is_post(page_path) and page.file.abs_src_path:
        post_language = getattr(page.file, "locale", language)
        post = next((p for p in build.blog.by_language.get(post_language, []) if p.page_path == page_path), None)
        if post is not None:
            regs = build.regs
            return blog.byline(post, regs, language, "") + markdown + "\n\n" + blog.author_box(post, regs, language)
    return markdown


def on_page_context(context, page, config, nav):
    """Every page links to the feed of its language (<link rel="alternate" ...>)."""
    build = _context.get()
    context["kb_feed"] = f"{build.site_url}{build.prefix()}{blog.FOLDER}/feed.xml"
    return context
