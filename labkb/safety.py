"""Unsafe markup: what contributed Markdown must never put on the Lab's domain.

Two layers, one rule set:
- `scan_source` reads Markdown (with code already masked) and reports the offset of
  each problem, so the checker can name the line before anything is rendered.
- `scan_html` reads the rendered HTML of a page: the safety net for any route a
  Markdown extension might open (attribute lists, raw HTML blocks).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

FORBIDDEN_ELEMENTS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "style",
    "base",
    "meta",
    "link",
)
FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "background",
    "srcset",
    "cite",
)

_ELEMENT = re.compile(r"<\s*/?\s*(" + "|".join(FORBIDDEN_ELEMENTS) + r")\b", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
_ATTR_LIST = re.compile(r"\{[:#.]?[^{}\n]*\}")
_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_HTML_URL_ATTR = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in URL_ATTRIBUTES) + r")\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.IGNORECASE,
)
_MD_URL = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([a-zA-Z][\w+.-]*:[^>\s]*)>", re.MULTILINE
)


def unsafe_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses ('javascript', ...), after undoing the usual disguises."""
    decoded = html.unescape(url)
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    squeezed = re.sub(r"[\x00-\x20]+", "", decoded).lower()
    for scheme in FORBIDDEN_SCHEMES:
        if squeezed.startswith(scheme + ":"):
            return scheme
    return None


def scan_source(text: str) -> list[tuple[int, str]]:
    """(offset, message) for every unsafe construct in Markdown whose code is masked."""
    problems: list[tuple[int, str]] = []
    for match in _ELEMENT.finditer(text):
        name = match.group(1).lower()
        if match.group(0).lstrip("< \t").startswith("/"):
            continue  # the opening tag is reported already
        problems.append(
            (
                match.start(),
                f"<{name}> is not allowed in content: {_ELEMENT_ADVICE.get(name, _DEFAULT_ADVICE)}",
            )
        )
    for pattern in (_TAG, _ATTR_LIST):
        for match in pattern.finditer(text):
            for handler in _HANDLER.finditer(match.group(0)):
                problems.append(
                    (
                        match.start() + handler.start(),
                        f"the event handler '{handler.group(1).lower()}=' is not allowed "
                        "in content: remove it (content cannot run scripts)",
                    )
                )
    for match in _TAG.finditer(text):
        for attribute in _HTML_URL_ATTR.finditer(match.group(0)):
            url = attribute.group(2).strip("\"'")
            scheme = unsafe_scheme(url)
            if scheme:
                problems.append((match.start() + attribute.start(), _scheme_message(scheme)))
    for match in _MD_URL.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        scheme = unsafe_scheme(url)
        if scheme:
            problems.append((match.start(), _scheme_message(scheme)))
    return sorted(set(problems))


def _scheme_message(scheme: str) -> str:
    return (
        f"a '{scheme}:' URL is not allowed in links or images: link to an https:// page, "
        "or put the file in the repository and link to it"
    )


_DEFAULT_ADVICE = "remove it (content cannot run scripts or load other sites)"
_ELEMENT_ADVICE = {
    "iframe": "remove it and link to the page instead (embedded frames are not allowed)",
    "style": "remove it (styling belongs to the theme, not to a page)",
    "form": "remove it and link to the form's page instead",
}


class _HtmlScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"'{name}' event handler on <{tag}>")
            elif name in URL_ATTRIBUTES and value and unsafe_scheme(value):
                self.problems.append(f"'{unsafe_scheme(value)}:' URL in {name} of <{tag}>")

    handle_startendtag = handle_starttag


def scan_html(rendered: str) -> list[str]:
    """Descriptions of every unsafe element, handler or URL in rendered page HTML."""
    scanner = _HtmlScanner()
    scanner.feed(rendered)
    scanner.close()
    return scanner.problems
