"""Command-line verbs for editors and CI: `check`, `translations status|refresh`.

Each verb prints a plain OK line when all is well and exits non-zero otherwise.
`scripts/kb.py` is the thin entry point; the Makefile calls it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

from labkb.checks import engine as checks
from labkb.features import permalinks, scaffold, survey, survey_sheet, translations
from labkb.model import languages, registries, textfile
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES
from labkb.output import bundle, reference, site_links


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

    post = verbs.add_parser("new-post", help="create a blog post skeleton (asks for what is missing)")
    post.add_argument("--title", help="title of the post")
    post.add_argument("--author", help="author id from data/authors.yml")
    post.add_argument("--langs", help=f"{_language_choices()} (the first is the original)")
    post.add_argument("--category", help="category id from data/vocabularies.yml")
    post.add_argument("--description", help="one or two sentences for listings")
    post.add_argument(
        "--title-in",
        action="append",
        default=[],
        metavar="LANG=TEXT",
        help="the title in another language of the post, e.g. es=Título (repeat for each language)",
    )
    post.add_argument("--title-es", metavar="TEXT", help="the Spanish title: the same as --title-in es=TEXT")

    bundle_verb = verbs.add_parser("bundle", help="zip a built site folder (the offline bundle)")
    bundle_verb.add_argument("folder", type=Path, help="the built site")
    bundle_verb.add_argument("target", type=Path, help="the zip to write")

    verbs.add_parser("urls", help="record the addresses the site publishes now in data/urls.txt")

    sheet = verbs.add_parser("survey", help="the survey as a spreadsheet (CSV) and back")
    sheet_verbs = sheet.add_subparsers(dest="action", required=True)
    export = sheet_verbs.add_parser("export", help="write the editing sheet")
    export.add_argument("file", type=Path, nargs="?", default=Path("dist/survey-editing.csv"))
    load_sheet = sheet_verbs.add_parser("import", help="read the editing sheet back into data/survey/")
    load_sheet.add_argument("file", type=Path, nargs="?", default=Path("dist/survey-editing.csv"))

    links = verbs.add_parser("links", help="check every internal link, anchor and asset of a built site")
    links.add_argument("folder", type=Path, nargs="?", default=Path("site"))
    links.add_argument("--external", action="store_true", help="also ask the web for external links")

    pdf = verbs.add_parser("pdfs", help="print every guidance document of a built folder to PDF")
    pdf.add_argument("folder", type=Path, help="a build without directory URLs (the offline one)")
    pdf.add_argument(
        "--copy-from",
        type=Path,
        metavar="BILINGUAL",
        help="copy the PDFs of --language from this bilingual copy instead of printing them again",
    )
    pdf.add_argument("--language", help="the one language the folder holds (with --copy-from)")

    verbs.add_parser(
        "downloads",
        help="record the offline copies and PDFs 'make offline' made, with sizes and dates (dist/downloads.json)",
    )

    verbs.add_parser("docs-reference", help="regenerate the field reference in docs/content-model.md from the schema")

    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    if languages.PROBLEMS and args.verb != "check":  # `check` reports them with everything else
        for problem in languages.PROBLEMS:
            print(problem.text(), file=sys.stderr)
        print(f"Fix {languages.FILE} first: it lists the languages of the site.", file=sys.stderr)
        return 1
    try:
        return _run(project, args)
    except textfile.NotUTF8Error as exc:
        print(exc.text(project), file=sys.stderr)
        return 1


def _run(project: Project, args: argparse.Namespace) -> int:
    if args.verb == "check":
        return _check(project, args.paths, args.format)
    if args.verb == "pdfs":
        from labkb.output import pdfs

        if args.copy_from is not None:
            return _copy_pdfs(args.copy_from, args.folder, args.language)
        written = pdfs.print_guidance(args.folder.resolve(), pdfs.guidance_pages(project.content))
        print(f"OK: {len(written)} guidance PDF(s) printed into {args.folder}.")
        return 0
    if args.verb == "downloads":
        return _downloads(project)
    if args.verb == "links":
        return _links(args.folder, args.external)
    if args.verb == "survey":
        return _survey(project, args.action, args.file)
    if args.verb == "urls":
        return _urls(project)
    if args.verb == "bundle":
        size = bundle.make_zip(args.folder, args.target)
        print(
            f"OK: {project.relative(args.target.resolve())} ({size / 1024 / 1024:.1f} MB). Unzip it "
            f"and open {args.folder.name}/index.html in a browser; no connection needed."
        )
        return 0
    if args.verb == "new-post":
        return _new_post(project, args)
    if args.verb == "docs-reference":
        return _docs_reference(project)
    if args.action == "status":
        return _status(project)
    return _refresh(project, args.paths)


def _copy_pdfs(bilingual: Path, folder: Path, language: str | None) -> int:
    """A one-language copy's PDFs are the bilingual copy's, for that language: copied, not printed twice."""
    if language not in LANGUAGES:
        print(f"--language must be one of: {', '.join(LANGUAGES)} (found '{language}')", file=sys.stderr)
        return 2
    source = (bilingual if language == DEFAULT_LANGUAGE else bilingual / language) / "guidance"
    found = sorted(source.glob("*.pdf"))
    if not found:
        print(f"{source}: no PDF to copy; print them first ('kb pdfs {bilingual}')", file=sys.stderr)
        return 1
    target = folder / "guidance"
    target.mkdir(parents=True, exist_ok=True)
    for pdf in found:
        shutil.copyfile(pdf, target / pdf.name)
    print(f"OK: {len(found)} guidance PDF(s) in {language} copied into {folder}.")
    return 0


def _downloads(project: Project) -> int:
    from labkb.output import downloads

    try:
        recorded = downloads.record(project, LANGUAGES, DEFAULT_LANGUAGE)
    except downloads.MissingDownloads as error:
        print(error, file=sys.stderr)
        return 1
    for each in recorded.zips:
        print(f"  {each.source}: {each.size / 1_000_000:.1f} MB")
    count = sum(len(each) for each in recorded.pdfs.values())
    print(f"OK: {len(recorded.zips)} offline copies and {count} PDF(s) recorded in {downloads.RECORD}.")
    return 0


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
    corpus = _read_corpus(project)
    if corpus is None:
        return 1
    states = translations.page_states(corpus)
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
    document = textfile.read_text(path)
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
    print("OK: the field reference matches labkb/model/schema.py.")
    return 0


def _ask(value: str | None, prompt: str) -> str:
    if value:
        return value
    if not sys.stdin.isatty():
        raise scaffold.ScaffoldError(
            f"missing {prompt.split(' (')[0].lower()}: give it as an argument (see 'make help')"
        )
    return input(f"{prompt}: ").strip()


def _new_post(project: Project, args: argparse.Namespace) -> int:
    regs = registries.load(project)
    try:
        title = _ask(args.title, "Title")
        author = _ask(args.author, f"Author id ({', '.join(sorted(regs.authors))})")
        langs = _ask(args.langs, f"Languages ({_language_choices()})")
        category = _ask(args.category, f"Category ({', '.join(regs.vocabularies.get('categories', {}))})")
        description = _ask(args.description, "Description (one or two sentences)")
        languages = tuple(lang.strip() for lang in langs.split(",") if lang.strip())
        titles = scaffold.parse_titles(args.title_in, {"es": args.title_es} if args.title_es else None) or None
        request = scaffold.PostRequest(title, author, languages, category, description, dt.date.today(), titles)
        written = scaffold.new_post(project, regs, request)
    except scaffold.ScaffoldError as exc:
        print(f"new-post: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {project.relative(path)}")
    _urls(project)
    print("Next: write 300 to 1000 words in each file, then run 'make check'.")
    return 0


def _language_choices() -> str:
    """'en, es or en,es': one language of the site, or several (data/languages.yml)."""
    return f"{', '.join(LANGUAGES)} or {','.join(LANGUAGES)}"


def _read_corpus(project: Project) -> Corpus | None:
    """The content, or None when a file cannot be read (said on stderr: nothing is written)."""
    corpus = Corpus.read(project)
    for finding in corpus.findings:
        print(finding.text(), file=sys.stderr)
    return None if corpus.findings else corpus


def _urls(project: Project) -> int:
    corpus = _read_corpus(project)
    if corpus is None:
        return 1
    added = permalinks.record(corpus)
    for url in added:
        print(f"recorded /{url}")
    print(f"OK: {len(added)} new address(es) recorded in {permalinks.MANIFEST}.")
    return 0


def _survey(project: Project, action: str, file: Path) -> int:
    data, findings = survey.load(project)
    if findings:
        for finding in findings:
            print(finding.text(), file=sys.stderr)
        print("The survey files have problems: fix them first ('make check').", file=sys.stderr)
        return 1
    if action == "export":
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(survey_sheet.export_csv(data), encoding="utf-8-sig")
        print(
            f"OK: wrote {file} ({len(survey_sheet.export_rows(data))} answers). Open it in a "
            "spreadsheet, save it as CSV (UTF-8), then 'make survey-import'."
        )
        return 0
    if not file.is_file():
        print(f"{file}: no such file (run 'make survey-export' first)", file=sys.stderr)
        return 2
    try:
        text = textfile.read_text(file, bom=True, newlines=False)  # the csv module reads line ends
    except textfile.NotUTF8Error as exc:
        print(
            f"{file}: this file is not UTF-8 text (byte {exc.byte}): in the spreadsheet, save it again as "
            "'CSV UTF-8'; nothing was written.",
            file=sys.stderr,
        )
        return 1
    written, problems = survey_sheet.import_csv(project, data, text, str(file))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): nothing was written.", file=sys.stderr)
        return 1
    for path in written:
        print(f"updated {path}")
    print(f"OK: {len(written)} jurisdiction file(s) changed.")
    return 0


def _links(folder: Path, external: bool) -> int:
    if not (folder / "index.html").is_file():
        print(f"{folder}: not a built site (run 'make build' first)", file=sys.stderr)
        return 2
    problems = site_links.check(folder)
    if external:
        problems += site_links.check_external(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken link(s).", file=sys.stderr)
        return 1
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(f"OK: every link of {pages} pages in {folder} resolves" + (" (external links too)." if external else "."))
    return 0
