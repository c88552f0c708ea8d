"""The checker's messages in the contributor's language: data/messages.yml, its codes, and
`make check` choosing the language of each file (labkb/model/messages.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from labkb.checks import safety
from labkb.model import frontmatter, languages, messages, schema
from labkb.model.findings import Finding
from labkb.model.messages import Language, msg
from tests.conftest import BODY, MAKE_FILES, REPO, copy_repository, make_as_typed

LABKB = REPO / "labkb"
CODE = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$")


def test_every_code_has_a_message_in_every_language_with_the_same_placeholders():
    catalogue = messages.catalogue()
    assert len(catalogue) > 100
    for code, texts in catalogue.items():
        assert CODE.match(code), code
        assert set(texts) == set(languages.SITE.codes), f"{code}: {sorted(texts)}"
        english = messages.placeholders(texts[languages.SITE.default])
        for language, text in texts.items():
            assert text.strip(), f"{code} ({language}) is empty"
            assert messages.placeholders(text) == english, f"{code} ({language}): {text}"


def test_the_spanish_messages_are_not_the_english_ones():
    """A Spanish text copied from the English one is a translation still to do."""
    same = [code for code, texts in messages.catalogue().items() if texts["es"] == texts["en"]]
    # Words that are the same in both languages, checked by a reader: the state of a page in
    # `make translations` ("original").
    assert sorted(set(same) - {"part.translations.original"}) == []


def _literal_codes() -> set[str]:
    found: set[str] = set()
    for path in LABKB.rglob("*.py"):
        found |= set(re.findall(r"""msg\(\s*"([a-z0-9_.-]+)\"""", path.read_text("utf-8")))
        found |= set(re.findall(r"""\(\s*"((?:safety|part\.yaml)\.[a-z0-9_.-]+)\"""", path.read_text("utf-8")))
    return found


def test_every_code_the_core_uses_is_in_the_catalogue():
    used = _literal_codes()
    assert len(used) > 80
    assert sorted(used - set(messages.catalogue())) == []


def test_every_family_of_codes_made_from_data_is_complete():
    catalogue = messages.catalogue()
    types = [value for value in vars(schema).values() if isinstance(value, schema.ContentType)]
    for ctype in types:
        assert f"part.type.{ctype.key}" in catalogue
        for field in ctype.fields:
            specific = f"part.field.{ctype.key}.{field.name}"
            code = specific if specific in catalogue else f"part.field.{field.name}"
            # The English help is the schema's own, word for word.
            assert catalogue[code]["en"] == field.help, code
    kinds = {"text", "date", "year", "url", "language", "fingerprint", "permanent_id", "author", "vocabulary"}
    assert {k for k in kinds if f"part.kind.{k}" not in catalogue} == set()
    assert [tag for tag in safety._ELEMENT_ADVICE if f"part.advice.{tag}" not in catalogue] == []
    for where in ("front-matter", "data-file", "glossary", "redirects", "file"):
        assert f"part.where.{where}" in catalogue


def test_a_language_without_texts_falls_back_to_the_default_language():
    message = msg("date.not-a-date", date="2024-02-30", month=messages.Month(2), year=2024, days=29)
    assert message.render("pt") == message.render("en")
    assert message.render("es") == "'2024-02-30' no es una fecha que exista: febrero de 2024 tiene 29 días"
    assert messages.language_name("es", "es") == "español"
    assert messages.language_name("es", "pt") == "Spanish"


def test_values_are_written_in_the_message_language():
    message = msg("languages.missing-text", what="'award'", language=Language("es"), add="'es: ...'")
    assert message.render("en") == "'award' has no Spanish text: add 'es: ...'"
    assert message.render("es") == "'award' no tiene texto en español: agregue 'es: ...'"
    nested = msg(
        "author.unknown",
        author="jdoe",
        hint="",
        known=msg("part.none-yet"),
        file="data/authors.yml",
        line="'jdoe: ...'",
    )
    assert "ninguno todavía" in nested.render("es")
    assert message.under("'title'").render("es").startswith("'title': 'award' no tiene")


def test_a_finding_is_written_in_its_file_language_or_the_one_asked_for():
    problem = frontmatter.parse("---\ntitle: [a\n---\n").errors[0]
    spanish = problem.finding("content/es/blog/x.md")
    english = problem.finding("content/en/blog/x.md")
    data = problem.finding("data/authors.yml", "data-file")
    assert spanish.code == english.code == data.code == "yaml.syntax"
    assert spanish.text().startswith("content/es/blog/x.md:3: hay un error de YAML en los metadatos: ")
    assert english.text().startswith("content/en/blog/x.md:3: the front matter is not valid YAML: ")
    assert data.text().startswith("data/authors.yml:3: the data file is not valid YAML: ")
    assert data.text("es").startswith("data/authors.yml:3: hay un error de YAML en el archivo de datos: ")
    assert spanish.text("en").startswith("content/es/blog/x.md:3: the front matter is not valid YAML: ")
    assert spanish.text().endswith(" [yaml.syntax]")
    assert Finding("data/x.yml", 1, "plain text").text("es") == "data/x.yml:1: plain text"


