"""The editors' desk (issue 15, point 4): `make desk` as typed lists every page of the starter
content with its real states, checked against the files; a stale and a missing translation
and a hostile title show as such; sorting and filtering work in Chromium from file://."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from tests.browser import ARGS, CHROMIUM
from tests.conftest import MAKE_FILES, copy_repository, make_as_typed

HOSTILE = '=HYPERLINK("https://evil.example","x") <img src=x onerror=alert(1)>'


def make_desk(root: Path) -> subprocess.CompletedProcess[str]:
    """`make desk` exactly as typed, from the root of the copy (the test run's .venv)."""
    return make_as_typed(root, "desk", timeout=300)


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def rows(root: Path) -> dict[str, dict[str, str]]:
    text = (root / "dist/desk/desk.csv").read_text(encoding="utf-8")
    return {row["file"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A copy of the repository where an editor changed an original (its translation is now
    stale), added an English-only page, and a contributor's title is hostile; then `make desk`."""
    root = copy_repository(tmp_path_factory.mktemp("desk") / "checkout", (*MAKE_FILES, "labkb", "data", "content"))
    original = root / "content/en/guidance/dialogue-with-suppliers.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nOne more sentence from an editor.\n", "utf-8")
    (root / "content/en/about/only-english.md").write_text(
        "---\ntitle: Only in English\nreview_status: reviewed\nreviewed_by: lab-editors\n"
        "last_reviewed: 2026-11-01\n---\n\nFour words of text.\n",
        encoding="utf-8",
    )
    hostile = root / "content/en/about/hostile.md"
    hostile.write_text(f"---\ntitle: '{HOSTILE}'\n---\n\nText.\n", encoding="utf-8")
    result = make_desk(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: the editors' desk lists" in result.stdout
    return root


def test_the_desk_lists_every_starter_page_with_its_real_states(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content"))
    result = make_desk(root)
    assert result.returncode == 0, result.stderr
    found = rows(root)
    files = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    assert sorted(found) == files  # every page, nothing else
    for name, row in found.items():
        meta = front(root / name)
        language, page_path = name.split("/", 2)[1:]
        other = "es" if language == "en" else "en"
        assert row["language"] == language
        assert row["title"] == meta["title"]
        assert row["review_status"] == meta.get("review_status", "")
        assert row["reviewed_by"] == meta.get("reviewed_by", "")
        assert row["reviewed_on"] == str(meta.get("last_reviewed", ""))
        expected = "translated" if meta.get("translation_of") else "original"  # the starter has no stale page
        assert row["translation"] == expected, name
        counterpart = "missing" if not (root / "content" / other / page_path).is_file() else None
        if counterpart:
            assert f"{other}: missing" in row["language_pair"]
        assert row["findings"] == ""  # the starter content passes the check
        body = (root / name).read_text(encoding="utf-8").split("---\n", 2)[2]
        words = len(re.findall(r"\w+", re.sub(r"\]\([^)]*\)|<[^>]+>|`[^`]*`", " ", body)))
        assert abs(int(row["words"]) - words) <= max(20, words // 10), (name, row["words"], words)
    needs = [r for r in found.values() if r["review_status"] == "needs-review"]
    awaiting = [n for n in found if front(root / n).get("review_status") == "needs-review"]
    assert len(needs) == len(awaiting) > 0  # every starter page that awaits review, in both languages
    case = found["content/en/case-studies/sweden-regions-sustainable-procurement.md"]
    assert case["type"] == "case_study" and case["review_status"] == "needs-review"
    assert case["reviewed_on"] == case["days_since_review"] == ""  # awaiting review: no review date
    assert (root / "dist/desk/index.html").is_file() and (root / "dist/desk/es.html").is_file()


def test_stale_missing_reviewed_and_hostile_pages_show_as_they_are(desk: Path):
    found = rows(desk)
    stale = found["content/es/guidance/dialogue-with-suppliers.md"]
    assert stale["translation"] == "stale" and stale["language_pair"] == "en: original; es: stale"
    only = found["content/en/about/only-english.md"]
    assert only["language_pair"] == "en: original; es: missing"
    assert (only["review_status"], only["reviewed_by"], only["reviewed_on"]) == (
        "reviewed",
        "lab-editors",
        "2026-11-01",
    )
    assert only["days_since_review"].isdigit() and only["words"] == "4"
    hostile = found["content/en/about/hostile.md"]
    assert hostile["title"] == "'" + HOSTILE  # neutralised: a spreadsheet shows it as text
    assert "content/en/about/hostile.md:2: 'title'" in hostile["findings"]  # the checker's finding is listed
    page = (desk / "dist/desk/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == 1 and page.count("<style") == 1  # self-contained: nothing loaded
    assert not re.search(r"<(script|link|img)[^>]*(src|href)=", page)


def test_sorting_and_filtering_work_from_files_in_chromium(desk: Path):
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((desk / "dist/desk/index.html").as_uri())
        total = page.locator("#desk tbody tr").count()
        assert total == len(rows(desk)) > 50
        assert page.locator("#desk-shown").inner_text() == f"{total} of {total} pages shown"

        def column(index: int) -> list[str]:
            return page.locator(f"#desk tbody tr:not([hidden]) td:nth-child({index})").all_inner_texts()

        page.get_by_role("button", name="Words").click()
        words = [int(w) for w in column(11)]
        assert words == sorted(words) and words[:2] == [1, 4] and words != sorted(words, key=str)  # as numbers
        page.get_by_role("button", name="Words").click()
        assert [int(w) for w in column(11)] == sorted(words, reverse=True)
        page.get_by_role("button", name="File").click()
        files = column(1)
        assert files == sorted(files)

        page.locator("select[data-filter=translation]").select_option("stale")
        assert column(1) == ["content/es/guidance/dialogue-with-suppliers.md"]
        assert page.locator("#desk-shown").inner_text() == f"1 of {total} pages shown"
        page.locator("select[data-filter=translation]").select_option("")
        page.locator("select[data-filter=review]").select_option("reviewed")
        assert column(1) == ["content/en/about/only-english.md"]
        page.locator("select[data-filter=review]").select_option("")
        page.locator("input[data-filter=any]").fill("colombia")
        assert set(column(1)) == {
            "content/en/case-studies/colombia-exclusion-and-disability-tie-break.md",
            "content/es/case-studies/colombia-exclusion-and-disability-tie-break.md",
        }
        page.goto((desk / "dist/desk/es.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "es"
        page.locator("select[data-filter=language]").select_option("es")
        assert page.locator("#desk-shown").inner_text().startswith("Se muestran ")
        assert all(cell == "es" for cell in column(2))
        browser.close()
    assert not errors, errors  # no script error, no Content Security Policy violation
