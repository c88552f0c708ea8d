"""Holes found by an attacker's review, closed: each attack gives a message, never a traceback
or a live payload.

- A file that is not UTF-8 (any content or data file): `make check` reports it, `make urls`,
  the translation commands and `make build` stop naming the file and the byte.
- `make new-post` values never run as commands (backticks, $(...), make's $(shell ...)).
- GitHub annotations: a file name cannot forge a workflow command.
- The RSS feed is XML 1.0 whatever a post's front matter holds.
- Every redirect declaration gives a redirect page, or a finding with its line.
- Survey cells a spreadsheet would run as formulas (CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from labkb.checks import engine as checks
from labkb.features import blog, scaffold, spreadsheet, survey, survey_pages, survey_sheet
from labkb.model import frontmatter, registries
from labkb.model.findings import Finding
from labkb.model.project import Project
from labkb.tools import cli
from tests.conftest import BLOG_FRONT, BODY, MAKE_FILES, REPO, Site, copy_repository, without_codes

BAD_BYTES = b"\xff\xfe"
POST = "content/en/blog/latin.md"


def not_utf8(relative: str, byte: int) -> str:
    return f"{relative}: this file is not UTF-8 text (byte {byte}): save it as UTF-8 [file.not-utf8]"


def spoil(site: Site, relative: str) -> int:
    """Append bytes that are not UTF-8 to a file; returns the offset of the first one."""
    path = site.root / relative
    data = path.read_bytes() if path.is_file() else b""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data + BAD_BYTES)
    return len(data)


def run(site: Site, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(site.root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- 1. files that are not UTF-8 ---------------------------------------------------------


def bad_post(site: Site) -> int:
    site.write(POST, BLOG_FRONT + "\n" + BODY)
    site.record()
    return spoil(site, POST)


def test_check_reports_a_post_that_is_not_utf8(site, capsys):
    byte = bad_post(site)
    code, out, err = run(site, capsys, "check")
    assert code == 1
    assert out.splitlines() == [not_utf8(POST, byte)]
    assert err.splitlines() == ["1 problem(s) found. Fix them and run 'make check' again."]


def test_urls_stops_on_a_post_that_is_not_utf8_and_writes_nothing(site, capsys):
    byte = bad_post(site)
    manifest = (site.root / "data/urls.txt").read_bytes()
    code, out, err = run(site, capsys, "urls")
    assert (code, out, err.splitlines()) == (1, "", [not_utf8(POST, byte)])
    assert (site.root / "data/urls.txt").read_bytes() == manifest


@pytest.mark.parametrize(
    "args", [("translations", "status"), ("translations", "refresh", "content/es/blog/latin.md")], ids=str
)
def test_translation_commands_stop_on_a_file_that_is_not_utf8(site, capsys, args):
    site.write("content/es/blog/latin.md", BLOG_FRONT.replace("---\n", "---\ntranslation_of: en\n", 1) + BODY)
    byte = bad_post(site)
    args = tuple(str(site.root / a) if a.startswith("content/") else a for a in args)
    before = tree_bytes(site.root / "content")
    code, out, err = run(site, capsys, *args)
    assert (code, out, err.splitlines()) == (1, "", [not_utf8(POST, byte)])
    assert tree_bytes(site.root / "content") == before


@pytest.mark.parametrize(
    "relative",
    [
        "data/glossary.yml",
        "data/redirects.yml",
        "data/urls.txt",
        "data/authors.yml",
        "data/vocabularies.yml",
        "data/survey/survey.yml",
        "data/survey/indicators.yml",
        "data/survey/jurisdictions/eu.yml",
    ],
)
def test_check_reports_a_data_file_that_is_not_utf8(site, capsys, relative):
    if relative == "data/redirects.yml":
        site.write(relative, "# old address: new address\n")
    byte = spoil(site, relative)
    code, out, _ = run(site, capsys, "check")
    assert code == 1
    assert not_utf8(relative, byte) in out.splitlines()
    assert "Traceback" not in out


def test_check_reports_a_case_study_that_is_not_utf8_once(full_site, capsys):
    relative = "content/en/case-studies/sweden-regions-sustainable-procurement.md"
    byte = spoil(full_site, relative)
    code, out, _ = run(full_site, capsys, "check")
    assert code == 1
    assert out.splitlines().count(not_utf8(relative, byte)) == 1


def test_survey_import_names_the_byte_of_a_sheet_that_is_not_utf8(full_site, capsys):
    sheet = full_site.root / "sheet.csv"
    assert run(full_site, capsys, "survey", "export", str(sheet))[0] == 0
    byte = len(sheet.read_bytes()) - 3  # after the byte-order mark: the sheet's own offset is 3 more
    sheet.write_bytes(sheet.read_bytes() + BAD_BYTES)
    code, out, err = run(full_site, capsys, "survey", "import", str(sheet))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{sheet}: this file is not UTF-8 text (byte {byte + 3}): in the spreadsheet, save it again as "
        "'CSV UTF-8'; nothing was written."
    ]


def without_checker(site: Site) -> None:
    config = site.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "hooks/checks.py" not in line), encoding="utf-8")


@pytest.mark.parametrize("checker", [True, False], ids=["with-checker", "hooks-alone"])
def test_build_stops_on_a_post_that_is_not_utf8_with_a_message(site, checker):
    byte = bad_post(site)
    if not checker:
        without_checker(site)  # the other hooks read the post too: they say the same
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert not_utf8(POST, byte) in output.splitlines() or f"ERROR   -  {not_utf8(POST, byte)}" in output.splitlines()
    assert "Traceback" not in output
    assert "UnicodeDecodeError" not in output


# --- 2. make new-post --------------------------------------------------------------------

VENV = Path(sys.prefix)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A fresh copy of the repository, as an editor has it, using this test run's .venv."""
    return copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content"))


