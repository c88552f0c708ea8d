"""Facts need sources (labkb/checks/citations.py), and sources say their language on the page.

Project pages, workshop reports and guidance that cite no public source are reported with
file and line; a source written in another language than the reader's is marked "(en
inglés)" / "(in Spanish)"; the site's own pages all cite their sources.
"""

from __future__ import annotations

import re

from labkb.checks import citations
from labkb.checks.sources import Source
from labkb.features import rendering
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from tests.conftest import REPO, Built, without_codes
from tests.test_checks import GUIDE, GUIDE_TEXT, WORKSHOP, WORKSHOP_TEXT

REGS = Corpus.read(Project(REPO)).regs
PROJECT = "content/en/projects/plan.md"


def test_a_project_page_without_sources_is_reported(site, capsys):
    site.write(PROJECT, "---\ntitle: A plan\ndescription: A regional plan.\n---\n\nIt costs US$1,000.\n")
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"{PROJECT}:1: a project page states facts from outside the site: list its public sources in "
        "'sources:' (- title: ..., url: https://..., pinpoint: ...); see docs/editing.md"
    ) in without_codes(output), output


def test_a_project_page_with_sources_passes(site, capsys):
    site.write(
        PROJECT,
        "---\ntitle: A plan\ndescription: A regional plan.\nsources:\n"
        "  - title: The proposal\n    url: https://example.org/plan.pdf\n    pinpoint: p. 2\n"
        "---\n\nIt costs US$1,000.\n",
    )
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 0, output


def test_guidance_that_links_no_public_text_is_reported_at_its_body(site, capsys):
    text = GUIDE_TEXT.split("## Sources")[0]
    site.write(GUIDE, text)
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    body_line = text.split("\n").index("---", 1) + 2  # the line after the closing ---
    assert (
        f"{GUIDE}:{body_line}: a guidance document rests on public texts: link at least one in its sources "
        "section (- [Title](https://...), pinpoint) or list them in 'sources:'"
    ) in without_codes(output), output


def test_a_workshop_report_needs_sources(site, capsys):
    site.write(WORKSHOP, re.sub(r"sources:\n(  .*\n)+", "", WORKSHOP_TEXT))
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert any(
        line.startswith(f"{WORKSHOP}:1: missing required key 'sources': Public sources of the facts the page states")
        for line in output.splitlines()
    ), output


def test_a_source_language_must_be_a_language_of_the_site(site, capsys):
    site.write(
        PROJECT,
        "---\ntitle: A plan\ndescription: A regional plan.\nsources:\n"
        "  - title: The proposal\n    url: https://example.org/plan.pdf\n    language: fr\n---\n\nText.\n",
    )
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert f"{PROJECT}:7: 'sources': 'language': expected one of en, es, found 'fr'" in without_codes(output), output


def test_a_source_in_another_language_is_marked():
    source = {"title": "Guiding <Principles>", "url": "https://example.org/a?b=1&c=2", "language": "en"}
    assert rendering.source_item(source, REGS, "es") == (
        '<li><a href="https://example.org/a?b=1&amp;c=2">Guiding &lt;Principles&gt;</a> (en inglés)</li>'
    )
    assert rendering.source_item(source, REGS, "en") == (
        '<li><a href="https://example.org/a?b=1&amp;c=2">Guiding &lt;Principles&gt;</a></li>'
    )
    spanish = {"title": "Noticia", "url": "https://example.org/", "pinpoint": "p. 2", "language": "es"}
    assert rendering.source_item(spanish, REGS, "en") == (
        '<li><a href="https://example.org/">Noticia</a> (p. 2) (in Spanish)</li>'
    )


def test_the_site_cites_its_sources():
    assert citations.findings(Corpus.read(Project(REPO))) == []


def _sources_list(built: Built, page: str) -> str:
    html = (built.site / page).read_text(encoding="utf-8")
    match = re.search(r'<h2 id="kb-sources">[^<]*</h2>\s*<ul[^>]*>(.*?)</ul>', html, re.DOTALL)
    assert match, page
    return match.group(1)


def test_workshop_and_project_pages_list_their_sources_in_both_languages(built: Built):
    spanish = _sources_list(built, "es/workshops/santiago-2017/index.html")
    assert 'href="https://ricg.org/es/actividades/taller-sobre-derechos-humanos-y-compras-publicas/"' in spanish
    assert "(en inglés)" in spanish
    english = _sources_list(built, "workshops/santiago-2017/index.html")
    assert "(in Spanish)" in english and "(in English)" not in english
    for page in ("projects/ingp-best-value/index.html", "es/projects/ingp-best-value/index.html"):
        assert "oneplanetnetwork.org" in _sources_list(built, page)


