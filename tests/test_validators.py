"""What real clients see, measured by tools the project did not write (issue 16).

- No request fails: every template in both languages, loaded in Chromium over HTTP with the
  site served at its configured address (a missing address answers with the 404 page, as
  static hosts do): no response with status >= 400, no failed request, no console error.
- Valid HTML: the Nu HTML Checker (vnu, pinned in tests/vnu/, `make vnu`) over every HTML file
  of the online and of the offline build, one run per build: no error.
- Lighthouse (pinned in tests/lighthouse/, `make lighthouse`), desktop preset, every template in
  both languages, from one Node process and one Chromium: Accessibility, Best Practices and SEO
  100.
- The Spanish pages carry none of the English strings the theme ships.
- Titles fit a result list.
- No page load fetches the search index: the first search does (online and offline).
- The sitemap's <lastmod> is the last commit of each page's own file, or nothing.

Each validator runs once per build over all its pages (session fixtures `built`, `offline_built`).
"""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from playwright.sync_api import sync_playwright

from labkb.features.titles import BUDGET, html_title
from labkb.output import sitemap, theme_markup
from tests.browser import ARGS, CHROMIUM, search, serve
from tests.conftest import REPO, Built

VNU = REPO / ".tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_MODULES = REPO / ".tools" / "lighthouse" / "node_modules"
LIGHTHOUSE_PAGES = REPO / "tests" / "lighthouse" / "lighthouse-pages.mjs"

# One page of each template, as addresses below a language root (directory URLs). The 404
# page is asked for at an address that does not exist.
TEMPLATES = {
    "home": "",
    "section index": "workshops/",
    "guidance document": "guidance/risk-based-due-diligence/",
    "guidance home": "guidance/",
    "guidance stage": "guidance/stages/planning/",
    "case-study listing": "case-studies/",
    "case study": "case-studies/sweden-regions-sustainable-procurement/",
    "blog listing": "blog/",
    "blog post": "blog/santiago-workshop-2017/",
    "blog category": "blog/category/events/",
    "survey matrix": "survey/",
    "survey profile": "survey/eu/",
    "survey indicator": "survey/indicators/exclusion-grounds/",
    "glossary": "glossary/",
    "workshop report": "workshops/santiago-2017/",
    "event": "events/santiago-workshop-2017/",
    "404": "no-such-page/",
}
PREFIXES = ("", "es/")

# vnu errors allowed, by exact message, each with why it cannot be fixed on our side. None today:
# keep it that way, or say here why not. Counted by the tests.
ALLOWED_VNU_ERRORS: dict[str, str] = {}


