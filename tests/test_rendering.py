"""labkb/features/rendering.py: notices, tables and facts as Markdown, without a build.

The labels are a small real `Registries` (the texts of data/labels.yml that these
functions use), so each expected fragment can be written out in full. Tables are also
rendered by Python-Markdown's own tables extension, which MkDocs uses, to prove that a
cell stays one cell.
"""

from __future__ import annotations

import markdown
import pytest

from labkb.features import rendering
from labkb.model.registries import Registries

LABELS = {
    "language_name_en": {"en": "English", "es": "inglés"},
    "language_name_es": {"en": "Spanish", "es": "español"},
    "notice_missing_title": {"en": "Not yet translated", "es": "Aún sin traducir"},
    "notice_missing": {
        "en": "This page is not available in English yet. You are reading the original in {language}.",
        "es": "Esta página todavía no está disponible en español. Se muestra el original en {language}.",
    },
    "notice_stale_title": {"en": "Translation may be out of date", "es": "Traducción posiblemente desactualizada"},
    "notice_stale": {
        "en": "The {language} original of this page has changed since it was translated.",
        "es": "La versión original en {language} cambió después de esta traducción.",
    },
    "notice_stale_link": {"en": "Read the original", "es": "Leer el original"},
    "notice_review_title": {"en": "Awaiting editorial review", "es": "Pendiente de revisión editorial"},
    "notice_review": {"en": "Not verified yet.", "es": "Aún no verificado."},
    "workshop_date": {"en": "Date", "es": "Fecha"},
    "workshop_location": {"en": "Location", "es": "Lugar"},
    "workshop_organisers": {"en": "Organisers", "es": "Organizadores"},
    "workshop_programme": {"en": "Programme", "es": "Programa"},
    "workshop_institutions": {"en": "Participating institutions", "es": "Instituciones participantes"},
    "programme_time": {"en": "Time", "es": "Horario"},
    "programme_session": {"en": "Session", "es": "Sesión"},
    "programme_speakers": {"en": "Speakers", "es": "Expositores"},
    "institution_name": {"en": "Institution", "es": "Institución"},
    "institution_country": {"en": "Country", "es": "País"},
    "event_when": {"en": "When", "es": "Cuándo"},
    "event_link": {"en": "More information", "es": "Más información"},
}
REGS = Registries(labels=LABELS)

WORKSHOP = {
    "date": "2017-10-06",
    "location": "Santiago, Chile",
    "organisers": ["Organization of American States", "ChileCompra"],
    "programme": [
        {"time": "09:00", "title": "Opening", "speakers": ["A. Pérez", "B. Smith"]},
        {"time": "10:30", "title": "Coffee"},  # no speakers
        {"time": "11:00", "title": "Panel", "speakers": []},  # an empty list reads the same
    ],
    "institutions": [{"name": "ChileCompra", "country": "Chile"}, {"name": "Electronics Watch"}],
}


def html_table(text: str) -> list[list[str]]:
    """The cells of each body row, as Python-Markdown's tables extension reads `text`."""
    import re

    out = markdown.markdown(text, extensions=["tables"])
    body = out.split("<tbody>")[1]
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in body.split("</tr>") if "<td>" in row]


# --- notices --------------------------------------------------------------------------------


def test_admonition_indents_every_line_of_the_text():
    assert rendering.admonition("note", "Title", "one\ntwo") == '!!! note "Title"\n\n    one\n    two\n\n'


def test_missing_notice_names_the_original_language_in_the_readers_language():
    assert rendering.missing_notice(REGS, "es", "en") == (
        '!!! info kb-notice-missing "Aún sin traducir"\n\n'
        "    Esta página todavía no está disponible en español. Se muestra el original en inglés.\n\n"
    )
    assert rendering.missing_notice(REGS, "en", "es") == (
        '!!! info kb-notice-missing "Not yet translated"\n\n'
        "    This page is not available in English yet. You are reading the original in Spanish.\n\n"
    )


def test_stale_notice_links_the_original_with_the_link_escaped():
    notice = rendering.stale_notice(REGS, "en", "es", '../../es/x/?a=1&b="2"')
    assert notice == (
        '!!! warning kb-notice-stale "Translation may be out of date"\n\n'
        "    The Spanish original of this page has changed since it was translated."
        ' <a href="../../es/x/?a=1&amp;b=&quot;2&quot;">Read the original</a>.\n\n'
    )


NEEDS = {"review_status": "needs-review", "last_reviewed": "2026-11-21"}
DONE = {"review_status": "reviewed", "reviewed_by": "team", "last_reviewed": "2026-11-21"}
PEOPLE = {
    "team": {
        "name": "Editors",
        "names": {"en": "Editors", "es": "Equipo <editorial>"},
        "roles": {},
        "affiliation": {"en": "Lab", "es": "Lab"},
        "bio": {"en": "x", "es": "x"},
    }
}


def test_review_notice_per_language_awaiting_review_has_no_date_and_stays_out_of_search():
    assert rendering.review_notice(NEEDS, REGS, "en") == (
        '<div class="admonition note kb-notice-review" data-search-exclude>'
        '<p class="admonition-title">Awaiting editorial review</p><p>Not verified yet.</p></div>\n'
    )
    assert rendering.review_notice(NEEDS, REGS, "es") == (
        '<div class="admonition note kb-notice-review" data-search-exclude>'
        '<p class="admonition-title">Pendiente de revisión editorial</p><p>Aún no verificado.</p></div>\n'
    )
    assert rendering.review_notice({"title": "x"}, REGS, "en") == ""


