"""MkDocs adapter for the content checker (labkb.checks).

The whole tree is checked before any page is read; any finding stops the build
with the full list (a PluginError: a message, no traceback). The rendered HTML of
every page is scanned again for unsafe markup as a safety net.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _state
from labkb import checks, safety
from labkb.project import Project

# static-i18n runs on_files once per language; skip the re-check when nothing changed.
_checked_state: tuple | None = None


@event_priority(100)  # before static-i18n (-100): it sees every language's files
def on_files(files, config):
    global _checked_state
    if config.plugins["i18n"].current_language == config.plugins["i18n"].default_language:
        _state.reset()  # a build (or a `make serve` rebuild) starts: hooks reload project data once
    project = Project(Path(config.config_file_path).parent)
    state = project.tree_state()
    if state == _checked_state:
        return files
    findings = checks.check(project)
    if findings:
        _checked_state = None
        listing = "\n".join(f.text() for f in findings)
        raise PluginError(
            f"the content check found {len(findings)} problem(s):\n{listing}\n"
            "Fix them (see docs/content-model.md) and build again."
        )
    _checked_state = state
    return files


@event_priority(-500)  # last: after every hook that adds to a page (listings, boxes, glossary)
def on_page_content(html, page, config, files):
    problems = safety.scan_html(html)
    if problems:
        raise PluginError(
            f"{page.file.src_uri}: unsafe markup in the rendered page: "
            + "; ".join(problems)
            + ". Remove it from the Markdown source."
        )
    return html