def site_url_of(built: Built) -> str:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    return re.search(r'<link rel="canonical" href="([^"]+)">', home)[1]


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, and the site's 404.html (status 404) for any address
    with no file, as GitHub Pages and most hosts answer."""

    def log_message(self, format, *args):  # the stdlib's signature
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def addresses(prefixes=PREFIXES) -> list[str]:
    return [prefix + path for prefix in prefixes for path in TEMPLATES.values()]


# --- No request that fails -----------------------------------------------------------------


def test_no_request_fails_on_any_template_in_either_language(built: Built):
    """Every request a page load makes, over HTTP at the site's configured address: the public
    address is answered by the built site (a host that is not the site's is refused and
    counted), so a fetch of a missing file counts as the 404 it would be."""
    site_url = site_url_of(built)
    problems: list[str] = []
    with serve(built.site, _StaticHost) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1300, "height": 900})

        def route(route):
            url = route.request.url
            if url.startswith(site_url):  # the configured address: this built site
                route.fulfill(response=route.fetch(url=local + url.removeprefix(site_url)))
            elif url.startswith(local) or url.startswith("data:"):
                route.continue_()
            else:
                problems.append(f"a request to another host: {url}")
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        current = {"address": ""}

        def console(message):
            # The 404 page's own document answers 404 on purpose, and Chromium logs that load.
            own = current["address"].endswith("no-such-page/") and message.location.get("url") == page.url
            if message.type == "error" and not own:
                problems.append(f"{current['address']}: console {message.type}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda e: problems.append(f"{current['address']}: uncaught {e}"))
        page.on("requestfailed", lambda r: problems.append(f"{current['address']}: failed {r.url} {r.failure}"))

        def response(r):
            document = r.request.resource_type == "document" and current["address"].endswith("no-such-page/")
            if r.status >= 400 and not (document and r.status == 404):  # the 404 page itself says 404
                problems.append(f"{current['address']}: {r.status} {r.url}")

        page.on("response", response)
        loads = 0
        for address in addresses():
            current["address"] = address
            page.goto(site_url + address)
            page.wait_for_load_state("networkidle")
            page.mouse.wheel(0, 1500)
            page.wait_for_timeout(100)
            loads += 1
        browser.close()
    assert loads == len(TEMPLATES) * len(PREFIXES)
    assert problems == []
    # So the policy lets pages connect to their own site only: nothing reads the public address.
    home = (built.site / "es" / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self'; " in html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', home)[1]
    )


# --- Valid HTML ------------------------------------------------------------------------------


def vnu_errors(folder: Path) -> tuple[set[str], list[str], list[str]]:
    """Run vnu once over every HTML file of `folder`: (the files, errors, allowed errors)."""
    if not VNU.exists():
        pytest.fail("the Nu HTML Checker is not installed: run `make vnu` (or `make test`)")
    files = sorted(str(p) for p in folder.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr)  # vnu writes its JSON report to stderr
    errors, allowed = [], []
    for message in report["messages"]:
        where = f"{message.get('url', '').removeprefix(folder.as_uri())}:{message.get('lastLine', '?')}"
        line = f"{where}: {message['type']}: {message.get('message')}"
        (allowed if message.get("message") in ALLOWED_VNU_ERRORS else errors).append(line)
    return {Path(f).relative_to(folder).as_posix() for f in files}, errors, allowed


def test_every_page_of_the_site_is_valid_html(built: Built):
    files, errors, allowed = vnu_errors(built.site)
    assert {"index.html", "es/index.html", "404.html", "es/survey/eu/index.html", "es/blog/index.html"} <= files
    assert errors == []
    assert len(allowed) == 0  # update with ALLOWED_VNU_ERRORS, and say why


def test_every_page_of_the_offline_copy_is_valid_html(offline_built: Path):
    files, errors, allowed = vnu_errors(offline_built)
    assert {"index.html", "es/index.html", "404.html", "es/survey/eu.html", "es/blog/index.html"} <= files
    assert errors == []
    assert len(allowed) == 0


# --- Lighthouse ------------------------------------------------------------------------------

GATED = ("accessibility", "best-practices", "seo")
# Audits allowed to fail, by page and exact audit id, each with why. Counted by the test.
ALLOWED_AUDITS = {
    # The page for unknown addresses says `noindex` on purpose: served at a missing address it
    # answers 404 anyway, and fetched at its own address (404.html) it must not be indexed.
    ("404.html", "is-crawlable"),
}


def lighthouse(urls: list[str], report: Path, categories=GATED) -> dict:
    """The pinned Lighthouse, desktop preset, on `urls` from one Node process and one Chromium."""
    if not (LIGHTHOUSE_MODULES / "lighthouse").is_dir():
        pytest.fail("Lighthouse is not installed: run `make lighthouse` (or `make test`)")
    result = subprocess.run(
        [str(LIGHTHOUSE_PAGES), str(LIGHTHOUSE_MODULES), str(report), ",".join(categories), *urls],
        env={**os.environ, "CHROME_PATH": CHROMIUM, "KB_CHROME_FLAGS": json.dumps(list(ARGS))},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_lighthouse_scores_100_on_every_template_in_both_languages(built: Built, tmp_path: Path):
    """Accessibility, Best Practices and SEO: 100 on every template (the 404 page at its own
    address, 404.html: Lighthouse's SEO counts a 404 status against a page)."""
    with serve(built.site, _StaticHost) as base:
        urls = [base + (a if not a.endswith("no-such-page/") else "404.html") for a in addresses()]
        urls = list(dict.fromkeys(urls))
        report = lighthouse(urls, tmp_path / "report.json")
    assert set(report) == set(urls)
    below, allowed = {}, []
    for url, result in report.items():
        page = url.removeprefix(base)
        failing = {audit: f for audit, f in result["failing"].items() if (page, audit) not in ALLOWED_AUDITS}
        mine = [(page, audit) for audit in result["failing"] if (page, audit) in ALLOWED_AUDITS]
        allowed += mine
        perfect = all(result["scores"].get(c) == 1 for c in GATED)
        if result["runtimeError"] or failing or (not perfect and not mine):
            below[page] = {"scores": result["scores"], "failing": failing, "error": result["runtimeError"]}
    assert below == {}
    assert sorted(allowed) == sorted(ALLOWED_AUDITS)  # each allowance still needed, none more


# --- Spanish chrome --------------------------------------------------------------------------

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
# What the theme writes in English beyond its language files: the toc extension's permalink title,
# the colour-scheme toggles of mkdocs.yml, and the English labels of hooks/markup.py.
OTHER_ENGLISH = ("Permanent link", "Switch to dark mode", "Switch to light mode", "Search this site")


def theme_english() -> set[str]:
    """Every text Material ships in English that its Spanish file says otherwise."""

    def load(name: str) -> dict[str, str]:
        text = (MATERIAL_LANGUAGES / name).read_text(encoding="utf-8")
        return dict(re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)"', text, re.MULTILINE))

    english, spanish = load("en.html"), load("es.html")
    assert len(english) > 40 and "search.placeholder" in spanish  # the files were read
    unused = {"direction", "search.config.pipeline", "search.config.separator"}  # settings, not text
    unused |= {"blog.authors", "blog.meta"}  # Material's blog plugin only, which the site does not use
    return {v for k, v in english.items() if k not in unused and spanish.get(k) != v} | set(OTHER_ENGLISH)


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("title", "aria-label", "alt", "placeholder") and value:
                self.values.append((tag, name, value))


def test_spanish_pages_carry_no_english_chrome(built: Built):
    """Every attribute a reader or a screen reader meets, every text Material's script inserts
    (its __config translations), and every English phrase of the theme anywhere in the page."""
    english = theme_english()
    phrases = {text for text in english if " " in text}  # unlikely in Spanish prose: searched everywhere
    found = {}
    pages = sorted((built.site / "es").rglob("*.html"))
    assert len(pages) > 60  # every page of the Spanish site, generated ones included
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if 'lang="es"' not in text[:300]:
            continue  # a redirect page
        reader = _Attributes()
        reader.feed(text)
        hits = {f"{tag}[{name}]={value}" for tag, name, value in reader.values if html.unescape(value) in english}
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.DOTALL)
        translations = json.loads(config[1])["translations"] if config else {}
        hits |= {f"script: {value}" for value in translations.values() if value in english}
        hits |= {f"text: {phrase}" for phrase in phrases if phrase in html.unescape(text)}
        if hits:
            found[path.relative_to(built.site).as_posix()] = sorted(hits)
    assert found == {}
    # Permalinks, search and the dialog name are in Spanish.
    guidance = (built.site / "es/guidance/risk-based-due-diligence/index.html").read_text(encoding="utf-8")
    reader = _Attributes()
    reader.feed(guidance)
    titles = {v for tag, name, v in reader.values if tag == "a" and name == "title"}
    assert "Enlace permanente" in titles
    assert 'role="dialog" aria-label="Buscar en este sitio"' in guidance
    english = (built.site / "guidance/risk-based-due-diligence/index.html").read_text(encoding="utf-8")
    assert 'title="Permanent link"' in english and 'aria-label="Search this site"' in english


