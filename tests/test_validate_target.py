"""`make validate`, as docs/validators.md types it, runs the validators' tests through the real
Makefile, from a copy of the repository (the tools of .tools/ and the virtual environment of the
checkout, already installed: nothing is installed again)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import MAKE_FILES, REPO, SITE_FILES, copy_repository, make_as_typed

VENV = REPO / ".venv"


def test_make_validate_runs_the_validator_tests(tmp_path: Path):
    root = copy_repository(tmp_path / "project", (*SITE_FILES, *MAKE_FILES, "content", "tests"))
    (root / ".tools").symlink_to(REPO / ".tools")  # the pinned vnu and Lighthouse (`make vnu`, `make lighthouse`)
    # Only the quick test of the file: the others run in the suite itself (tests/test_validators.py).
    env = {**os.environ, "PYTEST_ADDOPTS": "-k test_title_pattern -p no:cacheprovider"}
    result = make_as_typed(root, "validate", timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "-m pytest tests/test_validators.py" in result.stdout, result.stdout
    assert "1 passed" in result.stdout, result.stdout
    assert "npm" not in result.stdout, result.stdout  # the pinned tools were found, not installed again
