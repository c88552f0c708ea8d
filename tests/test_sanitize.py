"""The allowlist sanitizer and the plain-text rule, fed hand-picked and generated markup.

Unit tests of `labkb.checks.sanitize`, `labkb.checks.plain_text` and `labkb.checks.safety.scan_html`: no build.
The rendered-HTML net is fed HTML that the source scan never sees (it is what a
Markdown extension or one of our own generators could produce).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkb.checks import plain_text, safety, sanitize

# (what a contributor's Markdown rendered to, what the sanitizer must publish)
CASES = [
    ("<p>Plain <strong>text</strong></p>", "<p>Plain <strong>text</strong></p>"),
    ("<!--><img src=x onerror=alert(1)>-->", '<img src="x">--&gt;'),
    ('<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="https://example.org" ping="https://evil.example/">x</a>', '<a href="https://example.org">x</a>'),
    ('<img src="https://evil.example/x.png" alt="x">', '<img alt="x">'),
    ('<img src="//evil.example/x.png" alt="x">', '<img alt="x">'),
    ('<img src="a.png" srcset="https://evil.example/a.png 2x" alt="A">', '<img src="a.png" alt="A">'),
    ('<p style="background:url(https://evil.example/x)">a</p>', "<p>a</p>"),
    (
        '<table><tr><td style="text-align: left; background: url(https://e.example/)">x</td></tr></table>',
        '<table><tbody><tr><td style="text-align:left">x</td></tr></tbody></table>',
    ),
    ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>', ""),
    ('<video poster="https://evil.example/p.png"><source src="https://evil.example/v.mp4"></video>', ""),
    ("<span id=\"__search\">x</span>", "<span>x</span>"),
    ('<input type="text" value="x"><input type="checkbox" checked disabled>',
     '<input type="checkbox"><input checked="" disabled="" type="checkbox">'),
    ('<abbr title="&lt;img src=x onerror=alert(1)&gt;">A</abbr>',
     '<abbr title="&amp;lt;img src=x onerror=alert(1)&amp;gt;">A</abbr>'),
    ("<script>alert(1)</script><style>*{}</style>after", "after"),
    ("<base href='https://evil.example/'><meta http-equiv=refresh content='0;url=https://e.example'>", ""),
]  # fmt: skip


@pytest.mark.parametrize(("rendered", "published"), CASES)
def test_sanitizer_publishes_only_the_allowlist(rendered, published):
    assert sanitize.clean(rendered) == published


def test_tooltip_text_survives_being_read_back_as_html():
    # The attribute's value, as the browser decodes it, is what Material inserts as HTML.
    attribute = sanitize.tooltip_text('<img src=x onerror="alert(1)"> & co')
    decoded = html.unescape(attribute)
    assert "<" not in decoded
    assert html.unescape(decoded) == '<img src=x onerror="alert(1)"> & co'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Buying with respect for human rights", None),
        ("R&D and 5 < 6, \"quoted\" and 'single'", None),
        ("<b>bold</b>", "must be plain text, found markup '<b>bold</b>' at character 1"),
        ("Fish &amp; chips", "must be plain text, found markup '&amp; chips' at character 6"),
        ("a\x00b", "contains an invisible control character (U+0000 control character) at character 2"),
        ("x" * 501, "is 501 characters long, at most 500 are allowed: shorten it"),
    ],
)
def test_plain_text(text, expected):
    problem = plain_text.problem(text)
    assert (problem is None) if expected is None else str(problem).startswith(expected)


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [
        ('<p onclick="x()">a</p>', ["'onclick' event handler on <p>"]),
        (
            "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
            ["<animate> element", "'javascript:' URL in values of <animate>"],
        ),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', ["'javascript:' URL in href of <a>"]),
        ('<abbr title="<img src=x>">A</abbr>', ["markup in the title of <abbr> (tooltips would run it)"]),
        ("<!--><img src=x>-->", ["a comment that browsers read differently ('<!-->')"]),
        ('<abbr title="&lt;img&gt;">A</abbr>', ["markup in the title of <abbr> (tooltips would run it)"]),
        ('<abbr title="&amp;lt;img&amp;gt;">A</abbr><p>fine</p>', []),
    ],
)
def test_rendered_html_net_sees_what_the_source_scan_cannot(rendered, expected):
    assert [str(problem) for problem in safety.scan_html(rendered)] == expected


TAGS = sorted(sanitize.TAGS | {"script", "svg", "animate", "iframe", "style", "video", "base", "math", "xmp"})
ATTRIBUTES = ["href", "src", "title", "style", "onerror", "onclick", "id", "srcset", "ping", "poster", "values"]
VALUES = [
    "javascript:alert(1)",
    "https://evil.example/x",
    "x",
    "&lt;img src=x onerror=alert(1)&gt;",
    "__search",
    "background:url(https://e.example)",
    "text-align: left",
    "<img src=x onerror=alert(1)>",
    "&#106;avascript:1",
]


@st.composite
def markup(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["open", "close", "text", "comment"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "open":
            attrs = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)), max_size=3))
            quote = draw(st.sampled_from(['"', "'", ""]))
            pieces.append(f"<{tag}" + "".join(f" {a}={quote}{v}{quote}" for a, v in attrs) + ">")
        elif kind == "close":
            pieces.append(f"</{tag}>")
        elif kind == "comment":
            pieces.append(draw(st.sampled_from(["<!-->", "<!--", "-->", "--!>", "<!--->"])))
        else:
            pieces.append(draw(st.text(max_size=10)))
    return "".join(pieces)  # fmt: skip


def _elements(fragment: str) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, "", ""))
            found.extend((tag, name, value or "") for name, value in attrs)

    Parser().feed(fragment)
    return found  # ("p", "", "") for the element, then one entry per attribute


@settings(max_examples=300, deadline=None)
@given(markup())
def test_sanitized_output_is_inert_and_stable(fragment):
    cleaned = sanitize.clean(fragment)
    assert safety.scan_html(cleaned) == []
    # Not idempotent on purpose: a title is escaped once more at each pass. Still inert.
    assert safety.scan_html(sanitize.clean(cleaned)) == []
    for tag, name, value in _elements(cleaned):
        assert tag in sanitize.TAGS
        if not name:
            continue
        allowed = sanitize.GLOBAL_ATTRIBUTES | sanitize.ATTRIBUTES.get(tag, frozenset())
        assert name in allowed or name in sanitize.FORCED_ATTRIBUTES.get(tag, {})
        assert not (name == "id" and value.startswith("__"))
        assert not (name == "style" and not value.startswith("text-align"))
