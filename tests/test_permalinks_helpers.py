"""labkb/features/permalinks.py's address helpers and redirect declarations, without a build.

The declarations are read from a data/redirects.yml in tmp_path; the redirect page is
parsed back with the standard library's HTML parser.
"""

from __future__ import annotations

import html.parser
import json

import pytest

from labkb.features import permalinks
from labkb.model.findings import Finding
from labkb.model.project import Project

EXAMPLE = "e.g. 'case-studies/old-name/'"


@pytest.mark.parametrize(
    ("page_path", "url"),
    [
        ("index.md", ""),
        ("README.md", ""),
        ("about/index.md", "about/"),
        ("about/README.md", "about/"),
        ("guidance/mapping-risks.md", "guidance/mapping-risks/"),
        ("guidance/stages/planning.md", "guidance/stages/planning/"),
        ("blog/indexes.md", "blog/indexes/"),  # only a whole 'index' is an index
    ],
)
def test_url_of(page_path, url):
    assert permalinks.url_of(page_path) == url


@pytest.mark.parametrize(
    ("url", "page_path"),
    [("", "index.md"), ("about/", "about.md"), ("c/se-electronics-watch/", "c/se-electronics-watch.md")],
)
def test_page_path_of(url, page_path):
    assert permalinks.page_path_of(url) == page_path
    assert permalinks.url_of(page_path) == url


def test_with_language_adds_the_prefix_except_for_the_default_language():
    assert permalinks.with_language("about/", "en") == "about/"
    assert permalinks.with_language("about/", "es") == "es/about/"
    assert permalinks.with_language("", "es") == "es/"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("case-studies/old/", None),
        ("/case-studies/old", None),
        ("blog/2017/old-post.html", None),
        (
            "",
            f"'' is the home page, which is always a page of the site: a redirect starts from an old address below "
            f"it, {EXAMPLE}",
        ),
        (
            "index",
            f"'index' is the home page, which is always a page of the site: a redirect starts from an old "
            f"address below it, {EXAMPLE}",
        ),
        (
            "es/",
            f"'es/' is the home page of a language, which is always a page of the site: a redirect starts from "
            f"an old address below the language root, {EXAMPLE}",
        ),
        (
            "es/case-studies/old/",
            "'es/case-studies/old/' starts with a language: one line covers every language, "
            "so write the address below the language root, 'case-studies/old/'",
        ),
        (
            "https://example.org/a",
            f"'https://example.org/a' is a full web address: a redirect starts from an "
            f"address of this site, below the language root, {EXAMPLE}",
        ),
        (
            "//example.org/a",
            f"'//example.org/a' is a full web address: a redirect starts from an address of this "
            f"site, below the language root, {EXAMPLE}",
        ),
        (
            "old?page=2",
            f"'old?page=2' contains '?', which an address of a page cannot hold: write the old address "
            f"alone, {EXAMPLE}",
        ),
        (
            "old#part",
            f"'old#part' contains '#', which an address of a page cannot hold: write the old address alone, {EXAMPLE}",
        ),
        (
            "a/../b",
            f"'a/../b' is not an address below the language root: write it without '//', './' or '../', {EXAMPLE}",
        ),
        ("guidance/index.md", "'guidance/index.md' is the address 'guidance/': write 'guidance/'"),
        (
            "assets/old/",
            "'assets/old/' is in 'assets/', where the site keeps its own files: a redirect cannot start there",
        ),
        ("blog/feed.xml", "'blog/feed.xml' is the blog's feed: a redirect cannot start there"),
        ("old\x07/", f"'old\\x07/' contains a control character: write the old address, {EXAMPLE}"),
    ],
)
def test_source_problem(source, problem):
    found = permalinks.source_problem(source)
    assert (None if found is None else str(found)) == problem


def redirects(tmp_path, text: str) -> tuple[list[permalinks.Redirect], list[Finding]]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/redirects.yml").write_text(text, encoding="utf-8")
    return permalinks.load_redirects(Project(tmp_path))


def test_redirects_are_read_in_their_normal_form_with_their_lines(tmp_path):
    found, findings = redirects(
        tmp_path,
        "# moved pages\n/case-studies/old: case-studies/new\nguidance/a/: /guidance/b/\n",
    )
    assert findings == []
    assert found == [
        permalinks.Redirect("case-studies/old/", "case-studies/new/", 2),
        permalinks.Redirect("guidance/a/", "guidance/b/", 3),
    ]


