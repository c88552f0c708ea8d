"""Honest review status (issue 15, point 5), on a real build of the starter content plus one
reviewed bilingual post: one notice per page, "Awaiting editorial review" without a date or
"Reviewed by NAME on DATE" in the reader's language; listings, case study facts and feeds say
the same; the notice is never a search result's first words nor a meta description."""

from __future__ import annotations

import html as html_lib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from labkb.model.corpus import Corpus
from labkb.model.project import Project
from tests.conftest import Site, _copy_project, without_codes
from tests.contribution import SLUG, english_post, spanish_post

REVIEWED = "review_status: reviewed\nreviewed_by: lab-editors\nlast_reviewed: 2026-11-28\n"
AWAITING = {"": "Awaiting editorial review", "es/": "Pendiente de revisión editorial"}
NOTICE_TEXT = {
    "": "The Learning Lab's editors have not yet verified the facts on this page against its sources.",
    "es/": "El equipo editorial del Laboratorio aún no ha verificado los datos de esta página con sus fuentes.",
}
DONE = {
    "": "Reviewed by Learning Lab editors on 28 November 2026",
    "es/": "Revisado por Equipo editorial del Laboratorio el 28 de noviembre de 2026",
}
LAST_REVIEWED = ("last reviewed", "Last reviewed", "última revisión", "Última revisión")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = _copy_project(tmp_path_factory.mktemp("review") / "project", with_content=True)
    english = english_post(review=REVIEWED)
    project.write(f"content/en/blog/{SLUG}.md", english)
    project.write(f"content/es/blog/{SLUG}.md", spanish_post(english, review=REVIEWED))
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return project.root


def page(site: Path, address: str) -> str:
    return (site / "site" / address / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))


def needs_review_pages(root: Path) -> list[str]:
    corpus = Corpus.read(Project(root))
    return [
        p.page_path
        for p in corpus.pages
        if p.meta.get("review_status") and p.meta["review_status"].value == "needs-review"
    ]


def test_every_page_awaiting_review_shows_one_notice_and_no_review_date(site: Path):
    checked = 0
    for html_path in (site / "site").rglob("index.html"):
        html = html_path.read_text(encoding="utf-8")
        notices = html.count('kb-notice-review"') + html.count('kb-notice-reviewed"')
        assert notices <= 1, html_path
        if 'kb-notice-review"' in html:
            checked += 1
            for words in LAST_REVIEWED:
                assert words not in html, (html_path, words)
    assert checked >= len(needs_review_pages(site)) > 20  # both languages: each file is a page


def test_a_reviewed_post_says_who_and_when_in_each_language(site: Path):
    for prefix in ("", "es/"):
        html = page(site, f"{prefix}blog/{SLUG}")
        assert 'class="admonition success kb-notice-reviewed" data-search-exclude' in html
        assert DONE[prefix] in text(html)
        assert AWAITING[prefix] not in text(html)


def test_listings_case_study_facts_and_feeds_show_the_same_status(site: Path):
    for prefix in ("", "es/"):
        blog = text(page(site, f"{prefix}blog"))
        assert DONE[prefix] in blog and AWAITING[prefix] in blog
        cases = page(site, f"{prefix}case-studies")
        statuses = re.findall(r'<div class="kb-item__status">([^<]+)</div>', cases)
        assert statuses and set(statuses) == {AWAITING[prefix]}
        guidance = page(site, f"{prefix}guidance")
        assert re.findall(r'<div class="kb-item__status">([^<]+)</div>', guidance)
        case = page(site, f"{prefix}case-studies/sweden-regions-sustainable-procurement")
        glance = case.split('<aside class="kb-glance"')[1].split("</aside>")[0]
        assert re.search(rf"<dd>{re.escape(AWAITING[prefix])}</dd>", glance)
        feed = ET.parse(site / "site" / prefix / "blog" / "feed.xml").getroot()
        descriptions = {
            i.findtext("link").rstrip("/").rsplit("/", 1)[-1]: i.findtext("description") for i in feed.iter("item")
        }
        assert descriptions[SLUG].endswith(f"({DONE[prefix]})")
        others = [d for slug, d in descriptions.items() if slug != SLUG]
        assert others and all(d.endswith(f"({AWAITING[prefix]})") for d in others)


