"""Bounded work for any input that passes the checker (docs/content-model.md#limits).

Every hostile case is refused by `make check` with its file and line, before anything is
rendered; the build stops on the same message. The worst page each limit still accepts
is rendered and timed by `make bench` (labkb/tools/bench_limits.py), not here: the tests only
prove that it is accepted, and that inputs over the limits are refused quickly enough to
run in the unit tests at all.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labkb.checks import bounds
from labkb.model import frontmatter
from labkb.tools import bench_limits
from tests.conftest import BLOG_FRONT, BODY, REPO, without_codes

POST = "content/en/blog/post.md"
AUTHORS = "data/authors.yml"
FIRST = 9  # the file line of a body's first line after BLOG_FRONT and a blank line


def post(body: str = "", front: str = BLOG_FRONT) -> str:
    return front + "\n" + body


def front(extra: str) -> str:
    """BLOG_FRONT with `extra` lines before the closing '---' (they start on line 7)."""
    return BLOG_FRONT[: -len("---\n")] + extra + "---\n"


def bomb(levels: int = 9, key: str = "x") -> str:
    """The "billion laughs": each level aliases the one before nine times."""
    lines = [f'{key}0: &{key}0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*{key}{level - 1}"] * 9)
        lines.append(f"{key}{level}: &{key}{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def nested_list(depth: int) -> str:
    return "".join("    " * level + "- item\n" for level in range(depth))


AUTHORS_TEXT = (REPO / AUTHORS).read_text(encoding="utf-8")
AUTHORS_LINES = AUTHORS_TEXT.count("\n")

NO_NEED = "contributors do not need them"
NESTED = (
    "levels deep (lists, quotes, admonitions, indentation of 4 spaces each), more than the 8 allowed: "
    "make the structure flatter"
)
UNCLOSED_BRACKET = (
    "is not closed by ']' on this line: close it on the same line (a link's text stays on one line), "
    "or write \\[ for a bracket"
)

# (name, file, its text, the exact finding)
CASES = [
    (
        "front-matter-alias-bomb",
        POST,
        post(BODY, front(bomb())),
        f"{POST}:7: the front matter uses the YAML anchor '&x0': {NO_NEED}; remove it "
        "(put a text that starts with '&' in quotes)",
    ),
    (
        "front-matter-alias",
        POST,
        post(BODY, front("review_status: *status\n")),
        f"{POST}:7: the front matter uses the YAML alias '*status': {NO_NEED}; write the value out in full "
        "(put a text that starts with '*' in quotes)",
    ),
    (
        "authors-alias-bomb",
        AUTHORS,
        AUTHORS_TEXT + bomb(),
        f"{AUTHORS}:{AUTHORS_LINES + 1}: the data file uses the YAML anchor '&x0': {NO_NEED}; remove it "
        "(put a text that starts with '&' in quotes)",
    ),
    (
        "title-30000-brackets",
        POST,
        post(BODY, BLOG_FRONT.replace("title: Buying with respect for human rights", "title: " + "[" * 30_000)),
        f"{POST}:2: the front matter is 30,126 bytes long, more than the 16,384 bytes allowed: shorten it: "
        "long text belongs in the body of the page",
    ),
    (
        "title-nested-brackets",
        POST,
        post(BODY, BLOG_FRONT.replace("title: Buying with respect for human rights", "title: " + "[" * 5_000)),
        f"{POST}:2: the front matter nests lists and keys more than 8 levels deep: write it flatter "
        "(put a text that starts with '[' or '{' in quotes)",
    ),
    (
        "title-400-kilobytes",
        POST,
        post(BODY, BLOG_FRONT.replace("Buying with respect for human rights", "x" * 400_000)),
        f"{POST}:2: the front matter is 400,126 bytes long, more than the 16,384 bytes allowed: shorten it: "
        "long text belongs in the body of the page",
    ),
    (
        "python-tuple-tag",
        POST,
        post(BODY, front("hide: !!python/tuple [toc]\n")),
        f"{POST}:7: the front matter uses the YAML tag '!!python/tuple': {NO_NEED}; remove it "
        "(put a text that starts with '!' in quotes)",
    ),
    (
        "custom-tag",
        POST,
        post(BODY, BLOG_FRONT.replace("description: Why", "description: !foo Why")),
        f"{POST}:6: the front matter uses the YAML tag '!foo': {NO_NEED}; remove it "
        "(put a text that starts with '!' in quotes)",
    ),
    (
        "binary-tag",
        POST,
        post(BODY, BLOG_FRONT.replace("title: Buying", "title: !!binary Buying")),
        f"{POST}:2: the front matter uses the YAML tag '!!binary': {NO_NEED}; remove it "
        "(put a text that starts with '!' in quotes)",
    ),
    (
        "list-100-deep",
        POST,
        post(BODY + nested_list(100)),
        f"{POST}:{FIRST + 10 + 8}: this line is nested 9 {NESTED} (91 more like it on this page)",
    ),
    (
        "list-1000-deep-on-one-line",
        POST,
        post(BODY + "- " * 1000 + "item\n"),
        f"{POST}:{FIRST + 10}: this line is nested 1,000 {NESTED}",
    ),
    (
        "20000-lines-of-brackets",
        POST,
        post("[\n" * 20_000),
        f"{POST}:{FIRST}: the '[' at character 1 {UNCLOSED_BRACKET} (19,999 more like it on this page)",
    ),
    (
        "page-over-100000-bytes",
        POST,
        post(BODY * 200),
        f"{POST}:8: the page is 422,001 bytes long, more than the 100,000 allowed (about 15,000 words): "
        "split it into several pages",
    ),
    (
        "quotes-nested",
        POST,
        post(BODY + ">" * 9 + " deep\n"),
        f"{POST}:{FIRST + 10}: this line is nested 9 {NESTED}",
    ),
    (
        "paragraph-too-long",
        POST,
        post(BODY + "\n" + "word " * 2001 + "\n"),
        f"{POST}:{FIRST + 11}: this paragraph (or list item, or table row) has 10,005 characters, more than the "
        "10,000 allowed: split it with blank lines",
    ),
    (
        "paragraph-markup",
        POST,
        post(BODY + "\n" + "*a* " * 151 + "\n"),
        f"{POST}:{FIRST + 11}: this paragraph (or list item, or table row) has 302 markup characters "
        "(\\ & * _ ` [ ! < { and line breaks), more than the 300 allowed: split it with blank lines",
    ),
    (
        "bracket-depth",
        POST,
        post(BODY + "[[[[[deep]]]]](x.md)\n"),
        f"{POST}:{FIRST + 10}: brackets are nested 5 deep on this line, more than the 4 allowed: "
        "write \\[ and \\] for brackets that are not links",
    ),
    (
        "link-not-closed",
        POST,
        post(BODY + 'See [the report](https://example.org/report "the title) for more.\n'),
        f"{POST}:{FIRST + 10}: the link address opened with '(' at character 17 is not closed on this line: "
        "end it with ')' on the same line (a title goes in quotes just before the ')'; "
        "write a quote inside an address as %22 or %27)",
    ),
    (
        "link-in-a-link-address",
        POST,
        post(BODY + "[a](https://example.org/[b](c))\n"),
        f"{POST}:{FIRST + 10}: the link at character 27 is inside another link's address: "
        "write the address out, without a link in it",
    ),
    (
        "code-span-not-closed",
        POST,
        post(BODY + "Use `make check before you push.\n"),
        f"{POST}:{FIRST + 10}: the code span opened with '`' at character 5 is not closed on this line: "
        "close it with the same number of backticks (a code span stays on one line), or write \\` for a backtick",
    ),
    (
        "code-block-not-closed",
        POST,
        post(BODY + "```\ncode\n"),
        f"{POST}:{FIRST + 10}: the code block opened with '```' on this line is not closed: end it with a line "
        "holding the same fence and nothing else, at the same indentation",
    ),
    (
        "html-tag-not-closed",
        POST,
        post(BODY + "A <span class='x' left open\n"),
        f"{POST}:{FIRST + 10}: '<span class=' at character 3 starts an HTML tag that is not closed with '>' on "
        "this line: finish the tag on the same line, or write &lt; for a '<' sign (in code, put a space after it)",
    ),
    (
        "too-many-headings",
        POST,
        post(BODY + "## Part\n\n" * 201),
        f"{POST}:{FIRST + 10 + 400}: this page has more than 200 headings: split it into pages",
    ),
    (
        "too-many-list-items",
        POST,
        post(BODY + "- [ ] step\n" * 1001),
        f"{POST}:{FIRST + 10 + 1000}: this page has more than 1,000 list items: split it into pages",
    ),
    (
        "too-many-table-cells",
        POST,
        post(BODY + "| a | b |\n|---|---|\n" + "| c | d |\n" * 500),
        f"{POST}:{FIRST + 10 + 497}: the tables of this page have more than 2,000 cells: split them, "
        "or publish the data as a file and link to it",
    ),
    (
        "too-many-html-tags",
        POST,
        post(BODY + "<b>x</b> " * 101 + "\n"),
        f"{POST}:{FIRST + 10}: this page has more than 200 HTML tags: write it in Markdown",
    ),
    (
        "too-many-links",
        POST,
        post(BODY + ("[a](b.md) " * 100 + "\n\n") * 6),
        f"{POST}:{FIRST + 10 + 10}: this page has more than 500 links and images: split it into pages",
    ),
    (
        "footnote-referred-to-11-times",
        POST,
        post(BODY + "Text[^1] " * 11 + "\n\n[^1]: A source.\n"),
        f"{POST}:{FIRST + 10}: the footnote [^1] is referred to more than 10 times: refer to it once, "
        "or give each place its own footnote",
    ),
    (
        "too-many-footnotes",
        POST,
        post(BODY + "".join(f"Text[^{n}] " for n in range(301)) + "\n"),
        f"{POST}:{FIRST + 10}: this page has more than 300 footnote references: split it into pages",
    ),
    (
        "abbreviation-definition-too-long",
        POST,
        post(BODY + "The OECD.\n\n*[OECD]: " + "x" * 101 + "\n"),
        f"{POST}:{FIRST + 12}: the definition of the abbreviation 'OECD' has 101 characters, more than the 100 "
        "allowed (it is repeated at every use): shorten it",
    ),
    (
        "too-many-abbreviations",
        POST,
        post(BODY + "".join(f"*[A{n}]: a\n" for n in range(51))),
        f"{POST}:{FIRST + 10 + 50}: this page defines more than 50 abbreviations: keep the ones readers need",
    ),
    (
        "abbreviation-used-too-often",
        POST,
        post(BODY + ("UN " * 500 + "\n\n") * 3 + "*[UN]: United Nations\n"),
        f"{POST}:{FIRST + 10 + 4}: the abbreviations defined on this page are used more than 1,000 times "
        "(each use repeats the definition): define fewer, or only where readers need them",
    ),
    (
        "code-block-too-long",
        POST,
        post(BODY + "```python\n" + "x = 1\n" * 4000 + "```\n"),
        f"{POST}:{FIRST + 10}: this code block has 24,000 characters, more than the 20,000 allowed: "
        "shorten it, or link to the file where the code is published",
    ),
    (
        "too-many-code-blocks",
        POST,
        post(BODY + "```\nx\n```\n\n" * 201),
        f"{POST}:{FIRST + 10 + 800}: this page has more than 200 code blocks: split it into pages",
    ),
    (
        "too-many-blocks",
        POST,
        post(BODY + "\n" + "a\n\n" * 2000),
        f"{POST}:{FIRST + 11 + 2 * 1999}: this page has more than 2,000 blocks (paragraphs, lists, tables, "
        "quotes, admonitions; each level of nesting counts as one more): split it into pages",
    ),
]


@pytest.mark.parametrize(("path", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_refuses_what_could_make_the_build_slow(site, capsys, path, text, expected):
    site.write(path, text)
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert expected in without_codes(output), output[:3000]
    assert "Traceback" not in output


def test_a_refused_body_gets_no_other_body_finding(site, capsys):
    """Over a limit, the page's other body rules are not run (they are only known to be fast within)."""
    site.write(POST, post("[\n" * 100 + "[a](missing.md) <script>\n"))
    code, output = site.check(capsys=capsys)
    findings = [line for line in without_codes(output) if line.startswith(POST)]
    assert code == 1 and findings and all("not closed" in line for line in findings), findings


