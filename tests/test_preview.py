"""`make preview` as the README types it: a copy to open from files, every link resolving,
and no link to a file the preview does not hold (the PDFs only `make offline` prints)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import MAKE_FILES, SITE_FILES, copy_repository

VENV = Path(sys.prefix)


def test_make_preview_builds_a_copy_whose_links_all_resolve(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", f"VENV={VENV}", "preview"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "OK: every link of" in output  # the Makefile's link check of dist/preview ran
    preview = root / "dist" / "preview"
    guide = (preview / "guidance" / "risk-based-due-diligence.html").read_text(encoding="utf-8")
    assert "risk-based-due-diligence.pdf" not in guide and not list(preview.rglob("*.pdf"))
    assert "assets/vendor/iframe-worker/shim.js" in guide  # search works from files
    assert '<link rel="alternate" hreflang' not in guide  # no head alternates that would be fetched from the web
