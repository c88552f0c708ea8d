"""What the theme writes into every page, made valid HTML, quiet on the network and in the
page's language: the smallest edits of Material's output, each one exact.

Each edit names the exact text it replaces. When a Material release writes something else,
the edit finds nothing; the validators of tests/test_validators.py (vnu, Lighthouse, the
request count) then fail and name the page, so a silent change cannot pass.

- `valid_markup`: Material's two toggles (the drawer, the search) are checkboxes with
  `autocomplete="off"`, which HTML allows only on text-like inputs (vnu: 2 errors on every
  page). The attribute is dropped. Its only effect was on Firefox's form restoration: after a
  reload, Firefox may now show a toggle (an open drawer) as the reader left it. And on a page
  outside the navigation (generated pages, blog posts) the table of contents' title is a
  `<label for="__toc">` with no `__toc` checkbox (the checkbox comes with the page's entry in
  the navigation): the `for` is dropped there, so the label names no missing control; it did
  nothing on those pages.
- `without_alternate_sitemaps`: on every page load Material's script fetches `sitemap.xml`
  next to each `<link rel="alternate">` of the head (hreflang links and the RSS link), to keep
  readers on the same page when they switch language by those links. Our hreflang links name
  each page, not a language root, so every one of those requests fails (status 404). The
  language switcher already links each page to itself in the other language (hooks/pages.py),
  so the lookup has nothing to add: the selector is narrowed to match no element.
- `named_search_dialog`: Material's search is a `role="dialog"` without a name (Lighthouse and
  axe: aria-dialog-name); it gets one, in the page's language (label `search_dialog`).
- `search_index_on_first_search`: Material's search worker fetches the whole search index on
  every first page load over HTTP (half of a page's bytes or more), and only when the reader
  opens search from files. It now waits for the reader to open search over HTTP too (Material's
  own condition, made true everywhere). The query typed meanwhile is kept: Material sends it
  once the index is ready. The highlighting of search terms (`search.highlight`) also read the
  index on every page; it now reads it only on a page opened from a search result (`?h=` in
  its address), right after a search that fetched it. The index's address
  (search/search_index.json) does not change.
- `localized_permalinks`: the heading permalinks' title ("Permanent link", from Python-Markdown's
  toc extension, one value for every language) in the page's language.
"""

from __future__ import annotations

import html
import re

# Material 9.8's base.html: the drawer and search toggles.
TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)
# Material 9.8's partials/toc.html, and the checkbox partials/nav-item.html writes.
TOC_TITLE = '<label class="md-nav__title" for="__toc">'
TOC_TOGGLE = 'id="__toc"'
# Material 9.8's integrations/alternate (bundle.*.min.js): the head links whose sitemaps it reads.
ALTERNATE_LOOKUP = 'M("link[rel=alternate]")'
NO_ALTERNATE_LOOKUP = 'M("link[rel=alternate][data-kb-sitemap]")'  # no element has it


def valid_markup(document: str) -> str:
    """The page without the theme's two HTML errors (see the module's docstring)."""
    for toggle in TOGGLES:
        document = document.replace(toggle, toggle.replace(' autocomplete="off"', ""))
    if TOC_TITLE in document and TOC_TOGGLE not in document:  # a title naming a missing checkbox
        document = document.replace(TOC_TITLE, '<label class="md-nav__title">')
    return document


# Material 9.8's integrations/search/worker (bundle.*.min.js): load the index at once unless from files.
INDEX_AT_ONCE = '$(location.protocol!=="file:")'
INDEX_ON_SEARCH = "$(!1)"  # never at once: when the search toggle opens


def patched_bundle(bundle: str) -> str:
    """Material's bundle with both of this module's changes to its script."""
    return search_index_on_first_search(without_alternate_sitemaps(bundle))


def _replace_once(bundle: str, old: str, new: str, what: str) -> str:
    if new in bundle and old not in bundle:
        return bundle  # changed already (a second build into the same folder)
    if bundle.count(old) != 1:
        raise ValueError(
            f"Material's bundle holds {old!r} {bundle.count(old)} times, expected once: "
            f"its {what} changed; update labkb/output/theme_markup.py"
        )
    return bundle.replace(old, new)


# Material 9.8's bundle.ts mounting its search highlighting: feature("search.highlight") ? mount(el, {…}).
# The index is read only on a page opened from a search result.
HIGHLIGHT = re.compile(r'(\w+\("search\.highlight"\)\?\w+\(\w+,)\{index\$:(\w+),location\$:(\w+)\}')
HIGHLIGHT_ON_RESULT = r'\1{index$:new URL(location.href).searchParams.has("h")?\2:[],location$:\3}'


def search_index_on_first_search(bundle: str) -> str:
    """Material's bundle fetching the search index when the reader first opens search."""
    bundle = _replace_once(bundle, INDEX_AT_ONCE, INDEX_ON_SEARCH, "search index loading")
    if 'searchParams.has("h")?' in bundle:
        return bundle  # changed already
    highlight, count = HIGHLIGHT.subn(HIGHLIGHT_ON_RESULT, bundle)
    if count != 1:
        raise ValueError(
            f"Material's bundle mounts its search highlighting {count} times, expected once: "
            "update labkb/output/theme_markup.py"
        )
    return highlight


def without_alternate_sitemaps(bundle: str) -> str:
    """Material's bundle without its sitemap lookups next to head alternates.

    Raises ValueError when the bundle holds the lookup not exactly once and was not
    changed before: a Material release that changed it needs this function looked at again.
    """
    return _replace_once(bundle, ALTERNATE_LOOKUP, NO_ALTERNATE_LOOKUP, "language lookup")


# Material 9.8's partials/search.html.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def named_search_dialog(document: str, name: str) -> str:
    """The search dialog with its accessible name `name`."""
    named = SEARCH_DIALOG.removesuffix(">") + f' aria-label="{html.escape(name)}">'
    return document.replace(SEARCH_DIALOG, named)


_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")([^"]*)(")')


def localized_permalinks(content: str, english: str, title: str) -> str:
    """Heading permalinks titled `english` (the toc extension's title) get `title` instead."""
    written = html.escape(english)

    def swap(match: re.Match[str]) -> str:
        if match.group(2) != written:
            return match.group(0)
        return match.group(1) + html.escape(title) + match.group(3)

    return _PERMALINK.sub(swap, content)