def test_a_github_annotation_is_titled_by_its_code_and_said_in_the_file_language():
    finding = frontmatter.parse("---\ntitle: a\ntitle: b\n---\n").errors[0].finding("content/es/blog/x.md")
    assert finding.github() == (
        "::error file=content/es/blog/x.md,line=3,title=yaml.duplicate-key::"
        "'title' aparece dos veces (la primera, en la línea 2): deje una sola [yaml.duplicate-key]"
    )


# --- `make check`, as typed, on a copy of the repository --------------------------------------


BROKEN = """\
---
title: {title}
date: 2026-02-30
authors: [jdoe]
categories: [lab-news]
description: {description}
---

"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content", "mkdocs.yml"))
    (root / "content/es/blog/compras.md").write_text(
        BROKEN.format(title="Compras públicas", description="Una entrada en español.") + BODY, encoding="utf-8"
    )
    (root / "content/en/blog/buying.md").write_text(
        BROKEN.format(title="Public buying", description="A post in English.") + BODY, encoding="utf-8"
    )
    return root


def make(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`make ARGUMENTS` as typed in a shell, with this test run's .venv."""
    return make_as_typed(root, *arguments, timeout=300)


def _findings(output: str, path: str) -> dict[str, str]:
    """code -> line of output, for the findings about `path`."""
    found = {}
    for line in output.splitlines():
        match = re.match(rf"^{re.escape(path)}:\d+: .* \[([a-z0-9_.-]+)\]$", line)
        if match:
            found[match.group(1)] = line
    return found


def test_make_check_speaks_the_language_of_each_file(checkout):
    result = make(checkout, "check")
    assert result.returncode != 0
    spanish = _findings(result.stdout, "content/es/blog/compras.md")
    english = _findings(result.stdout, "content/en/blog/buying.md")
    assert spanish["date.not-a-date"] == (
        "content/es/blog/compras.md:3: 'date': '2026-02-30' no es una fecha que exista: "
        "febrero de 2026 tiene 28 días [date.not-a-date]"
    )
    assert spanish["author.unknown"] == (
        "content/es/blog/compras.md:4: 'authors': autor desconocido: 'jdoe' (registrados: lab-editors). Si es su "
        "primera entrada, agréguese a data/authors.yml en la misma pull request: escriba al final de ese archivo "
        "esta línea, 'jdoe: {name: Your Name, affiliation: {en: Your organisation, es: Su organización}, bio: "
        "{en: One sentence about you., es: Una frase sobre usted.}}', con su nombre, su organización y una frase "
        "sobre usted en cada idioma [author.unknown]"
    )
    assert english["date.not-a-date"] == (
        "content/en/blog/buying.md:3: 'date': '2026-02-30' is not a date that exists: February 2026 has 28 days "
        "[date.not-a-date]"
    )
    assert english["author.unknown"] == (
        "content/en/blog/buying.md:4: 'authors': unknown author 'jdoe' (known: lab-editors). If this is your "
        "first post, add yourself to data/authors.yml in the same pull request: put this line at the end of that "
        "file, 'jdoe: {name: Your Name, affiliation: {en: Your organisation, es: Su organización}, bio: {en: One "
        "sentence about you., es: Una frase sobre usted.}}', with your name, your organisation and a sentence "
        "about you in each language [author.unknown]"
    )
    assert set(spanish) == set(english)


def test_make_check_in_the_language_asked_for(checkout):
    typed = make(checkout, "check", "KB_LANG=es")  # as docs/contributing.md types it
    assert (
        "content/en/blog/buying.md:3: 'date': '2026-02-30' no es una fecha que exista: febrero de 2026 tiene 28 días "
        "[date.not-a-date]"
    ) in typed.stdout.splitlines()
    result = make(checkout, "check", "KB_LANG=es", "FORMAT=github")
    assert result.returncode != 0
    assert (
        "::error file=content/en/blog/buying.md,line=3,title=date.not-a-date::'date': '2026-02-30' no es una fecha "
        "que exista: febrero de 2026 tiene 28 días [date.not-a-date]"
    ) in result.stdout.splitlines()
    assert "Corríjalos y vuelva a ejecutar 'make check'." in result.stderr


