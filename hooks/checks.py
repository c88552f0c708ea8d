"""MkDocs adapter for the content checker (labkb.checks.engine).

The whole tree is checked before any page is read; any finding stops the build with
the full list (a PluginError: a message, no traceback). The check reads the build's
corpus (hooks/_context.py), which the pages are then rendered from. The rendered HTML
of every page is scanned again for unsafe markup as a safety net.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _context
from labkb.checks import engine as checks
from labkb.checks import safety
from labkb.model import messages
from labkb.model.findings import Finding, summary_language
from labkb.model.messages import msg


@event_priority(100)  # before static-i18n (-100): it sees every language's files
def on_files(files, config):
    context = _context.get()
    if context.checked:
        return files  # static-i18n runs on_files once per language: the check ran once
    findings = checks.check(context.project, corpus=context.corpus)
    if findings:
        # Each finding in its file's language; the lines around them in theirs when they share one.
        language = summary_language(findings)
        listing = "\n".join(f.text() for f in findings)
        raise PluginError(
            msg("build.problems", count=len(findings)).render(language)
            + f"\n{listing}\n"
            + msg("build.fix").render(language)
        )
    context.checked = True
    return files


@event_priority(-500)  # last: after every hook that adds to a page (listings, boxes, glossary)
def on_page_content(html, page, config, files):
    problems = safety.scan_html(html)
    if problems:
        # In the page's language (its file is content/<language>/...), with the rule's code.
        language = messages.language_of(f"content/{page.file.src_uri}")
        found = Finding.of(page.file.src_uri, 0, msg("build.unsafe-html", problems=tuple(problems)))
        raise PluginError(found.text(language))
    return html
