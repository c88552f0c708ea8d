"""Limits on a page's Markdown, so that every page the checker accepts renders in bounded time.

Python-Markdown 3.11, with this site's extensions, is recursive or super-linear on some
input a pull request can carry (measured, see docs/content-model.md#limits):

- nesting (lists, quotes, admonitions, details, definition lists) recurses once per
  level and re-reads the nested text at every level: 400 nested list levels end in a
  RecursionError, 100 nested definition lists take 1.5 s;
- an inline element (a paragraph, list item, table cell or heading) is scanned from
  every '[' that is never closed, and from every '](' whose ')' never comes, to the end
  of the element: 1000 lines holding only '[' take 0.8 s, 8000 take 49 s;
- the raw-HTML reader (the standard library's html.parser, over the whole page) reads
  from every '<' + letter that is not closed by '>' to the end of the page: 1000 '<a '
  take 1 s;
- every inline match (emphasis, code, link, escape, entity, line break) copies the rest
  of its element, so the cost grows with markup x element length: 64,000 backslashes in
  one paragraph take 4.6 s;
- some constructs cost much per byte: a heading 0.26 ms, a table cell 25 us, a task
  list item 0.3 ms, the 1000th reference to one footnote 2 ms; an abbreviation's
  definition is copied into every use.

`scan(body)` measures all of that in one linear pass per rule and returns
(body line, message) for the first place each limit is passed, with the number of other
places. The checker (labkb/checks/engine.py) reports them before any other body rule, and stops
there: the other rules are only known to be fast on pages within these limits. The
limits sit far above what the site's real pages use (the numbers next to each).

The rules are conservative where Python-Markdown's reading is hard to predict: a rule
that decides whether a bracket is closed looks at one line (Python-Markdown's element is
never smaller), a rule that bounds an element's size looks at the whole paragraph or list
item (never larger than Python-Markdown's element), and only plainly fenced code (a
closed ``` or ~~~ fence at the left margin) is left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from labkb.model.messages import Message, msg

# The largest body under content/ is 12,495 bytes (a workshop report of 1870 words).
MAX_BODY_BYTES = 100_000
# A paragraph, a list item or a table row (about 1,500 words); the longest in content/ is 1,715 characters.
MAX_ELEMENT_CHARS = 10_000
# Inline markup in one paragraph, list item or table row (content/: at most 28).
MAX_MARKUP = 300
# Lists, quotes, admonitions and definitions inside each other (content/: 1).
MAX_NESTING = 8
# Brackets inside brackets: [a [b] c](x) is 2 (content/: 1).
MAX_BRACKET_DEPTH = 4
# Paragraphs, lists, tables and other blocks, separated by blank lines, each level of
# nesting in a block counting as one more (content/: 42): Python-Markdown spends about
# 75 us on each, more as they grow in number; a quote 8 levels deep costs 9.
MAX_BLOCKS = 2_000
# Fenced code blocks (content/: 0): each costs about 0.5 ms.
MAX_CODE_BLOCKS = 200
MAX_HEADINGS = 200  # content/: 13
# Links and images ([text](address), [text][name]; content/: 6): each costs about 0.1 ms to
# render, and the checker looks up every internal one.
MAX_LINKS = 500
MAX_LIST_ITEMS = 1_000  # content/: 42
MAX_TABLE_CELLS = 2_000  # content/: 32
MAX_HTML_TAGS = 200  # content/: 0
MAX_FOOTNOTE_REFERENCES = 300  # content/: 0
MAX_REFERENCES_PER_FOOTNOTE = 10
MAX_ABBREVIATIONS = 50  # content/: 0
MAX_ABBREVIATION_CHARS = 100
MAX_ABBREVIATION_USES = 1_000
MAX_CODE_BLOCK_CHARS = 20_000

# A fence Python-Markdown (superfences) certainly reads as code: at the left margin (up to
# 3 spaces), ``` or ~~~, then nothing or a language name; closed by the same fence.
_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*(?:[\w#.+-]+[ \t]*)?$")
# A fence that is not at the left margin (a code block in a list, a quote, an admonition).
_INDENTED_FENCE = re.compile(
    r"^(?:(?:[ \t]*>)*[ \t]{4,}|(?:[ \t]*>)+[ \t]*)(?:`{3,}|~{3,})[ \t]*(?:[\w#.+-]+[ \t]*)?$"
)
# Any line that may open or close a fence, wherever it is (in lists, quotes, admonitions).
_ANY_FENCE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})")
# What a line may start with before its text: indentation, quote marks, list markers,
# definition markers. Each level of nesting adds 4 columns, one '>' or one marker.
_PREFIX_ITEM = re.compile(r"[ \t]+|>|(?:[*+-]|\d{1,9}[.)]|:)[ \t]+")
# Python-Markdown's list items: '-', '*', '+' or '1.' then a space ('1)' is not one).
_PREFIX_STARTS = frozenset(" \t>*+-:0123456789")
_MARKER_STARTS = frozenset("*+-0123456789")
_FENCES = ("```", "~~~")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}\.)[ \t]")
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
# A table's separator row as the tables extension accepts it: only '|', ':', '-' and spaces,
# with a '|' ("| --- | :-: |", "|-|", "| |"). Any such line makes its block a table here.
_TABLE_SEPARATOR = re.compile(r"^(?=[^\n]*\|)[ \t|:-]*+$")
# Footnote, link reference and abbreviation definitions: each starts an element.
_DEFINITION = re.compile(r"^[ \t]{0,3}\*?\[[^\]\n]+\]:")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_HARD_BREAKS = ("  ", "\\")  # what a line ends with to end in a line break
_MARKUP_CHARS = "\\&*_`[!<{"
_MARKUP = re.compile("[" + re.escape(_MARKUP_CHARS) + "]")
# An HTML tag complete on its line (name, attributes with closed quotes, '>'), or an autolink.
_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*"
    r"(?:[ \t]+[^\s\"'<>/=`]+(?:[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'<>=`]+))?)*"
    r"[ \t]*/?>"
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>`]*>"
    r"|<[^\s<>@`]+@[^\s<>@`]+>"
)
_TAG_OPEN = re.compile(r"</?[A-Za-z]")
_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\](?!:)")
_ABBREVIATION = re.compile(r"^[ \t]{0,3}\*\[([^\]\n]+)\][ \t]?:[ \t]*(.*)$")


@dataclass
class _Rule:
    """The first line that breaks one rule, the message for it, and how often it happened."""

    message: Message | None = None
    line: int = 0
    count: int = 0

    def hit(self, line: int, message: Message, times: int = 1) -> None:
        if not self.count:
            self.line, self.message = line, message
        self.count += times


@dataclass
class _Scan:
    rules: dict[str, _Rule] = field(default_factory=dict)

    def hit(self, rule: str, line: int, message: Message, times: int = 1) -> None:
        self.rules.setdefault(rule, _Rule()).hit(line, message, times)

    def findings(self) -> list[tuple[int, Message]]:
        found = []
        for rule in self.rules.values():
            assert rule.message is not None
            more = rule.count - 1
            suffix = msg("part.more-like-it", count=more) if more > 0 else ""
            found.append((rule.line, replace(rule.message, values=(*rule.message.values, ("more", suffix)))))
        return sorted(found, key=lambda found: (found[0], str(found[1])))


def scan(body: str) -> list[tuple[int, Message]]:
    """(1-based body line, message) for each limit the body goes over; [] when it is within all."""
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BODY_BYTES:
        return [(1, msg("bounds.page-size", size=size, limit=MAX_BODY_BYTES, more=""))]
    result = _Scan()
    lines = body.split("\n")
    # A rule is skipped where the whole body shows it cannot find anything (no fence, no quote
    # mark, fewer characters or marks than a limit allows): the same findings, sooner.
    code = _code_lines(lines, result) if "```" in body or "~~~" in body else set()
    texts = [_content(line) for line in lines] if ">" in body else lines  # without quote marks
    depths = _nesting(lines, code, result)
    # A block counts 1 and its deepest line's depth, and holds at least one line: never more
    # than all the lines and depths together.
    count_blocks = len(lines) + sum(depths.values()) > MAX_BLOCKS
    # An element is some of the body's lines: never longer, nor with more markup, than all of them.
    markup = sum(body.count(char) for char in _MARKUP_CHARS) + len(lines)  # at most one line break a line
    measure_elements = len(body) > MAX_ELEMENT_CHARS or markup > MAX_MARKUP
    blocks = _blocks(texts, code) if count_blocks or measure_elements or "|" in body else []
    tables = {i for block in blocks if _is_table(texts, block) for i in block} if "|" in body else set()
    if count_blocks:
        _block_count(blocks, depths, result)
    if measure_elements:
        _elements(lines, texts, blocks, tables, result)
    _inline(lines, code, tables, result)
    _counts(body, lines, texts, code, tables, result)
    return result.findings()


# --- fenced code ---------------------------------------------------------------------


def _code_lines(lines: list[str], result: _Scan) -> set[int]:
    """Indexes of the lines of closed, plainly fenced code blocks (fences included)."""
    fences = [i for i, line in enumerate(lines) if line[:6].lstrip(" ")[:3] in ("```", "~~~")]
    closings: dict[str, list[int]] = {}  # a bare fence line -> where it occurs
    for index in fences:
        if _FENCE_OPEN.match(lines[index].rstrip()):
            closings.setdefault(lines[index].rstrip(), []).append(index)
    code: set[int] = set()
    last = -1  # the last line of the last code block
    for index in fences:
        match = _FENCE_OPEN.match(lines[index]) if index > last else None
        if match:
            candidates = closings.get(match.group(1) + match.group(2), [])
            after = bisect.bisect_right(candidates, index)
            if after < len(candidates):
                last = candidates[after]
                size = sum(len(lines[j]) + 1 for j in range(index + 1, last))
                if size > MAX_CODE_BLOCK_CHARS:
                    result.hit(
                        "code-block",
                        index + 1,
                        msg("bounds.code-block", size=size, limit=MAX_CODE_BLOCK_CHARS),
                    )
                code.update(range(index, last + 1))
    return code


# --- nesting -------------------------------------------------------------------------


def _depth(line: str) -> int:
    """How deeply a line is nested: 4 columns of indentation, a '>' or a list or definition
    marker each count as one level."""
    depth, position = 0, 0
    while position < len(line):
        match = _PREFIX_ITEM.match(line, position)
        if not match:
            break
        token = match.group(0)
        if token[0] in " \t":
            # Indentation (after a '>', less the one space the quote mark takes).
            columns = len(token.expandtabs(4)) - (position > 0 and line[position - 1] == ">")
            depth += columns // 4
        else:
            depth += 1  # a quote mark, or a marker with the spaces after it
        position = match.end()
    return depth


def _nesting(lines: list[str], code: set[int], result: _Scan) -> dict[int, int]:
    """The depth of every nested line (line index -> levels)."""
    depths: dict[int, int] = {}
    for index, line in enumerate(lines):
        if index in code or line[:1] not in _PREFIX_STARTS or not line.strip():
            continue
        depth = depths[index] = _depth(line)
        if depth > MAX_NESTING:
            result.hit(
                "nesting",
                index + 1,
                msg("bounds.nesting", depth=depth, limit=MAX_NESTING),
            )
    return depths


def _block_count(blocks: list[list[int]], depths: dict[int, int], result: _Scan) -> None:
    """Blocks, each level of nesting in a block counting as one more."""
    total = 0
    for block in blocks:
        total += 1 + max((depths.get(i, 0) for i in block), default=0)
        if total > MAX_BLOCKS:
            result.hit(
                "blocks",
                block[0] + 1,
                msg("bounds.blocks", limit=MAX_BLOCKS),
            )
            return


# --- paragraphs, list items, table rows ------------------------------------------------


def _content(line: str) -> str:
    """A line without its quote marks."""
    if ">" not in line[:4]:
        return line
    match = _QUOTE_PREFIX.match(line)
    return line[match.end() :] if match else line


def _blocks(texts: list[str], code: set[int]) -> list[list[int]]:
    """Runs of lines with no blank line between them (quote marks ignored; fenced code left out)."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for index, text in enumerate(texts):
        if index in code:
            continue  # Python-Markdown leaves a placeholder in the paragraph: it does not end it
        if not text.strip():
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(index)
    if current:
        blocks.append(current)
    return blocks


