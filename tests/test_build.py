"""The real site, built strictly with the real plugins: languages, labels, head links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import Built

SITE_URL = "https://learninglab.example/"


def pages(site: Path) -> list[Path]:
    """Every page of the site: not the 404 page, nor the redirect pages at old addresses."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )


class Head(HTMLParser):
    """Collects what a page links to: head links, scripts, styles, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.resources: list[str] = []
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "link":
            self.links.append(a)
            if a.get("rel") in ("stylesheet", "preload", "modulepreload", "icon", "preconnect"):
                self.resources.append(a.get("href", ""))
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append(a["src"])


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_build_is_strict_and_makes_both_home_pages(built: Built):
    assert (built.site / "index.html").is_file()
    assert (built.site / "es" / "index.html").is_file()
    assert "WARNING" not in built.output


def test_build_writes_nothing_into_content_or_tracked_files(built: Built):
    assert built.content_after == built.content_before
    assert built.git_status_after == built.git_status_before


def test_each_language_declares_its_language(built: Built):
    assert head(built.site / "index.html").html_lang == "en"
    for page in pages(built.site / "es"):
        assert head(page).html_lang == "es", page


def test_spanish_site_shows_spanish_labels_only(built: Built):
    english_labels = [
        "Guidance",
        "Case studies",
        "Workshops",
        "Projects",
        "About the Lab",
        "Table of contents",
        "Search",
        "Back to top",
        "Switch to dark mode",
        "Switch to light mode",
    ]
    for page in pages(built.site / "es"):
        html = page.read_text(encoding="utf-8")
        # Text a reader sees in the chrome: nav labels and aria labels, not page content.
        chrome = re.sub(r'<article class="md-content__inner.*?</article>', "", html, flags=re.S)
        visible = re.findall(r">([^<>]+)<|(?:aria-label|title|placeholder)=\"([^\"]+)\"", chrome)
        texts = {t.strip() for group in visible for t in group if t.strip()}
        for label in english_labels:
            assert label not in texts, f"{page}: shows '{label}'"
    home = (built.site / "es" / "index.html").read_text(encoding="utf-8")
    for label in ("Guías", "Estudios de caso", "Talleres", "Proyectos", "Sobre el Laboratorio"):
        assert label in home


def test_every_page_has_absolute_canonical_and_hreflang(built: Built):
    for page in pages(built.site):
        links = head(page).links
        canonical = [link["href"] for link in links if link.get("rel") == "canonical"]
        alternates = {
            link["hreflang"]: link["href"] for link in links if link.get("rel") == "alternate" and link.get("hreflang")
        }
        assert len(canonical) == 1 and canonical[0].startswith(SITE_URL), page
        assert "./" not in canonical[0].removeprefix("https://"), page
        assert set(alternates) == {"en", "es", "x-default"}, (page, alternates)
        assert all(href.startswith(SITE_URL) for href in alternates.values()), page
    about = head(built.site / "es" / "about" / "index.html").links
    assert {"rel": "canonical", "href": SITE_URL + "es/about/"} in about
    assert {"rel": "alternate", "hreflang": "en", "href": SITE_URL + "about/"} in about


def test_no_script_style_or_font_comes_from_another_host(built: Built):
    for page in [*pages(built.site), built.site / "404.html"]:
        for url in head(page).resources:
            assert not urlsplit(url).netloc, f"{page} loads {url}"
    for css in built.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?://", text), css


def test_language_switcher_points_to_the_same_page(built: Built):
    html = (built.site / "about" / "index.html").read_text(encoding="utf-8")
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert ("../es/about/", "es") in switcher
    html = (built.site / "es" / "about" / "index.html").read_text(encoding="utf-8")
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert ("../../about/", "en") in switcher


def test_language_switcher_links_are_relative_everywhere(built: Built):
    """Absolute links (/es/) break when the site is opened from file:// or a sub-folder."""
    for page in pages(built.site):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" hreflang="\w+" class="md-select__link"', html)
        assert len(links) == 2, page
        assert not any(link.startswith("/") for link in links), (page, links)


def test_404_page_speaks_both_languages(built: Built):
    html = (built.site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and "Página no encontrada" in html
    assert '<div lang="es">' in html and '<div lang="en">' in html


def test_workshop_report_shows_programme_and_institutions_as_tables(built: Built):
    for path, words in (
        ("workshops/santiago-2017/index.html", ("Programme", "Participating institutions", "6 October 2017")),
        (
            "es/workshops/santiago-2017/index.html",
            ("Programa", "Instituciones participantes", "6 de octubre de 2017"),
        ),
    ):
        html = (built.site / path).read_text(encoding="utf-8")
        for word in words:
            assert word in html, (path, word)
        assert html.count("<table>") >= 2


def test_needs_review_pages_say_so_in_the_readers_language(built: Built):
    en = (built.site / "about" / "index.html").read_text(encoding="utf-8")
    es = (built.site / "es" / "about" / "index.html").read_text(encoding="utf-8")
    assert "Awaiting editorial review" in en
    assert "Pendiente de revisión editorial" in es


def test_404_switcher_goes_to_each_home_page(built: Built):
    html = (built.site / "404.html").read_text(encoding="utf-8")
    switcher = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert switcher == [(SITE_URL, "en"), (SITE_URL + "es/", "es")]
