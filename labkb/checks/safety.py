"""Unsafe markup: what contributed Markdown must never put on the Lab's domain.

The wall is the allowlist sanitizer (`labkb.checks.sanitize`), which the build applies to the
HTML of every page. This module tells contributors, before anything is rendered, what
that sanitizer would remove and why, reading the same allowlist:
- `scan_source` reads Markdown (with code and comments already masked) and reports the
  offset of each tag, attribute, URL or title the allowlist does not accept.
- `scan_html` reads the rendered HTML of a page once every hook has added to it: the
  build's last safety net, for any route the source scan cannot see.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from labkb.checks import plain_text, sanitize
from labkb.model.messages import Message, msg

FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")
# Every attribute that holds a URL in some element, for the rendered-HTML net.
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
    "ping",
    "to",
    "from",
    "values",
)
# Elements the rendered page may never contain, whoever wrote them.
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
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "foreignobject",
)

# A start or end tag as a browser would begin to read one (a letter after '<').
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>?", re.DOTALL)
_ATTR_LIST = re.compile(r"\{[:#.]?[^{}\n]*\}")
# (?<!...) and *+: each starts once per name and never backtracks (linear on long runs).
_ATTR_LIST_PAIR = re.compile(r"(?<![^\s=#.{}:])([^\s=#.{}:]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)")
_ATTR_LIST_ID = re.compile(r"(?<![\w=\"'])#([\w-]+)")
_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_MD_URL = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([a-zA-Z][\w+.-]*:[^>\s]*)>", re.MULTILINE
)
# The same without reference definitions, for a text with no ']:' (where they cannot be): the
# engine then looks only at ']' and '<' instead of trying the pattern at every character.
_MD_URL_INLINE = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][\w+.-]*:[^>\s]*)>")
# A Markdown link or reference title ("...", '...' or (...)) after the URL, and an
# abbreviation definition: both end up in a title attribute.
# The address stops at ']' too, so that each '](' is read once (linear on '](](](...').
_MD_TITLE = re.compile(r"\]\(\s*+<?[^)\s>\]]*+>?\s+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\))\s*\)")
_REF_TITLE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+\s+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\))\s*$", re.MULTILINE)
_ABBR = re.compile(r"^\*\[[^\]]+\]:[ \t]*(.*)$", re.MULTILINE)


def unsafe_scheme(url: str) -> str | None:
    """The forbidden scheme a URL uses ('javascript', ...), after undoing the usual disguises."""
    decoded = html.unescape(url)
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    squeezed = re.sub(r"[\x00-\x20]+", "", decoded).lower()
    for scheme in FORBIDDEN_SCHEMES:
        if squeezed.startswith(scheme + ":"):
            return scheme
    return None


class _Attributes(HTMLParser):
    """The attributes of one tag, parsed (quotes, entities) as the standard library does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - HTMLParser's signature: it passes the tag too
        self.attrs = [(name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def _attributes(tag_text: str) -> list[tuple[str, str]]:
    parser = _Attributes()
    parser.feed(tag_text if tag_text.endswith(">") else tag_text + ">")
    parser.close()
    return parser.attrs


def scan_source(text: str) -> list[tuple[int, Message]]:
    """(offset, message) for every construct in Markdown (code masked) that the sanitizer
    would remove, or that would be unsafe if it did not."""
    problems: list[tuple[int, Message]] = []
    if "<" in text:
        for match in _TAG.finditer(text):
            if match.group(1):
                continue  # a closing tag: its opening tag is reported
            problems += _tag_problems(match.start(), match.group(2).lower(), match.group(0))
    if "{" in text:
        for match in _ATTR_LIST.finditer(text):
            problems += _attr_list_problems(match.start(), match.group(0))
    urls = _MD_URL if "]:" in text else _MD_URL_INLINE
    for match in urls.finditer(text) if ":" in text else ():
        url = next(g for g in match.groups() if g is not None)
        scheme = unsafe_scheme(url)
        if scheme:
            problems.append((match.start(), _scheme_message(scheme)))
    for pattern, code, needed in (
        (_MD_TITLE, "safety.link-title", "]("),
        (_REF_TITLE, "safety.link-title", "]:"),
        (_ABBR, "safety.abbreviation", "]:"),
    ):
        for match in pattern.finditer(text) if needed in text else ():
            problem = plain_text.problem(
                match.group(1).strip()[1:-1] if code != "safety.abbreviation" else match.group(1)
            )
            if problem and problem.code != "plain-text.too-long":
                problems.append((match.start(1), msg(code, problem=problem)))
    unique = {(offset, str(message)): (offset, message) for offset, message in problems}
    return [unique[key] for key in sorted(unique)]


def _tag_problems(offset: int, tag: str, tag_text: str) -> list[tuple[int, Message]]:
    if tag not in sanitize.TAGS:
        advice = f"part.advice.{tag}" if tag in _ELEMENT_ADVICE else "part.advice.default"
        return [(offset, msg("safety.element", tag=tag, advice=msg(advice)))]
    problems: list[tuple[int, Message]] = []
    for handler in _HANDLER.finditer(tag_text):
        problems.append((offset + handler.start(), _handler_message(handler.group(1))))
    for name, value in _attributes(tag_text):
        if name.startswith("on"):
            continue  # reported above, at its own offset
        problem = attribute_problem(tag, name, value)
        if problem:
            problems.append((offset, problem))
    return problems


def _attr_list_problems(offset: int, block: str) -> list[tuple[int, Message]]:
    problems = [(offset + h.start(), _handler_message(h.group(1))) for h in _HANDLER.finditer(block)]
    for shorthand in _ATTR_LIST_ID.finditer(block):  # {#id}: the same rule as id="..."
        problem = attribute_problem("*", "id", shorthand.group(1))
        if problem:
            problems.append((offset + shorthand.start(), problem))
    for match in _ATTR_LIST_PAIR.finditer(block):
        name, value = match.group(1).lower(), match.group(2).strip("\"'")
        if name.startswith("on"):
            continue
        # An attribute list can sit on any element: only what every element accepts.
        problem = attribute_problem("*", name, value)
        if problem:
            problems.append((offset + match.start(), problem))
    return problems


def attribute_problem(tag: str, name: str, value: str) -> Message | None:
    """Why the sanitizer would drop attribute `name` of `<tag>` ('*': any element)."""
    allowed = sanitize.GLOBAL_ATTRIBUTES | sanitize.ATTRIBUTES.get(tag, frozenset())
    if name not in allowed and name not in sanitize.FORCED_ATTRIBUTES.get(tag, {}):
        where = msg("part.on-element", tag=tag) if tag != "*" else msg("part.here")
        return msg("safety.attribute", name=name, where=where, allowed=", ".join(sorted(allowed)))
    if name == "id" and value.startswith(sanitize.RESERVED_ID_PREFIX):
        return msg("safety.reserved-id", id=value)
    if name == "title":
        problem = plain_text.problem(value, limit=10_000)
        return msg("safety.title", problem=problem) if problem else None
    if name == "style":
        properties = {p.split(":", 1)[0].strip().lower() for p in value.split(";") if p.strip()}
        if properties - sanitize.STYLE_PROPERTIES:
            return msg("safety.style")
    if name in ("href", "src"):
        scheme = unsafe_scheme(value)
        if scheme:
            return _scheme_message(scheme)
        if tag == "img" and not sanitize.is_local_url(value):
            return msg("image.other-site", url=value)
    return None


def _handler_message(name: str) -> Message:
    return msg("safety.event-handler", name=name.lower())


def _scheme_message(scheme: str) -> Message:
    return msg("safety.scheme", scheme=scheme)


# Elements with their own advice (part.advice.<tag> of data/messages.yml); others get part.advice.default.
_ELEMENT_ADVICE = ("iframe", "style", "form", "video", "audio", "svg", "picture")


class _HtmlScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[Message] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(msg("part.unsafe.element", tag=tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(msg("part.unsafe.handler", name=name, tag=tag))
            elif name in URL_ATTRIBUTES and value and unsafe_scheme(value):
                self.problems.append(msg("part.unsafe.scheme", scheme=unsafe_scheme(value), name=name, tag=tag))
            elif name == "title" and value and "<" in value:
                # Material's tooltips insert a title as HTML: it must arrive escaped.
                self.problems.append(msg("part.unsafe.title", tag=tag))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment at '<!-->' too; what follows would be markup to them.
        if data.startswith((">", "->")) or "--!>" in data:
            self.problems.append(msg("part.unsafe.comment"))


def scan_html(rendered: str) -> list[Message]:
    """Descriptions of every unsafe element, handler, URL or title in rendered page HTML."""
    scanner = _HtmlScanner()
    scanner.feed(rendered)
    scanner.close()
    return scanner.problems
