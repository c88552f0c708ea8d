"""`make preview` as the README types it: a copy to open from files, every link resolving,
and no link to a file the preview does not hold (the PDFs only `make offline` prints)."""

from __future__ import annotations

from tests.conftest import MAKE_FILES, SITE_FILES, copy_repository, make_as_typed


def test_make_preview_builds_a_copy_whose_links_all_resolve(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    result = make_as_typed(root, "preview", timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "OK: every link of" in output  # the Makefile's link check of dist/preview ran
    preview = root / "dist" / "preview"
    guide = (preview / "guidance" / "risk-based-due-diligence.html").read_text(encoding="utf-8")
    assert "risk-based-due-diligence.pdf" not in guide and not list(preview.rglob("*.pdf"))
    assert "assets/vendor/iframe-worker/shim.js" in guide  # search works from files
    assert '<link rel="alternate" hreflang' not in guide  # no head alternates that would be fetched from the web


def test_make_offline_as_typed_builds_prints_checks_and_zips(tmp_path):
    """`make offline` from the repository root, relative paths and all (it used to stop with
    'relative path can't be expressed as a file URI' when printing the PDFs)."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    result = make_as_typed(root, "offline", timeout=1500)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    site = root / "dist" / "offline" / "learning-lab"
    assert (site / "guidance" / "risk-based-due-diligence.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "es" / "guidance" / "risk-based-due-diligence.pdf").is_file()
    assert (root / "dist" / "learning-lab-offline.zip").is_file()
