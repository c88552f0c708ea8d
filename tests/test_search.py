"""Search per language, accent-insensitive, singular and plural: core, built index, browser."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import sync_playwright

from labkb.features import search
from tests.browser import ARGS, CHROMIUM, serve
from tests.browser import search as type_search
from tests.conftest import Built


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Contratación Pública", "contratacion publica"),
        ("POLÍTICA", "politica"),
        ("adjudicación", "adjudicacion"),
        ("Ñandú", "nandu"),
    ],
)
def test_fold_removes_accents_and_case(text, folded):
    assert search.fold(text) == folded


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("proveedores", "es", {"proveedor", "proveedores"}),
        ("proveedor", "es", {"proveedor", "proveedores"}),
        ("politica", "es", {"politica", "politicas"}),
        ("luces", "es", {"luz", "luces"}),
        ("suppliers", "en", {"supplier", "suppliers"}),
        ("supplier", "en", {"supplier", "suppliers"}),
        ("policies", "en", {"policy", "policies"}),
        ("process", "en", {"process", "processes"}),
    ],
)
def test_variants_cover_singular_and_plural(word, language, expected):
    assert expected <= search.variants(word, language)


def test_split_index_separates_languages_and_marks_untranslated_pages():
    merged = {
        "config": {
            "lang": ["en", "es"],
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": [
            {"location": "about/", "title": "About", "text": "Public buyers"},
            {"location": "es/about/", "title": "Quiénes somos", "text": "Contratación pública"},
            {"location": "es/projects/", "title": "Projects", "text": "Suppliers"},
        ],
    }

    def written_in(language, location):
        return "en" if location == "projects/" else language

    indexes = search.split_index(
        merged, ("en", "es"), "en", written_in, lambda reader, written: f"({written} for {reader})"
    )
    assert [d["location"] for d in indexes["en"]["docs"]] == ["about/"]
    spanish = indexes["es"]["docs"]
    assert [d["location"] for d in spanish] == ["about/", "projects/"]
    assert spanish[0]["text"] == "Contratación pública"  # snippets as written
    assert spanish[0]["text_folded"] == "contratacion publica"
    assert "contrataciones" in spanish[0]["variants"].split()
    assert spanish[1]["title"] == "Projects (en for es)"
    assert indexes["es"]["config"]["lang"] == ["es"]
    assert set(indexes["es"]["config"]["fields"]) >= {"title_folded", "text_folded", "variants"}


def test_each_language_has_its_own_index_also_as_script(built: Built):
    english = json.loads((built.site / "search/search_index.json").read_text())
    spanish = json.loads((built.site / "es/search/search_index.json").read_text())
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    assert not [d for d in english["docs"] if d["location"].startswith("es/")]
    titles = {d["title"] for d in spanish["docs"]}
    assert "Quiénes somos" in titles and "About the Learning Lab" not in titles
    script = (built.site / "es/search/search_index.js").read_text()
    prefix, suffix = "var __index = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    assert json.loads(script.removeprefix(prefix).removesuffix(suffix)) == spanish


def run_searches(site, queries):
    results = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for start, query in queries:
            page.goto(base + start)
            hrefs = [h.removeprefix(base) for h in type_search(page, query)]
            snippet = page.locator(".md-search-result").inner_text()
            results[(start, query)] = (hrefs, snippet)
        browser.close()
    return results


def test_searches_without_accents_and_in_either_number_find_pages_in_the_pages_language(built: Built):
    spanish = [("es/about/", q) for q in ("contratacion", "politica", "adjudicacion", "proveedor", "proveedores")]
    english = [("about/", q) for q in ("supplier", "suppliers", "procurement")]
    results = run_searches(built.site, spanish + english)
    for (start, query), (hrefs, _) in results.items():
        assert hrefs, query
        if start.startswith("es/"):
            assert all(h.startswith("es/") for h in hrefs), (query, hrefs)
        else:
            assert not any(h.startswith("es/") for h in hrefs), (query, hrefs)
    # The snippet shows the text as written, with its accents.
    assert "contratación" in results[("es/about/", "contratacion")][1].lower()
