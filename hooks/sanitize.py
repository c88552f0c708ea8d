"""MkDocs adapter for what contributed content may publish (labkb.checks.sanitize, labkb.model.frontmatter).

- Front matter is read by labkb's reader, the one the checker validated, not by MkDocs'
  own YAML 1.1 reading (which drops front matter it cannot read and would publish it as
  text, and reads values differently).
- The HTML that a page's Markdown renders to passes the allowlist sanitizer before any
  other hook adds the site's own fragments (listings, glossary terms, survey tables).
- Titles and descriptions are plain text: they are escaped here, once, because the
  theme writes them into pages, navigation, meta tags and the search index as they are.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _context
from labkb.checks import content_files, sanitize
from labkb.model import frontmatter
from labkb.model.findings import Finding, summary_language
from labkb.model.messages import msg


def on_page_read_source(page, config):
    """A content file's text comes from the corpus, read once for the whole build; MkDocs
    gets the body only, so it never reads the front matter its own way."""
    found = _context.get().page_of(page.file.abs_src_path)
    return None if found is None else "\n" + found.doc.body


@event_priority(100)  # first: every other hook sees the front matter as labkb reads it
def on_page_markdown(markdown, page, config, files):
    found = _context.get().page_of(page.file.abs_src_path)
    if found is not None:
        doc = found.doc
    else:  # a page the build generates: its text is ours, read by the same reader
        doc = frontmatter.parse(page.file.content_string)
        markdown = doc.body
    if doc.errors:  # the checker refuses these before any page is read
        raise PluginError(doc.errors[0].finding(f"content/{page.file.src_uri}").text())
    page.meta = doc.meta.plain() if doc.meta is not None else {}
    return markdown


@event_priority(100)  # first: before hooks add the site's own HTML (glossary terms: 50)
def on_page_content(html, page, config, files):
    html = sanitize.clean(html)
    title = page.title
    if title is not None:
        # Every template then prints the escaped title (base.html prefers meta.title).
        page.meta["title"] = escape(str(title))
    if page.meta.get("description"):
        page.meta["description"] = escape(" ".join(str(page.meta["description"]).split()))
    return html


@event_priority(100)  # before static-i18n (-100): every language's files
def on_files(files, config):
    """Only Markdown pages and pictures are published, never through a link: the same rule
    as the checker's, applied to what MkDocs found, so a skipped check publishes nothing."""
    content = Path(config.docs_dir)
    refused = []
    for file in files:
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(content):
            problem = content_files.refusal(Path(file.abs_src_path), content)
            if problem:
                refused.append(Finding.of(f"content/{file.src_uri}", 0, problem))
    if refused:
        language = summary_language(refused)
        listing = "\n".join(finding.text() for finding in refused)
        raise PluginError(msg("build.unpublishable").render(language) + "\n" + listing)
    unreadable = _context.get().corpus.findings  # pages that are not UTF-8 text: MkDocs cannot read them either
    if unreadable:
        raise PluginError("\n".join(f.text() for f in unreadable))
    return files
