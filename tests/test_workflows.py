"""The GitHub workflows are valid YAML, pin their actions and call real make targets."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
TARGETS = set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(), re.MULTILINE))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_is_a_pull_request_and_a_deploy_workflow():
    assert [w.name for w in WORKFLOWS] == ["deploy.yml", "propose-post.yml", "pull-request.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_is_valid_and_pins_every_action(path):
    workflow = yaml.safe_load(path.read_text())
    assert workflow["jobs"]
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_runs_only_existing_make_targets_including_the_tests(path):
    commands = [step["run"] for step in steps(yaml.safe_load(path.read_text())) if "run" in step]
    called = [m for command in commands for m in re.findall(r"\bmake ([a-z][a-z-]*)", command)]
    assert called and set(called) <= TARGETS, (called, TARGETS)
    if path.name != "propose-post.yml":  # it turns an issue into a pull request, whose checks run the tests
        assert "test" in called
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_pull_requests_get_annotations_build_and_preview():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    commands = " ; ".join(step.get("run", "") for step in steps(workflow))
    for command in ("make check FORMAT=github", "make build", "make test", "make preview"):
        assert command in commands
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "dist/preview"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_job_has_a_timeout(path):
    """A job that hangs (a page that renders forever) must stop long before GitHub's 6 hours."""
    for name, job in yaml.safe_load(path.read_text())["jobs"].items():
        minutes = job.get("timeout-minutes")
        assert isinstance(minutes, int) and 1 <= minutes <= 90, (name, minutes)


# The deploy's commands (named here: a test that spells out a make target that builds is marked 'build').
TESTS, PUBLISH = "make test", "make publish"


def test_deploy_builds_the_offline_copies_and_pdfs_and_publishes_the_site_that_links_them():
    """`make publish` makes the zips (bilingual, one per language) and PDFs, then builds site/
    with them; the deploy runs it after the tests, with the public address, and uploads site/."""
    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    assert runs.index(TESTS) < runs.index(PUBLISH)
    publish = build[runs.index(PUBLISH)]
    assert publish["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert build.index(upload) > runs.index(PUBLISH) and upload["with"]["path"] == "site"
