"""The survey as data: checks, pages, downloads, spreadsheet round trip, the matrix."""

from __future__ import annotations

import csv
import io
import json

import pytest
from playwright.sync_api import sync_playwright

from labkb.features import survey, survey_pages
from labkb.model.project import Project
from labkb.tools import cli
from tests.browser import ARGS, CHROMIUM, serve
from tests.conftest import REPO, Built, Site, without_codes

EU = "data/survey/jurisdictions/eu.yml"


def line_of(site: Site, relative: str, text: str, after: str = "") -> int:
    lines = (site.root / relative).read_text().splitlines()
    start = lines.index(after) if after else 0
    return next(n for n, line in enumerate(lines[start:], start=start + 1) if line == text)


def edit(site: Site, relative: str, old: str, new: str, count: int = 1) -> None:
    path = site.root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, count))


# Each case: a mistake in the survey files, and the finding it must give.
def remove_answer(site):
    text = (site.root / EU).read_text()
    start = text.index("  supplier-grievance:")
    (site.root / EU).write_text(text[:start])
    line = line_of(site, EU, "answers:")
    return (
        f"{EU}:{line}: no answer for the indicator 'supplier-grievance': add it under 'answers:' "
        "('answer: unknown' when it is not known)"
    )


def misspell_scale(site):
    line = line_of(site, EU, "    answer: 'yes'")
    edit(site, EU, "    answer: 'yes'", "    answer: yse")
    return (
        f"{EU}:{line}: 'social-award-criteria': the answer must be on the scale (yes, partly, no, unknown), "
        "found 'yse' (did you mean 'yes'?)"
    )


def undeclared_jurisdiction(site):
    (site.root / "data/survey/jurisdictions/fr.yml").write_text(
        (site.root / EU).read_text().replace("code: eu", "code: fr")
    )
    return (
        "data/survey/jurisdictions/fr.yml: 'fr' is not a declared jurisdiction of the survey: add it to "
        "'jurisdictions:' in data/survey/survey.yml, or remove this file"
    )


def declared_without_file(site):
    (site.root / "data/survey/jurisdictions/uy.yml").unlink()
    line = next(
        n
        for n, text in enumerate((site.root / "data/survey/survey.yml").read_text().splitlines(), 1)
        if text.startswith("jurisdictions:")
    )
    return (
        f"data/survey/survey.yml:{line}: the declared jurisdiction 'uy' has no file: add "
        "data/survey/jurisdictions/uy.yml"
    )


def bad_source_url(site):
    line = line_of(site, EU, "        url: https://eur-lex.europa.eu/eli/dir/2014/24/oj")
    edit(site, EU, "        url: https://eur-lex.europa.eu/eli/dir/2014/24/oj", "        url: eur-lex 2014/24")
    return (
        f"{EU}:{line}: 'social-award-criteria': 'url': expected a web address starting with https:// "
        "(or http://), found 'eur-lex 2014/24'"
    )


def note_missing_language(site):
    text = (site.root / EU).read_text()
    es_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("      es: "))
    (site.root / EU).write_text("\n".join(line for n, line in enumerate(text.splitlines(), 1) if n != es_line) + "\n")
    return (
        f"{EU}:{es_line - 2}: 'nap-procurement': the note has no Spanish text: add 'es: ...', or flag it with "
        "'note_pending: [es]'"
    )


def impossible_date(site):
    line = line_of(site, EU, "    valid_on: 2026-11-21")
    edit(site, EU, "    valid_on: 2026-11-21", "    valid_on: 2026-02-30")
    return f"{EU}:{line}: 'nap-procurement': '2026-02-30' is not a date that exists: February 2026 has 28 days"


def known_without_source(site):
    text = (site.root / EU).read_text()
    line = line_of(site, EU, "    answer: 'yes'")
    start = text.index("    sources:\n      - title: Directive", text.index("social-award-criteria"))
    end = text.index("    valid_on:", start)
    (site.root / EU).write_text(text[:start] + "    sources: []\n" + text[end:])
    return f"{EU}:{line}: 'social-award-criteria': an answer other than 'unknown' needs at least one public source"


def misspelled_key_of_an_edition(site):
    line = line_of(site, EU, "          pinpoint: artículo 67, apartado 2")
    edit(site, EU, "          pinpoint: artículo 67, apartado 2", "          pinpont: artículo 67, apartado 2")
    return (
        f"{EU}:{line}: 'social-award-criteria': 'es': unknown key 'pinpont' in a source (did you mean "
        "'pinpoint'?); allowed: title, url, pinpoint, language"
    )


def edition_that_is_not_a_block(site):
    line = line_of(site, "data/survey/indicators.yml", "      es:", after="  procurement-law:")
    text = (site.root / "data/survey/indicators.yml").read_text()
    start = text.index("      es:\n        title: Directiva")
    end = text.index("  due-diligence:")
    (site.root / "data/survey/indicators.yml").write_text(
        text[:start] + "      es: Directiva 2014/24/UE\n" + text[end:]
    )
    return (
        f"data/survey/indicators.yml:{line}: theme 'procurement-law': under 'es', expected what the readers of that "
        "language get instead (any of 'title', 'url', 'pinpoint', 'language'), found 'Directiva 2014/24/UE'"
    )


CASES = [
    misspelled_key_of_an_edition,
    edition_that_is_not_a_block,
    remove_answer,
    misspell_scale,
    undeclared_jurisdiction,
    declared_without_file,
    bad_source_url,
    note_missing_language,
    impossible_date,
    known_without_source,
]


@pytest.mark.parametrize("mistake", CASES, ids=[c.__name__ for c in CASES])
def test_check_reports_each_survey_mistake_with_file_and_line(full_site: Site, capsys, mistake):
    expected = mistake(full_site)
    code, output = full_site.check(capsys=capsys)
    assert code == 1
    assert expected in without_codes(output), output


@pytest.mark.parametrize(
    "mistake",
    [remove_answer, misspell_scale, undeclared_jurisdiction],
    ids=["remove_answer", "misspell_scale", "undeclared_jurisdiction"],
)
def test_build_fails_on_survey_mistakes_naming_file_and_line(full_site: Site, mistake):
    expected = mistake(full_site)
    result = full_site.build()
    assert result.returncode == 1
    assert expected in without_codes(result.stdout + result.stderr)


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_site_holds_overview_profiles_and_indicator_pages(built: Built, prefix):
    data, findings = survey.load(Project(REPO))
    assert not findings and len(data.jurisdictions) == 20
    folder = built.site / prefix / "survey"
    overview = (folder / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-matrix__table"' in overview and '<figure class="kb-heatmap">' in overview
    for code in data.declared:
        assert (folder / code / "index.html").is_file(), code
    for indicator in data.indicators:
        assert (folder / "indicators" / indicator / "index.html").is_file(), indicator
    assert (folder / "data-dictionary" / "index.html").is_file()
    table = overview.split('class="kb-matrix__table"')[1].split("</table>")[0]
    assert table.count('class="kb-answer kb-answer--') == 20 * len(data.indicators)


def test_each_language_gets_its_edition_of_a_source_and_other_languages_are_marked(built: Built):
    """The Spanish pages link the Spanish editions (UN Guiding Principles, EU directive) with
    Spanish pinpoints; a source that exists in English only keeps its title, marked "(en inglés)"."""
    spanish = (built.site / "es/survey/index.html").read_text(encoding="utf-8")
    english = (built.site / "survey/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://www.ohchr.org/sites/default/files/documents/publications/guidingprinciplesbusinesshr_sp.pdf">'
        "Principios Rectores sobre las Empresas y los Derechos Humanos (2011)</a> (Principios 5 y 6)"
    ) in spanish
    assert "guidingprinciplesbusinesshr_en.pdf" not in spanish and "Principles 5 and 6" not in spanish
    assert (
        '<a href="https://globalnaps.org/">National Action Plans on Business and Human Rights (Danish Institute for '
        "Human Rights)</a> (en inglés)"
    ) in spanish
    assert (
        '<a href="https://www.ohchr.org/sites/default/files/documents/publications/guidingprinciplesbusinesshr_en.pdf">'
        "UN Guiding Principles on Business and Human Rights (2011)</a> (Principles 5 and 6)</p>"
    ) in english
    profile = (built.site / "es/survey/co/index.html").read_text(encoding="utf-8")
    assert "(punto de acción 2.2, p. 12 del plan) (en inglés)" in profile
    assert "Action point 2.2" not in profile
    eu = (built.site / "es/survey/eu/index.html").read_text(encoding="utf-8")
    assert 'CELEX:32014L0024">Directiva 2014/24/UE sobre contratación pública</a> (artículo 67, apartado 2)' in eu
    document = json.loads((built.site / "survey/survey.json").read_text(encoding="utf-8"))
    edition = document["themes"]["procurement-law"]["source"]["editions"]["es"]
    assert edition["title"] == "Directiva 2014/24/UE sobre contratación pública" and edition["language"] == "es"


def test_downloads_cover_every_answer_of_all_twenty_jurisdictions(built: Built):
    data, _ = survey.load(Project(REPO))
    rows = list(csv.DictReader(io.StringIO((built.site / "survey/survey.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 20 * len(data.indicators)
    assert {r["jurisdiction"] for r in rows} == set(data.declared)
    assert [c for c, _ in survey_pages.CSV_COLUMNS] == list(rows[0])
    assert all(r["answer"] in data.scale for r in rows)
    known = [r for r in rows if r["answer"] != "unknown"]
    assert known and all(
        r["sources_en"].count("https://") >= 1 and r["sources_es"].count("https://") >= 1 for r in known
    )
    eu_award = next(r for r in rows if r["jurisdiction"] == "eu" and r["indicator"] == "social-award-criteria")
    assert eu_award["sources_en"].startswith("Directive 2014/24/EU on public procurement | https://eur-lex")
    assert eu_award["sources_es"] == (
        "Directiva 2014/24/UE sobre contratación pública | "
        "https://eur-lex.europa.eu/legal-content/ES/TXT/?uri=CELEX:32014L0024 | artículo 67, apartado 2"
    )
    document = json.loads((built.site / "survey/survey.json").read_text(encoding="utf-8"))
    assert len(document["jurisdictions"]) == 20
    spanish = (built.site / "es/survey/index.html").read_text(encoding="utf-8")
    assert 'href="../../survey/survey.csv"' in spanish and 'href="../../survey/survey.json"' in spanish


def test_spreadsheet_round_trip_changes_nothing(full_site: Site, capsys):
    folder = full_site.root / "data/survey/jurisdictions"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}
    sheet = full_site.root / "sheet.csv"
    assert cli.main(["--root", str(full_site.root), "survey", "export", str(sheet)]) == 0
    assert cli.main(["--root", str(full_site.root), "survey", "import", str(sheet)]) == 0
    assert "OK: 0 jurisdiction file(s) changed." in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before


def test_spreadsheet_edit_is_imported_into_the_data_files(full_site: Site, capsys):
    sheet = full_site.root / "sheet.csv"
    cli.main(["--root", str(full_site.root), "survey", "export", str(sheet)])
    text = sheet.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["jurisdiction"] == "cl" and r["indicator"] == "nap-procurement")
    row["note_en"] = "Checked against the plan: an editor's note."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    assert cli.main(["--root", str(full_site.root), "survey", "import", str(sheet)]) == 0
    data, findings = survey.load(Project(full_site.root))
    assert not findings
    note = data.jurisdictions["cl"].answers["nap-procurement"].notes["en"]
    assert note == "Checked against the plan: an editor's note."
    code, output = full_site.check(capsys=capsys)
    assert code == 0, output


def test_bad_spreadsheet_reports_row_and_column_and_writes_nothing(full_site: Site, capsys):
    folder = full_site.root / "data/survey/jurisdictions"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}
    sheet = full_site.root / "sheet.csv"
    cli.main(["--root", str(full_site.root), "survey", "export", str(sheet)])
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    lines[4] = lines[4].replace(",unknown,", ",yse,", 1)
    lines[6] = lines[6].replace("2026-11-21", "2026-13-01")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--root", str(full_site.root), "survey", "import", str(sheet)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert (
        f"{sheet}: row 5, column 'answer': 'yse' is not on the scale (yes, partly, no, unknown) (did you mean 'yes'?)"
    ) in errors
    assert f"{sheet}: row 7, column 'valid_on': '2026-13-01' is not a date that exists: there is no month 13" in errors
    assert "2 problem(s): nothing was written." in errors
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before


def test_matrix_sorts_and_filters(built: Built):
    data, _ = survey.load(Project(REPO))
    europe = sorted(j.names["es"] for j in data.jurisdictions.values() if j.region == "europe")
    law = [i for i in data.indicators.values() if i.theme == "procurement-law"]
    with serve(built.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(base + "es/survey/")
        rows = page.locator("#kb-matrix tbody tr:visible th")
        first_heading = page.locator("#kb-matrix thead th").first
        first_heading.locator("button").click()
        assert first_heading.get_attribute("aria-sort") == "ascending"
        names = rows.all_inner_texts()
        assert names == sorted(names, key=str.lower)
        first_heading.locator("button").click()
        assert first_heading.get_attribute("aria-sort") == "descending"
        assert rows.all_inner_texts() == sorted(names, key=str.lower, reverse=True)
        # Sorting by a question puts the answered ones first (descending: yes before unknown).
        column = page.locator("#kb-matrix thead th", has_text=law[0].shorts["es"])
        column.locator("button").click()
        column.locator("button").click()
        assert rows.first.inner_text() in {
            j.names["es"] for j in data.jurisdictions.values() if j.answers[law[0].id].value == "yes"
        }
        page.select_option("#kb-matrix-region", "europe")
        page.select_option("#kb-matrix-theme", "procurement-law")
        assert sorted(rows.all_inner_texts()) == europe
        assert page.locator("#kb-matrix thead th:visible").count() == 1 + len(law)
        assert page.locator(".kb-matrix .kb-filter-status").inner_text() == (
            f"Se muestran {len(europe)} de 20 jurisdicciones y {len(law)} de {len(data.indicators)} preguntas."
        )
        browser.close()


def test_import_of_a_sheet_in_another_encoding_says_so_and_writes_nothing(full_site: Site, capsys):
    folder = full_site.root / "data/survey/jurisdictions"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}
    sheet = full_site.root / "sheet.csv"
    cli.main(["--root", str(full_site.root), "survey", "export", str(sheet)])
    sheet.write_bytes(sheet.read_text(encoding="utf-8-sig").replace("México", "México").encode("cp1252"))
    capsys.readouterr()
    assert cli.main(["--root", str(full_site.root), "survey", "import", str(sheet)]) == 1
    assert "this file is not UTF-8 text" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before


def test_answer_with_both_notes_pending_round_trips_and_passes_the_check(full_site: Site, capsys):
    sheet = full_site.root / "sheet.csv"
    cli.main(["--root", str(full_site.root), "survey", "export", str(sheet)])
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    rows[0].update(note_en="", note_es="", note_pending="en, es")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    assert cli.main(["--root", str(full_site.root), "survey", "import", str(sheet)]) == 0
    code, output = full_site.check(capsys=capsys)
    assert code == 0, output
