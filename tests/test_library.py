"""Guidance by stage, case study listings, checklists and the glossary, on the built site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright

from labkb.features import glossary, library
from labkb.model import registries
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from labkb.model.schema import CASE_STUDY, GUIDANCE
from tests.browser import ARGS, CHROMIUM, serve
from tests.conftest import REPO, Built

STAGES = ["planning", "market-engagement", "tendering", "award", "contract-management"]


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_guidance_has_cycle_picture_stage_indexes_and_six_documents(built: Built, prefix):
    folder = built.site / prefix / "guidance"
    home = (folder / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<figure class=\"kb-cycle\">.*?</figure>", home, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" class="kb-cycle__stage">', svg)
    assert links == [f"stages/{s}/" for s in STAGES]
    assert "<title" in svg and "<desc" in svg
    for stage in STAGES:
        assert (folder / "stages" / stage / "index.html").is_file()
    documents = [p for p in folder.glob("*/index.html") if p.parent.name != "stages"]
    assert len(documents) >= 6


def test_stage_index_lists_exactly_the_guidance_of_its_stage(built: Built):
    project = Project(REPO)
    docs = library.load(Corpus.read(project), ("en", "es")).of_type("es", GUIDANCE)
    expected = sorted(d.title for d in docs if "planning" in d.values("stages"))
    html = (built.site / "es/guidance/stages/planning/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li class="kb-item"[^>]*><a href="[^"]+">([^<]+)</a>', html)
    assert sorted(listed) == expected and expected


def test_guidance_pages_list_related_case_studies_in_their_language(built: Built):
    project = Project(REPO)
    the_library = library.load(Corpus.read(project), ("en", "es"))
    cases = the_library.of_type("es", CASE_STUDY)
    guide = next(
        d
        for d in the_library.of_type("es", GUIDANCE)
        if any(set(d.values("stages")) & set(c.values("stages")) for c in cases)
    )
    html = (built.site / "es" / guide.page_path.replace(".md", "/index.html")).read_text()
    related = html.split('<aside class="kb-related">')[1]
    assert "Contenido relacionado" in related
    for case in cases:
        shares = set(guide.values("stages")) & set(case.values("stages"))
        assert (case.title in related) == bool(shares), case.title


def test_glossary_marks_the_first_use_only_outside_headings_links_and_code():
    entries, findings = glossary.load(Project(REPO))
    assert not findings and len(entries) >= 10
    entry = next(e for e in entries if e.id == "human-rights-due-diligence")
    html = (
        "<h2>Human rights due diligence</h2><p><a href='x'>human rights due diligence</a> "
        "<code>human rights due diligence</code> Human Rights Due Diligence matters; "
        "human rights due diligence again.</p>"
    )
    marked = glossary.annotate(html, [entry], "en")
    assert marked.count("<abbr") == 1
    assert "<h2>Human rights due diligence</h2>" in marked
    assert re.search(
        r'tabindex="0" data-kb-term="human-rights-due-diligence">'
        r"Human Rights Due Diligence</abbr> matters",
        marked,
    )


def test_glossary_page_per_language_lists_every_term(built: Built):
    entries, _ = glossary.load(Project(REPO))
    for prefix, language in (("", "en"), ("es/", "es")):
        html = (built.site / prefix / "glossary/index.html").read_text(encoding="utf-8")
        for entry in entries:
            assert f'<dt id="{entry.id}">' in html
            assert entry.definitions[language].replace("'", "&#x27;")[:40] in html


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_checklist_ticks_stay_after_reload(built: Built, browser):
    with serve(built.site) as base:
        page = browser.new_page()
        page.goto(base + "es/guidance/risk-based-due-diligence/")
        boxes = page.locator("article .task-list-item input[type=checkbox]")
        assert boxes.count() >= 5
        assert boxes.nth(1).get_attribute("aria-label")
        # A reader clicks the drawn box (the indicator, over the transparent input).
        boxes.nth(1).scroll_into_view_if_needed()
        box = boxes.nth(1).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert boxes.nth(1).is_checked()
        boxes.nth(2).focus()  # and from the keyboard
        page.keyboard.press("Space")
        assert boxes.nth(2).is_checked()
        page.reload()
        boxes = page.locator("article .task-list-item input[type=checkbox]")
        assert boxes.nth(1).is_checked() and boxes.nth(2).is_checked()
        assert not boxes.nth(0).is_checked()
        page.close()


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("es/", "es")])
def test_glossary_term_shows_its_definition_in_the_pages_language(built: Built, browser, prefix, language):
    entries = {e.id: e for e in glossary.load(Project(REPO))[0]}
    with serve(built.site) as base:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(base + prefix + "guidance/risk-based-due-diligence/")
        term = page.locator("abbr.kb-term").first
        entry = entries[term.get_attribute("data-kb-term")]
        term.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for()
        assert tooltip.inner_text().strip() == entry.definitions[language]
        page.mouse.move(0, 0)
        term.focus()  # also from the keyboard
        page.locator(".md-tooltip2--active").wait_for()
        page.close()


def test_case_study_listing_filters_by_two_facets(built: Built, browser):
    regs = registries.load(Project(REPO))
    cases = library.load(Corpus.read(Project(REPO)), ("en", "es")).of_type("es", CASE_STUDY)
    # Pick two facets from the data, so the test follows the content.
    first = cases[0]
    jurisdiction, stage = first.values("jurisdiction")[0], first.values("stages")[0]
    expected = sorted(
        c.title for c in cases if c.values("jurisdiction")[0] == jurisdiction and stage in c.values("stages")
    )
    with serve(built.site) as base:
        page = browser.new_page()
        page.goto(base + "es/case-studies/")
        page.select_option("#kb-cases-jurisdiction", jurisdiction)
        page.select_option("#kb-cases-stages", stage)
        visible = page.locator("#kb-cases > li.kb-item:visible > a").all_inner_texts()
        assert sorted(visible) == expected
        status = page.locator(".kb-filter-status").inner_text()
        assert status == f"Se muestran {len(expected)} de {len(cases)} estudios de caso."
        page.select_option("#kb-cases-jurisdiction", "")
        page.select_option("#kb-cases-stages", "")
        assert page.locator("#kb-cases > li.kb-item:visible").count() == len(cases)
        assert regs.term("jurisdictions", jurisdiction, "es") in page.locator("#kb-cases-jurisdiction").inner_text()
        page.close()


@pytest.mark.parametrize(
    ("text", "language", "term"),
    [
        ("Las cadenas de suministro del Estado.", "es", "cadenas de suministro"),
        ("Review the supply chains first.", "en", "supply chains"),
    ],
)
def test_glossary_matches_plurals_of_multi_word_terms(text, language, term):
    entry = next(e for e in glossary.load(Project(REPO))[0] if e.id == "supply-chain")
    assert f">{term}</abbr>" in glossary.annotate(f"<p>{text}</p>", [entry], language)


def test_large_guidance_section_collapses_to_its_listing_in_the_sidebar(full_site):
    from tests.test_checks import GUIDE_TEXT

    for number in range(8):  # 7 starter documents + 8 = 15, more than the sidebar lists
        full_site.write(
            f"content/en/guidance/extra-{number}.md", GUIDE_TEXT.replace("Mapping", f"Step {number}, mapping")
        )
    full_site.record()
    result = full_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (full_site.root / "site/about/index.html").read_text(encoding="utf-8")
    sidebar = html.split("md-sidebar--primary")[1].split("md-sidebar--secondary")[0]
    assert 'href="../guidance/"' in sidebar
    assert "extra-1" not in sidebar and "risk-based-due-diligence" not in sidebar
    listing = (full_site.root / "site/guidance/index.html").read_text(encoding="utf-8")
    assert listing.count('<li class="kb-item"') == 15


def test_large_plain_section_collapses_and_its_index_lists_its_pages(full_site):
    for number in range(13):
        full_site.write(
            f"content/en/projects/extra-{number:02}.md",
            f"---\ntitle: Extra project {number:02}\ndescription: Number {number}.\n"
            "sources: [{title: Proposal, url: 'https://example.org/p.pdf'}]\n---\n\nText.\n",
        )
    full_site.record()
    result = full_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (full_site.root / "site/about/index.html").read_text(encoding="utf-8")
    sidebar = html.split("md-sidebar--primary")[1].split("md-sidebar--secondary")[0]
    assert "extra-01" not in sidebar and "ingp-best-value" not in sidebar
    for prefix, heading in (("", "Pages in this section"), ("es/", "Páginas de esta sección")):
        index = (full_site.root / "site" / prefix / "projects/index.html").read_text(encoding="utf-8")
        assert heading in index
        listed = re.findall(r'<ul class="kb-section-pages">(.*?)</ul>', index)[0]
        assert listed.count("<li>") == 14  # the 13 new pages and the INGP project
