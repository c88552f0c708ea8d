"""Every case of the hostile corpus is refused, by `make check` and by the build.

The build cases run with the content checker switched off in the copy (its hook removed
from mkdocs.yml): they prove that the build's own walls refuse what a skipped or buggy
check would let through.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PNG, without_codes
from tests.hostile import FILE_CASES, MARKDOWN_CASES, POST, post


def make(site, path: str, how: str) -> None:
    target = site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if how.startswith("link:"):
        os.symlink(how.removeprefix("link:"), target)
    elif how == "png":
        target.write_bytes(PNG)
    else:
        target.write_text(how.removeprefix("text:"), encoding="utf-8")


def without_checker(site) -> None:
    """The copy's build without hooks/checks.py: as if the check had been skipped."""
    config = site.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "hooks/checks.py" not in line), encoding="utf-8")


@pytest.mark.parametrize(("name", "text", "expected"), MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES])
def test_check_refuses_hostile_markdown(site, capsys, name, text, expected):
    site.write(POST, text)
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert expected in without_codes(output), output
    assert "Traceback" not in output


@pytest.mark.parametrize(("name", "path", "how", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_check_refuses_hostile_files(site, capsys, name, path, how, expected):
    make(site, path, how)
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert expected in output, output
    assert "Traceback" not in output


def test_check_never_reads_through_a_link(site, capsys, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: SECRET-TOKEN-123\n---\n\nSECRET-TOKEN-123\n", encoding="utf-8")
    make(site, "content/en/blog/leak.md", f"link:{secret}")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert "SECRET-TOKEN-123" not in output


SKIPPED_CHECK_CASES = [c for c in FILE_CASES if c[0] in ("symlink-to-environment", "replaces-the-site-script")]
SKIPPED_CHECK_CASES += [c for c in FILE_CASES if c[0] in ("markdown-other-extension", "symlinked-folder")]


@pytest.mark.parametrize(
    ("name", "path", "how", "expected"), SKIPPED_CHECK_CASES, ids=[c[0] for c in SKIPPED_CHECK_CASES]
)
def test_build_refuses_hostile_files_even_without_the_check(site, name, path, how, expected):
    without_checker(site)
    make(site, path, how)
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "files that may not be published:" in output
    # A linked folder is reported by the files MkDocs found through it.
    assert f"{path}: " in output or f"{path}/" in output, output
    assert expected.split(": ", 1)[1] in output
    assert "Traceback" not in output
    assert not (site.root / "site" / "index.html").exists()


def test_new_post_refuses_a_title_with_markup(site, capsys):
    from labkb.tools import cli

    args = ["--author", "lab-editors", "--langs", "en", "--category", "lab-news", "--description", "Why."]
    code = cli.main(["--root", str(site.root), "new-post", "--title", "<img src=x onerror=alert(1)>", *args])
    output = capsys.readouterr()
    assert code == 1
    assert (
        "new-post: the title must be plain text, found markup '<img src=x o' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)"
    ) in output.err + output.out
    assert not list((site.root / "content").rglob("img*"))


def test_front_matter_is_read_as_the_checker_reads_it(site):
    """A value MkDocs' own YAML reading cannot take (an impossible date where text is expected)
    used to drop the whole front matter: the page published its YAML as text, without its notice."""
    site.write(POST, post(description="2026-02-30").replace("---\n\n", "review_status: needs-review\n---\n\n", 1))
    site.record()
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site.root / "site" / "blog" / "post" / "index.html").read_text(encoding="utf-8")
    assert "kb-notice-review" in page
    assert "review_status:" not in page
    assert '<meta name="description" content="2026-02-30">' in page


def test_check_refuses_markup_in_a_glossary_definition(site, capsys):
    glossary_file = site.root / "data/glossary.yml"
    text = glossary_file.read_text(encoding="utf-8")
    first = text.index("    definition: ") + len("    definition: ")
    end = text.index("\n", first)
    glossary_file.write_text(text[:first] + "'&lt;img src=x onerror=alert(1)&gt;'" + text[end:], encoding="utf-8")
    code, output = site.check(capsys=capsys)
    line = text[:first].count("\n") + 1
    assert code == 1
    assert (
        f"data/glossary.yml:{line}: must be plain text, found markup '&lt;img src=' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)"
    ) in without_codes(output), output


def test_glossary_tooltip_gets_its_definition_as_text_however_written():
    """Material's tooltips insert a title as HTML: the attribute's value must decode to escaped text."""
    import html as html_module

    from labkb.checks import safety
    from labkb.features import glossary

    entry = glossary.Entry("x", {"en": "ILO"}, {"en": "<img src=x onerror=alert(1)> & co"}, [])
    marked = glossary.annotate("<p>The ILO works here.</p>", [entry], "en")
    assert safety.scan_html(marked) == []
    title = marked.split('title="', 1)[1].split('"', 1)[0]
    assert "<" not in html_module.unescape(title)
    assert html_module.unescape(html_module.unescape(title)) == "<img src=x onerror=alert(1)> & co"


URL_PIECES = ["](", "<javascript:alert(1)>", "<https://x>", "[a](javascript:x)", "[a](b 'c')", "x", " ", "\n", ":"]
URL_PIECES += ["[", "]", "(", ")", "<", ">", "![i](vbscript:x)", "<a href='javascript:x'>", "&#106;avascript:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), min_size=1, max_size=15).map("".join).filter(lambda t: "]:" not in t))
def test_without_reference_definitions_the_short_address_pattern_finds_the_same(text):
    """labkb/checks/safety.py reads addresses with a pattern that leaves out reference
    definitions when the text has no ']:' (none can be there): the same matches."""
    from labkb.checks import safety

    def found(pattern):
        return [(m.start(), m.end(), [g for g in m.groups() if g is not None]) for m in pattern.finditer(text)]

    assert found(safety._MD_URL_INLINE) == found(safety._MD_URL)