def test_case_study_sources_in_english_are_marked_on_spanish_pages(built: Built):
    spanish = _sources_list(built, "es/case-studies/london-gla-responsible-procurement-policy/index.html")
    items = re.findall(r"<li>(.*?)</li>", spanish)
    assert items and all(item.endswith("(en inglés)") for item in items)


def test_every_event_is_listed_with_its_source_in_both_languages(built: Built):
    corpus = Corpus.read(Project(REPO))
    for language, prefix in (("en", ""), ("es", "es/")):
        events = [p for p in corpus.of_language(language) if p.ctype.key == "event"]
        assert len(events) >= 5
        index = (built.site / prefix / "events/index.html").read_text(encoding="utf-8")
        for page in events:
            slug = page.page_path.removeprefix("events/").removesuffix(".md")
            assert f'href="{slug}/"' in index, (language, slug)
            html = (built.site / prefix / "events" / slug / "index.html").read_text(encoding="utf-8")
            link = str(page.meta["link"].value)
            assert f'href="{link}"' in html, (language, slug)


def test_every_known_survey_answer_has_a_pinpoint_and_awaits_review_and_docs_count_them():
    from labkb.features import survey

    data, findings = survey.load(Project(REPO))
    assert findings == []
    answers = [a for j in data.jurisdictions.values() for a in j.answers.values()]
    known = [a for a in answers if a.value != survey.UNKNOWN]
    assert len(answers) == 140
    for answer in known:
        assert answer.sources and all(s.pinpoint for s in answer.sources), answer
        assert answer.review_status == "needs-review", answer
    manual = (REPO / "docs" / "survey.md").read_text(encoding="utf-8")
    assert f"{len(known)} of 140 answers cite a public source" in manual
    assert f"{140 - len(known)} of the 140 answers are `unknown`" in manual


def test_glossary_sources_in_another_language_are_marked():
    from labkb.features import glossary

    entry = glossary.Entry(
        "x",
        {"en": "term", "es": "término"},
        {"en": "A definition.", "es": "Una definición."},
        (
            Source("Guiding Principles", "https://example.org/en.pdf", "", "en"),
            Source("Directiva", "https://example.org/eu"),
        ),
    )
    spanish = glossary.page([entry], "es", REGS)
    assert '<a href="https://example.org/en.pdf">Guiding Principles</a> (en inglés), ' in spanish
    assert '<a href="https://example.org/eu">Directiva</a></p>' in spanish
    english = glossary.page([entry], "en", REGS)
    assert "(in English)" not in english
    pinpointed = glossary.Entry(
        "y",
        {"en": "term", "es": "término"},
        {"en": "A definition.", "es": "Una definición."},
        (
            Source(
                "Guide",
                "https://example.org/guide",
                "p. 4",
                "en",
                (("es", Source("Guía", "https://example.org/guia", "p. 5", "es")),),
            ),
        ),
    )
    assert '<a href="https://example.org/guia">Guía</a> (p. 5)</p>' in glossary.page([pinpointed], "es", REGS)
    assert '<a href="https://example.org/guide">Guide</a> (p. 4)</p>' in glossary.page([pinpointed], "en", REGS)


def test_the_spanish_glossary_links_the_spanish_editions(built: Built):
    """A glossary source that gives an 'es:' edition is that edition on the Spanish page (the
    Spanish UN Guiding Principles and EU directive); the English page keeps the English one."""
    spanish = (built.site / "es/glossary/index.html").read_text(encoding="utf-8")
    english = (built.site / "glossary/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://www.ohchr.org/sites/default/files/documents/publications/guidingprinciplesbusinesshr_sp.pdf">'
        "Principios Rectores sobre las Empresas y los Derechos Humanos, Principios 17 a 21</a>"
    ) in spanish
    assert "guidingprinciplesbusinesshr_en.pdf" not in spanish and "UN Guiding Principles" not in spanish
    assert "Directiva 2014/24/UE sobre contratación pública, artículo 70</a>" in spanish
    assert "Líneas Directrices de la OCDE para Empresas Multinacionales</a> (en inglés)" in spanish
    assert "UN Guiding Principles on Business and Human Rights, Principles 17-21</a>" in english
    assert "guidingprinciplesbusinesshr_sp.pdf" not in english


def test_a_glossary_source_language_must_be_a_language_of_the_site(site, capsys):
    path = site.root / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8").replace("      language: en\n", "      language: english\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("      language: english") + 1
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert any(
        ln.startswith(f"data/glossary.yml:{line}: '") and "'language': expected one of en, es, found 'english'" in ln
        for ln in output.splitlines()
    ), output