def test_a_reviewed_page_says_who_and_when_in_the_readers_language_escaped():
    labels = {
        **LABELS,
        "notice_reviewed": {"en": "Reviewed by {name} on {date}", "es": "Revisado por {name} el {date}"},
    }
    regs = Registries(labels=labels, authors=PEOPLE)  # type: ignore[arg-type]
    assert rendering.review_status(DONE, regs, "en") == "Reviewed by Editors on 21 November 2026"
    assert rendering.review_status(DONE, regs, "es") == "Revisado por Equipo <editorial> el 21 de noviembre de 2026"
    assert rendering.review_notice(DONE, regs, "es") == (
        '<div class="admonition success kb-notice-reviewed" data-search-exclude><p class="admonition-title">'
        "Revisado por Equipo &lt;editorial&gt; el 21 de noviembre de 2026</p></div>\n"
    )


def test_a_label_missing_in_a_language_falls_back_to_the_default_language():
    regs = Registries(labels={**LABELS, "notice_review": {"en": "Not verified yet."}})
    assert "<p>Not verified yet.</p>" in rendering.review_notice(NEEDS, regs, "es")


# --- tables ---------------------------------------------------------------------------------


def test_table_writes_a_header_a_rule_and_one_line_per_row():
    assert rendering.table(["A", "B"], [["1", 2], [None, "x"]]) == "| A | B |\n|---|---|\n| 1 | 2 |\n| None | x |\n"


def test_table_of_no_rows_is_the_header_alone():
    assert rendering.table(["A"], []) == "| A |\n|---|\n"


def test_a_pipe_in_a_cell_is_escaped_and_stays_in_its_cell():
    text = rendering.table(["Session", "Speakers"], [["Q&A | discussion", "A | B"]])
    assert text.splitlines()[2] == "| Q&A \\| discussion | A \\| B |"
    assert html_table(text) == [["Q&amp;A | discussion", "A | B"]]


def test_a_line_break_in_a_cell_becomes_a_space_and_the_row_stays_one_row():
    text = rendering.table(["Session", "Speakers"], [["Opening\nand welcome", "A"], ["Close", "B"]])
    assert text.splitlines()[2:] == ["| Opening and welcome | A |", "| Close | B |"]
    assert html_table(text) == [["Opening and welcome", "A"], ["Close", "B"]]


def test_a_backslash_before_a_pipe_stays_in_its_cell():
    text = rendering.table(["Session", "Speakers"], [["Panel \\| Q&A", "A"]])
    assert html_table(text) == [["Panel \\| Q&amp;A", "A"]]


def test_a_carriage_return_in_a_cell_keeps_the_row_whole():
    text = rendering.table(["Session", "Speakers"], [["Opening\r\nand welcome", "A"]])
    assert html_table(text) == [["Opening and welcome", "A"]]


# --- workshops and events -------------------------------------------------------------------


def test_workshop_facts_in_both_languages():
    assert rendering.workshop_facts(WORKSHOP, REGS, "en") == (
        "- **Date:** 6 October 2017\n"
        "- **Location:** Santiago, Chile\n"
        "- **Organisers:** Organization of American States; ChileCompra\n\n"
    )
    assert rendering.workshop_facts(WORKSHOP, REGS, "es") == (
        "- **Fecha:** 6 de octubre de 2017\n"
        "- **Lugar:** Santiago, Chile\n"
        "- **Organizadores:** Organization of American States; ChileCompra\n\n"
    )


def test_workshop_data_programme_and_institutions_with_dashes_for_what_is_unknown():
    assert rendering.workshop_data(WORKSHOP, REGS, "es") == (
        "## Programa\n\n"
        "| Horario | Sesión | Expositores |\n"
        "|---|---|---|\n"
        "| 09:00 | Opening | A. Pérez; B. Smith |\n"
        "| 10:30 | Coffee | — |\n"
        "| 11:00 | Panel | — |\n"
        "\n\n## Instituciones participantes\n\n"
        "| Institución | País |\n"
        "|---|---|\n"
        "| ChileCompra | Chile |\n"
        "| Electronics Watch | — |\n"
    )


def test_workshop_data_renders_as_two_tables():
    out = markdown.markdown(rendering.workshop_data(WORKSHOP, REGS, "en"), extensions=["tables"])
    assert out.count("<table>") == 2
    assert "<h2>Programme</h2>" in out and "<h2>Participating institutions</h2>" in out


def test_workshop_data_with_only_institutions_or_nothing():
    only = {"institutions": [{"name": "ChileCompra", "country": "Chile"}]}
    assert rendering.workshop_data(only, REGS, "en") == (
        "\n## Participating institutions\n\n| Institution | Country |\n|---|---|\n| ChileCompra | Chile |\n"
    )
    assert rendering.workshop_data({}, REGS, "en") == ""
    assert rendering.workshop_data({"programme": [], "institutions": []}, REGS, "en") == ""


@pytest.mark.parametrize(
    ("start", "end", "language", "when"),
    [
        ("2017-11-30", "2017-11-30", "en", "30 November 2017"),
        ("2017-11-29", "2017-11-30", "en", "29 November 2017 to 30 November 2017"),
        ("2017-11-29", "2017-11-30", "es", "del 29 de noviembre de 2017 al 30 de noviembre de 2017"),
    ],
)
def test_event_facts(start, end, language, when):
    meta = {"start": start, "end": end, "location": "Geneva, Switzerland", "link": "https://www.ohchr.org/"}
    heads = ("When", "Location", "More information") if language == "en" else ("Cuándo", "Lugar", "Más información")
    assert rendering.event_facts(meta, REGS, language) == (
        f"- **{heads[0]}:** {when}\n"
        f"- **{heads[1]}:** Geneva, Switzerland\n"
        f"- **{heads[2]}:** <https://www.ohchr.org/>\n\n"
    )