def make_new_post(root: Path, **values: str) -> subprocess.CompletedProcess[str]:
    """`make new-post NAME=value ...` exactly as typed in a shell (each value one argument)."""
    command = [
        "make",
        "--no-print-directory",
        "-o",
        f"{VENV}/.installed",  # the venv is set up already: never reinstall from the copy
        f"VENV={VENV}",
        "new-post",
        *(f"{name}={value}" for name, value in values.items()),
    ]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def planted(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("pwned*")) + sorted(p.name for p in Path.cwd().glob("pwned*"))


TITLES = [
    "Hello `touch pwned-backtick` world",
    "Hello $(touch pwned-dollar) world",
    "Hello $(shell touch pwned-make) world",
    "Quotes ' and \" and `touch pwned-quoted` in $$HOME \\ world",
    "Single 'quoted $(touch pwned-single)' and \"double `touch pwned-double`\" world",
]


@pytest.mark.parametrize("title", TITLES)
def test_new_post_values_are_text_never_commands(checkout, title):
    description = "It says `touch pwned-description` and $(shell touch pwned-description-make)."
    result = make_new_post(
        checkout, TITLE=title, AUTHOR="lab-editors", LANGS="en,es", CATEGORY="practice", DESCRIPTION=description
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert planted(checkout) == []
    slug = scaffold.slug_for(title)
    for language in ("en", "es"):
        meta = frontmatter.parse((checkout / f"content/{language}/blog/{slug}.md").read_text("utf-8")).meta.plain()
        assert (meta["title"], meta["description"]) == (title, description)
    assert f"created content/en/blog/{slug}.md" in result.stdout.splitlines()


def test_new_post_make_functions_in_every_value_stay_text(checkout):
    result = make_new_post(
        checkout,
        TITLE="Plain title",
        TITLE_ES="Título $(shell touch pwned-title-es)",
        AUTHOR="$(shell touch pwned-author)",
        LANGS="en,es",
        CATEGORY="practice",
        DESCRIPTION="A description.",
    )
    assert result.returncode == 2
    assert planted(checkout) == []
    assert "new-post: unknown author '$(shell touch pwned-author)' (known: " in result.stderr
    assert not (checkout / "content/en/blog/plain-title.md").exists()


# --- 3. GitHub annotations ------------------------------------------------------------------


def test_github_annotation_escapes_properties_and_message():
    finding = Finding("content/en/a\n::error file=evil.md,line=1::forged.md", 3, "100% bad\r\n::warning::x")
    assert finding.github() == (
        "::error file=content/en/a%0A%3A%3Aerror file=evil.md%2Cline=1%3A%3Aforged.md,line=3::"
        "100%25 bad%0D%0A::warning::x"
    )
    assert finding.text() == "content/en/a\\n::error file=evil.md,line=1::forged.md:3: 100% bad\\r\\n::warning::x"
    assert Finding("data/x, y.yml", 0, "m").github() == "::error file=data/x%2C y.yml::m"


def test_a_file_name_cannot_forge_a_workflow_command(site, capsys):
    name = "x\n::error file=evil.md,line=1::forged, by a file name.md"
    site.write(f"content/en/blog/{name}", BLOG_FRONT + BODY)
    findings = checks.check(Project(site.root))
    mine = [f for f in findings if f.path == f"content/en/blog/{name}"]
    assert mine
    code, out, _ = run(site, capsys, "check", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(findings)  # one line per finding: none was split
    assert all(line.startswith("::error file=") for line in lines)
    escaped = "content/en/blog/x%0A%3A%3Aerror file=evil.md%2Cline=1%3A%3Aforged%2C by a file name.md"
    assert [line for line in lines if escaped in line] == [f.github() for f in mine]
    assert not [line for line in lines if line.startswith("::error file=evil.md")]


# --- 4. the feed ----------------------------------------------------------------------------


def test_feed_is_xml_whatever_the_front_matter_holds():
    regs = registries.load(Project(REPO))
    hostile = "A\x00B\x01\x08\x0b\x0c\x1b\x7f \ud800 \ufffe\uffff <b>&amp;</b> \"q\" 'a' \r\n\tend 😀"
    expected = "A\ufffdB\ufffd\ufffd\ufffd\ufffd\ufffd\x7f \ufffd \ufffd\ufffd <b>&amp;</b> \"q\" 'a' \r\n\tend 😀"
    post = blog.Post("blog/x.md", "en", hostile, dt.date(2026, 1, 2), ("lab-editors",), ("practice",), hostile, 300)
    feed = blog.rss(blog.Blog({"en": [post]}), regs, "en", 'https://example.org/"blog"/', "Lab\x1b")
    channel = ET.fromstring(feed.encode("utf-8")).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == expected
    assert item.findtext("description") == expected
    assert channel.findtext("title").startswith("Lab\ufffd: ")
    assert item.findtext("link") == 'https://example.org/"blog"/x/'


# --- 5. redirects ---------------------------------------------------------------------------

REDIRECT_CASES = [
    ("index/", "'index/' is the home page, which is always a page of the site: a redirect starts from an old "
     "address below it, e.g. 'case-studies/old-name/'"),
    ('""', "'' is the home page, which is always a page of the site: a redirect starts from an old address "
     "below it, e.g. 'case-studies/old-name/'"),
    ("/", "'/' is the home page, which is always a page of the site: a redirect starts from an old address "
     "below it, e.g. 'case-studies/old-name/'"),
    ("../../x/", "'../../x/' is not an address below the language root: write it without '//', './' or '../', "
     "e.g. 'case-studies/old-name/'"),
    ("a//b/", "'a//b/' is not an address below the language root: write it without '//', './' or '../', "
     "e.g. 'case-studies/old-name/'"),
    ("https://example.org/old/", "'https://example.org/old/' is a full web address: a redirect starts from an "
     "address of this site, below the language root, e.g. 'case-studies/old-name/'"),
    ("//example.org/old/", "'//example.org/old/' is a full web address: a redirect starts from an address of "
     "this site, below the language root, e.g. 'case-studies/old-name/'"),
    ("old/#part", "'old/#part' contains '#', which an address of a page cannot hold: write the old address "
     "alone, e.g. 'case-studies/old-name/'"),
    ("old/?page=2", "'old/?page=2' contains '?', which an address of a page cannot hold: write the old address "
     "alone, e.g. 'case-studies/old-name/'"),
    ('"x\\ty/"', "'x\\ty/' contains a control character: write the old address, e.g. 'case-studies/old-name/'"),
    ("guidance/index/", "'guidance/index/' is the address 'guidance/': write 'guidance/'"),
    ("old-page.md", "'old-page.md' is a file name: write the old page's address, 'old-page/'"),
    ("es/old/", "'es/old/' starts with a language: one line covers every language, so write the address below "
     "the language root, 'old/'"),
    ("es/", "'es/' is the home page of a language, which is always a page of the site: a redirect starts from "
     "an old address below the language root, e.g. 'case-studies/old-name/'"),
    ("assets/old/", "'assets/old/' is in 'assets/', where the site keeps its own files: a redirect cannot start "
     "there"),
    ("search/", "'search/' is in 'search/', where the site keeps its own files: a redirect cannot start there"),
    ("blog/feed.xml", "'blog/feed.xml' is the blog's feed: a redirect cannot start there"),
    ("survey/survey.csv", "'survey/survey.csv' is the survey's CSV download: a redirect cannot start there"),
    ("sitemap.xml", "'sitemap.xml' is the sitemap: a redirect cannot start there"),
    ("figures/chart.png", "'figures/chart.png' is the file content/en/figures/chart.png: a redirect cannot start "
     "there"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "message"), REDIRECT_CASES, ids=[c[0] for c in REDIRECT_CASES])
def test_every_redirect_that_cannot_be_made_is_a_finding(site, capsys, source, message):
    site.write("data/redirects.yml", f"# old address: new address\n{source}: about/\n")
    site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout the Lab.\n")
    site.record()
    code, out, _ = run(site, capsys, "check")
    assert code == 1
    assert without_codes(out) == [f"data/redirects.yml:2: {message}"]
    assert re.search(r" \[redirect\.[a-z-]+\]$", out.strip())


def test_the_same_old_address_written_twice_is_a_finding(site, capsys):
    site.write("data/redirects.yml", "/old/: about/\nold: about/\n")
    site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout the Lab.\n")
    site.record()
    code, out, _ = run(site, capsys, "check")
    assert (code, out.splitlines()) == (
        1,
        [
            "data/redirects.yml:2: 'old' is the same address as '/old/' on line 1: keep one of the two lines "
            "[redirect.duplicate]"
        ],
    )


def test_redirects_that_are_not_a_list_of_lines_are_a_finding(site, capsys):
    site.write("data/redirects.yml", "- old/\n- about/\n")
    code, out, _ = run(site, capsys, "check")
    assert (code, out.splitlines()) == (
        1,
        [
            "data/redirects.yml:1: the redirects file must be a list of 'key: value' lines, found a list instead "
            "[yaml.not-a-mapping]"
        ],
    )


def test_every_accepted_redirect_declaration_makes_a_page_in_every_language(site, capsys):
    site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout the Lab.\n")
    sources = ["/lead/", "plain", "guidance/stages/gone/", "blog/page/9/", "c/removed-case/", "some/deep/old.html"]
    site.write("data/redirects.yml", "".join(f"{s}: about/\n" for s in sources))
    site.record()
    assert run(site, capsys, "check")[0] == 0
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    for source in sources:
        below = source.strip("/")
        for prefix in ("", "es/"):
            page = site.root / "site" / prefix / below / "index.html"
            assert page.is_file(), page
            assert 'content="0; url=' in page.read_text(encoding="utf-8")


# --- 6. spreadsheet formulas (CSV injection) -----------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\rfoo", "\tfoo"]


def test_neutralise_and_restore_are_exact_inverses():
    cases = {
        '=HYPERLINK("http://x","y")': "'=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
        "@SUM(1+1)": "'@SUM(1+1)",
        "-2+3": "'-2+3",
        "\tfoo": "'\tfoo",
        "\rfoo": "'\rfoo",
        "'=already": "''=already",
        "''-twice": "'''-twice",
        "'tis plain": "'tis plain",
        "a = b": "a = b",
        "": "",
    }
    for text, cell in cases.items():
        assert spreadsheet.neutralise(text) == cell
        assert spreadsheet.restore(cell) == text
        assert not spreadsheet.is_formula(cell)


def hostile_survey(values: list[str]) -> survey.Survey:
    """The real survey with hostile texts in place of the first answers' notes and a name (in
    memory: the checker refuses them in the files)."""
    data, findings = survey.load(Project(REPO))
    assert not findings
    jurisdiction = data.ordered_jurisdictions()[0]
    answers = dict(jurisdiction.answers)
    for indicator, value in zip(list(answers), values, strict=False):
        answers[indicator] = replace(answers[indicator], notes={"en": value, "es": value})
    names = {"en": values[0], "es": values[0]}
    data.jurisdictions[jurisdiction.code] = replace(jurisdiction, answers=answers, names=names)
    return data


@pytest.mark.parametrize("writer", ["editing-sheet", "public-download"])
def test_every_csv_the_project_writes_neutralises_formulas(writer):
    data = hostile_survey(FORMULAS)
    text = survey_sheet.export_csv(data) if writer == "editing-sheet" else survey_pages.public_csv(data)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    cells = [row[column] for row in rows for column in row if column.startswith("note_")]
    for value in FORMULAS:
        assert cells.count("'" + value) == 2, value  # English and Spanish notes
    assert not [cell for row in rows for cell in row.values() if spreadsheet.is_formula(cell)]
    if writer == "public-download":
        assert rows[0]["jurisdiction_en"] == "'" + FORMULAS[0]
        assert [spreadsheet.restore(c) for c in cells[: 2 * len(FORMULAS)]] == [v for v in FORMULAS for _ in "ab"]


def write_rows(sheet: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8", newline="")


def test_round_trip_through_the_sheet_keeps_quoted_text_exactly(full_site, capsys):
    quoted = "'=SUM(1+1) is quoted text, not a formula"
    eu = full_site.root / "data/survey/jurisdictions/eu.yml"
    text = eu.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("      en: "))
    eu.write_text(text.replace(first, f'      en: "{quoted}"', 1), encoding="utf-8")
    assert run(full_site, capsys, "check", "data/survey")[0] == 0
    sheet = full_site.root / "sheet.csv"
    notes = []
    for _ in range(2):  # the first import writes the canonical form; the second changes nothing
        assert run(full_site, capsys, "survey", "export", str(sheet))[0] == 0
        rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
        assert "'" + quoted in [row["note_en"] for row in rows if row["jurisdiction"] == "eu"]
        before = tree_bytes(full_site.root / "data/survey")
        code, out, _ = run(full_site, capsys, "survey", "import", str(sheet))
        assert code == 0
        data, findings = survey.load(Project(full_site.root))
        assert not findings
        notes.append(data.jurisdictions["eu"].answers[next(iter(data.indicators))].notes["en"])
    assert out.splitlines()[-1] == "OK: 0 jurisdiction file(s) changed."
    assert tree_bytes(full_site.root / "data/survey") == before
    assert notes == [quoted, quoted]


REFUSED = [(v, False) for v in FORMULAS[:6]] + [(v, True) for v in FORMULAS[:5]]


@pytest.mark.parametrize(("value", "quoted"), REFUSED, ids=[f"{'quoted-' if q else ''}{v!r}" for v, q in REFUSED])
def test_import_refuses_a_formula_naming_row_and_column(full_site, capsys, value, quoted):
    before = tree_bytes(full_site.root / "data/survey")
    sheet = full_site.root / "sheet.csv"
    assert run(full_site, capsys, "survey", "export", str(sheet))[0] == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    rows[3]["note_es"] = ("'" if quoted else "") + value
    write_rows(sheet, rows)
    code, out, err = run(full_site, capsys, "survey", "import", str(sheet))
    checked = value.strip() if quoted else value
    shown = spreadsheet.shown(checked)
    first = checked[0].replace("\t", "\\t").replace("\r", "\\r")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{sheet}: row 5, column 'note_es': {shown} starts with '{first}', which a spreadsheet reads as a "
        "formula (the survey's CSV files open in spreadsheets): start it with a letter, a digit or a bracket",
        "1 problem(s): nothing was written.",
    ]
    assert tree_bytes(full_site.root / "data/survey") == before


def test_import_keeps_a_tab_or_line_break_inside_a_cell(full_site, capsys):
    sheet = full_site.root / "sheet.csv"
    assert run(full_site, capsys, "survey", "export", str(sheet))[0] == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    rows[3]["note_es"] = "Primera línea,\r\nsegunda =línea\tcon tabulador"
    write_rows(sheet, rows)
    assert run(full_site, capsys, "survey", "import", str(sheet))[0] == 0
    data, findings = survey.load(Project(full_site.root))
    row = rows[3]
    assert not findings
    assert data.jurisdictions[row["jurisdiction"]].answers[row["indicator"]].notes["es"] == (
        "Primera línea,\nsegunda =línea\tcon tabulador"
    )


@pytest.mark.parametrize(
    ("yaml_value", "text"),
    [
        ("'=HYPERLINK(\"http://x\",\"y\")'", '=HYPERLINK("http://x","y")'),
        ("\"+cmd|' /C calc'!A0\"", "+cmd|' /C calc'!A0"),
        ("'@SUM(1+1)'", "@SUM(1+1)"),
        ("'-2+3'", "-2+3"),
        ('"\\t=1+1"', "=1+1"),
    ],
    ids=["hyperlink", "dde", "at", "minus", "tab"],
)
def test_check_refuses_survey_data_that_would_be_a_formula(full_site, capsys, yaml_value, text):
    relative = "data/survey/jurisdictions/eu.yml"
    path = full_site.root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("      es: "))
    lines[number - 1] = f"      es: {yaml_value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(full_site, capsys, "check")
    assert code == 1
    assert out.splitlines() == [
        f"{relative}:{number}: {spreadsheet.shown(text)} starts with '{text[0]}', which a spreadsheet reads as a "
        "formula (the survey's CSV files open in spreadsheets): start it with a letter, a digit or a bracket "
        "[survey.formula]"
    ]
