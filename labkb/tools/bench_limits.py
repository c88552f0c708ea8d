"""The hostile-input stage of `make bench`: the worst page each limit of labkb/checks/bounds.py
still accepts, rendered by the real Python-Markdown with the site's extensions, timed.

`cases()` builds, for each limit, the most expensive page found for it that the checker
accepts (a property `tests/test_bounds.py` checks), filled up to the page size limit.
`render_times` renders them in a child process (this module imports neither MkDocs nor
Markdown): the extensions and their settings come from `mkdocs.yml`, with MkDocs' own
defaults (toc, tables, fenced_code) first, as `mkdocs build` uses them. Each case is
rendered twice and the faster run counts. `BUDGET_SECONDS` is what any accepted page may
cost; docs/performance.md gives the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labkb.checks import bounds

BUDGET_SECONDS = 2.0  # the slowest accepted page, rendered
MAX_HTML_BYTES = 3_000_000  # the largest accepted page, rendered (before the theme adds its frame)


@dataclass(frozen=True)
class Case:
    name: str
    limit: str  # the limit of labkb/checks/bounds.py it goes up to
    body: str


_WORDS = ["public", "buyers", "can", "use", "their", "purchasing", "power", "to", "protect", "human", "rights"]


def _text(chars: int) -> str:
    """Ordinary words, `chars` characters long."""
    out, length, index = [], 0, 0
    while length < chars:
        word = _WORDS[index % len(_WORDS)]
        out.append(word)
        length += len(word) + 1
        index += 1
    return " ".join(out)[:chars]


_PROSE = _text(2000) + "\n\n"


def _fill(unit: str, budget: int = bounds.MAX_BODY_BYTES - 100) -> str:
    """`unit` repeated as often as the page size limit allows."""
    size = len(unit.encode("utf-8"))
    return unit * max(1, budget // size)


def _paragraph(piece: str, markup_per_piece: int, filler: str = " ") -> str:
    """One paragraph at both paragraph limits: as many `piece`s as the markup limit allows,
    padded with words up to the size limit."""
    count = min(bounds.MAX_MARKUP // markup_per_piece, bounds.MAX_ELEMENT_CHARS // (len(piece) + len(filler)))
    core = filler.join([piece] * count)
    room = bounds.MAX_ELEMENT_CHARS - len(core) - 1
    return core + (" " + _text(room) if room > 10 else "")


def _nested(line: Callable[[int], str], depth: int = bounds.MAX_NESTING) -> str:
    """`depth` lines, each one level deeper, and a line of text at the deepest level."""
    return "".join(line(level) for level in range(depth)) + "    " * depth + "text\n\n"


def cases() -> list[Case]:
    depth = bounds.MAX_NESTING
    lists = bounds.MAX_LIST_ITEMS // depth  # every nested level is a list item
    page = bounds.MAX_BODY_BYTES - 100
    found = [
        Case("prose", "MAX_BODY_BYTES", _fill(f"{_text(900)} *{_text(40)}* [a link](other.md) `code`.\n\n")),
        Case("short-paragraphs", "MAX_BLOCKS", (_text(page // bounds.MAX_BLOCKS - 3) + "\n\n") * bounds.MAX_BLOCKS),
        Case("one-long-word", "MAX_ELEMENT_CHARS", _fill("a" * (bounds.MAX_ELEMENT_CHARS - 1) + "\n\n")),
        Case("escapes", "MAX_MARKUP", _fill(_paragraph("\\*", 2, "") + "\n\n")),
        Case("entities", "MAX_MARKUP", _fill(_paragraph("&amp;", 1, "") + "\n\n")),
        Case("emphasis", "MAX_MARKUP", _fill(_paragraph("*a*", 2) + "\n\n")),
        Case("strong-emphasis-runs", "MAX_MARKUP", _fill(_paragraph("*_", 2, "") + "\n\n")),
        Case("star-runs", "MAX_MARKUP", _fill(_paragraph("*" * 30, 30) + "\n\n")),
        Case("code-spans", "MAX_MARKUP", _fill(_paragraph("`a`", 2) + "\n\n")),
        Case("links", "MAX_LINKS", _links("[a](b.md)")),
        Case("links-with-titles", "MAX_LINKS", _links('[a](b.md "t (x) \'y\'")')),
        Case("images", "MAX_LINKS", _links("![a](b.png)")),
        Case("reference-links", "MAX_LINKS", _links("[a][b]") + "[b]: b.md\n"),
        Case("line-breaks", "MAX_MARKUP", _fill(_paragraph("a  \n", 1, "") + "\n\n")),
        Case("nested-brackets", "MAX_BRACKET_DEPTH", _fill(_paragraph("[[[[a]]]]", 4) + "\n\n")),
        Case("closing-brackets", "MAX_ELEMENT_CHARS", _fill("]" * (bounds.MAX_ELEMENT_CHARS - 1) + "\n\n")),
        Case("parentheses", "MAX_ELEMENT_CHARS", _fill("(" * (bounds.MAX_ELEMENT_CHARS - 1) + "\n\n")),
        Case("less-than-signs", "MAX_ELEMENT_CHARS", _fill(_paragraph("< ", 1, "") + "\n\n")),
        Case("ampersands", "MAX_MARKUP", _fill(_paragraph("&", 1, "") + "\n\n")),
        Case("nested-lists", "MAX_NESTING", _nests(_nested(lambda n: "    " * n + "- item\n"), lists)),
        Case("nested-ordered-lists", "MAX_NESTING", _nests(_nested(lambda n: "    " * n + "1. item\n"), lists)),
        Case("nested-quotes", "MAX_NESTING", _nests(_nested(lambda n: ">" * (n + 1) + " quote\n"))),
        Case("nested-quotes-and-lists", "MAX_NESTING", _nests("> - " * (depth // 2) + "a\n\n", lists)),
        Case("nested-admonitions", "MAX_NESTING", _nests(_nested(lambda n: "    " * n + "!!! note\n", depth - 1))),
        Case("nested-details", "MAX_NESTING", _nests(_nested(lambda n: "    " * n + "??? note\n", depth - 1))),
        Case(
            "nested-definitions",
            "MAX_NESTING",
            _nests(_nested(lambda n: "    " * n + "term\n" + "    " * n + ":   definition\n")),
        ),
        Case(
            "headings",
            "MAX_HEADINGS",
            "".join(f"## {_text(400)} {n}\n\n" for n in range(bounds.MAX_HEADINGS)),
        ),
        Case("same-headings", "MAX_HEADINGS", "## Same\n\n" * bounds.MAX_HEADINGS + _fill(_PROSE, page // 2)),
        Case("setext-headings", "MAX_HEADINGS", f"{_text(300)}\n---\n\n" * bounds.MAX_HEADINGS),
        Case("rules", "MAX_BLOCKS", "***\n\n" * bounds.MAX_BLOCKS),
        Case("task-list", "MAX_LIST_ITEMS", "".join(f"- [ ] {_text(80)}\n" for _ in range(bounds.MAX_LIST_ITEMS))),
        Case("short-list", "MAX_LIST_ITEMS", "- a\n" * bounds.MAX_LIST_ITEMS + _fill(_PROSE, page // 2)),
        Case("table", "MAX_TABLE_CELLS", _table(bounds.MAX_TABLE_CELLS, 40)),
        Case("narrow-tables", "MAX_TABLE_CELLS", _table(bounds.MAX_TABLE_CELLS, 1) + _fill(_PROSE, page // 2)),
        Case("footnotes", "MAX_FOOTNOTE_REFERENCES", _footnotes()),
        Case("abbreviations", "MAX_ABBREVIATIONS", _abbreviations()),
        Case("html-tags", "MAX_HTML_TAGS", "<span>" * bounds.MAX_HTML_TAGS + "\n\n" + _fill(_PROSE, page - 2000)),
        Case("code-blocks", "MAX_CODE_BLOCK_CHARS", _code_blocks()),
        Case("blank-quotes", "MAX_BODY_BYTES", _fill(">\n")),
        Case("tiny-fences", "MAX_CODE_BLOCKS", "```\na\n```\n\n" * bounds.MAX_CODE_BLOCKS + _fill(_PROSE, page - 2000)),
    ]
    return found


def _links(link: str) -> str:
    """As many links as a page may have, in paragraphs at the markup limit, then words."""
    markup = len(bounds._MARKUP.findall(link))
    per_paragraph = min(bounds.MAX_MARKUP // markup, bounds.MAX_ELEMENT_CHARS // (len(link) + 1))
    paragraphs, left = [], bounds.MAX_LINKS
    while left > 0:
        count = min(per_paragraph, left)
        paragraphs.append(" ".join([link] * count))
        left -= count
    text = "\n\n".join(paragraphs) + "\n\n"
    return text + _fill(_PROSE, bounds.MAX_BODY_BYTES - 200 - len(text.encode("utf-8")))


def _nests(nest: str, most: int | None = None) -> str:
    """As many copies of a nested block as the block limit allows (a nest of depth d counts
    1 + d), at most `most`, and words up to the page size limit."""
    weight = 1 + max(bounds._depth(line) for line in nest.split("\n") if line.strip())
    count = (bounds.MAX_BLOCKS - 60) // weight
    if most is not None:
        count = min(count, most)
    body = nest * count
    return body + _fill(_PROSE, bounds.MAX_BODY_BYTES - 100 - len(body.encode("utf-8")))


def _table(cells: int, width: int) -> str:
    columns = 10 if width > 1 else 2
    rows = cells // (columns + 2) - 1  # bounds counts the pipes of a row + 1, the separator row too
    cell = _text(width) if width > 1 else "a"
    line = "|" + "|".join([cell] * columns) + "|\n"
    return line + "|" + "|".join(["-"] * columns) + "|\n" + line * (rows - 1) + "\n"


def _footnotes() -> str:
    uses = bounds.MAX_REFERENCES_PER_FOOTNOTE
    notes = bounds.MAX_FOOTNOTE_REFERENCES // uses
    text = "\n\n".join(" ".join(f"word[^{n}]" for _ in range(uses)) for n in range(notes))
    return text + "\n\n" + "".join(f"[^{n}]: {_text(200)}\n" for n in range(notes))


def _abbreviations() -> str:
    names = [f"AB{n}" for n in range(bounds.MAX_ABBREVIATIONS)]
    definitions = "".join(f"*[{name}]: {_text(bounds.MAX_ABBREVIATION_CHARS)}\n" for name in names)
    uses = " ".join(names[n % len(names)] for n in range(bounds.MAX_ABBREVIATION_USES))
    paragraphs = [uses[i : i + 4000] for i in range(0, len(uses), 4000)]
    return "\n\n".join(paragraphs) + "\n\n" + definitions


def _code_blocks() -> str:
    lines: list[str] = []
    size = 0
    while size < bounds.MAX_CODE_BLOCK_CHARS - 100:
        line = f"def f{len(lines)}(a, b): return [a[b] + '<' + \"x\" for _ in range(3)]  # {_text(20)}"
        lines.append(line)
        size += len(line) + 1
    block = "```python\n" + "\n".join(lines) + "\n```\n\n"
    return _fill(block)


def over_the_limits() -> list[tuple[str, str]]:
    """(name, body) just over each limit (or breaking a rule): the checker refuses each."""
    return [
        ("page-size", "a\n\n" * (bounds.MAX_BODY_BYTES // 3 + 1)),
        ("paragraph-size", "a" * (bounds.MAX_ELEMENT_CHARS + 1) + "\n"),
        ("paragraph-markup", "\\*" * (bounds.MAX_MARKUP + 1) + "\n"),
        ("nesting", _nested(lambda n: "    " * n + "- a\n", bounds.MAX_NESTING + 1)),
        ("quotes", ">" * (bounds.MAX_NESTING + 1) + " a\n"),
        ("unclosed-brackets", "[\n" * 20_000),
        ("bracket-depth", "[" * (bounds.MAX_BRACKET_DEPTH + 1) + "a" + "]" * (bounds.MAX_BRACKET_DEPTH + 1) + "\n"),
        ("unclosed-link", "[a](b\n"),
        ("unclosed-code", "`a\n"),
        ("unclosed-tag", "<a b\n"),
        ("headings", "# a\n\n" * (bounds.MAX_HEADINGS + 1)),
        ("list-items", "- a\n" * (bounds.MAX_LIST_ITEMS + 1)),
        ("table-cells", _table(bounds.MAX_TABLE_CELLS + 50, 1)),
        ("html-tags", "<b>" * (bounds.MAX_HTML_TAGS + 1) + "\n"),
        ("footnotes", "a[^1] " * (bounds.MAX_REFERENCES_PER_FOOTNOTE + 1) + "\n\n[^1]: x\n"),
        ("abbreviation", f"*[A]: {'x' * (bounds.MAX_ABBREVIATION_CHARS + 1)}\n\nA\n"),
        ("code-block", "```\n" + "x\n" * (bounds.MAX_CODE_BLOCK_CHARS // 2 + 1) + "```\n"),
    ]


# --- rendering, in a child process ---------------------------------------------------------

_CHILD = r"""
import json, sys, time
import markdown, yaml

