"""Every checker rule: a failing fixture with its exact message and line, and a passing one.

Each case is rejected by `make check` (the CLI, in process) here. The real `mkdocs build
--strict` runs a representative case of each kind from the same table (test_build_rejects.py):
the build's hook passes on whatever the checker finds, so every rule need not be built.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import BLOG_FRONT, BODY, SENTENCE, without_codes

BLOG = "content/en/blog/post.md"
GUIDE = "content/en/guidance/guide.md"
CASE = "content/en/case-studies/case.md"
EVENT = "content/en/events/event.md"


def blog(front: str = BLOG_FRONT, body: str = BODY) -> str:
    return front + "\n" + body


def replace(old: str, new: str, body: str = BODY) -> str:
    assert old in BLOG_FRONT
    return blog(BLOG_FRONT.replace(old, new), body)


GUIDE_TEXT = """\
---
title: Mapping risks before a tender
description: How to find where the worst risks are.
audience: [procurers]
stages: [planning]
last_updated: 2026-11-21
---

## Steps

Start with the categories you buy most.

## Sources

- [UN Guiding Principles on Business and Human Rights](https://www.ohchr.org/), Principle 6.
"""
CASE_TEXT = """\
---
title: Electronics Watch monitoring
description: Monitoring of factories by an independent organisation.
id: se-electronics-watch
jurisdiction: se
sector: ict
stages: [contract-management]
year: 2016
organisations: [Electronics Watch]
sources:
  - title: Annual report
    url: https://electronicswatch.org/
review_status: needs-review
---

Text.
"""
EVENT_TEXT = """\
---
title: Lab workshop
description: A workshop.
start: 2017-11-30
end: 2017-11-30
location: Geneva, Switzerland
link: https://www.ohchr.org/
---

Text.
"""

WORKSHOP_TEXT = """\
---
title: Workshop on procurement and human rights
description: A one-day workshop.
date: 2017-10-06
location: Santiago, Chile
organisers: [Organization of American States]
programme:
  - time: "10:00-10:20"
    title: Welcome
  - time: "10:20-12:00"
    title: Session 1
    speakers: [A speaker (An institution)]
institutions:
  - name: ChileCompra
    country: Chile
sources:
  - title: Workshop page
    url: https://example.org/workshop
---

Text.
"""
WORKSHOP = "content/en/workshops/workshop.md"

# Columns: rule id, file to write, its text, the exact finding (path:line: message).
BAD = [
    (
        "yaml-unclosed-quote",
        BLOG,
        replace("title: Buying", 'title: "Buying'),
        f"{BLOG}:2: the front matter is not valid YAML: a quoted value is never closed: add the closing quote",
    ),
    (
        "yaml-colon",
        BLOG,
        replace("description: Why", "description: Note: why"),
        f"{BLOG}:6: the front matter is not valid YAML: YAML found 'key: value' where it did not "
        "expect one: check that the line above has a colon after its key and that this line is not "
        "indented more than the others; a value that itself contains ': ' must be put in quotes",
    ),
    (
        "yaml-tab",
        BLOG,
        replace("authors: [lab-editors]", "authors:\n\t- lab-editors"),
        f"{BLOG}:5: the front matter is not valid YAML: a tab is used for indentation: indent with spaces",
    ),
    (
        "front-matter-unclosed",
        BLOG,
        "---\ntitle: x\n\nBody\n",
        f"{BLOG}:1: the front matter opened with '---' on line 1 is never closed: add a line with "
        "only '---' after the last key",
    ),
    (
        "no-front-matter",
        BLOG,
        BODY,
        f"{BLOG}:1: no front matter: a blog post starts with a '---' line, its fields, and another "
        "'---' line (see docs/content-model.md)",
    ),
    (
        "unknown-key",
        BLOG,
        replace("authors:", "autor:"),
        f"{BLOG}:4: unknown key 'autor' (did you mean 'authors'?); a blog post accepts: title, date, "
        "authors, categories, description, review_status, reviewed_by, last_reviewed, translation_of, "
        "source_fingerprint",
    ),
    (
        "missing-key",
        BLOG,
        replace("date: 2017-10-06\n", ""),
        f"{BLOG}:1: missing required key 'date': Publication date, YYYY-MM-DD. Example: date: '2017-10-06'",
    ),
    (
        "duplicate-key",
        BLOG,
        replace("date: 2017-10-06\n", "date: 2017-10-06\ndate: 2017-10-07\n"),
        f"{BLOG}:4: 'date' is given twice (first on line 3): keep one",
    ),
    (
        "wrong-type-list",
        BLOG,
        replace("authors: [lab-editors]", "authors: lab-editors"),
        f"{BLOG}:4: 'authors': expected a list, found 'lab-editors'; write it as [lab-editors] or "
        "one '- item' per line",
    ),
    (
        "wrong-type-text",
        BLOG,
        replace("title: Buying with respect for human rights", "title: true"),
        f"{BLOG}:2: 'title': expected text, found true: put it in quotes",
    ),
    (
        "yaml11-boolean-text",
        BLOG,
        replace("title: Buying with respect for human rights", "title: yes"),
        f"{BLOG}:2: 'title': 'yes' would be read as true or false by the site: put it in quotes",
    ),
    (
        "impossible-date",
        BLOG,
        replace("2017-10-06", "2024-02-30"),
        f"{BLOG}:3: 'date': '2024-02-30' is not a date that exists: February 2024 has 29 days",
    ),
    (
        "malformed-date",
        BLOG,
        replace("2017-10-06", "06/10/2017"),
        f"{BLOG}:3: 'date': expected a date as YYYY-MM-DD (e.g. 2017-10-06), found '06/10/2017'",
    ),
    (
        "vocabulary",
        BLOG,
        replace("[lab-news]", "[news]"),
        f"{BLOG}:5: 'categories': 'news' is not in the 'categories' vocabulary (did you mean "
        "'lab-news'?); allowed: lab-news, events, americas, policy, practice, research",
    ),
    (
        "unknown-author",
        BLOG,
        replace("[lab-editors]", "[jdoe]"),
        f"{BLOG}:4: 'authors': unknown author 'jdoe' (known: lab-editors). If this is your first post, add "
        "yourself to data/authors.yml in the same pull request: put this line at the end of that file, "
        "'jdoe: {name: Your Name, affiliation: {en: Your organisation, es: Su organización}, bio: {en: One "
        "sentence about you., es: Una frase sobre usted.}}', with your name, your organisation and a sentence "
        "about you in each language",
    ),
    (
        "too-few-words",
        BLOG,
        blog(body=SENTENCE * 5),
        f"{BLOG}:8: the body has 55 words; a blog post has 300 to 1,000 words: add to it (code, link "
        "addresses and comments do not count)",
    ),
    (
        "too-many-words",
        BLOG,
        blog(body=SENTENCE * 100),
        f"{BLOG}:8: the body has 1,100 words; a blog post has 300 to 1,000 words: shorten it (code, "
        "link addresses and comments do not count)",
    ),
    (
        "broken-link",
        BLOG,
        blog(body=BODY + "\nSee [the guide](../guidance/missing.md).\n"),
        f"{BLOG}:20: the link '../guidance/missing.md' does not resolve: there is no content/en/guidance/missing.md",
    ),
    (
        "broken-anchor",
        BLOG,
        blog(body=BODY + "\nSee [home](../index.md#nowhere).\n"),
        f"{BLOG}:20: the anchor '#nowhere' does not exist in content/en/index.md (its anchors: none)",
    ),
    (
        "broken-own-anchor",
        BLOG,
        blog(body="## Scope\n\n" + BODY + "\nSee [above](#scop).\n"),
        f"{BLOG}:22: the anchor '#scop' does not exist in {BLOG} (did you mean 'scope'?) (its anchors: #scope)",
    ),
    (
        "folder-link",
        BLOG,
        blog(body=BODY + "\nSee [figures](../figures/).\n"),
        f"{BLOG}:20: the link '../figures/' points to a folder: link to its page, '../figures/index.md'",
    ),
    (
        "absolute-link",
        BLOG,
        blog(body=BODY + "\nSee [home](/index.md).\n"),
        f"{BLOG}:20: the link '/index.md' is absolute: use a path relative to this file, e.g. "
        "'../guidance/index.md' (absolute links break when the site is opened from files or hosted "
        "in a sub-folder)",
    ),
    (
        "missing-image",
        BLOG,
        blog(body=BODY + "\n![A chart of risks](chart.png)\n"),
        f"{BLOG}:20: the image 'chart.png' does not resolve: there is no content/en/blog/chart.png",
    ),
    (
        "image-without-alt",
        BLOG,
        blog(body=BODY + "\n![](../figures/chart.png)\n"),
        f"{BLOG}:20: the image '../figures/chart.png' has no alt text: describe what it shows, e.g. "
        "![Chart of ...](../figures/chart.png)",
    ),
    (
        "external-image",
        BLOG,
        blog(body=BODY + "\n![Logo](https://example.org/logo.png)\n"),
        f"{BLOG}:20: the image 'https://example.org/logo.png' is on another site: save it in the "
        "repository next to the page and link to the file (pages must not load files from other "
        "hosts)",
    ),
    (
        "script",
        BLOG,
        blog(body=BODY + "\n<script>alert(1)</script>\n"),
        f"{BLOG}:20: <script> is not allowed in content: remove it (content cannot run scripts or load other sites)",
    ),
    (
        "iframe",
        BLOG,
        blog(body=BODY + '\n<iframe src="https://example.org"></iframe>\n'),
        f"{BLOG}:20: <iframe> is not allowed in content: remove it and link to the page instead "
        "(embedded frames are not allowed)",
    ),
    (
        "object",
        BLOG,
        blog(body=BODY + '\n<object data="x.swf"></object>\n'),
        f"{BLOG}:20: <object> is not allowed in content: remove it (content cannot run scripts or load other sites)",
    ),
    (
        "embed",
        BLOG,
        blog(body=BODY + '\n<embed src="x.swf">\n'),
        f"{BLOG}:20: <embed> is not allowed in content: remove it (content cannot run scripts or load other sites)",
    ),
    (
        "form",
        BLOG,
        blog(body=BODY + '\n<form action="https://example.org"></form>\n'),
        f"{BLOG}:20: <form> is not allowed in content: remove it and link to the form's page instead",
    ),
    (
        "style",
        BLOG,
        blog(body=BODY + "\n<style>body{display:none}</style>\n"),
        f"{BLOG}:20: <style> is not allowed in content: remove it (styling belongs to the theme, not to a page)",
    ),
    (
        "event-handler",
        BLOG,
        blog(body=BODY + '\n<span onmouseover="alert(1)">x</span>\n'),
        f"{BLOG}:20: the event handler 'onmouseover=' is not allowed in content: remove it (content "
        "cannot run scripts)",
    ),
    (
        "event-handler-attr-list",
        BLOG,
        blog(body=BODY + '\n[x](../index.md){ onclick="alert(1)" }\n'),
        f"{BLOG}:20: the event handler 'onclick=' is not allowed in content: remove it (content cannot run scripts)",
    ),
    (
        "javascript-url",
        BLOG,
        blog(body=BODY + "\n[click](javascript:alert(1))\n"),
        f"{BLOG}:20: a 'javascript:' URL is not allowed in links or images: link to an https:// "
        "page, or put the file in the repository and link to it",
    ),
    (
        "vbscript-url",
        BLOG,
        blog(body=BODY + '\n<a href="vbscript:msgbox(1)">x</a>\n'),
        f"{BLOG}:20: a 'vbscript:' URL is not allowed in links or images: link to an https:// page, "
        "or put the file in the repository and link to it",
    ),
    (
        "data-url",
        BLOG,
        blog(body=BODY + "\n![pixel](data:image/png;base64,AAAA)\n"),
        f"{BLOG}:20: a 'data:' URL is not allowed in links or images: link to an https:// page, or "
        "put the file in the repository and link to it",
    ),
    (
        "disguised-javascript",
        BLOG,
        blog(body=BODY + '\n<a href="jav&#x61;script:alert(1)">x</a>\n'),
        f"{BLOG}:20: a 'javascript:' URL is not allowed in links or images: link to an https:// "
        "page, or put the file in the repository and link to it",
    ),
    (
        "two-h1",
        BLOG,
        blog(body="# One\n\n" + BODY + "\n# Two\n"),
        f"{BLOG}:22: a second level-1 heading ('# Two'): a page has one title (line 9); make this one '## Two'",
    ),
    (
        "duplicate-slug",
        "content/en/guidance/guide/index.md",
        GUIDE_TEXT,
        "content/en/guidance/guide/index.md: this page and content/en/guidance/guide.md would both "
        "be published at /guidance/guide/: rename one",
    ),
    (
        "guidance-stage",
        GUIDE,
        GUIDE_TEXT.replace("[planning]", "[planing]"),
        f"{GUIDE}:5: 'stages': 'planing' is not in the 'stages' vocabulary (did you mean "
        "'planning'?); allowed: planning, market-engagement, tendering, award, contract-management",
    ),
    (
        "case-year",
        CASE,
        CASE_TEXT.replace("year: 2016", "year: last year"),
        f"{CASE}:8: 'year': expected a year such as 2017, found 'last year'",
    ),
    (
        "case-source-url",
        CASE,
        CASE_TEXT.replace("https://electronicswatch.org/", "electronicswatch"),
        f"{CASE}:12: 'sources': 'url': expected a web address starting with https:// (or http://), "
        "found 'electronicswatch'",
    ),
    (
        "case-source-key",
        CASE,
        CASE_TEXT.replace("    url:", "    link:"),
        f"{CASE}:11: 'sources': this source has no 'url' (each source needs: title, url)",
    ),
    (
        "case-id-format",
        CASE,
        CASE_TEXT.replace("id: se-electronics-watch", "id: SE Electronics"),
        f"{CASE}:4: 'id': expected lower-case letters, digits and hyphens (e.g. "
        "'se-electronics-watch'), found 'SE Electronics'",
    ),
    (
        "case-id-duplicate",
        "content/en/case-studies/other.md",
        CASE_TEXT,
        "content/en/case-studies/other.md:4: 'id': 'se-electronics-watch' is already the id of "
        f"{CASE}: give this page its own id",
    ),
    (
        "workshop-programme-entry",
        WORKSHOP,
        WORKSHOP_TEXT.replace("    title: Welcome\n", ""),
        f"{WORKSHOP}:8: 'programme': this entry has no 'title' (each needs: time, title)",
    ),
    (
        "event-end-before-start",
        EVENT,
        EVENT_TEXT.replace("end: 2017-11-30", "end: 2017-11-29"),
        f"{EVENT}:5: 'end': 2017-11-29 is before the start 2017-11-30",
    ),
    (
        "translation-neutral-field",
        "content/es/blog/post.md",
        replace("date: 2017-10-06", "date: 2017-10-07\ntranslation_of: en"),
        # A Spanish file: its messages are in Spanish.
        "content/es/blog/post.md:3: 'date' es 2017-10-07 aquí, pero 2017-10-06 en el original, "
        f"{BLOG}: este campo debe ser igual en todos los idiomas",
    ),
    (
        "translation-undeclared",
        "content/es/blog/post.md",
        blog(),
        "content/es/blog/post.md:1: esta página existe en inglés y español, pero ninguna de las dos versiones "
        "dice cuál es la traducción: agregue 'translation_of: en' a la traducción y luego ejecute "
        "'make translations-refresh'",
    ),
    (
        "translation-of-nothing",
        "content/es/blog/other.md",
        replace("date: 2017-10-06", "date: 2017-10-06\ntranslation_of: en"),
        "content/es/blog/other.md:4: 'translation_of': en, pero no existe content/en/blog/other.md:"
        " quite la clave si esta página es el original",
    ),
]

# Extra files some cases need, besides the valid home page in both languages.
SETUP = {
    "translation-neutral-field": {BLOG: blog()},
    "translation-undeclared": {BLOG: blog()},
    "duplicate-slug": {GUIDE: GUIDE_TEXT},
    "case-id-duplicate": {CASE: CASE_TEXT},
}


def _prepare(site, rule: str, path: str, text: str) -> None:
    for other, other_text in SETUP.get(rule, {}).items():
        site.write(other, other_text)
    site.write(path, text)


@pytest.mark.parametrize(("rule", "path", "text", "expected"), BAD, ids=[c[0] for c in BAD])
def test_check_reports_each_mistake_with_file_line_and_fix(site, capsys, rule, path, text, expected):
    _prepare(site, rule, path, text)
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert expected in without_codes(output), output
    # Every finding ends with its rule code (data/messages.yml).
    findings = [line for line in output.splitlines() if line.startswith(("content/", "data/", "mkdocs.yml"))]
    assert findings and all(re.search(r" \[[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+\]$", line) for line in findings), output


GOOD = [
    ("blog-post", BLOG, blog()),
    ("blog-post-exactly-300-words", BLOG, blog(body=SENTENCE * 27 + "one two three\n")),
    (
        "code-and-comments-not-counted-nor-checked",
        BLOG,
        blog(body=BODY + "\n```html\n<script>alert(1)</script>\n```\n\n<!-- <iframe> -->\nUse `<script>` never.\n"),
    ),
    ("guidance", GUIDE, GUIDE_TEXT),
    ("case-study", CASE, CASE_TEXT),
    ("event", EVENT, EVENT_TEXT),
    ("workshop", WORKSHOP, WORKSHOP_TEXT),
    ("page", "content/en/about/index.md", "---\ntitle: About\ndescription: Who we are.\n---\n\nText.\n"),
    (
        "links-and-anchors",
        BLOG,
        blog(
            body="## Scope {#scope}\n\n" + BODY + "\n[Home](../index.md) [here](#scope) "
            "[site](https://example.org) [mail](mailto:lab@example.org)\n"
        ),
    ),
    (
        "spanish-falls-back-to-english-link",
        "content/es/blog/post.md",
        blog(body=BODY + "\n[guía](../guidance/guide.md)\n"),
    ),
]


@pytest.mark.parametrize(("name", "path", "text"), GOOD, ids=[c[0] for c in GOOD])
def test_check_accepts_valid_content(site, capsys, name, path, text):
    site.write(GUIDE, GUIDE_TEXT)
    site.write(path, text)
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 0, output
    assert output.startswith("OK: ")


def test_all_problems_are_reported_in_one_run(site, capsys):
    site.write(BLOG, replace("[lab-editors]", "[jdoe]", body=SENTENCE))
    site.write(GUIDE, GUIDE_TEXT.replace("[planning]", "[planing]").replace("title:", "titel:"))
    code, output = site.check(capsys=capsys)
    assert code == 1
    lines = [line for line in without_codes(output) if line.startswith("content/")]
    assert [line.split(": ")[0] for line in lines] == [
        f"{BLOG}:4",
        f"{BLOG}:8",
        f"{GUIDE}:1",
        f"{GUIDE}:2",
        f"{GUIDE}:5",
    ]


def test_check_never_modifies_files(site, capsys):
    bad = site.write(BLOG, replace("title: Buying", 'title: "Buying'))
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    site.check(capsys=capsys)
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == before
    assert bad.read_text().startswith('---\ntitle: "Buying')


def test_check_given_paths_reports_only_those(site, capsys):
    site.write(BLOG, replace("[lab-editors]", "[jdoe]"))
    site.write(GUIDE, GUIDE_TEXT.replace("[planning]", "[planing]"))
    code, output = site.check(str(site.root / GUIDE), capsys=capsys)
    assert code == 1
    assert "guide.md:5" in output
    assert "post.md" not in output


def test_github_format_prints_annotations(site, capsys):
    site.write(BLOG, replace("2017-10-06", "2024-02-30"))
    code, output = site.check("--format", "github", capsys=capsys)
    assert code == 1
    assert (
        f"::error file={BLOG},line=3,title=date.not-a-date::'date': '2024-02-30' is not a date that exists: "
        "February 2024 has 29 days [date.not-a-date]"
    ) in output.splitlines()


def test_data_registry_entry_missing_a_language_is_reported(site, capsys):
    vocabularies = site.root / "data" / "vocabularies.yml"
    text = vocabularies.read_text().replace("award: {en: Award, es: Adjudicación}", "award: {en: Award}")
    vocabularies.write_text(text)
    line = text.splitlines().index("  award: {en: Award}") + 1
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert f"data/vocabularies.yml:{line}: 'award' has no Spanish text: add 'es: ...'" in output


def test_glossary_entry_missing_a_language_is_reported(site, capsys):
    site.write(
        "data/glossary.yml",
        "salient-risk:\n  en:\n    term: salient risk\n"
        "    definition: The worst risks to people.\n  sources:\n"
        "    - title: UN Guiding Principles\n      url: https://www.ohchr.org/\n",
    )
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        "data/glossary.yml:1: 'salient-risk' has no Spanish version: add 'es:' with 'term:' and 'definition:'"
    ) in output


def test_section_without_a_name_in_labels_is_reported(site, capsys):
    site.write("content/en/toolkits/index.md", "---\ntitle: Toolkits\n---\n\nText.\n")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        "data/labels.yml: the section 'content/<lang>/toolkits/' has no name for the "
        "navigation: add 'section_toolkits: {en: ..., es: ...}'"
    ) in output
