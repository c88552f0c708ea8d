"""labkb/features/search.py's helpers, directly: folding, locations, source paths, the index as script."""

from __future__ import annotations

import json

import pytest

from labkb.features import search


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("already ascii", "already ascii"),
        ("MIXED Case", "mixed case"),
        ("Über Straße", "uber straße"),  # ß has no accent to remove
        ("ﬁnanciación", "financiacion"),  # compatibility forms are decomposed too
        ("São Paulo", "sao paulo"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert search.fold(text) == folded


def test_folded_only_lists_each_accented_word_once_in_order():
    text = "la contratación pública y la contratación directa; política publica"
    assert search._folded_only(text) == ["contratacion", "publica", "politica"]
    assert search._folded_only("no accents at all") == []


def test_folded_only_expects_lower_case_text():
    # split_index lower-cases titles and texts first; given capitals, a word that only changes case is listed.
    assert search._folded_only("Hola Mundo") == ["hola", "mundo"]
    assert search._folded_only("hola mundo") == []


@pytest.mark.parametrize(
    ("location", "result"),
    [
        ("", ("en", "")),
        ("about/", ("en", "about/")),
        ("es/", ("es", "")),
        ("es", ("es", "")),
        ("es/about/#team", ("es", "about/#team")),
        ("escuelas/", ("en", "escuelas/")),  # a folder that starts like a language is not one
        ("en/about/", ("en", "en/about/")),  # the default language has no prefix
    ],
)
def test_language_of_a_location(location, result):
    assert search.language_of(location, ("en", "es"), "en") == result


@pytest.mark.parametrize(
    ("location", "paths"),
    [
        ("", ["index.md"]),
        (".", ["index.md"]),
        ("about/", ["about/index.md", "about.md"]),
        ("about/#team", ["about/index.md", "about.md"]),
        ("guidance/mapping-risks.html", ["guidance/mapping-risks.md"]),
        ("guidance/index.html", ["guidance/index.md", "guidance/README.md"]),
        ("index.html#top", ["index.md", "README.md"]),
    ],
)
def test_page_paths_a_location_may_come_from(location, paths):
    assert search.page_paths(location) == paths


def test_index_as_json_and_as_script_keep_accents_and_are_compact():
    index = {"config": {"lang": ["es"]}, "docs": [{"location": "", "title": "Contratación </script>"}]}
    assert (
        search.as_json(index) == '{"config":{"lang":["es"]},"docs":[{"location":"","title":"Contratación </script>"}]}'
    )
    script = search.as_script(index)
    assert script == "var __index = " + search.as_json(index) + ";\n"
    assert json.loads(script.removeprefix("var __index = ").removesuffix(";\n")) == index


def test_split_index_adds_variants_only_for_words_of_four_letters_or_more():
    merged = {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [{"location": "a/", "title": "Suppliers", "text": "<p>The big policy <b>map</b></p>"}],
    }
    index = search.split_index(merged, ("en", "es"), "en", lambda lang, _loc: lang, lambda _r, _w: "")["en"]
    entry = index["docs"][0]
    assert entry["variants"].split() == ["policies", "supplier"]
    assert entry["title_folded"] == entry["text_folded"] == ""
    assert index["config"]["fields"]["title_folded"] == {"boost": 1000.0}
    assert index["config"]["fields"]["variants"] == {"boost": 0.5}
    assert index["config"]["pipeline"] == ["trimmer", "stopWordFilter"]
