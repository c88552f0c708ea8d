"""labkb/features/survey_sheet.py: the editing sheet and its import, on a two-jurisdiction survey in tmp_path.

The survey is written as YAML files and read by the real loader (labkb/features/survey.py); the sheet
is CSV text in memory. Nothing is built and nothing is copied from the checkout.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from labkb.features import survey, survey_sheet
from labkb.model.project import Project

SURVEY_YML = """\
title: {en: A survey, es: Una encuesta}
status: {en: Starter data., es: Datos iniciales.}
jurisdictions: [se, cl]
regions:
  europe: {en: Europe, es: Europa}
  south-america: {en: South America, es: América del Sur}
kinds:
  national: {en: National, es: Nacional}
"""
INDICATORS_YML = """\
scale:
  "yes": {en: "Yes", es: "Sí", symbol: "●"}
  "no": {en: "No", es: "No", symbol: "○"}
  unknown: {en: Not known yet, es: Sin datos aún, symbol: "?"}
themes:
  state-duty:
    en: The State as buyer
    es: El Estado como comprador
    source:
      title: UN Guiding Principles
      url: https://www.ohchr.org/
indicators:
  policy:
    short: {en: Policy, es: Política}
    theme: state-duty
    question: {en: Is there a policy?, es: ¿Hay una política?}
  clauses:
    short: {en: Clauses, es: Cláusulas}
    theme: state-duty
    question: {en: Are there clauses?, es: ¿Hay cláusulas?}
"""
SE_YML = """\
code: se
name:
  en: Sweden
  es: Suecia
region: europe
kind: national
answers:
  policy:
    answer: 'yes'
    note:
      en: 'A policy: since 2016.'
      es: Una política desde 2016.
    sources:
      - title: 'Annual report: part 1'
        url: https://example.org/report
        pinpoint: p. 4
      - title: Law
        url: https://example.org/law
    valid_on: 2026-11-21
    review_status: reviewed
  clauses:
    answer: unknown
    note:
      en: Not verified yet.
    note_pending: [es]
    sources: []
    valid_on: 2026-11-21
    review_status: needs-review
"""
CL_YML = """\
code: cl
name:
  en: Chile
  es: Chile
region: south-america
kind: national
answers:
  policy:
    answer: 'no'
    note:
      en: None found.
      es: No se encontró.
    sources:
      - title: ChileCompra
        url: https://www.chilecompra.cl/
    valid_on: 2025-01-31
    review_status: needs-review
  clauses:
    answer: unknown
    note:
      en: Not verified yet.
      es: Aún sin verificar.
    sources: []
    valid_on: 2026-11-21
    review_status: needs-review
"""
HEADER = "jurisdiction,indicator,answer,note_en,note_es,note_pending,sources,valid_on,review_status"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    folder = tmp_path / "data/survey/jurisdictions"
    folder.mkdir(parents=True)
    (tmp_path / "data/survey/survey.yml").write_text(SURVEY_YML, encoding="utf-8")
    (tmp_path / "data/survey/indicators.yml").write_text(INDICATORS_YML, encoding="utf-8")
    (folder / "se.yml").write_text(SE_YML, encoding="utf-8")
    (folder / "cl.yml").write_text(CL_YML, encoding="utf-8")
    return Project(tmp_path)


def loaded(project: Project) -> survey.Survey:
    data, findings = survey.load(project)
    assert findings == []
    return data


def files(project: Project) -> dict[str, str]:
    folder = project.root / survey.JURISDICTIONS_FOLDER
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def sheet(rows_: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=survey_sheet.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows_)
    return out.getvalue()


# --- export ---------------------------------------------------------------------------------


def test_export_has_one_row_per_answer_in_declared_order(project):
    text = survey_sheet.export_csv(loaded(project))
    assert text.splitlines()[0] == HEADER
    assert text.endswith("\r\n")
    got = rows(text)
    assert [(r["jurisdiction"], r["indicator"]) for r in got] == [
        ("se", "policy"),
        ("se", "clauses"),
        ("cl", "policy"),
        ("cl", "clauses"),
    ]
    assert got[0] == {
        "jurisdiction": "se",
        "indicator": "policy",
        "answer": "yes",
        "note_en": "A policy: since 2016.",
        "note_es": "Una política desde 2016.",
        "note_pending": "",
        # One source per line, 'title | url | pinpoint'.
        "sources": "Annual report: part 1 | https://example.org/report | p. 4\nLaw | https://example.org/law",
        "valid_on": "2026-11-21",
        "review_status": "reviewed",
    }
    assert got[1]["note_es"] == "" and got[1]["note_pending"] == "es" and got[1]["sources"] == ""


def test_dump_jurisdiction_is_the_canonical_text_of_the_file(project):
    data = loaded(project)
    assert survey_sheet.dump_jurisdiction(data.jurisdictions["cl"], data) == CL_YML
    assert survey_sheet.dump_jurisdiction(data.jurisdictions["se"], data) == SE_YML


# --- import ---------------------------------------------------------------------------------


def test_export_then_import_changes_nothing(project):
    data = loaded(project)
    before = files(project)
    assert survey_sheet.import_csv(project, data, survey_sheet.export_csv(data), "sheet.csv") == ([], [])
    assert files(project) == before


def test_an_imported_edit_rewrites_only_its_file_in_canonical_form(project):
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[2].update(
        answer="yes",
        note_en="Adopted in 2025.",
        sources="Decree 12 | https://www.bcn.cl/decree-12 | art. 3\r\nGuide | http://example.org/guide",
        valid_on="2025-06-30",
        review_status="reviewed",
    )
    written, problems = survey_sheet.import_csv(project, data, "\ufeff" + sheet(edited), "sheet.csv")
    assert (written, problems) == (["data/survey/jurisdictions/cl.yml"], [])
    assert files(project)["se.yml"] == SE_YML
    assert files(project)["cl.yml"] == CL_YML.replace(
        "    answer: 'no'\n    note:\n      en: None found.\n",
        "    answer: 'yes'\n    note:\n      en: Adopted in 2025.\n",
    ).replace(
        "      - title: ChileCompra\n        url: https://www.chilecompra.cl/\n"
        "    valid_on: 2025-01-31\n    review_status: needs-review\n",
        "      - title: Decree 12\n        url: https://www.bcn.cl/decree-12\n        pinpoint: art. 3\n"
        "      - title: Guide\n        url: http://example.org/guide\n"
        "    valid_on: 2025-06-30\n    review_status: reviewed\n",
    )
    # What was written reads back as the same answers.
    assert loaded(project).jurisdictions["cl"].answers["policy"].value == "yes"


def test_a_sheet_without_the_columns_is_refused(project):
    text = "jurisdiction,indicator,answer\r\nse,policy,yes\r\n"
    written, problems = survey_sheet.import_csv(project, loaded(project), text, "sheet.csv")
    assert written == []
    assert problems == [
        "sheet.csv: row 1: the columns note_en, note_es, note_pending, sources, valid_on, review_status are "
        "missing (expected: " + ", ".join(survey_sheet.COLUMNS) + "); export the sheet again with "
        "'make survey-export' and keep its columns as they are"
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "answer",
            "yess",
            "sheet.csv: row 2, column 'answer': 'yess' is not on the scale (yes, no, unknown) (did you mean 'yes'?)",
        ),
        ("note_es", "", "sheet.csv: row 2, column 'note_es': the note is empty: write it, or put 'es' in note_pending"),
        ("note_pending", "fr", "sheet.csv: row 2, column 'note_pending': 'fr' is not a language of the site (en, es)"),
        (
            "sources",
            "Only a title",
            "sheet.csv: row 2, column 'sources': 'Only a title' is not 'title | url', "
            "'title | url | pinpoint' or 'title | url | pinpoint | language' (one source per line)",
        ),
        (
            "sources",
            "[es] Ley | https://example.org/ley | art. 3 | es",
            "sheet.csv: row 2, column 'sources': '[es] Ley | https://example.org/ley | art. 3 | es' gives an edition, "
            "but no source comes before it",
        ),
        (
            "sources",
            "Law | https://example.org/law | s. 3 | english",
            "sheet.csv: row 2, column 'sources': 'english' is not a language code: use one of en, es",
        ),
        (
            "sources",
            "Law | ftp://example.org/law",
            "sheet.csv: row 2, column 'sources': expected a web address starting with https:// (or http://), "
            "found 'ftp://example.org/law'",
        ),
        (
            "sources",
            "",
            "sheet.csv: row 2, column 'sources': an answer other than 'unknown' needs at least one public source",
        ),
        (
            "valid_on",
            "21/11/2026",
            "sheet.csv: row 2, column 'valid_on': expected a date as YYYY-MM-DD (e.g. 2017-10-06), found '21/11/2026'",
        ),
        (
            "valid_on",
            "2026-02-30",
            "sheet.csv: row 2, column 'valid_on': '2026-02-30' is not a date that exists: February 2026 has 28 days",
        ),
        (
            "review_status",
            "done",
            "sheet.csv: row 2, column 'review_status': 'done' must be one of needs-review, reviewed",
        ),
        ("jurisdiction", "xx", "sheet.csv: row 2, column 'jurisdiction': 'xx' is not a declared jurisdiction (se, cl)"),
        ("indicator", "polcy", "sheet.csv: row 2, column 'indicator': 'polcy' is not an indicator (policy, clauses)"),
    ],
)
def test_each_bad_cell_is_named_by_row_and_column_and_nothing_is_written(project, column, value, message):
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[0][column] = value
    before = files(project)
    written, problems = survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv")
    assert written == []
    assert message in problems, problems
    assert files(project) == before


# --- the problems in Spanish (KB_LANG=es, --lang es) -----------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "answer",
            "yess",
            "sheet.csv: fila 2, columna «answer»: «yess» no es un valor de la escala (yes, no, unknown) "
            "(¿quiso decir 'yes'?)",
        ),
        (
            "note_es",
            "",
            "sheet.csv: fila 2, columna «note_es»: la nota está vacía: escríbala, o ponga «es» en note_pending",
        ),
        (
            "sources",
            "Only a title",
            "sheet.csv: fila 2, columna «sources»: «Only a title» no tiene la forma «título | url», "
            "«título | url | referencia» ni «título | url | referencia | idioma» (una fuente por línea)",
        ),
        (
            "valid_on",
            "2026-02-30",
            "sheet.csv: fila 2, columna «valid_on»: '2026-02-30' no es una fecha que exista: "
            "febrero de 2026 tiene 28 días",
        ),
        (
            "review_status",
            "done",
            "sheet.csv: fila 2, columna «review_status»: se encontró «done», pero debe ser uno de estos valores: "
            "needs-review, reviewed",
        ),
        (
            "jurisdiction",
            "xx",
            "sheet.csv: fila 2, columna «jurisdiction»: «xx» no es una jurisdicción declarada "
            "(se esperaba una de estas: se, cl)",
        ),
    ],
)
def test_each_bad_cell_is_said_in_spanish_when_asked(project, column, value, message):
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[0][column] = value
    written, problems = survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv", "es")
    assert written == []
    assert message in problems, problems


def test_a_missing_column_and_a_missing_row_are_said_in_spanish(project):
    data = loaded(project)
    text = "jurisdiction,indicator,answer\r\nse,policy,yes\r\n"
    assert survey_sheet.import_csv(project, data, text, "sheet.csv", "es")[1] == [
        "sheet.csv: fila 1: faltan las columnas note_en, note_es, note_pending, sources, valid_on, review_status "
        "(se esperaban: " + ", ".join(survey_sheet.COLUMNS) + "); exporte de nuevo la planilla con "
        "«make survey-export» y deje sus columnas como están"
    ]
    edited = rows(survey_sheet.export_csv(data))
    edited[3] = dict(edited[2])
    assert survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv", "es")[1] == [
        "sheet.csv: fila 5, columna «indicator»: «cl» ya tiene una fila para «policy»: deje una sola",
        "sheet.csv: no hay fila para la jurisdicción «cl» y el indicador «clauses»: cada respuesta debe estar "
        "en la planilla (agregue la fila, o exporte de nuevo con «make survey-export»)",
    ]


def test_a_control_character_in_a_cell_is_shown_as_an_escape(project):
    """A cell quoted in a message cannot break the terminal's lines or colour it."""
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[0]["jurisdiction"] = "x\x1b[31m\ny"
    problems = survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv", "es")[1]
    assert "sheet.csv: fila 2, columna «jurisdiction»: «x\\x1b[31m\\ny» no es una jurisdicción declarada" in problems[0]
    assert all("\x1b" not in problem and "\n" not in problem for problem in problems)


def test_a_duplicate_row_and_a_missing_row_are_both_reported(project):
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[3] = dict(edited[2])  # cl/policy twice, cl/clauses missing
    written, problems = survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv")
    assert written == []
    assert problems == [
        "sheet.csv: row 5, column 'indicator': 'cl' already has a row for 'policy': keep one",
        "sheet.csv: no row for jurisdiction 'cl' and indicator 'clauses': every answer must be in the sheet "
        "(add the row, or export again with 'make survey-export')",
    ]


def test_a_formula_in_a_cell_is_refused_and_the_rows_other_checks_wait(project):
    data = loaded(project)
    edited = rows(survey_sheet.export_csv(data))
    edited[0]["note_en"] = '=HYPERLINK("http://x","y")'
    edited[0]["answer"] = "nonsense"  # not reported until the formula is fixed
    written, problems = survey_sheet.import_csv(project, data, sheet(edited), "sheet.csv")
    assert written == []
    assert len(problems) == 1
    assert problems[0].startswith(
        "sheet.csv: row 2, column 'note_en': '=HYPERLINK(\"http://x\",\"y\")' starts with '=', which a "
        "spreadsheet reads as a formula"
    )


def test_a_source_title_with_a_pipe_survives_the_round_trip(project):
    path = project.root / survey.JURISDICTIONS_FOLDER / "se.yml"
    path.write_text(SE_YML.replace("'Annual report: part 1'", "Public procurement | Government.se"), encoding="utf-8")
    data = loaded(project)  # the survey's own check accepts the title
    assert data.jurisdictions["se"].answers["policy"].sources[0].title == "Public procurement | Government.se"
    assert survey_sheet.import_csv(project, data, survey_sheet.export_csv(data), "sheet.csv") == ([], [])


def test_a_source_with_its_language_and_spanish_edition_survives_the_round_trip(project):
    """The sheet keeps a source's language and its Spanish edition ('[es]' line), and the import
    writes back only what the edition changes."""
    path = project.root / survey.JURISDICTIONS_FOLDER / "se.yml"
    text = SE_YML.replace(
        "        pinpoint: p. 4\n",
        "        pinpoint: p. 4\n        language: en\n        es:\n          pinpoint: p. 4 (en la versión inglesa)\n",
    )
    assert text != SE_YML
    path.write_text(text, encoding="utf-8")
    data = loaded(project)
    source = data.jurisdictions["se"].answers["policy"].sources[0]
    assert source.for_language("es").pinpoint == "p. 4 (en la versión inglesa)"
    assert source.for_language("es").title == source.title and source.for_language("en") is source
    sheet = survey_sheet.export_csv(data)
    assert "| p. 4 | en\n[es] " in sheet.replace("\r\n", "\n")
    assert survey_sheet.import_csv(project, data, sheet, "sheet.csv") == ([], [])
    assert path.read_text(encoding="utf-8") == text