def test_each_redirect_that_cannot_be_made_is_a_finding_and_the_rest_are_kept(tmp_path):
    (tmp_path / "content/en/figures").mkdir(parents=True)
    (tmp_path / "content/en/figures/chart.png").write_bytes(b"x")
    found, findings = redirects(
        tmp_path,
        "old/: new/\nes/old2/: new/\nfigures/chart.png: new/\n/old: other/\nlist/: [a/, b/]\n",
    )
    assert found == [permalinks.Redirect("old/", "new/", 1)]
    assert [(f.path, f.line, f.message) for f in findings] == [
        (
            "data/redirects.yml",
            2,
            "'es/old2/' starts with a language: one line covers every language, so write the address below the "
            "language root, 'old2/'",
        ),
        (
            "data/redirects.yml",
            3,
            "'figures/chart.png' is the file content/en/figures/chart.png: a redirect cannot start there",
        ),
        (
            "data/redirects.yml",
            4,
            "'/old' is the same address as 'old/' on line 1: keep one of the two lines",
        ),
        ("data/redirects.yml", 5, "'list/' must map to one address, e.g. 'case-studies/new-name/'"),
    ]
    assert [f.code for f in findings] == [
        "redirect.language-prefix",
        "redirect.content-file",
        "redirect.duplicate",
        "redirect.not-one-address",
    ]


def test_no_redirects_file_means_no_redirects(tmp_path):
    assert permalinks.load_redirects(Project(tmp_path)) == ([], [])


def test_redirect_chains_are_followed_to_the_end_and_a_loop_stops(tmp_path):
    redirects(tmp_path, "a/: b/\nb/: c/\nx/: y/\ny/: x/\n")
    resolved = permalinks.resolved_redirects(Project(tmp_path))
    assert resolved["a/"] == "c/" and resolved["b/"] == "c/"
    assert {resolved["x/"], resolved["y/"]} <= {"x/", "y/"}  # a loop ends, never hangs


def test_manifest_lines_skip_comments_and_blanks_and_drop_the_leading_slash(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/urls.txt").write_text("# header\n/\n\n/es/about/\n  /about/  \n", encoding="utf-8")
    assert permalinks.read_manifest(Project(tmp_path)) == [(2, ""), (4, "es/about/"), (5, "about/")]
    assert permalinks.read_manifest(Project(tmp_path / "none")) == []


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parsed(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def test_redirect_page_sends_readers_on_keeping_the_anchor():
    text = permalinks.redirect_page("../../case-studies/new/", "https://lab.example/es/c/x/", "es", "Página movida")
    page = parsed(text)
    attrs = {tag: a for tag, a in page.tags}
    assert attrs["html"] == {"lang": "es"}
    assert attrs["link"] == {"rel": "canonical", "href": "https://lab.example/es/c/x/"}
    metas = [a for tag, a in page.tags if tag == "meta"]
    assert metas[:2] == [{"charset": "utf-8"}, {"name": "robots", "content": "noindex"}]
    refresh = next(a for tag, a in page.tags if tag == "meta" and a.get("http-equiv") == "refresh")
    assert refresh["content"] == "0; url=../../case-studies/new/"
    assert page.scripts == ['location.replace("../../case-studies/new/" + location.hash)']
    assert attrs["a"] == {"href": "../../case-studies/new/"}
    assert "<title>Página movida</title>" in text


def test_redirect_page_escapes_its_texts_and_addresses():
    target = '../x/?a=1&b="2"'
    text = permalinks.redirect_page(target, 'https://e.org/x/?a=1&b="2"', "en", "Moved <b>&</b>")
    page = parsed(text)
    canonical = next(a for tag, a in page.tags if tag == "link")
    assert canonical["href"] == 'https://e.org/x/?a=1&b="2"'
    assert "<b>" not in text and "Moved &lt;b&gt;&amp;&lt;/b&gt;" in text
    [script] = page.scripts
    literal = script.removeprefix("location.replace(").removesuffix(" + location.hash)")
    assert json.loads(literal) == target  # the same address, whatever escapes the literal uses


def test_a_target_cannot_end_the_redirect_script():
    text = permalinks.redirect_page("../x/</script><script>alert(1)</script>", "https://e.org/x/", "en", "Moved")
    page = parsed(text)
    assert len(page.scripts) == 1