def _is_table(texts: list[str], block: list[int]) -> bool:
    return any("|" in texts[i] and _TABLE_SEPARATOR.match(texts[i]) for i in block)


def _elements(lines: list[str], texts: list[str], blocks: list[list[int]], tables: set[int], result: _Scan) -> None:
    """Each paragraph, list item and table row: its length and its inline markup."""
    for block in blocks:
        if block[0] in tables:
            elements = [[i] for i in block]
        else:
            # A list item, or a definition, starts an element; other lines continue the one before.
            starts = _LIST_MARKER if _LIST_MARKER.match(texts[block[0]]) else None
            elements = []
            for i in block:
                text = texts[i]
                if not elements or (starts and starts.match(text)) or _DEFINITION.match(text):
                    elements.append([i])
                else:
                    elements[-1].append(i)
        for element in elements:
            first = element[0] + 1
            chars = sum(len(lines[i]) + 1 for i in element) - 1
            if chars > MAX_ELEMENT_CHARS:
                result.hit(
                    "element-size",
                    first,
                    msg("bounds.element-size", size=chars, limit=MAX_ELEMENT_CHARS),
                )
            markup = sum(len(_MARKUP.findall(lines[i])) + lines[i].endswith(_HARD_BREAKS) for i in element)
            if markup > MAX_MARKUP:
                result.hit(
                    "element-markup",
                    first,
                    msg("bounds.element-markup", count=markup, limit=MAX_MARKUP),
                )


