"""Every make target the README lists, run as typed from the root of a copy of the repository
(relative paths, the real Makefile), with this run's .venv (`-o .installed VENV=...`, as the
other make tests do, so nothing is installed again), except `make setup`, which makes its own.

Elsewhere: `make help` (tests/test_readme.py), `make preview` and `make offline`
(tests/test_preview.py), `make publish` (tests/test_publish.py), `make new-post`
(tests/test_hardening.py). `make test` runs the whole suite: CI runs it as typed (.ci/run,
tests/test_workflows.py); a test of the suite cannot run the suite. Slow here: `make setup`
(a new .venv from the registry, about 2.5 minutes on the shared machine) and `make bench
PAGES=6` (about 2 to 3 minutes).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MAKE_FILES, REPO, SITE_FILES, VENV, copy_repository, make_as_typed


def make(root: Path, *arguments: str, timeout: int = 900) -> str:
    """`make <arguments>` in `root`, as typed; returns what it printed (fails on a non-zero exit)."""
    result = make_as_typed(root, *arguments, timeout=timeout)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"make {' '.join(arguments)}:\n{output}"
    assert "Traceback" not in output, output
    return output


@pytest.mark.build  # `make linkcheck` builds the site
def test_editor_targets_as_typed(tmp_path: Path):
    """check, translations, translations-refresh, urls, survey-export, survey-import,
    docs-reference, linkcheck (which builds), browser, help and clean, one after the other."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content", "docs", "README.md"))
    before = {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}
    reference = (root / "docs" / "content-model.md").read_bytes()

    assert "no problems" in make(root, "check")
    assert "offline/index.md" in make(root, "translations")
    refreshed = make(root, "translations-refresh", "PATHS=content/es/offline/index.md")
    assert "1 traducción(es) registrada(s) como al día" in refreshed  # a Spanish file: said in Spanish
    make(root, "urls")
    assert "survey-editing.csv" in make(root, "survey-export")
    assert (root / "dist" / "survey-editing.csv").is_file()
    make(root, "survey-import")
    assert {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()} == before  # nothing changed
    make(root, "docs-reference")
    assert (root / "docs" / "content-model.md").read_bytes() == reference  # already up to date

    assert "OK: every link of" in make(root, "linkcheck")
    assert (root / "site" / "es" / "offline" / "index.html").is_file()
    make(root, "browser")  # Chromium is there: nothing to install
    assert "make linkcheck" in make(root, "help")
    make(root, "clean")
    assert not (root / "site").exists() and not (root / "dist").exists()


def test_make_lint_as_typed(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "hooks", "tests"))
    output = make(root, "lint", timeout=600)
    assert "All checks passed" in output and "Success: no issues found" in output


@pytest.mark.build  # `make serve` builds the site before it serves it
def test_make_serve_as_typed_serves_both_languages(tmp_path: Path):
    """`make serve`, started as typed, answers at http://127.0.0.1:8000 in both languages."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", f"VENV={VENV}", "serve"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped below with everything it started
    )
    pages = {}
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and len(pages) < 2 and process.poll() is None:
            for path in ("", "es/offline/"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:8000/{path}", timeout=5) as response:
                        pages[path] = response.read().decode("utf-8")
                except OSError:
                    time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=60)[0].decode("utf-8", "replace")
    assert len(pages) == 2, output[-3000:]
    assert '<html lang="en"' in pages[""]
    assert "Guardar para usar sin conexión" in pages["es/offline/"]


def test_make_setup_as_typed_creates_the_environment(tmp_path: Path):
    """`make setup` in a fresh copy: creates .venv and installs the exact pins (from the package
    registry, with pip's own cache)."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb"))
    result = subprocess.run(
        ["make", "--no-print-directory", "setup"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=1200,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / ".venv" / ".installed").is_file()
    check = subprocess.run(
        [str(root / ".venv" / "bin" / "python"), "-c", "import mkdocs, material, labkb; print(mkdocs.__version__)"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert check.returncode == 0, check.stderr
    pinned = next(line for line in (REPO / "requirements.txt").read_text().splitlines() if line.startswith("mkdocs=="))
    assert check.stdout.strip() == pinned.split("==")[1]


@pytest.mark.build  # `make bench` builds the synthetic site, the starter content and their copies
def test_make_bench_as_typed_at_a_tiny_size(tmp_path: Path):
    """`make bench PAGES=6` (the README's PAGES=...), in a copy: every figure and budget in
    dist/bench.json. Exit 1 is a budget missed on a busy machine (time budgets), not a failure
    to measure (2)."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    result = make_as_typed(root, "bench", "PAGES=6", timeout=1200)
    # make exits 2 whenever its recipe fails; it names the recipe's own exit code ("Error 1").
    assert result.returncode == 0 or "bench] Error 1" in result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads((root / "dist" / "bench.json").read_text(encoding="utf-8"))
    figures = report["figures"]
    for key in ("offline_zip_es_bytes", "saved_set_es_bytes", "starter_saved_set_es_bytes", "starter_save_es_seconds"):
        assert figures[key] > 0, key
    assert "starter content: Save to ready, es" in result.stdout


def test_make_lighthouse_as_typed_installs_the_pinned_version(tmp_path: Path):
    """`make lighthouse` in a fresh copy: `npm ci` from the package registry, the exact version
    of tests/lighthouse/package-lock.json, into .tools/ (about 40 s here)."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES,))
    copy_repository(root, ("tests/lighthouse",))
    make(root, "lighthouse", timeout=900)
    lock = json.loads((REPO / "tests" / "lighthouse" / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/lighthouse"]["version"]
    installed = subprocess.run(
        [str(root / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert installed.stdout.strip() == pinned, installed.stdout + installed.stderr
    assert "Nothing to be done" in make(root, "lighthouse")  # installed once, kept


@pytest.mark.build  # `make linkcheck-external` builds first
def test_make_linkcheck_external_as_typed_asks_the_web_for_each_external_link(tmp_path: Path):
    """`make linkcheck-external` asks the web for every external link of site/. With no
    connection (this machine reaches only package registries) it fails and names each address
    it could not reach, with the reason; with one, it passes or names the broken ones."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    result = make_as_typed(root, "linkcheck-external", timeout=1200)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and (root / "site" / "index.html").is_file()
    if result.returncode == 0:
        assert "OK: every link of" in output
    else:
        assert re.search(r"^https://www\.ohchr\.org/\S+: .+$", output, re.MULTILINE), output[-3000:]
        assert re.search(r"^\d+ broken link\(s\)\.$", output, re.MULTILINE), output[-3000:]
