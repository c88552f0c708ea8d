"""Facts need sources: the pages that state facts from outside the site must cite them.

Where it applies, by content type:

- case studies and workshop reports: a `sources` list in the front matter (the schema
  requires it, with at least one source);
- events: a `link` (the schema requires it);
- project pages (`projects/<name>.md`): a `sources` list, checked here;
- guidance documents: a link to a public source in the body (its "Sources" section) or a
  `sources` list, checked here.

Blog posts, section index pages and other pages are not held to it: a post may be an
opinion, and an index page introduces a section.
"""

from __future__ import annotations

from labkb.model.corpus import Corpus, Page
from labkb.model.findings import Finding
from labkb.model.messages import msg
from labkb.model.schema import GUIDANCE, PAGE
from labkb.model.web_address import is_web_address

PROJECTS = "projects"


def _has_sources(page: Page) -> bool:
    node = page.meta.get("sources")
    return node is not None and isinstance(node.value, list) and bool(node.value)


def _cites_the_web(page: Page) -> bool:
    return any(is_web_address(link.url.strip()) for link in page.links)


def _is_project(page: Page) -> bool:
    parts = page.page_path.split("/")
    return page.ctype is PAGE and len(parts) == 2 and parts[0] == PROJECTS and parts[1] != "index.md"


def findings(corpus: Corpus) -> list[Finding]:
    """A finding for each page of a kind that states outside facts and cites no source."""
    found: list[Finding] = []
    for page in corpus.pages:
        if not page.usable:
            continue  # its front matter is reported on its own
        if _is_project(page) and not _has_sources(page):
            found.append(Finding.of(page.rel, 1, msg("sources.project-needs-sources")))
        elif page.ctype is GUIDANCE and not _has_sources(page) and not _cites_the_web(page):
            found.append(Finding.of(page.rel, page.doc.body_line, msg("sources.guidance-needs-sources")))
    return found