# --- code spans, brackets, links and tags, line by line ---------------------------------


def _inline(lines: list[str], code: set[int], tables: set[int], result: _Scan) -> None:
    for index, line in enumerate(lines):
        if index in code or ("[" not in line and "`" not in line and "<" not in line):
            continue
        if "<" in line:
            _tags(line, index + 1, result)
        for cell in _cells(line) if index in tables and "|" in line else [line]:
            _brackets(cell, index + 1, result)


def _cells(line: str) -> list[str]:
    """A table row's cells: split at every '|' outside a code span (as the tables extension does)."""
    inside, unclosed = _code_spans(line) if "`" in line else (None, None)
    if inside is None or unclosed is not None:
        return line.split("|")
    cells, start = [], 0
    for position, char in enumerate(line):
        if char == "|" and not inside[position]:
            cells.append(line[start:position])
            start = position + 1
    return [*cells, line[start:]]


_BRACKET = re.compile(r"[\[\]]")
# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS).
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")


def _code_spans(text: str) -> tuple[list[bool], int | None]:
    """Which characters are inside a code span (Python-Markdown: a run of n backticks, not
    after a backslash, up to the next run of exactly n), and where the first run is that has
    no partner on this line (None when every span is closed)."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    inside = [False] * len(text)
    position = 0
    while position < len(runs):
        start, end = runs[position]
        if start and text[start - 1] == "\\":
            start += 1  # the escaped backtick is text; the rest of the run may open a span
            if start == end:
                position += 1
                continue
        width = end - start
        partner = position + 1
        while partner < len(runs) and runs[partner][1] - runs[partner][0] != width:
            partner += 1
        if partner == len(runs):
            return inside, start
        for k in range(start, runs[partner][1]):
            inside[k] = True
        position = partner + 1
    return inside, None


def _plain(text: str, inside: list[bool] | None) -> list[bool]:
    """Which characters Python-Markdown's link reader sees as themselves: not in code, not
    escaped by a backslash, and not the escaping backslash."""
    plain = [True] * len(text)
    position = 0
    while position < len(text):
        if inside is not None and inside[position]:
            plain[position] = False
        elif text[position] == "\\" and position + 1 < len(text) and text[position + 1] in _ESCAPABLE:
            plain[position] = plain[position + 1] = False
            position += 1
        position += 1
    return plain


def _brackets(text: str, line: int, result: _Scan) -> None:
    inside = None
    if "`" in text:
        inside = _code(text, line, result)
        if inside is None:
            return
    if "[" not in text and "(" not in text:
        return
    plain = _plain(text, inside) if inside is not None or "\\" in text else None
    stack: list[int] = []
    deepest = 0
    linked_until = -1  # the end of the last link address read
    for found in _BRACKET.finditer(text):
        position, char = found.start(), found.group(0)
        if plain is not None and not plain[position]:
            continue
        if char == "[":
            stack.append(position)
            deepest = max(deepest, len(stack))
        elif char == "]" and stack:
            stack.pop()
            if text.startswith("(", position + 1) and (plain is None or plain[position + 1]):
                linked_until = _link(text, position, plain, linked_until, line, result)
                if linked_until < 0:
                    return
    if stack:
        result.hit(
            "bracket",
            line,
            msg("bounds.bracket", position=stack[0] + 1),
            len(stack),
        )
    if deepest > MAX_BRACKET_DEPTH:
        result.hit(
            "bracket-depth",
            line,
            msg("bounds.bracket-depth", depth=deepest, limit=MAX_BRACKET_DEPTH),
        )


def _link(text: str, position: int, plain: list[bool] | None, linked_until: int, line: int, result: _Scan) -> int:
    """Where the address of the link whose text ends at `position` ends; -1 (after reporting
    it) when it is inside the last link's address or is not closed on this line."""
    if position < linked_until:
        result.hit(
            "link",
            line,
            msg("bounds.link-in-address", position=position + 1),
        )
        return -1
    end = _link_end(text, position + 1, plain)
    if end is None:
        result.hit(
            "link",
            line,
            msg("bounds.link-unclosed", position=position + 2),
        )
        return -1
    return end


