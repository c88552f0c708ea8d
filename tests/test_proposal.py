"""A blog post proposed with the browser only (issue 15, point 3): the issue form is generated
from the schema and the registries and the committed one is up to date; real issue bodies, as
GitHub writes them for the form, become a correctly named and placed post (or a clear refusal
that writes nothing); hostile values stay text; the workflow never runs contributor text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from labkb.features import proposal
from labkb.model import registries
from labkb.model.project import Project
from tests.conftest import MAKE_FILES, REPO, copy_repository, make_as_typed
from tests.contribution import _EN_BODY, _ES_BODY

VENV = Path(sys.prefix)
TODAY = "2026-11-30"

# A body exactly as GitHub writes an issue made with the form (CRLF line ends, "_No response_"
# for the fields left empty), written out here rather than made by the code under test.
GOOD = (
    "### Language of your post / Idioma de su entrada\r\n\r\nen — English\r\n\r\n"
    "### Title / Título\r\n\r\nNotes from a contributor: where a small team can start\r\n\r\n"
    "### Author / Autoría\r\n\r\nlab-editors — Learning Lab editors / Equipo editorial del Laboratorio\r\n\r\n"
    "### Your name (new authors only) / Su nombre (solo autores nuevos)\r\n\r\n_No response_\r\n\r\n"
    "### Your organisation (new authors only) / Su organización (solo autores nuevos)\r\n\r\n_No response_\r\n\r\n"
    "### One sentence about you (new authors only) / Una frase sobre usted (solo autores nuevos)\r\n\r\n"
    "_No response_\r\n\r\n"
    "### Category / Categoría\r\n\r\npractice — Practice / Práctica\r\n\r\n"
    "### Description / Descripción\r\n\r\nHow a small procurement team could organise its first months of "
    "work on human rights risks.\r\n\r\n"
    "### Your post / Su entrada\r\n\r\n" + _EN_BODY.strip().replace("\n", "\r\n")
)


def body(**changes: str) -> str:
    """GOOD with some values changed (field id -> the new value as the form would write it)."""
    text = GOOD
    for field, value in changes.items():
        label = proposal.TEXTS[field][0]
        pattern = rf"(### {re.escape(label)}\r\n\r\n)(.*?)(\r\n\r\n### |$)"
        text = re.sub(pattern, lambda m, new=value: m[1] + new + m[3], text, count=1, flags=re.S)
    return text


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "checkout", (*MAKE_FILES, "labkb", "data", "content", "mkdocs.yml"))


def kb(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """scripts/kb.py as the workflow runs it, from the root of the copy."""
    return subprocess.run(
        [f"{VENV}/bin/python", "scripts/kb.py", *args], cwd=root, capture_output=True, text=True, timeout=300
    )


def convert(root: Path, text: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    issue = root.parent / "issue.md"
    issue.write_bytes(text.encode("utf-8"))
    outputs = root.parent / "outputs"
    return kb(root, "proposal", "convert", str(issue), "--outputs", str(outputs), "--today", TODAY), outputs


def content_files(root: Path) -> dict[str, bytes]:
    files = [*root.glob("content/**/*"), *root.glob("data/**/*")]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files if p.is_file()}


# --- the form -------------------------------------------------------------------------------


def test_the_committed_issue_form_is_generated_from_the_schema_and_registries(checkout: Path):
    regs = registries.load(Project(REPO))
    assert (REPO / proposal.FORM_FILE).read_text(encoding="utf-8") == proposal.issue_form(regs)
    # A new author in the registry changes the form: `make issue-form` writes it again.
    authors = checkout / "data/authors.yml"
    authors.write_text(
        authors.read_text(encoding="utf-8") + "ana-gomez: {name: Ana Gómez, affiliation: {en: A, es: A}, "
        "bio: {en: B., es: B.}}\n",
        encoding="utf-8",
    )
    result = make_as_typed(checkout, "issue-form", timeout=300)
    assert result.returncode == 0, result.stderr
    form = yaml.safe_load((checkout / proposal.FORM_FILE).read_text(encoding="utf-8"))
    author = next(e for e in form["body"] if e.get("id") == "authors")
    assert "ana-gomez — Ana Gómez" in author["attributes"]["options"]


def test_the_form_follows_githubs_issue_form_rules():
    form = yaml.safe_load((REPO / proposal.FORM_FILE).read_text(encoding="utf-8"))
    assert form["name"] == "Propose a blog post / Proponer una entrada de blog"
    assert form["labels"] == [proposal.LABEL]
    fields = [e for e in form["body"] if e["type"] != "markdown"]
    ids = [e["id"] for e in fields]
    labels = [e["attributes"]["label"] for e in fields]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids)
    for element in fields:
        assert element["type"] in ("input", "textarea", "dropdown")
        options = element["attributes"].get("options", [])
        assert len(set(options)) == len(options)
    categories = next(e for e in fields if e["id"] == "categories")["attributes"]["options"]
    vocabulary = yaml.safe_load((REPO / "data/vocabularies.yml").read_text(encoding="utf-8"))["categories"]
    assert [o.split(" — ")[0] for o in categories] == list(vocabulary)  # from the registry, in its order
    assert fields[-1]["id"] == "body" and fields[-1]["validations"]["required"] is True


# --- good bodies ------------------------------------------------------------------------------


def test_a_good_english_proposal_becomes_a_post_that_passes_the_check(checkout: Path):
    before = content_files(checkout)
    result, outputs = convert(checkout, GOOD)
    assert result.returncode == 0, result.stderr
    slug = "notes-from-a-contributor-where-a-small-team-can-start"
    assert (outputs / "post").read_text() == f"content/en/blog/{slug}.md"
    assert (outputs / "language").read_text() == "en" and not (outputs / "author").exists()
    post = checkout / f"content/en/blog/{slug}.md"
    front = yaml.safe_load(post.read_text(encoding="utf-8").split("---\n")[1])
    assert front == {
        "title": "Notes from a contributor: where a small team can start",
        "date": TODAY,
        "authors": ["lab-editors"],
        "categories": ["practice"],
        "description": "How a small procurement team could organise its first months of work on human rights risks.",
    }
    assert "\r" not in post.read_text(encoding="utf-8") and "## Start with what you buy" in post.read_text("utf-8")
    assert set(content_files(checkout)) - set(before) == {f"content/en/blog/{slug}.md"}
    check = kb(checkout, "check", f"content/en/blog/{slug}.md")
    assert check.returncode == 0, check.stdout + check.stderr
    comment = kb(checkout, "proposal", "comment", "--outputs", str(outputs), "--link", "https://github.com/o/r/pull/7")
    assert comment.stdout.startswith("Thank you! Your proposal is now the pull request https://github.com/o/r/pull/7.")


def test_a_new_spanish_author_is_added_to_the_registry_and_answered_in_spanish(checkout: Path):
    authors_before = (checkout / "data/authors.yml").read_text(encoding="utf-8")
    text = body(
        language="es — Español",
        title="Notas de una colaboradora: por dónde empezar",
        authors=proposal.NEW_AUTHOR,
        author_name="Ana Gómez",
        author_affiliation="Municipalidad de Ejemplo",
        author_bio="Ana coordina las compras de la municipalidad.",
        description="Cómo podría organizar un equipo pequeño sus primeros meses de trabajo.",
        body=_ES_BODY.strip().replace("\n", "\r\n"),
    )
    result, outputs = convert(checkout, text)
    assert result.returncode == 0, result.stderr
    post = (outputs / "post").read_text()
    assert post == "content/es/blog/notas-de-una-colaboradora-por-donde-empezar.md"
    authors = (checkout / "data/authors.yml").read_text(encoding="utf-8")
    assert authors.startswith(authors_before)  # only added to
    entry = yaml.safe_load(authors)["ana-gomez"]
    assert entry["name"] == "Ana Gómez" and entry["affiliation"]["es"] == "Municipalidad de Ejemplo"
    check = kb(checkout, "check", post, "data/authors.yml")
    assert check.returncode == 0, check.stdout + check.stderr
    comment = kb(checkout, "proposal", "comment", "--outputs", str(outputs), "--link", "https://x.example/pull/8")
    assert comment.stdout.startswith("¡Gracias! Su propuesta ya es la pull request https://x.example/pull/8.")
    assert "Le agregamos a data/authors.yml como `ana-gomez`" in comment.stdout


# --- bad and hostile bodies ---------------------------------------------------------------------

REFUSED = [
    (body(title="<script>alert(1)</script>"), "the title must be plain text, found markup '<script>"),
    (body(title="A title\r\n---\r\nauthors: [evil]"), "'Title / Título' must be one line"),
    (body(language="fr — Français"), "'Language of your post / Idioma de su entrada': choose one of"),
    (body(categories="../../etc/passwd"), "'Category / Categoría': choose one of"),
    (body(authors="lab-editors"), "'Author / Autoría': choose one of"),
    (body(authors=proposal.NEW_AUTHOR), "'Your name (new authors only) / Su nombre (solo autores nuevos)' is empty"),
    (
        body(authors=proposal.NEW_AUTHOR, author_name="Lab editors", author_affiliation="X", author_bio="Y."),
        "'lab-editors' is already in data/authors.yml",
    ),
    (
        body(authors=proposal.NEW_AUTHOR, author_name="Eve", author_affiliation="<img src=x>", author_bio="Y."),
        "'Your organisation (new authors only) / Su organización (solo autores nuevos)': must be plain text",
    ),
    (body(body="_No response_"), "'Your post / Su entrada' is empty"),
    (body(title="A title\u202ewith a bidi override"), "the title contains an invisible control character (U+202E"),
    (
        body(authors=proposal.NEW_AUTHOR, author_name="!!! ???", author_affiliation="X", author_bio="Y."),
        "cannot make an id from this name: use letters",
    ),
    ("Just some text, not the form.", "the issue has no '### Language of your post / Idioma de su entrada' section"),
]


@pytest.mark.parametrize("text, message", REFUSED, ids=[str(i) for i in range(len(REFUSED))])
def test_a_bad_proposal_writes_nothing_and_says_what_to_fix(checkout: Path, text: str, message: str):
    before = content_files(checkout)
    result, outputs = convert(checkout, text)
    assert result.returncode == 1
    error = (outputs / "error").read_text(encoding="utf-8")
    assert message in error, error
    assert "Traceback" not in result.stderr
    assert content_files(checkout) == before and not (outputs / "post").exists()
    comment = kb(checkout, "proposal", "comment", "--outputs", str(outputs))
    assert comment.stdout.startswith(("Thank you! Your proposal could not become a post yet: `", "¡Gracias!"))


def test_an_existing_post_is_never_overwritten(checkout: Path):
    existing = checkout / "content/en/blog/americas-initiative.md"
    before = content_files(checkout)
    result, outputs = convert(checkout, body(title="Americas initiative"))  # the same file name
    assert result.returncode == 1
    assert (outputs / "error").read_text() == (
        "content/en/blog/americas-initiative.md already exists: nothing was written. Edit that file, or "
        "choose another title [new-post.exists]"
    )
    assert content_files(checkout) == before and existing.is_file()


def test_shell_and_markup_in_values_stay_text_and_unsafe_html_is_reported_in_the_posts_language(checkout: Path):
    title = "Hello $(touch pwned-dollar) `touch pwned-backtick` ; rm -rf / && echo"
    hostile_body = _ES_BODY.strip() + "\n\n<script>alert(document.cookie)</script>\n"
    text = body(language="es — Español", title=title, body=hostile_body.replace("\n", "\r\n"))
    result, outputs = convert(checkout, text)
    assert result.returncode == 0, result.stderr
    post = (outputs / "post").read_text()
    assert re.fullmatch(r"content/es/blog/[a-z0-9-]+\.md", post)
    assert yaml.safe_load((checkout / post).read_text(encoding="utf-8").split("---\n")[1])["title"] == title
    assert not list(checkout.parent.rglob("pwned*"))
    check = kb(checkout, "check", post)
    # The post is Spanish, so is the finding (data/messages.yml)
    assert check.returncode == 1 and "<script> no está permitido en el contenido" in check.stdout, check.stdout
    findings = checkout.parent / "findings.txt"
    findings.write_text(check.stdout + "``````\n@everyone", encoding="utf-8")
    comment = kb(checkout, "proposal", "comment", "--outputs", str(outputs), "--findings", str(findings)).stdout
    assert comment.startswith("¡Gracias! La verificación encontró estos problemas en `" + post + "`.")
    block = comment.split("\n", 2)[2]
    fence = re.match(r"(`{3,})text\n", block.split("\n\n", 1)[0] + "\n") or re.search(r"(`{7,})text\n", comment)
    assert fence and len(fence.group(1)) >= 7  # longer than any run of backticks in the findings
    assert comment.rstrip().endswith(fence.group(1))


# --- the workflow ---------------------------------------------------------------------------


def test_the_workflow_runs_no_contributor_text_as_shell_and_has_minimal_permissions():
    workflow = yaml.safe_load((REPO / ".github/workflows/propose-post.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"issues": {"types": ["opened", "edited"]}}  # YAML 1.1 reads `on` as True
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["propose"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert f"'{proposal.LABEL}'" in job["if"]
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step  # event data reaches the shell only through env
    env = {k: v for step in job["steps"] for k, v in step.get("env", {}).items()}
    assert env["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert 'proposal convert "$RUNNER_TEMP/issue.md"' in commands
    assert 'scripts/kb.py check --lang "$LANGUAGE" "$POST"' in commands  # findings in the contributor's language
    assert "gh issue comment" in commands and "--body-file" in commands


def test_the_workflows_own_commands_turn_a_hostile_issue_into_a_checked_post(checkout: Path):
    """The convert and check steps of propose-post.yml, run by bash as the runner runs them, with
    the issue body in the environment: shell syntax in it stays text."""
    workflow = yaml.safe_load((REPO / ".github/workflows/propose-post.yml").read_text(encoding="utf-8"))
    steps = {step.get("name", ""): step for step in workflow["jobs"]["propose"]["steps"]}
    convert_step = next(s for name, s in steps.items() if name.startswith("Turn the issue into a post"))
    check_step = steps["Check the post"]
    (checkout / ".venv").symlink_to(VENV)
    runner_temp = checkout.parent / "runner-temp"
    runner_temp.mkdir()
    hostile = body(
        title='Quotes " and \' and $(touch pwned-title) `touch pwned-tick`',
        body=(_EN_BODY.strip() + '\n\n"; touch pwned-body; echo "\n$(touch pwned-body2)\n').replace("\n", "\r\n"),
    )
    env = {"PATH": "/usr/bin:/bin", "RUNNER_TEMP": str(runner_temp), "ISSUE_BODY": hostile}
    for step in (convert_step, check_step):
        assert set(step.get("env", {})) <= {"ISSUE_BODY"}
        bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]  # as GitHub's runner
        result = subprocess.run(bash, cwd=checkout, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    post = (runner_temp / "proposal/post").read_text(encoding="utf-8")
    assert post == "content/en/blog/quotes-and-and-touch-pwned-title-touch-pwned-tick.md"
    text = (checkout / post).read_text(encoding="utf-8")
    assert '$(touch pwned-title) `touch pwned-tick`' in text and "$(touch pwned-body2)" in text
    assert not list(checkout.parent.rglob("pwned*")) and not list(Path.cwd().glob("pwned*"))
    assert not (runner_temp / "findings.txt").exists()  # the post passed the check: a pull request would open
    assert re.match(r"OK: \d+ content files checked in .*, no problems", (runner_temp / "check.txt").read_text("utf-8"))