class Loader(yaml.SafeLoader):
    pass

Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and the like
with open(sys.argv[1], encoding="utf-8") as handle:
    config = yaml.load(handle, Loader=Loader)
extensions, settings = ["toc", "tables", "fenced_code"], {}
for item in config.get("markdown_extensions") or []:
    name, options = (item, None) if isinstance(item, str) else next(iter(item.items()))
    if name not in extensions:
        extensions.append(name)
    settings[name] = options or {}
markdown.Markdown(extensions=extensions, extension_configs=settings).convert("warm *up*")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    name, body = json.loads(line)
    renderer = markdown.Markdown(extensions=extensions, extension_configs=settings)
    size, error = 0, ""
    started = time.perf_counter()
    try:
        size = len(renderer.convert(body).encode("utf-8"))
    except Exception as exc:  # a RecursionError is a finding, not a crash of the benchmark
        error = type(exc).__name__
    seconds = time.perf_counter() - started
    print(json.dumps({"name": name, "seconds": seconds, "html_bytes": size, "error": error}), flush=True)
"""


def render_times(
    found: list[Case], config: Path, timeout: float = 60, progress: Callable[[str], None] = lambda _: None
) -> list[dict[str, Any]]:
    """Per case: name, limit, body bytes, render seconds, HTML bytes, and an error name if
    rendering raised. All cases are rendered one after the other by one child process; if
    it takes longer than `timeout` seconds per case on average, or dies, the cases it did
    not finish count as `timeout` seconds with the error 'timeout' (or 'crashed')."""
    command = [sys.executable, "-c", _CHILD, str(config)]
    feed = "".join(json.dumps([case.name, case.body]) + "\n" for case in found)
    try:
        done = subprocess.run(command, input=feed, capture_output=True, text=True, timeout=timeout * len(found))
        output, failure = done.stdout, "" if done.returncode == 0 else f"crashed (exit {done.returncode})"
        if failure:
            failure += ": " + done.stderr.strip()[-300:]
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout or ""
        output, failure = partial.decode() if isinstance(partial, bytes) else partial, "timeout"
    measured = {}
    for line in output.splitlines():
        record = json.loads(line)
        if "name" in record:
            measured[record["name"]] = record
    results = []
    for case in found:
        result = measured.get(case.name) or {"seconds": timeout, "html_bytes": 0, "error": failure or "missing"}
        result.update(name=case.name, limit=case.limit, body_bytes=len(case.body.encode("utf-8")))
        result["seconds"] = round(result["seconds"], 4)
        results.append(result)
        error = f" {result['error']}" if result["error"] else ""
        progress(
            f"hostile input: {case.name} ({case.limit}): {result['seconds']:.3f} s, "
            f"{result['html_bytes'] / 1000:,.0f} KB of HTML{error}"
        )
    return results


def figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures `make bench` reports and budgets: the slowest and the largest page."""
    slowest = max(results, key=lambda r: r["seconds"])
    largest = max(results, key=lambda r: r["html_bytes"])
    errors = [f"{r['name']}: {r['error']}" for r in results if r["error"]]
    return {
        # A case that failed to render counts as over any budget.
        "hostile_worst_seconds": float("inf") if errors else slowest["seconds"],
        "hostile_worst_case": slowest["name"],
        "hostile_largest_html_bytes": largest["html_bytes"],
        "hostile_largest_html_case": largest["name"],
        "hostile_errors": errors,
        "hostile_cases": results,
    }


def run(config: Path, progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The stage on its own: every case rendered, the figures, the budgets checked."""
    found = cases()
    progress(f"hostile input: rendering the worst page each of {len(found)} limits accepts")
    return figures(render_times(found, config, progress=progress))
