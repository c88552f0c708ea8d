"""Reading a Markdown body without rendering it: code masking, headings, links, words.

Everything works on the body text and reports 1-based lines relative to the body;
callers add the body's offset in the file. Code (fenced blocks and inline spans) and
HTML comments are masked with spaces first, so nothing inside them is mistaken for
a link, a heading or markup, and line/column positions stay the same.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
# As browsers read comments: '<!-->' and '<!--->' are whole (empty) comments, and '--!>'
# also ends one. Python's html.parser and a plain '<!--.*?-->' would hide what follows.
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:--!?>|\Z))", re.DOTALL)
# The closing #s are taken off in `headings` (a lazy (.*?) before them is quadratic in spaces).
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# (?<!\s) and possessive quantifiers: linear on long runs of spaces, hashes or word characters.
_ATTR_ID = re.compile(r"(?<!\s)\s*+\{[^{}]*#([\w-]++)[^{}#]*+\}\s*+$")
_ATTR_TAIL = re.compile(r"(?<!\s)\s*+\{:?[^{}]*+\}\s*+$")
_HTML_ID = re.compile(r"<[a-zA-Z][^<>]*\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")

_LINK = re.compile(
    r"(?P<image>!?)(?<!\\)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?:<(?P<angled>[^<>]*)>|(?P<url>[^)\s]*))(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
# Where a link or an image may start: `_link_matches` tries `_LINK` only there.
_LINK_START = re.compile(r"[!\[]")
_REF_LINK = re.compile(r"(?P<image>!?)(?<!\\)\[(?P<text>(?:[^\[\]\\]|\\.)*)\]\[(?P<ref>[^\[\]]*)\]")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<ref>[^\[\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]*)>")
# '<img' then a space, '/' or '>': '![x](<img-2024.png>)' is an angle-bracketed address, not a tag.
_HTML_IMG = re.compile(r"<img(?=[\s/>])[^<>]*>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"(?<![\w:-])(\w[\w:-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_HTML_A = re.compile(r"<a\b[^<>]*\bhref\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TAG_ANY = re.compile(r"</?[a-zA-Z][^<>]*>")
_ATTR_BLOCK = re.compile(r"\{[:#.][^{}\n]*\}")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # link text, or the alt text of an image
    line: int
    image: bool
    html: bool = False  # from raw HTML (<a>, <img>)
    has_alt: bool = True  # raw <img> only: whether an alt attribute is there


def mask_code(body: str) -> str:
    """The body with fenced code, inline code and HTML comments replaced by spaces.

    A fence that is never closed is not code: pymdownx.superfences renders its opening line
    and what follows as text, so they stay visible (and the lines after it are read again).
    """
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match:
            close = _closing_fence(lines, index + 1, match.group(2)[0] * len(match.group(2)))
            if close is not None:
                for inside in range(index, close + 1):
                    lines[inside] = _blank(lines[inside])
                index = close
        index += 1
    text = "\n".join(lines)
    text = _COMMENT.sub(lambda m: _blank(m.group(0)), text)
    return _mask_code_spans(text)


def _closing_fence(lines: list[str], start: int, fence: str) -> int | None:
    """The index of the line that closes `fence` (as long or longer, nothing after), or None."""
    for index in range(start, len(lines)):
        match = _FENCE.match(lines[index])
        if match and match.group(2).startswith(fence) and not lines[index].strip().strip(fence[0]):
            return index
    return None


def _mask_code_spans(text: str) -> str:
    """Blank every code span: a run of n backticks up to the next run of exactly n (across
    lines). The same as the regex (?<!`)(`+)(?!`)(.+?)(?<!`)\\1(?!`) with DOTALL, in linear
    time: that regex reads to the end of the text from every run that has no partner."""
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    by_width: dict[int, list[int]] = {}
    for position, (start, end) in enumerate(runs):
        by_width.setdefault(end - start, []).append(position)
    parts, done, position = [], 0, 0
    while position < len(runs):
        start, end = runs[position]
        later = by_width[end - start]
        partner = bisect.bisect_right(later, position)
        if partner == len(later):
            position += 1
            continue
        close = runs[later[partner]][1]
        parts += [text[done:start], _blank(text[start:close])]
        done, position = close, later[partner] + 1
    return "".join([*parts, text[done:]])


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _link_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_LINK` in `text`, the same as `_LINK.finditer(text)` gives, but fast:
    the pattern starts with an optional '!' and a look-behind, so the engine would try it at
    every character; here it is tried only at a '!' or a '['."""
    end = 0
    for candidate in _LINK_START.finditer(text):
        start = candidate.start()
        if start < end:
            continue  # inside the link found last, as finditer goes on from its end
        match = _LINK.match(text, start)  # the look-behind still sees the character before
        if match:
            yield match
            end = match.end()


def _without_links(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`_LINK.sub(replace, text)`, with the matches of `_link_matches`."""
    if "](" not in text:
        return text  # no link can be there
    parts, done = [], 0
    for match in _link_matches(text):
        parts += [text[done : match.start()], replace(match)]
        done = match.end()
    return "".join([*parts, text[done:]]) if parts else text


class LineIndex:
    """Offset in a text -> 1-based line number."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


class _LineCounter:
    """Offset in a text -> 1-based line number, as `LineIndex` gives it, counting the line breaks
    from the offset asked last: a page's few links, found in order, cost one pass, not an index
    of every line (a smaller offset counts again from the start)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.number = text, 0, 1

    def line(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.number = 0, 1
        self.number += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.number


def slugify(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_IN_SLUG.sub("", value).strip().lower()
    return _SLUG_SPACES.sub("-", value)


_NOT_IN_SLUG = re.compile(r"[^\w\s-]")
_SLUG_SPACES = re.compile(r"[-\s]+")


def _heading_text(raw: str) -> str:
    """Heading text as the toc extension sees it: markup stripped, link text kept."""
    text = _without_links(raw, lambda m: m.group("text"))
    text = _TAG_ANY.sub("", text)
    text = _EMPHASIS.sub("", text)
    # '_' is emphasis only at the edge of a word: 'file_name' keeps it, as Python-Markdown does.
    text = _EDGE_UNDERSCORES.sub("", text)
    return text.strip()


_EMPHASIS = re.compile(r"\*\*|\*|~~|`")
_EDGE_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")


def headings(masked: str, body: str | None = None) -> list[Heading]:
    """The headings of a body with the ids MkDocs gives them.

    `masked` (mask_code of the body) tells which lines are headings; their text is read from
    `body` when given, so inline code in a heading is part of its id, as it is on the page.
    """
    found: list[Heading] = []
    used: set[str] = set()
    for index, level, raw in _heading_lines(masked, body):
        explicit = _ATTR_ID.search(raw)
        text = _heading_text(_ATTR_TAIL.sub("", raw))
        heading_id = explicit.group(1) if explicit else _unique(slugify(text), used)
        used.add(heading_id)
        found.append(Heading(level, text, heading_id, index + 1))
    return found


def titles(masked: str, body: str | None = None) -> list[tuple[int, str]]:
    """(line, text) of each level-1 heading, as `headings` reads them, without their ids."""
    return [
        (index + 1, _heading_text(_ATTR_TAIL.sub("", raw)))
        for index, level, raw in _heading_lines(masked, body)
        if level == 1
    ]


# A line that may be an ATX heading (up to 3 spaces, then '#'), or that may underline the
# line before it (a setext heading): headings are looked for on those lines only. After a line
# break (a plain string the engine finds fast), or at the very start of the body.
_HEADING_CANDIDATE = re.compile(r"\n {0,3}(?:(#)|(?:=+|-+)[ \t]*(?=\n|\Z))")
_FIRST_HEADING_CANDIDATE = re.compile(r" {0,3}(?:(#)|(?:=+|-+)[ \t]*(?=\n|\Z))")


def _heading_candidates(masked: str) -> list[int]:
    """The indexes of the lines that may be headings, in order: every line `_ATX` may match,
    and the line before every line `_SETEXT` may match."""
    found: set[int] = set()
    first = _FIRST_HEADING_CANDIDATE.match(masked)
    if first and first.group(1):
        found.add(0)
    index, done = 0, 0
    for match in _HEADING_CANDIDATE.finditer(masked):
        index += masked.count("\n", done, match.start() + 1)  # the line after this line break
        done = match.start() + 1
        found.add(index if match.group(1) else index - 1)
    return sorted(found)


def _heading_lines(masked: str, body: str | None) -> Iterator[tuple[int, int, str]]:
    """(line index, level, raw text) of each heading (see `headings`)."""
    lines = masked.split("\n")
    source = body.split("\n") if body is not None else lines
    for index in _heading_candidates(masked):
        line = lines[index]
        level, raw = 0, ""
        match = _ATX.match(line) if "#" in line[:4] else None  # up to 3 spaces, then '#'
        if match:
            text_match = _ATX.match(_COMMENT.sub("", source[index])) or match
            level, raw = len(match.group(1)), _without_closing_hashes(text_match.group(2) or "")
        elif (
            index + 1 < len(lines)
            and line.strip()
            and not line.startswith((" " * 4, "\t"))
            and _SETEXT.match(lines[index + 1])
            and not _is_block_start(line)
            and (index == 0 or not lines[index - 1].strip())
        ):
            level, raw = (1 if lines[index + 1].strip().startswith("=") else 2), _COMMENT.sub("", source[index]).strip()
        if level:
            yield index, level, raw


_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")


def _unique(heading_id: str, used: set[str]) -> str:
    """The id made unique as Python-Markdown's toc does: 'x', 'x_1', 'x_2'; an empty id is '_1'."""
    while heading_id in used or not heading_id:
        match = _ID_COUNT.match(heading_id)
        base, count = (match.group(1), int(match.group(2))) if match else (heading_id, 0)
        heading_id = f"{base}_{count + 1}"
    return heading_id


def _without_closing_hashes(raw: str) -> str:
    """An ATX heading's text without its optional closing sequence (' ##')."""
    text = raw.rstrip(" \t")
    bare = text.rstrip("#")
    return bare.rstrip(" \t") if bare != text and bare[-1:] in (" ", "\t") else text


def _is_block_start(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(("-", "*", "+", ">", "|", "#")) or bool(re.match(r"\d+[.)]\s", stripped))


def anchors(masked: str, body: str | None = None, found: list[Heading] | None = None) -> set[str]:
    """Every id a link may point at: heading ids and explicit ids in attributes and HTML.

    `found`: the headings of the body, when they are already known."""
    ids = {h.id for h in (found if found is not None else headings(masked, body))}
    ids.update(m.group(1) for m in re.finditer(r"\{[^{}\n]*#([\w-]++)[^{}\n#]*+\}", masked))
    ids.update(m.group(1) for m in _HTML_ID.finditer(masked))
    return ids


def links(masked: str) -> list[Link]:
    index = _LineCounter(masked)
    found: list[Link] = []
    # Each pattern runs only when its marker is in the text at all (most pages have few kinds).
    has_tag = "<" in masked
    definitions = {m.group("ref").strip().lower(): m for m in _REF_DEF.finditer(masked)} if "]:" in masked else {}
    for match in _link_matches(masked) if "](" in masked else ():
        url = match.group("angled") if match.group("angled") is not None else match.group("url")
        found.append(Link(url or "", match.group("text"), index.line(match.start()), bool(match.group("image"))))
    for match in _REF_LINK.finditer(masked) if definitions else ():
        ref = (match.group("ref") or match.group("text")).strip().lower()
        definition = definitions.get(ref)
        if definition:
            found.append(
                Link(
                    definition.group("url"),
                    match.group("text"),
                    index.line(match.start()),
                    bool(match.group("image")),
                )
            )
    for match in _AUTOLINK.finditer(masked) if has_tag else ():
        found.append(Link(match.group("url"), match.group("url"), index.line(match.start()), False))
    for match in _HTML_IMG.finditer(masked) if has_tag else ():
        attributes = {k.lower(): v.strip("\"'") for k, v in _HTML_ATTR.findall(match.group(0))}
        found.append(
            Link(
                attributes.get("src", ""),
                attributes.get("alt", ""),
                index.line(match.start()),
                True,
                html=True,
                has_alt="alt" in attributes,
            )
        )
    for match in _HTML_A.finditer(masked) if has_tag else ():
        found.append(Link(match.group(1).strip("\"'"), "", index.line(match.start()), False, html=True))
    return found


def count_words(body: str, masked: str | None = None) -> int:
    """Words of prose in a body, by the rule documented in docs/content-model.md.

    Excluded: code (fenced and inline), HTML comments and tags, link and image URLs,
    images, reference definitions, attribute lists, bare URLs, Markdown punctuation.
    A word is a run of letters or digits, which may contain inner apostrophes or
    hyphens ("due-diligence", "l'État" and "2017" are one word each).
    """
    text = masked if masked is not None else mask_code(body)
    # Each pass runs only when its marker is in the text (a cheap test, most are absent).
    if "]:" in text:
        text = _REF_DEF.sub("", text)
    if "](" in text:
        text = _without_links(text, lambda m: "" if m.group("image") else m.group("text"))
    if "][" in text:
        text = _REF_LINK.sub(lambda m: "" if m.group("image") else m.group("text"), text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
        text = _TAG_ANY.sub(" ", text)
    if "{" in text:
        text = _ATTR_BLOCK.sub("", text)
    if "://" in text or "www." in text:
        text = _BARE_URL.sub("", text)
    return len(_WORD.findall(text))