def _code(text: str, line: int, result: _Scan) -> list[bool] | None:
    """Which characters of `text` are code, or None (after reporting it) when a code span or
    a code block is not closed on this line."""
    inside, unclosed = _code_spans(text)
    if unclosed is None:
        return inside
    run = _run(text, unclosed)
    if not text[:unclosed].strip(" \t>") and run >= 3:
        if not _INDENTED_FENCE.match(text):
            result.hit(
                "code-fence",
                line,
                msg("bounds.code-fence", fence=text[unclosed : unclosed + run]),
            )
        return None  # a fence in a list, a quote or an admonition: the lines between are checked as text
    result.hit(
        "code-span",
        line,
        msg("bounds.code-span", fence="`" * run, position=unclosed + 1),
    )
    return None


def _run(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] == "`":
        end += 1
    return end - start


_ADDRESS_SPECIAL = re.compile(r"[()'\"]")
_LINK_START = re.compile(r"\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|\"[^\"]*\")\s*)?\))?")


def _link_end(text: str, start: int, plain: list[bool] | None) -> int | None:  # noqa: C901 - getLink's own logic
    """Where Python-Markdown reads a link address that opens with '(' at `start` to, if that
    is on this line; None when it would read on past the line. This is
    LinkInlineProcessor.getLink: nested parentheses count, and a quote starts a title that
    must close just before the ')', or the reading goes on to the end of the paragraph."""
    match = _LINK_START.match(text, start)
    if match and match.group(1):
        return match.end() if "\n" not in match.group(0) else None
    if plain is None and match:
        # The common address, with no parenthesis or quotation mark before its ')': read to there.
        special = _ADDRESS_SPECIAL.search(text, match.end())
        if special and special.group(0) == ")":
            return special.end()
    count, backtrack = 1, 1
    quote = alt_quote = ""
    exit_quote = exit_alt_quote = -1
    ignore = False
    last = ""
    position = match.end() if match else start + 1
    while position < len(text):
        char = text[position] if plain is None or plain[position] else "x"  # code, escapes: placeholders
        if char == "(":
            if not ignore:
                count += 1
            elif backtrack > 0:
                backtrack -= 1
        elif char == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                count = 0
            elif not ignore:
                count -= 1
            elif backtrack > 0:
                backtrack -= 1
                if backtrack == 0:
                    return None  # Python-Markdown settles on this ')' only after reading to the end
        elif char in "'\"":
            if not quote:
                ignore, backtrack, count, quote = True, count, 1, char
            elif char != quote and not alt_quote:
                alt_quote = char
            elif char == quote:
                exit_quote = position
            elif alt_quote and char == alt_quote:
                exit_alt_quote = position
        position += 1
        if count == 0:
            return position
        if char != " ":
            last = char
    return None


