"""`make build` stops on what `make check` finds, with the same message: the wiring, not every rule.

Every rule of the checker is proven in tests/test_checks.py (the BAD table, in process and
fast). Here a few representative mistakes, one of each kind the build's check hook
(hooks/checks.py) must pass on, go through the real strict build in a copy of the project:
a front-matter error, a body (link) error, a safety error, a data-file error and an error
across pages. The check stops the build before any page is rendered, so each case costs one
MkDocs start-up; a valid page still builds.
"""

from __future__ import annotations

import pytest

from tests.conftest import without_codes
from tests.test_checks import BAD, GOOD, _prepare

# One rule of each kind, by its id in the BAD table.
REPRESENTATIVE = {
    "unknown-key": "front matter",
    "broken-link": "body: a link",
    "script": "safety",
    "case-id-duplicate": "across pages",
}
CASES = [case for case in BAD if case[0] in REPRESENTATIVE]


def _registry_entry_without_spanish(site) -> str:
    """A data file with a mistake: a vocabulary term without its Spanish label."""
    path = site.root / "data" / "vocabularies.yml"
    text = path.read_text(encoding="utf-8").replace("award: {en: Award, es: Adjudicación}", "award: {en: Award}")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  award: {en: Award}") + 1
    return f"data/vocabularies.yml:{line}: 'award' has no Spanish text: add 'es: ...'"


def _assert_refused(site, expected: str) -> None:
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert expected in without_codes(output), output
    assert "Traceback" not in output
    assert not (site.root / "site" / "index.html").exists()


def test_the_table_holds_every_representative_rule():
    assert sorted(case[0] for case in CASES) == sorted(REPRESENTATIVE)


@pytest.mark.parametrize(("rule", "path", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_build_fails_with_the_checkers_message(site, rule, path, text, expected):
    _prepare(site, rule, path, text)
    _assert_refused(site, expected)


def test_build_fails_on_a_data_file_with_the_checkers_message(site):
    _assert_refused(site, _registry_entry_without_spanish(site))


def test_build_accepts_valid_content(site):
    _name, path, text = GOOD[0]
    site.write(path, text)
    site.record()
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site.root / "site" / "blog" / "post" / "index.html").is_file()
