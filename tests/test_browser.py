"""Behaviour in a real browser: headless Chromium on the real built site."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import ARGS, CHROMIUM, serve
from tests.conftest import Built


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def test_language_switcher_goes_to_the_same_page_in_spanish(built: Built, browser):
    with serve(built.site) as base:
        page = browser.new_page()
        page.goto(base + "workshops/santiago-2017/")
        assert page.locator("html").get_attribute("lang") == "en"
        english_title = page.locator("article h1").inner_text()
        page.locator(".md-header__option .md-select button").hover()
        page.get_by_role("link", name="Español").click()
        page.wait_for_url(base + "es/workshops/santiago-2017/")
        assert page.locator("html").get_attribute("lang") == "es"
        spanish_title = page.locator("article h1").inner_text()
        assert spanish_title != english_title
        assert "Santiago" in spanish_title
        page.locator(".md-header__option .md-select button").hover()
        page.get_by_role("link", name="English").click()
        page.wait_for_url(base + "workshops/santiago-2017/")
        page.close()
