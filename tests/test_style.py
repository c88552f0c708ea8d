"""One voice per language: the forbidden variants of data/style.yml (labkb/checks/style.py).

A variant is reported with file, line and the form to write, in pages (body and front
matter) and in data; code, addresses and quotations never raise a false alarm; editors
extend the list in data; and the real content has none.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkb.checks import style
from labkb.model import markdown_source
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


# --- the fast scan finds what the rule says (labkb/checks/style.py `scan`) -------------------


def reference_scan(text: str, variants: list[style.Variant]) -> list[tuple[int, str]]:
    """The rule as the module's docstring states it, the slow way: every line against every
    variant's pattern (of the variants whose first word the text holds, as `scan` always did);
    a variant inside a longer one's match is not reported; each variant once a line."""
    lowered = text.lower()
    kept = [v for v in variants if v.avoid.split()[0].lower() in lowered]
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        spans = [(m.start(), m.end(), v) for v in kept for m in v.pattern.finditer(line)]
        reported: set[str] = set()
        for start, end, variant in spans:
            inside = any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
            if not inside and variant.avoid not in reported:
                reported.add(variant.avoid)
                found.append((number, variant.avoid))
    return found


def scanned(text: str, variants: list[style.Variant]) -> list[tuple[int, str]]:
    return [(line, v.avoid) for line, v in style.scan(text, variants)]


SPANISH, _ = style.load(Project(REPO))
# More variants than data/style.yml has: letters whose case the `re` module folds otherwise
# than str.lower ('s' and the long s, 'k' and the Kelvin sign, dotted and dotless i), a sigma.
EXTRA = style._with_quick_search(
    [
        style.Variant("es", avoid, "x", "y", 1, style._pattern(avoid))
        for avoid in ("Kiosko", "sis", "ver)", "İzmir", "ας", "straße")
    ]
)
VARIANTS = SPANISH + EXTRA

SCAN_CASES = [
    # (text, [(line, variant)])
    ("Caso de estudio al principio.", [(1, "caso de estudio")]),
    ("Al final, un caso de estudio", [(1, "caso de estudio")]),
    ("(CASO DE ESTUDIO).", [(1, "caso de estudio")]),
    ("un caso  de\testudio", [(1, "caso de estudio")]),
    ("un caso\nde estudio", []),  # a line break splits it
    ("un caso de estudio-piloto y lab-news", []),  # a hyphen makes another word
    ("laboral y laboratorio", []),
    ("El Learning Lab y el Lab", [(1, "Learning Lab"), (1, "Lab")]),
    ("Texto.\n\nEl caso de estudio.\nY el ca\u017fo de e\u017ftudio.", [
        (3, "caso de estudio"),
        (4, "caso de estudio"),
    ]),
    ("El Kiosko y el \u212aiosko", [(1, "Kiosko")]),
    ("la síntesis, la sis y la \u017fi\u017f", [(1, "sis")]),
    ("ΑΣ y ας", [(1, "ας")]),
    ('Dijo "sí" y “no”', [(1, '"'), (1, "“")]),
]


@pytest.mark.parametrize(("text", "expected"), SCAN_CASES, ids=[c[0][:30] for c in SCAN_CASES])
def test_scan_finds_a_variant_anywhere_on_a_line_in_any_case(text, expected):
    assert scanned(text, VARIANTS) == expected
    assert scanned(text, VARIANTS) == reference_scan(text, VARIANTS)


def test_a_capital_sigma_is_lowered_as_it_is_after_blanking():
    # Capital alpha and sigma before code: lower case ends in the medial sigma, but once the code
    # is blanked the sigma ends a word and becomes the final sigma, as the variant has it.
    text = "\u0391\u03a3`x`"
    found = [(line, v.avoid) for line, v in style._scan_part(text, "es", VARIANTS, style._value_prose)]
    assert found == reference_scan(style._value_prose(text, "es"), VARIANTS) == [(1, "ας")]


def test_code_is_still_ignored_in_a_body_and_in_a_value():
    body = "Escriba `caso de estudio`.\n\n```\nel Learning Lab\n```\n\nUn caso de estudio.\n"
    prose = style.prose(markdown_source.mask_code(body), "es")
    assert scanned(prose, VARIANTS) == [(7, "caso de estudio")]
    assert scanned(style._value_prose("Un `caso de estudio` y un Lab", "es"), VARIANTS) == [(1, "Lab")]


PIECES = [
    *(v.avoid for v in VARIANTS),
    *(v.avoid.upper() for v in VARIANTS),
    *(v.avoid.replace("s", "\u017f").replace("i", "\u0131").replace("k", "\u212a") for v in VARIANTS),
    *(v.avoid.replace(" ", "\n") for v in VARIANTS),
    *(v.avoid.replace(" ", " \t ") for v in VARIANTS),
    *" \n-_a9«»“”\"()",
    "laboratorio",
    "\u0391\u03a3",  # capital alpha and sigma: the final sigma in lower case at the end of a word only
    "`x`",
    "İ",
    "Σ",
    "ς",
    "`",
    "https://example.org/Lab",
    "[Lab](https://example.org/caso de estudio)",
    "<b title='Lab'>",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_scan_finds_what_the_rule_finds(text):
    assert scanned(text, VARIANTS) == reference_scan(text, VARIANTS)
    for language in ("es", "en"):
        # A text is blanked only when it may hold a variant: the same findings as always blanking it.
        for blank in (style.prose, style._value_prose):
            fast = [(line, v.avoid) for line, v in style._scan_part(text, language, VARIANTS, blank)]
            assert fast == reference_scan(blank(text, language), VARIANTS)