def _tags(line: str, number: int, result: _Scan) -> None:
    """Every '<' + letter must start a tag (or an autolink) complete on this line."""
    position = line.find("<")
    while position != -1:
        opening = _TAG_OPEN.match(line, position)
        if opening:
            tag = _TAG.match(line, position)
            if tag is None:
                shown = line[position : position + 12]
                result.hit(
                    "html-tag",
                    number,
                    msg("bounds.html-tag", start=shown, position=position + 1),
                )
                return
            position = tag.end()
        else:
            position += 1
        position = line.find("<", position)


# --- counts over the page ------------------------------------------------------------------


def _over(result: _Scan, rule: str, counts: Iterable[tuple[int, int]], limit: int, message: Message) -> None:
    """Report `message` on the line where the running total of `counts` ((index, count) per
    line) first goes over `limit`."""
    total = 0
    for index, count in counts:
        total += count
        if total > limit:
            result.hit(rule, index + 1, message)
            return


def _counts(
    body: str, lines: list[str], texts: list[str], code: set[int], tables: set[int], result: _Scan
) -> None:
    """The rules that count something over the page. A rule is counted line by line only
    when the body as a whole may go over its limit: one a line at most (code blocks,
    headings, list items) needs more lines than the limit; a tag needs a '<', a link a '](' or a
    '][', a footnote a '[^' and an abbreviation a '*['."""
    text_lines = [i for i in range(len(lines)) if i not in code]
    if len(lines) > 2 * MAX_CODE_BLOCKS:
        _over(
            result,
            "code-blocks",
            ((i, 1) for i, line in enumerate(lines) if line.lstrip(" \t>")[:3] in _FENCES and _ANY_FENCE.match(line)),
            2 * MAX_CODE_BLOCKS,  # an opening and a closing fence each
            msg("bounds.code-blocks", limit=MAX_CODE_BLOCKS),
        )
    if len(lines) > MAX_HEADINGS:
        _over(
            result,
            "headings",
            ((i, 1) for i in text_lines if _is_heading(texts, i, code)),
            MAX_HEADINGS,
            msg("bounds.headings", limit=MAX_HEADINGS),
        )
    if len(lines) > MAX_LIST_ITEMS:
        _over(
            result,
            "list-items",
            ((i, 1) for i in text_lines if texts[i].lstrip()[:1] in _MARKER_STARTS and _LIST_MARKER.match(texts[i])),
            MAX_LIST_ITEMS,
            msg("bounds.list-items", limit=MAX_LIST_ITEMS),
        )
    _over(
        result,
        "table-cells",
        ((i, texts[i].count("|") + 1) for i in sorted(tables)),
        MAX_TABLE_CELLS,
        msg("bounds.table-cells", limit=MAX_TABLE_CELLS),
    )
    if body.count("<") > MAX_HTML_TAGS:
        _over(
            result,
            "html-tags",
            ((i, len(_TAG_OPEN.findall(lines[i]))) for i in text_lines if "<" in lines[i]),
            MAX_HTML_TAGS,
            msg("bounds.html-tags", limit=MAX_HTML_TAGS),
        )
    if body.count("](") + body.count("][") > MAX_LINKS:
        _over(
            result,
            "links",
            ((i, lines[i].count("](") + lines[i].count("][")) for i in text_lines),
            MAX_LINKS,
            msg("bounds.links", limit=MAX_LINKS),
        )
    if "[^" in body:
        _footnotes(lines, text_lines, result)
    if "*[" in body:
        _abbreviations(lines, texts, text_lines, result)


