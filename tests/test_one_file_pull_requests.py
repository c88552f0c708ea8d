"""One-file pull requests (issue 15, point 1): a pull request that adds only a valid post passes
`make check` and `make build` as typed; the deploy on main records new addresses, so nobody
edits data/urls.txt by hand; a published page renamed without a redirect still fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from labkb.features import permalinks
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from tests.conftest import MAKE_FILES, REPO, SITE_FILES, VENV, copy_repository, make_as_typed
from tests.contribution import SLUG, add_bilingual_post


def make(root: Path, target: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET` exactly as typed, from the root of the copy (the test run's .venv)."""
    return make_as_typed(root, target, timeout=900)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))


@pytest.mark.build  # `make build` in a copy
def test_a_pull_request_adding_only_a_bilingual_post_passes_check_and_build(checkout: Path):
    data_before = snapshot(checkout)
    written = add_bilingual_post(checkout)
    assert [p.relative_to(checkout).as_posix() for p in written] == [
        f"content/en/blog/{SLUG}.md",
        f"content/es/blog/{SLUG}.md",
    ]
    check = make(checkout, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "not recorded" not in check.stdout + check.stderr
    build = make(checkout, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    for prefix in ("", "es/"):
        assert (checkout / "site" / prefix / "blog" / SLUG / "index.html").is_file()
    assert snapshot(checkout) == data_before  # nothing but the post: data/urls.txt untouched
    # What the deploy on main does afterwards: record the new addresses (and only add).
    record = make(checkout, "urls")
    assert record.returncode == 0, record.stderr
    recorded = {url for _, url in permalinks.read_manifest(Project(checkout))}
    assert {f"blog/{SLUG}/", f"es/blog/{SLUG}/"} <= recorded
    assert recorded == permalinks.published(Corpus.read(Project(checkout)))


def test_renaming_a_published_page_without_a_redirect_fails_make_check_naming_the_address_and_fix(checkout: Path):
    old, new = "guidance/dialogue-with-suppliers", "guidance/talking-to-suppliers"
    for language in ("en", "es"):
        (checkout / "content" / language / f"{old}.md").rename(checkout / "content" / language / f"{new}.md")
    check = make(checkout, "check")
    output = check.stdout + check.stderr
    assert check.returncode != 0
    for prefix in ("", "es/"):
        assert f"/{prefix}{old}/ was published and no longer exists" in output
    assert f"declare where it went in data/redirects.yml, e.g. '{old}/: <new address>'" in output


def test_a_new_page_not_recorded_yet_is_no_finding_but_a_removed_one_is(tmp_path: Path):
    from tests.conftest import _copy_project

    site = _copy_project(tmp_path / "project", with_content=False)
    site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout us.\n")
    assert permalinks.check(Corpus.read(Project(site.root))) == []
    site.record()
    (site.root / "content/en/about.md").unlink()
    messages = [f.message for f in permalinks.check(Corpus.read(Project(site.root)))]
    assert any(m.startswith("/about/ was published and no longer exists") for m in messages), messages


def test_two_pull_requests_each_adding_a_post_need_no_shared_file(full_site, capsys):
    """Merged one after the other (both posts, the manifest untouched by either): still clean."""
    manifest = (full_site.root / "data/urls.txt").read_bytes()
    add_bilingual_post(full_site.root)
    second = full_site.root / "content/en/blog/a-second-post.md"
    second.write_text(
        (full_site.root / f"content/en/blog/{SLUG}.md").read_text(encoding="utf-8").replace("Notes from", "More"),
        encoding="utf-8",
    )
    code, output = full_site.check(capsys=capsys)
    assert code == 0, output
    assert (full_site.root / "data/urls.txt").read_bytes() == manifest


def test_make_new_post_writes_only_the_post(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content"))
    before = snapshot(root)
    result = subprocess.run(
        [
            "make", "--no-print-directory", "-o", f"{VENV}/.installed", f"VENV={VENV}", "new-post",
            "TITLE=Only one file", "AUTHOR=lab-editors", "LANGS=en", "CATEGORY=lab-news",
            "DESCRIPTION=A post that is the whole pull request.",
        ],
        cwd=root, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (root / "content/en/blog/only-one-file.md").is_file()
    assert snapshot(root) == before


def deploy() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())


def test_the_deploy_on_main_records_new_addresses_serialised_and_with_minimal_permissions():
    workflow = deploy()
    assert workflow["permissions"]["contents"] == "read"
    assert workflow["concurrency"]["cancel-in-progress"] is False  # runs queue, one at a time
    job = workflow["jobs"]["record-addresses"]
    assert job["needs"] == "deploy"  # only what was published is recorded
    assert job["permissions"] == {"contents": "write"}
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make urls" in commands
    assert "git add data/urls.txt" in commands and "git add -A" not in commands and "git add ." not in commands
    assert "git push" in commands
    # Pull requests only read: they never record, so two of them never edit the manifest.
    pull_request = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    assert pull_request["permissions"] == {"contents": "read"}
    assert "make urls" not in (REPO / ".github/workflows/pull-request.yml").read_text()


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def fake_venv(root: Path) -> None:
    """`.venv` for the Makefile in a copy: its python is this test run's, its set-up stamp is newer
    than anything, and it refuses to run pip, so `make` can never reinstall into the real venv."""
    import os

    python = root / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(
        '#!/bin/sh\nif [ "$1" = -m ] && [ "$2" = pip ]; then echo "no pip in tests" >&2; exit 99; fi\n'
        f'exec "{VENV}/bin/python" "$@"\n',
        encoding="utf-8",
    )
    python.chmod(0o755)
    stamp = root / ".venv/.installed"
    stamp.touch()
    os.utime(stamp, (4102444800, 4102444800))  # 2100-01-01


def test_the_deploy_job_records_a_merged_posts_addresses_and_commits_only_the_manifest(tmp_path: Path):
    """The record-addresses step of deploy.yml, run by bash as the runner runs it, against a real
    git remote: after a one-file merge, it commits data/urls.txt alone; run again, nothing."""
    import os

    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    upstream = copy_repository(tmp_path / "upstream", (*MAKE_FILES, *SITE_FILES, "content"))
    git(upstream, "init", "-q", "-b", "main", env=env)
    git(upstream, "add", "-A", env=env)
    git(upstream, *identity, "commit", "-qm", "starter", env=env)
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(upstream), str(origin), env=env)
    # A contributor's pull request, merged: the post only.
    git(upstream, "remote", "add", "origin", str(origin), env=env)
    add_bilingual_post(upstream)
    git(upstream, "add", "content", env=env)
    git(upstream, *identity, "commit", "-qm", "A one-file pull request", env=env)
    git(upstream, "push", "-q", "origin", "main", env=env)
    # The runner's checkout of main.
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", str(origin), str(workspace), env=env)
    fake_venv(workspace)
    step = next(s for s in deploy()["jobs"]["record-addresses"]["steps"] if "run" in s)
    bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    run_env = {**env, "GITHUB_WORKSPACE": str(workspace)}
    result = subprocess.run(bash, cwd=workspace, env=run_env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    subject = git(origin, "log", "-1", "--format=%s", "main", env=env).strip()
    assert subject == "Record the addresses published by the deploy"
    assert git(origin, "show", "--name-only", "--format=", "main", env=env).split() == ["data/urls.txt"]
    manifest = git(origin, "show", "main:data/urls.txt", env=env)
    assert f"/blog/{SLUG}/\n" in manifest and f"/es/blog/{SLUG}/\n" in manifest
    again = subprocess.run(bash, cwd=workspace, env=run_env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "No new address." in again.stdout
    assert git(origin, "rev-list", "--count", "main", env=env).strip() == "3"  # starter, post, record