def test_over_the_limits_everything_is_refused_fast_enough_to_test(site, capsys):
    """Every input of the task, at full size, through the whole checker in one run: if any
    of them were slow (quadratic, recursive), this test would not finish."""
    for index, (_, body) in enumerate(bench_limits.over_the_limits()):
        site.write(f"content/en/blog/over-{index}.md", post(body))
    site.write(POST, post(BODY, front(bomb(12))))
    site.write(AUTHORS, AUTHORS_TEXT + bomb(12))
    site.write("content/en/blog/deep.md", post(nested_list(3000)))
    site.write("content/en/blog/brackets.md", post("[" * 20_000 + "\n" + "`" * 20_000 + "\n"))
    site.write("content/en/blog/title.md", post(BODY, BLOG_FRONT.replace("title: Buying", "title: " + "[" * 15_000)))
    code, output = site.check(capsys=capsys)
    assert code == 1
    reported = {line.split(":")[0] for line in without_codes(output) if ": " in line}
    expected = {f"content/en/blog/over-{i}.md" for i in range(len(bench_limits.over_the_limits()))}
    expected |= {POST, AUTHORS, "content/en/blog/deep.md", "content/en/blog/brackets.md", "content/en/blog/title.md"}
    assert expected <= reported, expected - reported


def test_the_worst_page_of_each_limit_is_accepted():
    """The benchmark renders these: each must really pass the checker's limits."""
    for case in bench_limits.cases():
        assert bounds.scan(case.body) == [], case.name


