"""labkb/model/markdown_source.py: reading Markdown without rendering it, held to the real renderer.

Heading ids must be the ids MkDocs gives (Python-Markdown's toc extension, as configured in
mkdocs.yml): otherwise the checker refuses links that work and accepts links that break.
Python-Markdown is the reference here, run on the same text.
"""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkb.model import markdown_source as ms

EXTENSIONS = ["toc", "admonition", "attr_list", "tables", "footnotes", "abbr", "def_list", "pymdownx.superfences"]


def rendered_ids(body: str) -> list[str]:
    """The heading ids Python-Markdown writes for `body`, in order."""
    html = markdown.Markdown(extensions=EXTENSIONS).convert(body)
    return re.findall(r"<h[1-6][^>]*\sid=\"([^\"]+)\"", html)


def our_ids(body: str) -> list[str]:
    return [h.id for h in ms.headings(ms.mask_code(body), body)]


# --- mask_code ------------------------------------------------------------------------------


def test_mask_code_blanks_code_and_comments_and_keeps_every_position():
    body = (
        "Text `[a](x.md)` more.\n"
        "```python\n"
        "# not a heading\n"
        "```\n"
        "~~~~\n"
        "~~~\n"  # a shorter fence does not close a longer one
        "still code\n"
        "~~~~\n"
        "<!-- [b](y.md)\n"
        "across lines --> after\n"
        "``double `tick` code`` end\n"
    )
    masked = ms.mask_code(body)
    assert len(masked) == len(body)
    assert masked.split("\n") == [
        "Text " + " " * 11 + " more.",
        " " * 9,
        " " * 15,
        " " * 3,
        " " * 4,
        " " * 3,
        " " * 10,
        " " * 4,
        " " * 14,
        " " * 16 + " after",
        " " * 22 + " end",
        "",
    ]
    # What the renderer shows as code is what is masked.
    html = markdown.Markdown(extensions=EXTENSIONS).convert(body)
    assert "<h1" not in html and 'href="y.md"' not in html


def test_a_fence_never_closed_is_not_code():
    body = "Text\n\n```\n[bad](missing.md)\n"
    assert 'href="missing.md"' in markdown.Markdown(extensions=EXTENSIONS).convert(body)
    assert ms.links(ms.mask_code(body)) == [ms.Link("missing.md", "bad", 4, False)]


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("<!--> [a](x.md)", "[a](x.md)"),  # '<!-->' is a whole, empty comment
        ("<!---> [a](x.md)", "[a](x.md)"),
        ("<!-- x --!> [a](x.md)", "[a](x.md)"),  # '--!>' ends a comment too
    ],
)
def test_comments_end_where_browsers_end_them(body, kept):
    assert ms.mask_code(body).strip() == kept


def test_an_unclosed_comment_masks_to_the_end():
    assert ms.mask_code("a <!-- b\nc").strip() == "a"


# --- headings -------------------------------------------------------------------------------

AGREED = [
    "# Buying *responsibly*",
    "## Step 1: map the risks",
    "## Contratación pública y «derechos» — 2024",
    "## Ñandú & co.",
    "## [Linked](https://example.org) heading",
    "## Custom {#my-id}",
    "## With a class { .wide }",
    "## **Bold** and __strong__ text",
    "## Closing hashes ##",
    "Setext title\n============",
    "Setext section\n--------------",
    "## 2024",
]


@pytest.mark.parametrize("heading", AGREED)
def test_heading_id_is_the_one_mkdocs_writes(heading):
    body = f"Intro.\n\n{heading}\n\nText.\n"
    assert our_ids(body) == rendered_ids(body)


def test_repeated_headings_are_numbered_as_mkdocs_numbers_them():
    body = "## Steps\n\nA.\n\n## Steps\n\nB.\n\n## Steps\n"
    assert our_ids(body) == rendered_ids(body) == ["steps", "steps_1", "steps_2"]


def test_inline_code_in_a_heading_is_part_of_its_id():
    body = "## Run `make check`\n"
    assert our_ids(body) == rendered_ids(body) == ["run-make-check"]


def test_an_underscore_inside_a_word_stays_in_the_id():
    body = "## The file_name field\n"
    assert our_ids(body) == rendered_ids(body) == ["the-file_name-field"]


def test_headings_without_letters_are_numbered_as_mkdocs_numbers_them():
    body = "## ✅\n\n## ✅\n"
    assert our_ids(body) == rendered_ids(body) == ["_1", "_2"]


def test_headings_report_level_text_and_line():
    body = "# Title\n\nText.\n\nSection *one*\n-------------\n\n    # indented code, not a heading\n\n- item\n---\n"
    assert ms.headings(ms.mask_code(body)) == [
        ms.Heading(1, "Title", "title", 1),
        ms.Heading(2, "Section one", "section-one", 5),
    ]


def test_anchors_hold_heading_ids_attribute_ids_and_html_ids_and_names():
    body = '## A\n\n<span id="x1"></span> <a name=\'n2\'></a>\n\nPara {#p3}\n\n`<b id="code">`\n'
    assert ms.anchors(ms.mask_code(body)) == {"a", "x1", "n2", "p3"}


# --- links ----------------------------------------------------------------------------------