def _is_heading(texts: list[str], index: int, code: set[int]) -> bool:
    text = texts[index]
    first = text.lstrip()[:1]
    if first == "#":
        return bool(_HEADING.match(text))
    previous = texts[index - 1] if index and index - 1 not in code else ""
    return first in ("=", "-") and bool(previous.strip()) and bool(_SETEXT.match(text))


def _footnotes(lines: list[str], text_lines: list[int], result: _Scan) -> None:
    references = [(i, m.group(1)) for i in text_lines if "[^" in lines[i] for m in _FOOTNOTE_REF.finditer(lines[i])]
    _over(
        result,
        "footnotes",
        ((i, 1) for i, _ in references),
        MAX_FOOTNOTE_REFERENCES,
        msg("bounds.footnotes", limit=MAX_FOOTNOTE_REFERENCES),
    )
    uses: dict[str, int] = {}
    for index, name in references:
        uses[name] = uses.get(name, 0) + 1
        if uses[name] == MAX_REFERENCES_PER_FOOTNOTE + 1:
            result.hit(
                "footnote-uses",
                index + 1,
                msg("bounds.footnote-uses", name=name, limit=MAX_REFERENCES_PER_FOOTNOTE),
            )


def _abbreviations(lines: list[str], texts: list[str], text_lines: list[int], result: _Scan) -> None:
    definitions = [(i, m) for i in text_lines if "*[" in texts[i] for m in [_ABBREVIATION.match(texts[i])] if m]
    _over(
        result,
        "abbreviations",
        ((i, 1) for i, _ in definitions),
        MAX_ABBREVIATIONS,
        msg("bounds.abbreviations", limit=MAX_ABBREVIATIONS),
    )
    for index, definition in definitions:
        name, text = definition.group(1), definition.group(2)
        if len(text) > MAX_ABBREVIATION_CHARS:
            result.hit(
                "abbreviation-text",
                index + 1,
                msg("bounds.abbreviation-text", name=name, size=len(text), limit=MAX_ABBREVIATION_CHARS),
            )
    if not definitions or len(definitions) > MAX_ABBREVIATIONS:
        return
    # As Python-Markdown finds them: the abbreviation as a whole word, longest first.
    names = sorted({d.group(1) for _, d in definitions}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b")
    _over(
        result,
        "abbreviation-uses",
        ((i, len(pattern.findall(lines[i]))) for i in text_lines if not _DEFINITION.match(texts[i])),
        MAX_ABBREVIATION_USES,
        msg("bounds.abbreviation-uses", limit=MAX_ABBREVIATION_USES),
    )
