"""One rule per concept, for front matter and every data file: a text in every language,
a source, a web address, a date. Fast: no build, no project on disk."""

from __future__ import annotations

from labkb.checks import engine, every_language, sources
from labkb.features import glossary
from labkb.model import dates, web_address
from labkb.model.findings import Finding
from labkb.model.frontmatter import load_yaml
from labkb.model.registries import Registries, _bilingual
from labkb.model.schema import SOURCE


def said(problems, language="en"):
    """(line, text) of (line, message) problems, in `language`."""
    return [(line, message.render(language)) for line, message in problems]


def node(text):
    parsed, errors = load_yaml(text)
    assert not errors, errors
    return parsed


def test_a_text_in_every_language_is_read_stripped():
    texts, problems = every_language.texts(
        node("award:\n  en: ' Award '\n  es: Adjudicación\n").value["award"], "'award'", 1
    )
    assert texts == {"en": "Award", "es": "Adjudicación"}
    assert problems == []


def test_a_missing_or_blank_language_is_named_with_what_to_add():
    tree = node("award:\n  en: Award\n  es: '  '\n").value["award"]
    texts, problems = every_language.texts(tree, "'award'", 1)
    assert texts == {"en": "Award"}
    assert said(problems) == [(3, "'award' has no Spanish text: add 'es: ...'")]
    assert said(problems, "es") == [(3, "'award' no tiene texto en español: agregue 'es: ...'")]
    tree = node("award:\n  en: Award\n").value["award"]
    assert said(every_language.texts(tree, "'award'", 1)[1]) == [(2, "'award' has no Spanish text: add 'es: ...'")]


def test_not_a_mapping_missing_and_unknown_languages():
    assert said(every_language.texts(node("award: Award\n").value["award"], "'award'", 1)[1]) == [
        (1, "'award' must have one line per language: en: ..., es: ...")
    ]
    assert said(every_language.texts(None, "'title'", 4)[1]) == [
        (4, "'title' is missing: add it with one line per language: en: ..., es: ...")
    ]
    tree = node("yes:\n  en: Yes\n  es: Sí\n  pt: Sim\n  symbol: '+'\n").value["yes"]
    assert said(every_language.texts(tree, "scale value 'yes'", 1, also=("symbol",))[1]) == [
        (4, "scale value 'yes' has an unknown language 'pt' (expected: en, es, symbol)")
    ]


def test_registries_use_the_rule():
    findings: list[Finding] = []
    table = _bilingual(node("award:\n  en: Award\n"), "data/vocabularies.yml", findings)
    assert table == {"award": {"en": "Award"}}
    assert [f.text() for f in findings] == [
        "data/vocabularies.yml:2: 'award' has no Spanish text: add 'es: ...' [languages.missing-text]"
    ]


SOURCE_OK = "s:\n  title: Annual report\n  url: https://example.org/r.pdf\n  pinpoint: p. 4\n"


def test_a_good_source_is_read():
    source, problems = sources.read(node(SOURCE_OK).value["s"])
    assert problems == []
    assert source == sources.Source("Annual report", "https://example.org/r.pdf", "p. 4")


def test_a_source_and_its_edition_are_read_and_checked_together():
    text = (
        "s:\n  title: Directive\n  url: https://example.org/en\n  pinpoint: Article 70\n  language: en\n"
        "  es:\n    pinpoint: artículo 70\n"
    )
    source, problems = sources.read(node(text).value["s"], editions=True)
    assert problems == []
    assert source is not None and source.for_language("es") == sources.Source(
        "Directive", "https://example.org/en", "artículo 70", "en"
    )
    assert source.for_language("en") is source
    # Without editions (a page's front matter, one language a file), 'es' is an unknown key.
    assert said(sources.read(node(text).value["s"])[1]) == [
        (6, "unknown key 'es' in a source; allowed: title, url, pinpoint, language"),
    ]
    # A mistake in the source and one in its edition are both reported, at their lines.
    bad = "s:\n  title: Directive\n  url: eur-lex\n  es:\n    titel: Directiva\n"
    assert said(sources.read(node(bad).value["s"], editions=True)[1]) == [
        (3, "'url': expected a web address starting with https:// (or http://), found 'eur-lex'"),
        (5, "'es': unknown key 'titel' in a source (did you mean 'title'?); allowed: title, url, pinpoint, language"),
    ]


def test_each_mistake_in_a_source_is_named_on_its_line():
    assert said(sources.read(node("s:\n  title: Report\n  link: https://example.org/\n").value["s"])[1]) == [
        (3, "unknown key 'link' in a source; allowed: title, url, pinpoint, language"),
        (2, "this source has no 'url' (each source needs: title, url)"),
    ]
    assert said(sources.read(node("s:\n  url: https://example.org/\n").value["s"])[1]) == [
        (2, "this source has no 'title' (each source needs: title, url)")
    ]
    source, problems = sources.read(node("s:\n  title: Report\n  url: example.org\n").value["s"])
    assert source is None
    assert said(problems) == [
        (3, "'url': expected a web address starting with https:// (or http://), found 'example.org'")
    ]
    assert said(problems, "es") == [
        (3, "'url': se esperaba una dirección web que empiece con https:// (o http://), pero se encontró 'example.org'")
    ]
    assert said(sources.read(node("s: Report\n").value["s"])[1]) == [
        (1, "expected a source with 'title', 'url' and optionally 'pinpoint', found 'Report'")
    ]


BAD_SOURCE = "s:\n  title: Report\n  url: ftp://example.org/\n"


def test_the_same_source_gets_the_same_message_in_front_matter_and_the_glossary():
    """Front matter (a case study's sources) and a data file (the glossary) say the same words."""
    front = engine._check_value(node(BAD_SOURCE).value["s"], SOURCE, Registries())
    findings: list[Finding] = []
    glossary._sources(
        "risk",
        {"sources": node("sources:\n  - title: Report\n    url: ftp://example.org/\n").value["sources"]},
        1,
        findings,
    )
    message = "'url': expected a web address starting with https:// (or http://), found 'ftp://example.org/'"
    assert said(front) == [(3, message)]
    assert [f.message for f in findings] == [f"'risk': {message}"]


def test_a_web_address_has_one_message():
    assert web_address.problem("https://example.org/") is None
    assert str(web_address.problem("javascript:alert(1)")) == (
        "expected a web address starting with https:// (or http://), found 'javascript:alert(1)'"
    )
    assert str(web_address.problem(None)) == "expected a web address starting with https:// (or http://), found nothing"


def test_a_date_has_one_rule():
    assert dates.problem("2024-02-29") is None
    assert str(dates.problem("2024-02-30")) == "'2024-02-30' is not a date that exists: February 2024 has 29 days"
    assert dates.problem("2024-02-30").render("es") == (
        "'2024-02-30' no es una fecha que exista: febrero de 2024 tiene 29 días"
    )
    assert str(dates.problem("2024-13-01")) == "'2024-13-01' is not a date that exists: there is no month 13"
    assert str(dates.problem("06/10/2017")) == "expected a date as YYYY-MM-DD (e.g. 2017-10-06), found '06/10/2017'"