# --- Titles ----------------------------------------------------------------------------------


def _title(path: Path) -> str:
    match = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.DOTALL)
    return match[1].strip() if match else ""


def test_title_pattern():
    site, short = "Public Procurement and Human Rights Learning Lab", "Learning Lab"
    assert html_title("Guidance", site, short, False) == "Guidance · Learning Lab"
    assert html_title("Anything", site, short, True) == site  # a home page: the site's name alone
    assert html_title(site, site, short, False) == site  # never twice
    assert html_title("About the Learning Lab", site, short, False) == "About the Learning Lab"
    long = "Risk-based human rights due diligence for public buyers"  # 56 + 15 > 60: alone, never cut
    assert html_title(long, site, short, False) == long
    assert html_title("Q&amp;A", site, short, False) == "Q&amp;A · Learning Lab"  # escaped in, escaped out
    assert html_title("x" * 45, site, "A&B", False) == "x" * 45 + " · A&amp;B"  # 45 + 3 + 3 = 51 seen


def test_titles_fit_a_result_list_and_name_the_site_once(built: Built):
    names = {
        "": "Public Procurement and Human Rights Learning Lab",
        "es/": "Laboratorio Internacional de Aprendizaje sobre Compras Públicas y Derechos Humanos",
    }
    shorts = {"": "Learning Lab", "es/": "Laboratorio de Aprendizaje"}
    problems, lengths = [], []
    for prefix in PREFIXES:
        assert _title(built.site / prefix / "index.html") == names[prefix]
    for path in sorted(built.site.rglob("*.html")):
        name = path.relative_to(built.site).as_posix()
        text = path.read_text(encoding="utf-8")
        own = re.search(r'<meta property="og:title" content="([^"]*)">', text)
        if own is None or name == "404.html":
            continue  # redirect pages and the 404 page: not in result lists
        prefix = "es/" if name.startswith("es/") else ""
        title = html.unescape(_title(path))
        lengths.append(len(title))
        if title.count(names[prefix]) + title.replace(names[prefix], "").count(shorts[prefix]) > 1:
            problems.append(f"{name}: the site's name twice: {title}")
        if len(title) > BUDGET and title not in (html.unescape(own[1]), names[prefix]):
            problems.append(f"{name}: {len(title)} characters, more than the page's own title: {title}")
    assert problems == []
    assert len(lengths) > 100 and sorted(lengths)[len(lengths) // 2] <= BUDGET


# --- The search index, on the first search only ----------------------------------------------


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_search_index_is_fetched_when_a_reader_first_opens_search(built: Built, offline_built: Path, offline):
    """No page load fetches the search index; opening search does, once, and finds pages of the
    reader's language (a query typed before the index arrives is kept)."""
    found = {}
    with serve(built.site, _StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url) if "search_index" in r.url else None)
        for prefix, query in (("", "suppliers"), ("es/", "contratacion")):
            root = offline_built.as_uri() + "/" if offline else base
            page.goto(root + prefix + ("guidance/index.html" if offline else "guidance/"))
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            before = list(requested)
            hits = search(page, query)
            found[prefix] = (before, list(requested), hits)
            requested.clear()
        browser.close()
    for prefix, (before, after, hits) in found.items():
        assert before == [], prefix  # the page load fetched no index
        index = "search_index.js" if offline else "search_index.json"
        assert len(after) == 1 and after[0].endswith(f"search/{index}"), after
        assert ("/es/search/" in after[0]) == bool(prefix), after
        assert hits and all(("/es/" in h) == bool(prefix) for h in hits), hits


