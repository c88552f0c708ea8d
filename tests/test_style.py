"""One voice per language: the forbidden variants of data/style.yml (labkb/checks/style.py).

A variant is reported with file, line and the form to write, in pages (body and front
matter) and in data; code, addresses and quotations never raise a false alarm; editors
extend the list in data; and the real content has none.
"""

from __future__ import annotations

import pytest

from labkb.checks import style
from labkb.model.corpus import Corpus
from labkb.model.frontmatter import load_yaml
from labkb.model.project import Project
from tests.conftest import BLOG_FRONT, BODY, MAKE_FILES, REPO, copy_repository, make_as_typed, without_codes

POST = "content/es/blog/post.md"
FRONT_LINES = BLOG_FRONT.count("\n")  # the body starts on the line after these
CASE_WHY = "la forma que usan las entidades de compras públicas de América Latina"
# In a Spanish page the message is Spanish; in a data file, English (data/messages.yml).
CASE_MESSAGE_ES = (
    "'caso de estudio' no es la forma que usa el sitio: escriba 'estudio de caso' "
    f"({CASE_WHY}; lista en data/style.yml)"
)
CASE_MESSAGE = (
    f"'caso de estudio' is not how the site writes it: write 'estudio de caso' ({CASE_WHY}; list in data/style.yml)"
)


def post(body: str, front: str = BLOG_FRONT) -> str:
    return front + "\n" + body + BODY


def test_a_variant_in_a_spanish_page_is_reported_with_file_line_and_fix(site, capsys):
    site.write(POST, post("Este caso de estudio muestra un camino.\n\n"))
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert f"{POST}:{FRONT_LINES + 2}: {CASE_MESSAGE_ES}" in without_codes(output), output


def test_a_variant_in_front_matter_is_reported_on_its_line(site, capsys):
    site.write(POST, post("Texto.\n\n", BLOG_FRONT.replace("description: Why", "description: Un caso de estudio. Why")))
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert f"{POST}:6: {CASE_MESSAGE_ES}" in without_codes(output), output


def test_the_longer_variant_is_reported_alone(site, capsys):
    site.write(POST, post("El Learning Lab publicó su informe.\n\n"))
    site.record()
    _, output = site.check(capsys=capsys)
    reported = [line for line in without_codes(output) if line.startswith(f"{POST}:")]
    assert reported == [
        f"{POST}:{FRONT_LINES + 2}: 'Learning Lab' no es la forma que usa el sitio: escriba 'el Laboratorio' "
        "(el nombre del Laboratorio en español; completo, Laboratorio Internacional de Aprendizaje sobre Compras "
        "Públicas y Derechos Humanos; lista en data/style.yml)"
    ]


def test_english_pages_are_not_held_to_the_spanish_list(site, capsys):
    site.write("content/en/blog/post.md", post('The Learning Lab wrote a "case study".\n\n'))
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 0, output


NO_FALSE_ALARM = [
    # (name, body text that must pass)
    ("code-span", "Escriba `caso de estudio` solo en código.\n\n"),
    ("fenced-code", '```yaml\ntitle: "Learning Lab"\n```\n\n'),
    ("link-address", 'Véase [la guía](https://example.org/caso-de-estudio/Learning-Lab?q="x").\n\n'),
    ("link-title", 'Véase [la guía](https://example.org/ "Learning Lab").\n\n'),
    ("bare-address", "Más en https://example.org/Learning%20Lab/caso de estudio.\n\n"),
    ("quotation", "El informe se titula «A Learning Lab report» (en inglés).\n\n"),
    ("html-attribute", '<span title="Learning Lab">El Laboratorio</span>\n\n'),
    ("id-with-hyphen", "La categoría lab-news agrupa noticias.\n\n"),
    ("inside-a-word", "Una versión laboral, verde y verificable.\n\n"),
]


@pytest.mark.parametrize(("name", "body"), NO_FALSE_ALARM, ids=[c[0] for c in NO_FALSE_ALARM])
def test_code_addresses_and_quotations_raise_no_false_alarm(site, capsys, name, body):
    site.write(POST, post(body))
    site.record()
    _, output = site.check(capsys=capsys)
    assert "data/style.yml" not in output, output


