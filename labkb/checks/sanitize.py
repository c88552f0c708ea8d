"""What contributed content may publish: an allowlist of tags, attributes and URL schemes.

Blog posts come from outside contributors, so the HTML that their Markdown renders to is
treated as hostile. `clean` passes it through nh3 (the Rust ammonia sanitizer, which
parses HTML as browsers do) with the allowlist below and nothing else: the tags and
attributes Python-Markdown and the site's extensions produce, plus a few harmless ones
an author may write by hand. The checker (`labkb.checks.safety.scan_source`) reads the same
allowlist to tell contributors, with file and line, what would be removed.

Two attributes get extra care because the theme reuses them:
- `title`: Material's `content.tooltips` inserts a title into the page as HTML, so a
  title must reach the browser as HTML-escaped text (`tooltip_text`).
- `id`: ids starting with `__` are the theme's own (`__search`, `__drawer`, `__toc`...);
  content may not take them over.
"""

from __future__ import annotations

import html

import nh3

# Tags: what Markdown, tables, footnotes, admonitions, details, definition lists,
# abbreviations and task lists render to, and a few inline tags authors use by hand.
TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
        "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul",
    }
)  # fmt: skip
# Elements removed together with everything inside them (not only their tags).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea", "title", "xmp"})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "download"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "details": frozenset({"open"}),
    "input": frozenset({"checked", "disabled"}),
    "label": frozenset({"for"}),
}
# Attributes every such element gets, whatever the source said: the only input content
# needs is a task list's checkbox.
FORCED_ATTRIBUTES: dict[str, dict[str, str]] = {"input": {"type": "checkbox"}}
# Python-Markdown's tables align columns with style="text-align: ..."; no other property
# survives (no url(), so no request to another host from a style).
STYLE_PROPERTIES = frozenset({"text-align"})
# Links may go to the web and to e-mail addresses; everything else (javascript:, data:,
# vbscript:, file:...) is dropped. Relative links are kept.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes holding a URL, per tag, for the checker's messages.
URL_ATTRIBUTES = {"a": "href", "img": "src"}
RESERVED_ID_PREFIX = "__"


def _attributes() -> dict[str, set[str]]:
    allowed = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    allowed["*"] = set(GLOBAL_ATTRIBUTES)
    return allowed


def is_local_url(url: str) -> bool:
    """A URL of a file of this site: no scheme, no host (images may only be these)."""
    stripped = url.strip()
    head = stripped.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return not stripped.startswith(("/", "\\")) and ":" not in head


def tooltip_text(text: str) -> str:
    """Text for a `title` attribute, escaped twice: once for the attribute, once more
    because Material's tooltips read the attribute back and insert it as HTML.
    The result goes inside double quotes as it is."""
    return html.escape(html.escape(text, quote=False), quote=True)


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "title":
        # nh3 escapes what we return once more when it writes the attribute.
        return html.escape(value, quote=False)
    if attribute == "id" and value.startswith(RESERVED_ID_PREFIX):
        return None
    if element == "img" and attribute == "src" and not is_local_url(value):
        return None  # images come from the site only: no request to another host
    return value


def clean(fragment: str) -> str:
    """`fragment` with everything outside the allowlist removed (text is kept)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=_attributes(),
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        set_tag_attribute_values={tag: dict(values) for tag, values in FORCED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )
