"""Command-line verbs for editors and CI: `check`, `translations status|refresh`.

Each verb prints a plain OK line when all is well and exits non-zero otherwise.
`scripts/kb.py` is the thin entry point; the Makefile calls it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from labkb import checks, reference, registries, translations
from labkb.project import Project
from labkb.schema import LANGUAGES


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=root or Path.cwd(), help="repository root (default: current folder)"
    )
    verbs = parser.add_subparsers(dest="verb", required=True)

    check = verbs.add_parser("check", help="check content and data without rendering the site")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: all)")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations",
    )

    tr = verbs.add_parser("translations", help="translation state of every page")
    tr_verbs = tr.add_subparsers(dest="action", required=True)
    tr_verbs.add_parser("status", help="per page: translated / missing / stale")
    refresh = tr_verbs.add_parser("refresh", help="record that translations match their original")
    refresh.add_argument("paths", nargs="+", type=Path, help="translation files to mark current")

    verbs.add_parser(
        "docs-reference", help="regenerate the field reference in docs/content-model.md from the schema"
    )

    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    if args.verb == "check":
        return _check(project, args.paths, args.format)
    if args.verb == "docs-reference":
        return _docs_reference(project)
    if args.action == "status":
        return _status(project)
    return _refresh(project, args.paths)


def _check(project: Project, paths: list[Path], output: str) -> int:
    started = time.perf_counter()
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    findings = checks.check(project, paths or None)
    for finding in findings:
        print(finding.github() if output == "github" else finding.text())
    elapsed = time.perf_counter() - started
    if findings:
        print(f"{len(findings)} problem(s) found. Fix them and run 'make check' again.", file=sys.stderr)
        return 1
    count = len(project.markdown_files())
    print(f"OK: {count} content files checked in {elapsed:.2f} s, no problems.")
    return 0


def _status(project: Project) -> int:
    states = translations.page_states(project)
    width = max((len(s.page_path) for s in states), default=4)
    print(f"{'page':<{width}}  " + "  ".join(f"{lang:<10}" for lang in LANGUAGES))
    for state in states:
        print(f"{state.page_path:<{width}}  " + "  ".join(f"{state.states[lang]:<10}" for lang in LANGUAGES))
    todo = [s for s in states if s.needs_work]
    summary = {
        kind: sum(1 for s in states for v in s.states.values() if v == kind)
        for kind in (translations.TRANSLATED, translations.STALE, translations.MISSING)
    }
    print(
        f"\n{len(states)} pages: {summary['translated']} translated, {summary['stale']} stale, "
        f"{summary['missing']} missing."
    )
    if todo:
        print(
            "Stale: update the translation, then 'make translations-refresh PATHS=<file>'. "
            "Missing: add the file at the same path in the other language."
        )
    return 0


def _refresh(project: Project, paths: list[Path]) -> int:
    missing = [p for p in paths if not p.is_file()]
    for path in missing:
        print(f"{path}: no such file", file=sys.stderr)
    if missing:
        return 2
    done, problems = translations.refresh(project, [p.resolve() for p in paths])
    for problem in problems:
        print(problem.text(), file=sys.stderr)
    for rel in done:
        print(f"refreshed {rel}")
    if problems:
        return 1
    print(f"OK: {len(paths)} translation(s) recorded as current.")
    return 0


def _docs_reference(project: Project) -> int:
    path = project.root / "docs" / "content-model.md"
    document = path.read_text(encoding="utf-8")
    updated = reference.splice(document, reference.reference(registries.load(project)))
    if updated is None:
        print(
            f"{project.relative(path)}: the markers of the generated region are missing:\n"
            f"{reference.START}\n{reference.END}",
            file=sys.stderr,
        )
        return 1
    if updated != document:
        path.write_text(updated, encoding="utf-8")
        print(f"updated {project.relative(path)}")
    print("OK: the field reference matches labkb/schema.py.")
    return 0
