"""`make build` rejects every bad fixture of the checker table, with the same message.

The real strict build runs in a copy of the project; the check stops it before any page
is rendered, so each case costs one MkDocs start-up.
"""

from __future__ import annotations

import pytest

from tests.test_checks import BAD, GOOD, _prepare

pytestmark = pytest.mark.build


@pytest.mark.parametrize(("rule", "path", "text", "expected"), BAD, ids=[c[0] for c in BAD])
def test_build_fails_with_the_checkers_message(site, rule, path, text, expected):
    _prepare(site, rule, path, text)
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert expected in output.splitlines(), output
    assert "Traceback" not in output
    assert not (site.root / "site" / "index.html").exists()


@pytest.mark.parametrize(("name", "path", "text"), GOOD[:3], ids=[c[0] for c in GOOD[:3]])
def test_build_accepts_valid_content(site, name, path, text):
    site.write(path, text)
    site.record()
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