def test_make_new_post_speaks_the_language_asked_for(checkout):
    typed = make(checkout, "new-post", "KB_LANG=es")  # as docs/contributing.md types it (no terminal here)
    assert "new-post: falta un dato (título): indíquelo como argumento (vea 'make help') [new-post.missing]" in (
        typed.stderr.splitlines()
    )
    spanish = make(checkout, "new-post", "KB_LANG=es", "TITLE=Compras justas", "AUTHOR=jdoe")
    assert spanish.returncode != 0
    assert (
        "new-post: falta un dato (idiomas): indíquelo como argumento (vea 'make help') [new-post.missing]"
    ) in spanish.stderr.splitlines()
    english = make(checkout, "new-post", "TITLE=Fair buying", "AUTHOR=jdoe")
    assert "new-post: missing languages: give it as an argument (see 'make help') [new-post.missing]" in english.stderr
    full = ["TITLE=Compras justas", "LANGS=es", "CATEGORY=practice", "DESCRIPTION=Una entrada."]
    unknown = make(checkout, "new-post", "KB_LANG=es", "AUTHOR=jdoe", *full)
    assert (
        "new-post: autor desconocido: 'jdoe' (registrados: lab-editors); primero agréguese en data/authors.yml "
        "[new-post.unknown-author]"
    ) in unknown.stderr
    made = make(checkout, "new-post", "KB_LANG=es", "AUTHOR=lab-editors", *full)
    assert made.returncode == 0, made.stderr
    assert "se creó content/es/blog/compras-justas.md" in made.stdout.splitlines()


def test_the_contributing_guides_list_every_code_with_its_message():
    """docs/contributing.md (English) and docs/contributing.es.md (Spanish) carry the table generated
    from data/messages.yml; `make docs-reference` writes it."""
    from labkb.output import message_reference

    for guide, (language, code_heading, message_heading) in message_reference.GUIDES.items():
        document = (REPO / guide).read_text(encoding="utf-8")
        generated = message_reference.table(language, code_heading, message_heading)
        assert message_reference.splice(document, generated) == document, f"{guide}: run 'make docs-reference'"
    spanish = (REPO / "docs/contributing.es.md").read_text(encoding="utf-8")
    row = "| `date.not-a-date` | `'{date}' no es una fecha que exista: {month} de {year} tiene {days} días` |"
    assert row in spanish


def test_a_yaml_mistake_in_the_language_list_is_a_message_not_a_traceback(tmp_path):
    """data/languages.yml is read when the package is imported, before the languages are known:
    its own messages are then in the catalogue's first language."""
    root = copy_repository(tmp_path / "checkout", ("labkb", "data"))
    (root / "data/languages.yml").write_text("en:\n  name: [unclosed\n", encoding="utf-8")
    script = "import labkb.model.languages as l; print(l.__file__); print(*(f.text() for f in l.PROBLEMS), sep='\\n')"
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    where, problem = result.stdout.splitlines()
    assert where == str(root / "labkb/model/languages.py")
    assert problem.startswith("data/languages.yml:3: the data file is not valid YAML: ")
    assert problem.endswith(" [yaml.syntax]")


def test_make_docs_reference_rewrites_the_message_lists_as_typed(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "docs"))
    guide = root / "docs/contributing.es.md"
    committed = guide.read_text(encoding="utf-8")
    guide.write_text(committed.replace("| `date.not-a-date` |", "| `date.stale` |"), encoding="utf-8")
    result = make(root, "docs-reference")
    assert result.returncode == 0, result.stderr
    assert "updated docs/contributing.es.md" in result.stdout.splitlines()
    assert guide.read_text(encoding="utf-8") == committed
    again = make(root, "docs-reference")
    assert "updated" not in again.stdout


def test_numbers_are_written_as_the_message_language_writes_them():
    """Thousands grouped with ',' in English and '.' in Spanish, decimals after '.' and ','; a year stays."""
    page = msg("bounds.page-size", size=123456, limit=100000, more="")
    assert page.render("en").startswith("the page is 123,456 bytes long, more than the 100,000 allowed")
    assert page.render("es").startswith("la página ocupa 123.456 bytes, más que los 100.000 permitidos")
    speed = msg("check.ok", count=1200, seconds=messages.Number(2.5, 2))
    assert speed.render("en") == "OK: 1,200 content files checked in 2.50 s, no problems."
    assert speed.render("es") == "OK: se revisaron 1.200 archivos de contenido en 2,50 s, sin problemas."
    assert msg("date.not-a-date", date="2024-02-30", month=messages.Month(2), year=2024, days=29).render("es") == (
        "'2024-02-30' no es una fecha que exista: febrero de 2024 tiene 29 días"
    )
    assert messages.number(1200000, "es") == "1.200.000"  # as the style sheet writes US$ 1.200.000
    duplicate = msg("yaml.duplicate-key", key="title", first=1234).render("es")
    assert duplicate == "'title' aparece dos veces (la primera, en la línea 1234): deje una sola"  # a position


def test_each_example_in_the_catalogue_is_the_schemas_own_in_english():
    """part.example.* (the example of a text field in 'missing required key', in each language):
    the English is the schema's example, word for word, so the two cannot drift."""
    from labkb.checks import engine

    codes = {code for code in messages.catalogue() if code.startswith("part.example.")}
    used = set()
    for ctype in (value for value in vars(schema).values() if isinstance(value, schema.ContentType)):
        for field in ctype.fields:
            example = engine.field_example(ctype, field)
            if isinstance(example, messages.Message):
                used.add(example.code)
                assert example.render("en") == engine.example_line(field), example.code
                assert example.render("es") != example.render("en"), example.code
    assert used == codes and len(codes) >= 5
