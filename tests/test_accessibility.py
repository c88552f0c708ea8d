"""Accessibility in real Chromium: axe-core (WCAG 2.1 A and AA) on every page template, both
languages; the survey matrix and the facet filters work from the keyboard and say what they show."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

from tests.browser import ARGS, CHROMIUM, serve
from tests.conftest import Built

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEMPLATES = {
    "home": "",
    "section index": "workshops/",
    "guidance home": "guidance/",
    "guidance": "guidance/risk-based-due-diligence/",
    "guidance stage": "guidance/stages/planning/",
    "case study listing": "case-studies/",
    "case study": "case-studies/sweden-regions-sustainable-procurement/",
    "blog index": "blog/",
    "blog post": "blog/santiago-workshop-2017/",
    "blog category": "blog/category/events/",
    "survey overview": "survey/",
    "survey profile": "survey/eu/",
    "survey indicator": "survey/indicators/exclusion-grounds/",
    "workshop report": "workshops/santiago-2017/",
    "event": "events/santiago-workshop-2017/",
    "glossary": "glossary/",
    "offline page": "offline/",  # its "Save for offline use" button and status line
    "404": "404.html",
}


@pytest.fixture(scope="module")
def page(built: Built):
    with serve(built.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.base = base
        yield page
        browser.close()


def serious_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the page's CSP would refuse it
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("prefix", ["", "es/"])
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_no_serious_or_critical_violations(page, template, prefix):
    path = TEMPLATES[template]
    page.goto(page.base + (path if path == "404.html" else prefix + path))
    assert serious_violations(page) == []


def test_matrix_works_from_the_keyboard_and_announces_its_state(page):
    page.goto(page.base + "es/survey/")
    status = page.locator(".kb-matrix .kb-filter-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.locator("#kb-matrix-region").focus()
    page.keyboard.press("ArrowDown")  # the first region
    assert "Se muestran" in status.inner_text() and "de 20 jurisdicciones" in status.inner_text()
    assert not status.inner_text().startswith("Se muestran 20 de 20")
    heading = page.locator("#kb-matrix thead th").first
    heading.locator("button").focus()
    page.keyboard.press("Enter")
    assert heading.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert heading.get_attribute("aria-sort") == "descending"


def test_facet_filter_works_from_the_keyboard_and_announces_its_state(page):
    page.goto(page.base + "case-studies/")
    status = page.locator(".kb-filter-status")
    before = status.inner_text()
    page.locator("#kb-cases-sector").focus()
    page.keyboard.press("ArrowDown")
    assert status.inner_text() != before and status.inner_text().startswith("Showing ")
