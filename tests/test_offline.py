"""The offline bundle: unzipped and opened from file:// with every other request blocked."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from labkb.output import bundle, pdfs
from tests.browser import ARGS, CHROMIUM, search
from tests.conftest import REPO

# Budget for the starter content: small enough to send by email (docs/architecture.md).
MAX_BUNDLE_BYTES = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def bundle_zip(offline_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make offline` makes: the offline build, with the PDFs printed into it, zipped."""
    work = tmp_path_factory.mktemp("offline")
    site = work / "learning-lab"
    shutil.copytree(offline_built, site)
    pdfs.print_guidance(site, pdfs.guidance_pages(REPO / "content"))
    target = work / "learning-lab-offline.zip"
    bundle.make_zip(site, target)
    return target


@pytest.fixture(scope="module")
def unzipped(bundle_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(folder)
    return folder / "learning-lab"


def test_bundle_is_small_and_the_same_for_the_same_site(bundle_zip: Path, tmp_path: Path):
    assert bundle_zip.stat().st_size < MAX_BUNDLE_BYTES
    with zipfile.ZipFile(bundle_zip) as archive:
        names = archive.namelist()
    assert "learning-lab/index.html" in names and "learning-lab/es/index.html" in names
    assert "learning-lab/es/search/search_index.js" in names
    # The guidance, its picture of the cycle and a PDF of each document, in each language.
    for prefix in ("", "es/"):
        assert f"learning-lab/{prefix}guidance/index.html" in names
        for page_path in pdfs.guidance_pages(REPO / "content"):
            assert f"learning-lab/{prefix}{pdfs.pdf_name(page_path)}" in names
    again = tmp_path / "again.zip"
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(tmp_path)
    bundle.make_zip(tmp_path / "learning-lab", again)
    assert again.read_bytes() == bundle_zip.read_bytes()


def test_every_link_of_the_bundle_resolves(unzipped: Path):
    from labkb.output import site_links

    assert site_links.check(unzipped) == []


def test_bundle_works_from_files_with_no_network(unzipped: Path):
    root = unzipped.as_uri() + "/"
    blocked: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.route("**/*", only_files)
        page = context.new_page()

        page.goto(root + "es/about/index.html")
        spanish = search(page, "contratacion")
        assert spanish and all(h.startswith(root + "es/") for h in spanish), spanish

        page.goto(root + "about/index.html")
        english = search(page, "suppliers")
        assert english and not any(h.startswith(root + "es/") for h in english), english

        page.goto(root + "workshops/santiago-2017.html")
        page.locator(".md-header__option .md-select button").hover()
        page.get_by_role("link", name="Español").click()
        page.wait_for_url(root + "es/workshops/santiago-2017.html")
        assert page.locator("html").get_attribute("lang") == "es"

        page.get_by_role("link", name="Blog").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(root + "es/blog/")
        browser.close()
    assert blocked == []


def test_guidance_pdfs_are_real_printed_documents(unzipped: Path):
    pdf = unzipped / "es/guidance/risk-based-due-diligence.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    page = (unzipped / "es/guidance/risk-based-due-diligence.html").read_text(encoding="utf-8")
    assert '<a class="md-button" href="risk-based-due-diligence.pdf" download="">Descargar esta guía en PDF</a>' in page
    assert "kb-cycle" in (unzipped / "es/guidance/index.html").read_text(encoding="utf-8")