def test_every_real_page_is_within_the_limits():
    for path in sorted((REPO / "content").rglob("*.md")):
        document = frontmatter.parse(path.read_text(encoding="utf-8"))
        assert not document.errors, path
        assert bounds.scan(document.body) == [], path


def test_legitimate_markdown_is_accepted():
    """Code fenced at the left margin is left out; in a list or an admonition its lines are
    read as text, so brackets there must balance on each line (docs/content-model.md#limits)."""
    body = """\
# A guide

Some [link text](https://example.org/a_(b) "A title") and a [reference][ref], an image
![A chart](chart.png), `code with [brackets` and ``a `tick` inside``, \\[escaped, *emphasis*,
<abbr title="Organisation">OECD</abbr>, <https://example.org> and <someone@example.org>.

1. First
    - nested [link](x.md)
        - deeper
2. Second

> A quote
> > nested, with a [link](y.md)

!!! note "A note"
    Text in a note, and code:

    ```python
    items = [1, 2]
    ```

```python
items = [1, 2,
```

| Column | Other |
|:-------|------:|
| [a](b.md) | `c|d` |

```text
[ unbalanced < and ` in a fenced block are fine
```

Term
:   Definition with a footnote[^1].

[ref]: https://example.org/ref
[^1]: The source.
*[OECD]: Organisation for Economic Co-operation and Development
"""
    assert bounds.scan(body) == []


