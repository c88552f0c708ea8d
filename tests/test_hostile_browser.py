"""A bypass is harmless: the hostile corpus, built with the checker switched off, runs nothing.

Every Markdown case of tests/hostile.py becomes a blog post of a copy of the project whose
build skips the content check and the Content Security Policy, so that only the walls
under test stand: front matter read by labkb's reader, the allowlist sanitizer, escaping
where text is written, tooltips fed escaped titles. Real Chromium then opens each post
in both languages, the blog listing and the search, hovers, focuses and clicks what
a reader can, and counts script executions (dialogs): zero.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import ARGS, CHROMIUM, search, serve
from tests.hostile import MARKDOWN_CASES
from tests.test_hostile import without_checker

# Each payload calls alert(), confirm() or prompt(), or sets location: all open a dialog or navigate.
COUNT_DIALOGS = """
window.__kb_runs = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = () => { window.__kb_runs += 1; };
}
"""


@pytest.fixture(scope="module")
def bypassed(tmp_path_factory):
    from tests.conftest import _copy_project

    site = _copy_project(tmp_path_factory.mktemp("hostile") / "project", with_content=False)
    without_checker(site)
    config = site.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "hooks/csp.py" not in line), encoding="utf-8")
    site.write("content/en/blog/index.md", "---\ntitle: Blog\n---\n\n# Blog\n")
    site.write("content/es/blog/index.md", "---\ntitle: Blog\ntranslation_of: en\n---\n\n# Blog\n")
    for name, text, _ in MARKDOWN_CASES:
        site.write(f"content/en/blog/{name}.md", text)
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site.root / "site"


def test_no_hostile_case_runs_a_script(bypassed):
    dialogs: list[str] = []
    with serve(bypassed) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        page.add_init_script(COUNT_DIALOGS)
        runs = 0
        addresses = [f"{prefix}blog/{name}/" for prefix in ("", "es/") for name, _, _ in MARKDOWN_CASES]
        for address in [*addresses, "blog/", "es/blog/", "blog/feed.xml", "es/", "404.html"]:
            page.goto(base + address)
            page.wait_for_load_state("load")
            # Handles, not locators: Material moves titles into tooltips as it mounts them.
            for element in page.query_selector_all("article [title], article abbr, .md-nav [title]")[:40]:
                if element.is_visible():
                    element.hover(timeout=5000)
                    element.focus()
            # Links that do not leave the page (no address, '#', or a script URL if one survived).
            page.eval_on_selector_all(
                "article a",
                "links => links.filter(a => !a.getAttribute('href') || /^\\s*(#|javascript|data|vbscript)/i"
                ".test(a.getAttribute('href')))"
                ".forEach(a => a.dispatchEvent(new MouseEvent('click', {bubbles: true})))",
            )
            page.wait_for_timeout(50)
            runs += page.evaluate("window.__kb_runs || 0")
        page.goto(base + "blog/")
        assert search(page, "onerror"), "the hostile titles should be found, shown as text"
        page.wait_for_timeout(300)
        runs += page.evaluate("window.__kb_runs || 0")
        browser.close()
    assert runs == 0
    assert dialogs == []


def test_hostile_text_is_shown_as_text(bypassed):
    """The title is escaped where it is written: the reader sees the characters."""
    with serve(bypassed) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.goto(base + "blog/title-img-onerror/")
        assert page.locator("article h1").first.inner_text() == "<img src=x onerror=alert(1)>"
        assert page.title().startswith("<img src=x onerror=alert(1)>")
        assert page.locator("article img").count() == 0
        page.goto(base + "blog/description-breaks-out-of-meta/")
        assert page.locator('meta[name="description"]').get_attribute("content") == '"><img src=x onerror=alert(1)>'
        browser.close()
