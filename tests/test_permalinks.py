"""Addresses that never break: manifest, redirects, short links, link previews."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from labkb.features import permalinks
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from tests.browser import ARGS, CHROMIUM, serve
from tests.conftest import ENV, MKDOCS, REPO, Built, Site, without_codes

OLD = "case-studies/sweden-regions-sustainable-procurement"
NEW = "case-studies/swedish-regions-code-of-conduct"
SHORT = "c/se-regions-sustainable-procurement/"


def rename(site: Site) -> None:
    for language in ("en", "es"):
        (site.root / "content" / language / f"{OLD}.md").rename(site.root / "content" / language / f"{NEW}.md")


def test_starter_manifest_records_every_published_address():
    recorded = {url for _, url in permalinks.read_manifest(Project(REPO))}
    assert recorded == permalinks.published(Corpus.read(Project(REPO)))
    assert {SHORT, "es/" + SHORT, "", "es/"} <= recorded


def test_renaming_without_a_redirect_fails_check_and_build_naming_the_old_address(full_site: Site, capsys):
    rename(full_site)
    full_site.record()  # the new addresses are recorded; the old ones are not forgotten
    code, output = full_site.check(capsys=capsys)
    assert code == 1
    for prefix in ("", "es/"):
        line = next(
            number for number, url in permalinks.read_manifest(Project(full_site.root)) if url == f"{prefix}{OLD}/"
        )
        expected = (
            f"data/urls.txt:{line}: /{prefix}{OLD}/ was published and no longer exists: "
            f"if the page moved, declare where it went in data/redirects.yml, e.g. "
            f"'{OLD}/: <new address>' (one line covers every language); if it was "
            "removed, redirect it to the page that replaces it"
        )
        assert expected in without_codes(output)
    result = full_site.build()
    assert result.returncode == 1
    assert f"/es/{OLD}/ was published and no longer exists" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def moved(tmp_path_factory) -> Path:
    """A copy of the project where a case study was renamed and the redirect declared."""
    from tests.conftest import _copy_project

    site = _copy_project(tmp_path_factory.mktemp("moved") / "project", with_content=True)
    rename(site)
    site.write("data/redirects.yml", f"# old address: new address\n{OLD}/: {NEW}/\n")
    site.record()
    assert site.build().returncode == 0
    offline = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", "mkdocs.offline.yml", "-d", str(site.root / "offline")],
        cwd=site.root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert offline.returncode == 0, offline.stdout + offline.stderr
    return site.root


def test_declared_redirect_passes_the_check(moved: Path, capsys):
    site = Site(moved)
    code, output = site.check(capsys=capsys)
    assert code == 0, output


def test_old_address_and_short_link_land_on_the_page_in_both_languages(moved: Path):
    with serve(moved / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for prefix in ("", "es/"):
            for start in (f"{OLD}/#kb-sources", SHORT):
                page.goto(base + prefix + start)
                page.wait_for_url(re.compile(re.escape(base + prefix + NEW + "/")))
                assert page.locator("html").get_attribute("lang") == (prefix[:2] or "en")
        assert page.url.endswith(f"es/{NEW}/")
        page.goto(base + f"{OLD}/#kb-sources")
        page.wait_for_url(base + f"{NEW}/#kb-sources")  # the anchor is kept
        browser.close()


def test_old_address_lands_on_the_page_from_files(moved: Path):
    root = (moved / "offline").as_uri() + "/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for prefix in ("", "es/"):
            page.goto(root + prefix + OLD + ".html")
            page.wait_for_url(root + prefix + NEW + ".html")
            assert page.locator("article h1").inner_text()
        browser.close()


def test_case_study_pages_carry_canonical_hreflang_and_open_graph(built: Built):
    pages = [p for p in (built.site / "case-studies").glob("*/index.html")]
    pages += [p for p in (built.site / "es/case-studies").glob("*/index.html")]
    assert len(pages) >= 6
    for path in pages:
        html = path.read_text(encoding="utf-8")
        spanish = "/es/" in path.as_posix()
        url = "https://learninglab.example/" + path.relative_to(built.site).parent.as_posix() + "/"
        assert f'<link rel="canonical" href="{url}">' in html
        assert re.search(r'<link rel="alternate" hreflang="en" href="https://[^"]+">', html)
        assert re.search(r'<link rel="alternate" hreflang="es" href="https://[^"]+">', html)
        assert f'<meta property="og:url" content="{url}">' in html
        for tag in ("og:title", "og:description", "og:image", "og:locale", "twitter:card"):
            assert re.search(rf'<meta (property|name)="{tag}" content="[^"]+">', html), (path, tag)
        assert f'<meta property="og:locale" content="{"es_LA" if spanish else "en_GB"}">' in html


def test_case_study_shows_glance_sources_review_and_citation(built: Built):
    html = (built.site / "es" / OLD / "index.html").read_text(encoding="utf-8")
    assert "En síntesis" in html and "Estado de revisión" in html
    assert "<dt>Estado de revisión</dt><dd>Pendiente de revisión editorial</dd>" in html
    assert "última revisión" not in html  # awaiting review: no review date anywhere
    assert "Pendiente de revisión editorial. Enlace permanente:" in html  # the citation says so too
    assert "Cómo citar esta página" in html
    assert f'<a class="kb-permalink" href="https://learninglab.example/es/{SHORT}">' in html
    assert '<h2 id="kb-sources">Fuentes</h2><ul><li><a href="https://' in html


def test_sitemap_lists_language_alternates(built: Built):
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<xhtml:link rel="alternate" hreflang="es" href="https://learninglab.example/es/{OLD}/"/>' in sitemap


def test_record_only_adds(site: Site):
    manifest = site.root / "data/urls.txt"
    manifest.write_text(manifest.read_text() + "/gone/\n")
    site.record()
    assert "/gone/\n" in manifest.read_text()


def test_sitemap_lists_every_indexable_page_and_nothing_else(built: Built):
    """Every built page whose canonical address is itself, generated pages included; no
    redirect page, no page shown in another language, not the 404 page."""
    base = "https://learninglab.example/"
    indexable = set()
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        url = base + page.relative_to(built.site).as_posix().removesuffix("index.html")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        if page.name == "404.html" or 'content="noindex"' in html or not canonical:
            continue
        if canonical.group(1) == url:
            indexable.add(url)
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(listed) == len(set(listed))
    assert set(listed) == indexable
    for generated in ("guidance/stages/planning/", "es/survey/indicators/supplier-grievance/", "blog/category/policy/"):
        assert base + generated in listed
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://learninglab.example/about/"/>' in sitemap
    robots = (built.site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://learninglab.example/sitemap.xml" in robots.splitlines()