# --- property tests ---------------------------------------------------------------------------

# Text YAML can hold in double quotes (no control characters, surrogates or line separators).
texts = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=8)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none())
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(texts, children, max_size=3)),
    max_leaves=20,
)


def _yaml_flow(value: object) -> str:
    """A value as YAML flow text (lists and mappings nest to any depth)."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_quoted(k)}: {_yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return _quoted(value)
    return "null" if value is None else str(value).lower()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


yaml_noise = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!| \n\t'\"#%@`,?>")), max_size=200)


@settings(max_examples=400, deadline=None)
@given(st.one_of(yaml_noise, yaml_values.map(lambda v: "key: " + _yaml_flow(v))))
def test_front_matter_reader_never_raises(text: str):
    document = frontmatter.parse(f"---\n{text}\n---\n")
    for node, errors in (frontmatter.load_yaml(text), (document.meta, document.errors)):
        for error in errors:
            assert error.line >= 1 and error.message and "Traceback" not in error.message
        assert node is None or isinstance(node, frontmatter.Node)


@settings(max_examples=200, deadline=None)
@given(yaml_values, st.integers(min_value=9, max_value=200), st.sampled_from(["[", "{a: "]))
def test_nesting_deeper_than_8_is_refused(value, depth, opener):
    closer = "]" if opener == "[" else "}"
    text = "key: " + opener * depth + _yaml_flow(value) + closer * depth
    node, errors = frontmatter.load_yaml(text)
    assert node is None and "levels deep" in errors[0].message


@settings(max_examples=200, deadline=None)
@given(yaml_values, st.text(alphabet="abcxyz", min_size=1, max_size=6), st.integers(min_value=1, max_value=5))
def test_anchors_and_aliases_are_refused(value, name, uses):
    text = f"base: &{name} {_yaml_flow(value)}\n" + "".join(f"use{n}: *{name}\n" for n in range(uses))
    node, errors = frontmatter.load_yaml(text)
    assert node is None and errors[0].line == 1 and f"'&{name}'" in errors[0].message


@settings(max_examples=200, deadline=None)
@given(yaml_values.filter(lambda v: _depth(v) <= 7))
def test_shallow_values_still_read(value):
    node, errors = frontmatter.load_yaml("key: " + _yaml_flow(value))
    assert errors == [] and node is not None


markdown_pieces = st.sampled_from(
    ["[", "]", "(", ")", "`", "``", "```\n", "<a ", ">", "<b>", "*", "_", "\\", "&amp;", "  \n", "\n", "\n\n",
     "- ", "    ", "> ", "# ", "|", "|-|\n", "[^1]", "*[A]: a\n", "A", "word ", "[a](b.md)", "!!! note\n"]
)  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(markdown_pieces, max_size=300).map("".join))
def test_limits_never_raise_and_point_at_real_lines(body: str):
    lines = body.count("\n") + 1
    for line, message in bounds.scan(body):
        assert 1 <= line <= lines and message


@settings(max_examples=200, deadline=None)
@given(st.lists(markdown_pieces, max_size=200).map("".join), st.integers(min_value=2, max_value=40))
def test_a_line_with_an_unclosed_bracket_is_always_refused(body: str, brackets: int):
    assert any("'['" in str(message) for _, message in bounds.scan(body + "\n\n" + "[ " * brackets + "\n"))


def test_the_build_stops_with_the_checkers_message_before_reading_a_page(site):
    """`mkdocs build --strict` on a copy: the hook's check (on_files) stops it, no traceback,
    before MkDocs reads the front matter with its own YAML reader or renders a page."""
    site.write(POST, post(BODY, front(bomb())))
    site.write("content/en/blog/deep.md", post(BODY + "- " * 1000 + "item\n"))
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    lines = without_codes(output)
    assert next(c[3] for c in CASES if c[0] == "front-matter-alias-bomb") in lines, output[-3000:]
    assert f"content/en/blog/deep.md:{FIRST + 10}: this line is nested 1,000 {NESTED}" in lines, output[-3000:]
    assert "Traceback" not in output and "RecursionError" not in output
    assert not (site.root / "site" / "index.html").exists()


# A rule is counted line by line only when the body as a whole could go over its limit
# (labkb/checks/bounds.py `scan`): these pin what the counts find on both sides of each
# shortcut (the expected values are the findings of the line-by-line counts before it).
SPREAD = [
    ("links-at-the-limit", "[a](b)\n\n" * bounds.MAX_LINKS, []),
    ("links-over", "[a](b)\n\n" * (bounds.MAX_LINKS + 1), [(1001, "bounds.links")]),
    ("links-in-code-not-counted", "```\n" + "[a](b)\n" * 600 + "```\n\n" + "[a](b)\n\n" * 10, []),
    ("less-than-signs-are-no-tags", "a < b\n\n" * 250, []),
    ("tags-over", "<b>x</b>\n\n" * 101, [(201, "bounds.html-tags")]),
    ("many-lines-few-headings", "# h\n\n" * bounds.MAX_HEADINGS + "text\n" * 100, []),
    ("headings-over", "# h\n\n" * (bounds.MAX_HEADINGS + 1), [(401, "bounds.headings")]),
    ("markup-spread-over-paragraphs", ("*a* " * 100 + "\n\n") * 4, []),
    ("markup-in-one-paragraph", "*a* " * 151 + "\n", [(1, "bounds.element-markup")]),
    ("long-body-short-paragraphs", ("word " * 1000 + "\n\n") * 3, []),
    ("long-paragraph", "word " * 2001 + "\n", [(1, "bounds.element-size")]),
    ("blocks-at-the-limit", "a\n\n" * bounds.MAX_BLOCKS, []),
    ("blocks-over", "a\n\n" * (bounds.MAX_BLOCKS + 1), [(4001, "bounds.blocks")]),
    ("nested-blocks-over", "> > a\n\n" * 700, [(1333, "bounds.blocks")]),
    ("list-items-over", "- a\n" * (bounds.MAX_LIST_ITEMS + 1), [(1001, "bounds.list-items")]),
    ("fences-over", "```\nx\n```\n" * (bounds.MAX_CODE_BLOCKS + 1), [(601, "bounds.code-blocks")]),
    ("link-addresses", "[a](b) [c](d 'e') [f](g(h)) [i](<j k>) [l](m \"n\")\n", []),
    ("unclosed-after-closed", "[a](b) [c](d\n", [(1, "bounds.link-unclosed")]),
    ("quote-in-address", '[a](b "c) d\n', [(1, "bounds.link-unclosed")]),
    ("paren-in-address", "[a](b(c) d\n", [(1, "bounds.link-unclosed")]),
    ("escaped-bracket-link", "\\[a](b [c](d\n", [(1, "bounds.link-unclosed")]),
    ("hard-breaks", "a  \n" * 150 + "b\\\n" * 151, [(1, "bounds.element-markup")]),
]


@pytest.mark.parametrize(("name", "body", "expected"), SPREAD, ids=[c[0] for c in SPREAD])
def test_counts_over_the_whole_body_find_what_line_by_line_counts_find(name, body, expected):
    assert [(line, message.code) for line, message in bounds.scan(body)] == expected, name