# --- The sitemap's lastmod -------------------------------------------------------------------


def _commit(root: Path, date: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    when = {"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    env = {**os.environ, **when, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", date], cwd=root, check=True, env=env)


def test_lastmod_changes_only_when_the_pages_own_file_changes(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    assert sitemap.content_dates(root) == {}  # not a git checkout: no date rather than a false one
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _commit(root, "2026-01-05", {"content/en/a.md": "A", "content/en/b.md": "B", "data/x.yml": "x"})
    _commit(root, "2026-03-07", {"content/en/b.md": "B, edited", "data/x.yml": "y"})
    assert sitemap.content_dates(root) == {"content/en/a.md": "2026-01-05", "content/en/b.md": "2026-03-07"}
    (root / "content/en/a.md").write_text("A, not committed yet", encoding="utf-8")
    (root / "content/en/ñ.md").write_text("new", encoding="utf-8")
    assert sitemap.content_dates(root) == {"content/en/b.md": "2026-03-07"}
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)], check=True)
    assert sitemap.content_dates(clone) == {}  # shallow: its one commit is not every file's last change


def test_sitemap_lastmod_is_the_last_commit_of_each_pages_file(built: Built):
    text = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", text))
    for url, source in (
        ("https://learninglab.example/about/", "content/en/about/index.md"),
        (
            "https://learninglab.example/es/guidance/risk-based-due-diligence/",
            "content/es/guidance/risk-based-due-diligence.md",
        ),
    ):
        dirty = subprocess.run(["git", "status", "--porcelain", "--", source], cwd=REPO, capture_output=True, text=True)
        date = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source], cwd=REPO, capture_output=True, text=True
        )
        assert entries[url] == ("" if dirty.stdout.strip() else date.stdout.strip()), url
    # A generated page has no file of its own: no date.
    assert entries["https://learninglab.example/guidance/stages/planning/"] == ""
    assert entries["https://learninglab.example/es/survey/eu/"] == ""


# --- The theme's edits, as pure functions ----------------------------------------------------

BUNDLE = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def test_theme_edits_are_exact_once_and_idempotent():
    bundle = next(BUNDLE.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    patched = theme_markup.patched_bundle(bundle)
    assert theme_markup.patched_bundle(patched) == patched  # a second build into the same folder
    assert 'M("link[rel=alternate]")' not in patched and '$(location.protocol!=="file:")' not in patched
    assert patched.count('searchParams.has("h")?') == 1
    with pytest.raises(ValueError, match=r"update labkb/output/theme_markup\.py"):
        theme_markup.patched_bundle("a bundle from another Material release")
    page = "".join(theme_markup.TOGGLES) + theme_markup.TOC_TITLE + theme_markup.SEARCH_DIALOG
    fixed = theme_markup.named_search_dialog(theme_markup.valid_markup(page), "Buscar en este sitio")
    assert 'autocomplete="off"' not in fixed and 'for="__toc"' not in fixed
    assert 'role="dialog" aria-label="Buscar en este sitio">' in fixed
    with_toggle = theme_markup.valid_markup(theme_markup.TOC_TITLE + '<input id="__toc">')
    assert 'for="__toc"' in with_toggle  # the checkbox is there: the label keeps naming it
    content = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
    assert 'title="Enlace &amp; permanente"' in theme_markup.localized_permalinks(
        content, "Permanent link", "Enlace & permanente"
    )
