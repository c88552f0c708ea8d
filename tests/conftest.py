"""Shared fixtures: small real projects in tmp_path, and the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from labkb import cli, permalinks
from labkb.corpus import Corpus
from labkb.project import Project

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


def _copy_project(target: Path, with_content: bool) -> Site:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "mkdocs.offline.yml", "mkdocs.preview.yml", "hooks", "overrides", "data", "labkb"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
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
