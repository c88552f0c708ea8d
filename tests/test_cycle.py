"""labkb/features/cycle.py: the procurement cycle picture, parsed as XML, without a build."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from labkb.features import cycle

SVG = "{http://www.w3.org/2000/svg}"
# The five stages of data/vocabularies.yml, in Spanish (accents), with their stage pages.
STAGES = [
    cycle.Stage("Planificación y evaluación de riesgos", "stages/planning/", 2),
    cycle.Stage("Diálogo con el mercado", "stages/market-engagement/", 1),
    cycle.Stage("Licitación y selección", "stages/tendering/", 0),
    cycle.Stage("Adjudicación", "stages/award/", 1),
    cycle.Stage("Gestión y monitoreo del contrato", "stages/contract-management/", 3),
]
COUNTS = ("{count} guía", "{count} guías")


def picture(stages=STAGES, title="El ciclo de la contratación pública", description="Cinco etapas.") -> ET.Element:
    return ET.fromstring(cycle.svg(stages, title, description, COUNTS))


def test_the_picture_is_well_formed_xml_a_figure_holding_an_svg_and_its_caption():
    figure = picture()
    assert figure.tag == "figure"
    assert [child.tag for child in figure] == [f"{SVG}svg", "figcaption"]
    svg = figure[0]
    assert svg.get("viewBox") == f"0 0 {cycle.WIDTH} {cycle.HEIGHT}"
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "kb-cycle-title kb-cycle-desc"
    assert svg.find(f"{SVG}title").text == "El ciclo de la contratación pública"
    assert svg.find(f"{SVG}desc").text == "Cinco etapas."
    assert figure.find("figcaption").text == "Cinco etapas."


def test_one_link_per_stage_in_order_numbered_with_its_count():
    links = picture().findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [s.url for s in STAGES]
    # Named by its visible text, words apart (no aria-label that could differ from it: WCAG 2.5.3).
    assert [" ".join("".join(a.itertext()).split()) for a in links] == [
        "1. Planificación y evaluación de riesgos 2 guías",
        "2. Diálogo con el mercado 1 guía",
        "3. Licitación y selección 0 guías",
        "4. Adjudicación 1 guía",
        "5. Gestión y monitoreo del contrato 3 guías",
    ]
    assert all(a.get("aria-label") is None for a in links)
    # The text is inside the link (not colour alone): each label line, then the count.
    texts = [[t.text for t in a.findall(f"{SVG}text")] for a in links]
    assert texts[0] == ["1. Planificación y", "evaluación de", "riesgos", "2 guías"]
    assert texts[3] == ["4. Adjudicación", "1 guía"]
    assert texts[4] == ["5. Gestión y", "monitoreo del", "contrato", "3 guías"]


def test_labels_titles_and_addresses_are_escaped():
    stages = [
        cycle.Stage('Plan & <script>alert("x")</script>', 'stages/a/?x=1&y="2"', 1),
        cycle.Stage("Award", "stages/award/", 2),
    ]
    text = cycle.svg(stages, "Cycle <b>&</b>", 'Say "hi" & <go>', ("{count} doc", "{count} docs"))
    assert "<script>" not in text and "<b>" not in text and "<go>" not in text
    figure = ET.fromstring(text)  # escaped, so still well-formed
    first = figure.find(f".//{SVG}a")
    assert first.get("href") == 'stages/a/?x=1&y="2"'
    assert " ".join("".join(first.itertext()).split()) == '1. Plan & <script>alert("x")</script> 1 doc'
    assert figure.find(f".//{SVG}title").text == "Cycle <b>&</b>"
    assert figure.find("figcaption").text == 'Say "hi" & <go>'


def test_every_stage_box_lies_inside_the_picture():
    for rect in picture().iter(f"{SVG}rect"):
        x, y = float(rect.get("x")), float(rect.get("y"))
        assert x >= 0 and x + cycle.BOX_W <= cycle.WIDTH
        assert y >= 0 and y + cycle.BOX_H <= cycle.HEIGHT


@pytest.mark.parametrize(("count", "arrows"), [(1, 0), (2, 2), (3, 3), (5, 5)])
def test_an_arrow_from_each_stage_to_the_next_and_back_to_the_first(count, arrows):
    stages = [cycle.Stage(f"Stage {i}", f"s{i}/", 1) for i in range(count)]
    lines = picture(stages).findall(f".//{SVG}line")
    assert len(lines) == arrows
    assert all(line.get("marker-end") == "url(#kb-cycle-head)" for line in lines)


def test_no_stage_is_an_empty_picture_still_well_formed():
    figure = picture([])
    assert figure.findall(f".//{SVG}a") == [] and figure.findall(f".//{SVG}line") == []


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("1. Award", ["1. Award"]),
        ("1. Contract management and monitoring", ["1. Contract", "management and", "monitoring"]),
        ("1. Aaaaaaaaaaaaaaaaaaaaaaaaa b", ["1.", "Aaaaaaaaaaaaaaaaaaaaaaaaa", "b"]),  # a long word is never cut
        ("", []),
    ],
)
def test_labels_wrap_at_word_boundaries(label, lines):
    assert cycle._lines(label, width=20) == lines
