"""Property-based tests: random and malformed input gives messages, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labkb.checks import engine as checks
from labkb.model import frontmatter, markdown_source
from labkb.model.findings import Finding
from labkb.model.project import Project
from tests.conftest import _copy_project

BLOG = "content/en/blog/post.md"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2024-02-30", "2017-10-06", "lab-editors", "https://x.org", "javascript:x", "[a"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "date",
            "authors",
            "categories",
            "description",
            "autor",
            "translation_of",
            "source_fingerprint",
            "review_status",
            "sources",
            "programme",
        ]
    ),
    st.text(max_size=12),
)
front_matter = st.dictionaries(keys, values, max_size=8).map(
    lambda d: yaml.safe_dump(d, allow_unicode=True, default_flow_style=None)
)
yaml_noise = st.text(alphabet=st.sampled_from(list("abc:- \n\t'\"[]{}#&*!|>%@`,?")), max_size=120)
markdown_bits = st.sampled_from(
    [
        "# Title\n",
        "## Part {#part}\n",
        "[a](b.md)",
        "[a](../index.md#x)",
        "![](x.png)",
        "![alt](",
        "<script>",
        "</script>",
        "<a href='javascript:x'>",
        "{ onclick=x }",
        "```\n",
        "~~~\n",
        "`code`",
        "<!--",
        "-->",
        "[r]: /abs",
        "[t][r]",
        "<img src=x>",
        "=====\n",
        "-----\n",
        "\n",
        "words here ",
        "<iframe src=//x>",
        "[x](<a b.md>)",
        "[x](data:text/html,hi)",
        "\\",
        "|a|b|\n",
    ]
)
bodies = st.lists(markdown_bits, max_size=40).map("".join)
documents = st.one_of(
    st.text(max_size=300),
    st.builds(lambda fm, body: f"---\n{fm}---\n{body}", front_matter, bodies),
    st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", yaml_noise, bodies),
)


def _assert_findings(findings: list[Finding], text: str) -> None:
    lines = text.count("\n") + 2
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.message.strip()
        assert 0 <= finding.line <= lines, finding


def test_checker_never_raises_on_random_content():
    with tempfile.TemporaryDirectory() as tmp:
        site = _copy_project(Path(tmp) / "project", with_content=False)
        project = Project(site.root)

        @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(documents)
        def run(text: str) -> None:
            site.write(BLOG, text)
            findings = checks.check(project)
            _assert_findings([f for f in findings if f.path == BLOG], text)

        run()


@settings(max_examples=500, deadline=None)
@given(documents)
def test_front_matter_parser_never_raises(text: str):
    document = frontmatter.parse(text)
    for error in document.errors:
        assert error.line >= 1 and error.message


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_masking_keeps_lines_and_word_count_is_stable(body: str):
    masked = markdown_source.mask_code(body)
    assert masked.count("\n") == body.count("\n")
    assert len(masked) == len(body)
    assert markdown_source.count_words(body) >= 0
    markdown_source.headings(masked)
    markdown_source.links(masked)
