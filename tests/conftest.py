"""Shared fixtures: small real projects in tmp_path, and the real site built once."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from labkb.features import permalinks
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from labkb.tools import cli

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("BUILD_ONLY_LOCALE", None)

# A valid blog post's front matter, and a body of 330 words (30 sentences of 11 words).
BLOG_FRONT = """\
---
title: Buying with respect for human rights
date: 2017-10-06
authors: [lab-editors]
categories: [lab-news]
description: Why public buyers matter for human rights.
---
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
SENTENCE = "Public buyers can use their purchasing power to protect human rights. "
BODY = "\n".join(SENTENCE * 3 for _ in range(10)) + "\n"


@dataclass
class Site:
    """A throwaway copy of the project (config, hooks, theme, data) with its own content."""

    root: Path

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def record(self) -> None:
        """What an editor does with `make urls` after adding pages."""
        permalinks.record(Corpus.read(Project(self.root)))

    def check(self, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        code = cli.main(["--root", str(self.root), "check", *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    def build(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*MKDOCS, "build", "--strict", "-d", str(self.root / "site"), *extra],
            cwd=self.root,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
        )


# What a copy of the repository holds: the site's configuration and code, and for the
# make targets the Makefile with what it runs.
SITE_FILES = ("mkdocs.yml", "mkdocs.offline.yml", "mkdocs.preview.yml", "hooks", "overrides", "data", "labkb")
SITE_FILES += ("mkdocs.publish.yml",)  # `make publish`: the public site with its downloads
MAKE_FILES = ("Makefile", "pyproject.toml", "requirements.txt", "scripts")


_RULE_CODE = re.compile(r" \[[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\]$")


def without_codes(output: str) -> list[str]:
    """The lines of a command's output without the rule code that ends each finding
    (' [front-matter.unknown-key]'): for tests of the words. tests/test_messages.py tests the codes."""
    return [_RULE_CODE.sub("", line) for line in output.splitlines()]


# The test run's .venv: `make` in a copy uses it (VENV=...) and counts it as set up (-o its stamp).
VENV = Path(sys.prefix)


def make_as_typed(
    root: Path, *arguments: str, timeout: int = 900, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`make ARGUMENTS` exactly as a reader types it at the root of a copy of the repository,
    with the test run's .venv; no input, output captured."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", f"VENV={VENV}", *arguments],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def copy_repository(target: Path, names: tuple[str, ...]) -> Path:
    """Copy these files and folders of the repository into `target` (created); returns it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def _copy_project(target: Path, with_content: bool) -> Site:
    target.mkdir(parents=True)
    copy_repository(target, SITE_FILES)
    site = Site(target)
    if with_content:
        shutil.copytree(REPO / "content", target / "content")
    else:
        # A picture for the image rules (a real PNG: 1x1 pixel).
        (target / "content" / "en" / "figures").mkdir(parents=True)
        (target / "content" / "en" / "figures" / "chart.png").write_bytes(PNG)
        site.write("content/en/index.md", "---\ntitle: Home\n---\n\nWelcome.\n")
        site.write("content/es/index.md", "---\ntitle: Inicio\ntranslation_of: en\n---\n\nBienvenida.\n")
        (target / "data" / "urls.txt").unlink()
        site.record()
    return site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A minimal project: home page in both languages, the real data and configuration."""
    return _copy_project(tmp_path / "project", with_content=False)


@pytest.fixture
def full_site(tmp_path: Path) -> Site:
    """A copy of the whole project, real starter content included."""
    return _copy_project(tmp_path / "project", with_content=True)


@dataclass
class Built:
    site: Path
    output: str
    git_status_before: str
    git_status_after: str
    content_before: dict[str, bytes]
    content_after: dict[str, bytes]


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real project built once, as `make build` does (strict), into a temporary folder:
    no test writes into the checkout.

    Records git status and every content file before and after, to prove that the
    build writes nothing into content/ or any tracked file.
    """
    output = tmp_path_factory.mktemp("built") / "site"
    before, content_before = git_status(), tree(REPO / "content")
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "--site-dir", str(output)],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(
        output,
        result.stdout + result.stderr,
        before,
        git_status(),
        content_before,
        tree(REPO / "content"),
    )


@pytest.fixture(scope="session")
def offline_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy built once, as `make offline` builds it (mkdocs.offline.yml), before
    its PDFs are printed. Shared by the tests: one that writes into it works on a copy."""
    site = tmp_path_factory.mktemp("offline-built") / "learning-lab"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(site)],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- Nothing in the checkout ------------------------------------------------------------------
# Hypothesis keeps its example database and caches in `.hypothesis/` of the current folder,
# which is the checkout: keep them in the temporary folder instead, the same one from run to
# run (so a failing example found once is tried first again).
try:
    from hypothesis.configuration import set_hypothesis_home_dir
except ImportError:  # pragma: no cover - Hypothesis is pinned in requirements.txt
    pass
else:
    import tempfile

    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"labkb-hypothesis-{os.getuid()}")

# --- The `build` and `browser` markers, from what a test uses -------------------------------
#
# Nobody writes these two markers by hand. At collection, a test is marked `build` when its
# own code, a fixture in its closure, or a function of the tests it calls, runs MkDocs: the
# `MKDOCS` command, `Site.build()` (any `.build(...)` call), a command line holding `mkdocs` and
# `build` (or `make` and a target that builds), MkDocs' `build()` imported into the test, or
# `scripts/bench.py`. It is marked
# `browser` when one of them launches Chromium: `sync_playwright`, `.launch(...)`,
# `pdfs.print_guidance`, or Lighthouse. The code is read as Python (ast), so a comment or a
# docstring does not count.
#
# While the suite runs, every process a test starts and every Chromium Playwright launches is
# watched, and the markers are held to what happened:
# - running `mkdocs build` (or `make bench`) or launching Chromium from a test without the marker
#   fails that test at once, naming what it ran: the reading above missed a way to build or
#   browse, so `-m "not build"` would have run it; teach BUILD_*/BROWSER_* below;
# - a test with the marker that passes without building or launching (itself, or through a
#   fixture that did when it was set up) fails: its marker is wrong.

BUILD_NAMES = {"MKDOCS"}  # the mkdocs command line, as a name
BUILD_CALLS = {"build"}  # obj.build(...): Site.build
BUILD_MODULE = "mkdocs.commands.build"  # MkDocs' build() run in the test's own process
BUILD_TEXTS = ("scripts/bench.py",)  # `make bench`, which builds three times
BROWSER_NAMES = {"sync_playwright"}
BROWSER_CALLS = {"launch", "launch_persistent_context", "print_guidance"}  # pdfs.print_guidance prints in Chromium
BROWSER_TEXTS = ("lighthouse",)
MAKE_BUILDS = {"build", "preview", "offline", "linkcheck", "linkcheck-external", "bench", "test"}  # make targets
MAKE_BUILDS |= {"publish", "serve"}  # `make publish`: the offline copies, then the site; `make serve` builds too
KINDS = ("build", "browser")

_needs_cache: dict[object, frozenset[str]] = {}


def _needs(function, seen: frozenset = frozenset()) -> frozenset[str]:
    """The kinds ('build', 'browser') that `function`, or a test helper it calls, needs."""
    import ast
    import inspect
    import textwrap

    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None or code in seen:
        return frozenset()
    if code in _needs_cache:
        return _needs_cache[code]
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return frozenset()
    for definition in tree.body:  # decorators (parametrize values, marks) are not what a test does
        if isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
            definition.decorator_list = []
    found: set[str] = set()
    namespace = getattr(function, "__globals__", {})
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found |= {"build"} if node.id in BUILD_NAMES else set()
            found |= {"browser"} if node.id in BROWSER_NAMES else set()
        if isinstance(node, ast.Attribute):  # called, or handed to a thread
            found |= {"build"} if node.attr in BUILD_CALLS else set()
            found |= {"browser"} if node.attr in BROWSER_CALLS else set()
        if isinstance(node, ast.ImportFrom) and node.module == BUILD_MODULE:  # MkDocs' build() in this process
            found.add("build")
        if not isinstance(node, ast.Call):
            continue
        texts = [a.value for a in ast.walk(node) if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        words = {word for text in texts for word in text.split()}
        found |= {"build"} if any(t in text for text in texts for t in BUILD_TEXTS) else set()
        found |= {"build"} if "build" in words and any(w.endswith("mkdocs") for w in words) else set()
        found |= {"build"} if "make" in words and MAKE_BUILDS & words else set()
        # make_as_typed(root, "preview"): the helper's name says make, the call names the target.
        called = node.func.id if isinstance(node.func, ast.Name) else ""
        found |= {"build"} if called == make_as_typed.__name__ and MAKE_BUILDS & words else set()
        found |= {"browser"} if any(t in text for text in texts for t in BROWSER_TEXTS) else set()
        # A helper of the tests (this package) called by name: read it too.
        name = node.func.id if isinstance(node.func, ast.Name) else None
        helper = namespace.get(name) if name else None
        if inspect.isfunction(helper) and (helper.__module__ or "").startswith("tests"):
            found |= _needs(helper, seen | {code})
    _needs_cache[code] = frozenset(found)
    return _needs_cache[code]


def _fixturedefs(item: pytest.Item) -> list:
    """The fixture definitions `item` uses (its closure), the ones in force for it."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [defs[-1] for name in item.fixturenames if (defs := info.name2fixturedefs.get(name))]


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        needs = set(_needs(getattr(item, "function", None)))
        for fixturedef in _fixturedefs(item):
            needs |= _needs(fixturedef.func)
        for kind in KINDS:
            if kind in needs and item.get_closest_marker(kind) is None:
                item.add_marker(kind)


# What ran while the suite ran: counts for the current test, and the fixtures that built or
# launched a browser when they were set up (session and module fixtures run once).
_RUN: dict[str, object] = {"item": None, "build": 0, "browser": 0}
_FIXTURES_THAT: dict[str, set[int]] = {kind: set() for kind in KINDS}


def _happened(kind: str, what: str) -> None:
    _RUN[kind] = int(_RUN[kind]) + 1
    item = _RUN["item"]
    if isinstance(item, pytest.Item) and item.get_closest_marker(kind) is None:
        pytest.fail(
            f"{item.nodeid} {'builds the site' if kind == 'build' else 'launches Chromium'} ({what}) but is not "
            f"marked '{kind}': tests/conftest.py did not see it in the test's code; teach it how this test "
            f"{'builds' if kind == 'build' else 'browses'} (BUILD_*/BROWSER_*)",
            pytrace=False,
        )


def _watch_process(args: object) -> None:
    argv = [str(a) for a in args] if isinstance(args, list | tuple) else str(args).split()
    text = " ".join(argv)
    program = Path(argv[0]).name if argv else ""
    mkdocs = "mkdocs" in text and "build" in argv
    make = program == "make" and bool(MAKE_BUILDS & set(argv[1:]))
    if mkdocs or make or "bench.py" in text:
        _happened("build", text[:200])
    if "lighthouse" in program or program in ("chromium", "chromium-browser", "chrome", "google-chrome"):
        _happened("browser", text[:200])


def pytest_configure(config: pytest.Config) -> None:
    """Watch every process the tests start, every browser Playwright launches, every fixture."""
    if not config.pluginmanager.has_plugin("kb-fixture-watch"):
        config.pluginmanager.register(_FixtureWatch(), "kb-fixture-watch")
    original_popen = subprocess.Popen.__init__

    def popen(self, args, *rest, **options):
        _watch_process(args)
        original_popen(self, args, *rest, **options)

    subprocess.Popen.__init__ = popen
    try:
        import mkdocs.commands.build as mkdocs_build
    except ImportError:
        pass
    else:
        original_build = mkdocs_build.build

        def build(*args, **options):
            _happened("build", "mkdocs.commands.build.build() in this process")
            return original_build(*args, **options)

        mkdocs_build.build = build
    try:
        from playwright.sync_api._generated import BrowserType
    except ImportError:  # the browser tests cannot run at all then
        return
    for method in ("launch", "launch_persistent_context"):
        original = getattr(BrowserType, method)

        def launch(self, *args, _original=original, _method=method, **options):
            _happened("browser", f"Playwright {self.name}.{_method}")
            return _original(self, *args, **options)

        setattr(BrowserType, method, launch)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _RUN.update(item=item, build=0, browser=0)
    try:
        return (yield)
    finally:
        _RUN["item"] = None


class _FixtureWatch:
    """Registered as a plugin in pytest_configure, not as this conftest's hook: a conftest's hooks
    are called only for nodes below its folder, and a session fixture (`built`) belongs to the
    session, above it."""

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        before = {kind: int(_RUN[kind]) for kind in KINDS}
        try:
            return (yield)
        finally:
            for kind in KINDS:
                if int(_RUN[kind]) > before[kind]:
                    _FIXTURES_THAT[kind].add(id(fixturedef))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield  # a test that failed, was skipped or xfailed raises here: nothing to hold it to
    used = {id(fixturedef) for fixturedef in _fixturedefs(item)}
    for kind in KINDS:
        if item.get_closest_marker(kind) and not _RUN[kind] and not used & _FIXTURES_THAT[kind]:
            pytest.fail(
                f"{item.nodeid} is marked '{kind}' but "
                f"{'built nothing' if kind == 'build' else 'launched no browser'}, itself or through a fixture: "
                f"remove the marker (tests/conftest.py adds it from what a test uses)",
                pytrace=False,
            )
    return result
