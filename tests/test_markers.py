"""The `build` and `browser` markers come from what a test does (tests/conftest.py), and lie never.

Sample functions below are only read (ast), never run.
"""

from __future__ import annotations

import sys

import pytest

from tests import conftest
from tests.conftest import MKDOCS


def sync_playwright():  # a stand-in, so the samples below are valid code; never called
    raise AssertionError


def _helper_that_builds(site):
    return site.build()


def sample_site_build(site):
    site.build("--clean")


def sample_command_line(tmp_path):
    conftest.subprocess.run([*MKDOCS, "build", "-d", str(tmp_path)])


def sample_make_preview(root):
    conftest.subprocess.run(["make", "-o", "x", "preview"], cwd=root)


def sample_bench():
    conftest.subprocess.run([sys.executable, "scripts/bench.py", "--pages", "6"])


def sample_in_process(config):
    from mkdocs.commands.build import build

    build(config)


def sample_through_a_helper(site):
    assert _helper_that_builds(site).returncode == 0


def sample_browser():
    with sync_playwright() as playwright:
        playwright.chromium.launch()


def sample_pdfs(pool, pdfs, site):
    pool.submit(pdfs.print_guidance, site, [])


def sample_only_words(site, capsys):
    """Mentions site.build() and sync_playwright in a docstring, runs neither."""
    # site.build() in a comment
    return site.check(capsys=capsys), "mkdocs build"


@pytest.mark.parametrize(
    ("function", "needs"),
    [
        (sample_site_build, {"build"}),
        (sample_command_line, {"build"}),
        (sample_make_preview, {"build"}),
        (sample_bench, {"build"}),
        (sample_in_process, {"build"}),
        (sample_through_a_helper, {"build"}),
        (sample_browser, {"browser"}),
        (sample_pdfs, {"browser"}),
        (sample_only_words, set()),
    ],
)
def test_what_a_function_needs_is_read_from_its_code(function, needs):
    assert conftest._needs(function) == needs


def test_the_real_fixtures_are_read_right():
    assert conftest._needs(conftest.built.__wrapped__) == {"build"}
    assert conftest._needs(conftest.site.__wrapped__) == set()
    assert conftest._needs(conftest.full_site.__wrapped__) == set()


def test_this_test_is_marked_neither(request):
    assert request.node.get_closest_marker("build") is None
    assert request.node.get_closest_marker("browser") is None


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        ([sys.executable, "-m", "mkdocs", "build", "--strict"], "build"),
        (["/venv/bin/mkdocs", "build"], "build"),
        (["make", "--no-print-directory", "preview"], "build"),
        ([sys.executable, "scripts/bench.py", "--pages", "6"], "build"),
        (["/work/.tools/lighthouse/node_modules/.bin/lighthouse", "http://x/"], "browser"),
    ],
)
def test_building_or_browsing_from_a_test_without_the_marker_fails_at_once(argv, kind):
    with pytest.raises(pytest.fail.Exception, match=f"is not marked '{kind}'"):
        conftest._watch_process(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [sys.executable, "scripts/kb.py", "check"],
        [sys.executable, "-m", "mkdocs", "--version"],
        ["make", "new-post", "TITLE=build"],
        ["git", "status", "--porcelain"],
    ],
)
def test_other_processes_are_neither(argv):
    conftest._watch_process(argv)  # no failure: this test is marked neither, and may run them