def test_the_notice_is_never_a_search_snippet_nor_a_meta_description(site: Path):
    for prefix in ("", "es/"):
        index = json.loads((site / "site" / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        pages = [e for e in index["docs"] if "#" not in e["location"]]
        assert len(pages) > 20
        for entry in index["docs"]:
            words = text(entry["text"])
            assert NOTICE_TEXT[prefix] not in words, entry["location"]
            assert not words.strip().startswith((AWAITING[prefix], DONE[prefix])), entry["location"]
        post = next(e for e in pages if e["location"].endswith("blog/americas-initiative/"))
        assert re.match(r"\d{1,2} ", text(post["text"]).strip())  # the page's own first words: its byline
    for html_path in (site / "site").rglob("index.html"):
        html = html_path.read_text(encoding="utf-8")
        for name in ('name="description"', 'property="og:description"'):
            match = re.search(rf'<meta {name} content="([^"]*)">', html)
            if match:
                for prefix in ("", "es/"):
                    assert AWAITING[prefix] not in match.group(1) and NOTICE_TEXT[prefix] not in match.group(1)


def test_reviewed_needs_who_and_when_and_reviewed_by_must_be_a_known_person(tmp_path: Path, capsys):
    project: Site = _copy_project(tmp_path / "project", with_content=False)
    english = english_post(review="review_status: reviewed\n")
    project.write(f"content/en/blog/{SLUG}.md", english)
    code, output = project.check(capsys=capsys)
    assert code == 1
    for key, example in (("reviewed_by", "lab-editors"), ("last_reviewed", "2026-11-21")):
        assert (
            f"content/en/blog/{SLUG}.md:7: 'review_status' is reviewed but '{key}' is missing: add '{key}: "
            f"{example}' (who reviewed the page and when; the id comes from data/authors.yml), or set it back "
            "to needs-review"
        ) in without_codes(output)
    project.write(f"content/en/blog/{SLUG}.md", english_post(review=REVIEWED.replace("lab-editors", "jdoe")))
    code, output = project.check(capsys=capsys)
    assert (
        f"content/en/blog/{SLUG}.md:8: 'reviewed_by': unknown reviewer 'jdoe' (known: lab-editors): 'reviewed_by' "
        "is the id of the editor who reviewed the page, as listed in data/authors.yml"
    ) in without_codes(output)
    assert code == 1
    project.write(f"content/en/blog/{SLUG}.md", english_post(review=REVIEWED))
    code, output = project.check(capsys=capsys)
    assert code == 0, output


def test_a_reviewer_or_date_on_a_page_that_awaits_review_is_reported_in_its_language(tmp_path: Path, capsys):
    """A page that awaits review cannot also say when it was reviewed: 'last_reviewed' or
    'reviewed_by' next to needs-review (or no status) is reported at its own line."""
    project: Site = _copy_project(tmp_path / "project", with_content=False)
    english = english_post(review="review_status: needs-review\nlast_reviewed: 2026-11-21\n")
    project.write(f"content/en/blog/{SLUG}.md", english)
    project.write(f"content/es/blog/{SLUG}.md", spanish_post(english, review="reviewed_by: lab-editors\n"))
    code, output = project.check(capsys=capsys)
    assert code == 1
    english_line = english.splitlines().index("last_reviewed: 2026-11-21") + 1
    assert (
        f"content/en/blog/{SLUG}.md:{english_line}: 'last_reviewed' says who reviewed the page or when, but "
        "'review_status' is needs-review: remove 'last_reviewed' while the page awaits review, or set "
        "'review_status: reviewed' once an editor has verified its facts"
    ) in without_codes(output), output
    spanish = (project.root / f"content/es/blog/{SLUG}.md").read_text(encoding="utf-8")
    spanish_line = spanish.splitlines().index("reviewed_by: lab-editors") + 1
    assert (
        f"content/es/blog/{SLUG}.md:{spanish_line}: 'reviewed_by' indica quién revisó la página o cuándo, pero "
        "'review_status' es needs-review: quite 'reviewed_by' mientras la página espera revisión, o ponga "
        "'review_status: reviewed' cuando el equipo editorial haya verificado sus datos"
    ) in without_codes(output), output


def test_large_section_listings_show_each_pages_status(tmp_path: Path):
    from labkb.features import sections

    project: Site = _copy_project(tmp_path / "project", with_content=False)
    for number in range(sections.LARGE + 1):
        review = REVIEWED if number == 0 else "review_status: needs-review\n"
        text = f"---\ntitle: Project {number:02}\n{review}---\n\nText.\n"
        project.write(f"content/en/projects/p{number:02}.md", text)
    corpus = Corpus.read(Project(project.root))
    items = sections.entries(corpus, "es", corpus.regs)["projects"]
    assert sections.needs_listing("projects/index.md", len(items))
    listing = sections.listing(items, "Páginas", lambda path: path)
    assert listing.count(f'<span class="kb-item__status">{AWAITING["es/"]}</span>') == sections.LARGE
    assert f'<span class="kb-item__status">{DONE["es/"]}</span>' in listing