def test_a_source_title_in_another_language_is_quoted_as_written():
    variants, _ = style.load(Project(REPO))
    node, _ = load_yaml(
        "sources:\n  - title: Learning Lab report\n    url: https://example.org/\n    language: en\n"
        "  - title: Informe del Learning Lab\n    url: https://example.org/es\n"
    )
    assert node is not None
    found = [(line, v.avoid) for line, text in style._texts(node, "es") for _, v in style.scan(text, variants)]
    assert found == [(5, "Learning Lab")]


def test_a_variant_in_data_is_reported_with_its_line(site, capsys):
    labels = site.root / "data" / "labels.yml"
    text = labels.read_text(encoding="utf-8") + "extra_label: {en: Case study, es: Caso de estudio}\n"
    labels.write_text(text, encoding="utf-8")
    line = text.count("\n")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert f"data/labels.yml:{line}: {CASE_MESSAGE}" in without_codes(output), output


def test_the_glossary_and_the_survey_are_checked(site, capsys):
    glossary = site.root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8").replace("Proceso continuo", "Proceso sustentable y continuo", 1)
    glossary.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "Proceso sustentable" in ln)
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert any(ln.startswith(f"data/glossary.yml:{line}: 'sustentable'") for ln in output.splitlines()), output


def test_editors_extend_the_list_in_data(site, capsys):
    style_file = site.root / style.FILE
    style_file.write_text(
        style_file.read_text(encoding="utf-8").replace(
            "en: []", "en:\n  - avoid: organization\n    use: organisation\n    why: British spelling"
        ),
        encoding="utf-8",
    )
    site.write("content/en/blog/post.md", post("Each organization buys.\n\n"))
    site.record()
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"content/en/blog/post.md:{FRONT_LINES + 2}: 'organization' is not how the site writes it: "
        "write 'organisation' (British spelling; list in data/style.yml)"
    ) in without_codes(output), output


def test_a_malformed_entry_is_reported_with_its_line(site, capsys):
    style_file = site.root / style.FILE
    text = style_file.read_text(encoding="utf-8").replace("en: []", "en:\n  - avoid: color\n    use: colour")
    style_file.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - avoid: color") + 1
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        f"data/style.yml:{line}: each entry needs 'avoid' (the forbidden variant), 'use' (the site's form) "
        "and 'why' (the reason), and nothing else; wrong or missing: why"
    ) in without_codes(output), output


def test_make_check_as_typed_reports_a_variant(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "mkdocs.yml", "labkb", "data", "content"))
    page = root / "content" / "es" / "index.md"
    text = page.read_text(encoding="utf-8") + "\nUn caso de estudio más.\n"
    page.write_text(text, encoding="utf-8")
    result = make_as_typed(root, "check", timeout=300)
    assert result.returncode != 0
    line = text.count("\n")
    assert f"content/es/index.md:{line}: {CASE_MESSAGE_ES}" in without_codes(result.stdout), result.stdout


def test_the_site_has_no_forbidden_variant():
    assert style.findings(Corpus.read(Project(REPO))) == []


def test_curly_quotes_are_spanish_variants_but_english_quotations(site, capsys):
    """In Spanish a “quotation” is no exemption: its marks are reported, and so are its words."""
    site.write(POST, post("El título es “Sustentable Lab” (en inglés).\n\n"))
    site.write("content/en/blog/other.md", post("It is called “Sustentable Lab” in the report.\n\n"))
    site.record()
    _, output = site.check(capsys=capsys)
    reported = [line.split(": ")[0] + ": " + line.split(": ")[1] for line in output.splitlines() if "style.yml" in line]
    assert reported == [
        f"{POST}:{FRONT_LINES + 2}: 'Lab' no es la forma que usa el sitio",
        f"{POST}:{FRONT_LINES + 2}: 'sustentable' no es la forma que usa el sitio",
        f"{POST}:{FRONT_LINES + 2}: '“' no es la forma que usa el sitio",
    ], output