def test_links_of_every_kind_with_their_lines():
    body = (
        'Text [a](b.md "title") and ![alt](pic.png) [ref][r] ![i][R]\n'
        "\n"
        '[r]: https://e.org/x "T"\n'
        '<https://auto.org/p> <img src=\'x.png\'> <IMG SRC=y.gif alt=""> <a href="../c.md#d">c</a>\n'
        "`[not](link.md)` <!-- [no](x.md) -->\n"
        "```\n[no](y.md)\n```\n"
    )
    assert ms.links(ms.mask_code(body)) == [
        ms.Link("b.md", "a", 1, False),
        ms.Link("pic.png", "alt", 1, True),
        ms.Link("https://e.org/x", "ref", 1, False),
        ms.Link("https://e.org/x", "i", 1, True),  # reference names ignore case
        ms.Link("https://auto.org/p", "https://auto.org/p", 4, False),
        ms.Link("x.png", "", 4, True, html=True, has_alt=False),
        ms.Link("y.gif", "", 4, True, html=True, has_alt=True),
        ms.Link("../c.md#d", "", 4, False, html=True),
    ]


def test_a_link_with_an_angle_bracketed_address():
    assert ms.links("[a page](<../guidance/a.md>)") == [ms.Link("../guidance/a.md", "a page", 1, False)]


def test_an_angle_bracketed_image_address_is_not_an_html_tag():
    assert ms.links("![Chart](<img-2024.png>)") == [ms.Link("img-2024.png", "Chart", 1, True)]


def test_a_reference_without_a_definition_is_no_link():
    assert ms.links("[text][missing]\n\n[other]: x.md\n") == []


# --- count_words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Due-diligence in l'État since 2017.", 5),
        ("It’s the buyer’s duty.", 4),
        ("[link text](http://x.org/long/address) and ![an image](a.png)", 3),
        ("`code words here` and\n```\nfenced words\n```\n", 1),
        ("<b>bold</b> <!-- hidden words --> {: .class } text", 2),
        ("See https://bare.example.org/path and www.example.org now.", 3),
        ("[ref text][r]\n\n[r]: https://e.org/x\n", 2),
        ("# Heading words\n\n- one\n- two\n", 4),
        ("", 0),
    ],
)
def test_count_words(body, words):
    assert ms.count_words(body) == words


def test_line_index():
    index = ms.LineIndex("a\nbc\n\nd")
    assert [index.line(offset) for offset in (0, 1, 2, 4, 5, 6)] == [1, 1, 2, 2, 3, 4]


# --- the link pattern tried only where a link can start ------------------------------------------

LINK_PIECES = ["!", "[", "]", "(", ")", "\\", "<", ">", "x", " ", "\n", '"', "'", "`", "![a](b.png)", "[t](u.md#x)"]
LINK_PIECES += ["[t](<a b> 'ti')", "[a [b] c](d)", "\\[", "![", "[x](y (z))", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINK_PIECES), min_size=1, max_size=20).map("".join))
def test_links_are_the_matches_the_pattern_finds_at_every_character(text):
    fast = [(m.span(), m.groupdict()) for m in ms._link_matches(text)]
    assert fast == [(m.span(), m.groupdict()) for m in ms._LINK.finditer(text)]
    assert ms._without_links(text, lambda m: m.group("text")) == ms._LINK.sub(lambda m: m.group("text"), text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("![a](b.png)", [("b.png", True)]),  # an image: the '!' starts the match
        ("\\[a](b) [c](d)", [("d", False)]),  # an escaped bracket starts no link
        ("x![a](b) and [c](d)", [("b", True), ("d", False)]),
        ("[a](b) at the end", [("b", False)]),
        ("at the start [a](b)", [("b", False)]),
    ],
)
def test_links_at_the_start_and_end_of_a_text_and_after_an_escape(text, found):
    assert [(link.url, link.image) for link in ms.links(text)] == found


HEADING_PIECES = ["# A\n", "## B\n", "Title\n===\n", "Sub\n---\n", "\n", "x\n", "# A {#id}\n", "`# code`\n"]
HEADING_PIECES += ["```\n# no\n```\n", "<!-- # c -->\n", "# `code` h\n", "#\n", "    # indented\n", "- # list\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEADING_PIECES), min_size=1, max_size=12).map("".join))
def test_titles_are_the_level_one_headings(body):
    masked = ms.mask_code(body)
    assert ms.titles(masked, body) == [(h.line, h.text) for h in ms.headings(masked, body) if h.level == 1]


HEADING_PIECES += ["===\n", "---\n", " ---  \n", "   # x\n", "\t# t\n", "> # q\n", "==\n", "- - -\n"]
HEADING_PIECES += ["#", "=", "-", " ", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEADING_PIECES), min_size=1, max_size=14).map("".join))
def test_every_line_that_may_be_a_heading_is_a_candidate(body):
    """Headings are looked for only on candidate lines: every line the ATX pattern matches, and
    every line above one the setext underline pattern matches, is one."""
    lines = body.split("\n")
    may_be = {
        i
        for i, line in enumerate(lines)
        if ms._ATX.match(line) or (i + 1 < len(lines) and ms._SETEXT.match(lines[i + 1]))
    }
    assert may_be <= set(ms._heading_candidates(body))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="\na", max_size=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=8),
)
def test_the_line_counter_gives_the_line_index_lines_in_any_order(text, offsets):
    counter = ms._LineCounter(text)
    assert [counter.line(o) for o in offsets] == [ms.LineIndex(text).line(o) for o in offsets]
