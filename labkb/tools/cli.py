"""Command-line verbs for editors and CI: `check`, `translations status|refresh`.

Each verb prints a plain OK line when all is well and exits non-zero otherwise.
`scripts/kb.py` is the thin entry point; the Makefile calls it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from labkb.checks import engine as checks
from labkb.features import permalinks, scaffold, survey, survey_sheet, translations
from labkb.model import languages, messages, registries, textfile
from labkb.model.corpus import Corpus
from labkb.model.findings import summary_language
from labkb.model.messages import Language, Number, msg
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES
from labkb.output import bundle, message_reference, reference, site_links

_MESSAGES_HELP = "the language of the messages (default: KB_LANG, else the default language)"
_LANG_HELP = (
    "the language of every message (default: each file's own, content/es/... in Spanish; "
    "data files in the default language)"
)


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
    check.add_argument("--lang", choices=LANGUAGES, help=_LANG_HELP)

    tr = verbs.add_parser("translations", help="translation state of every page")
    tr_verbs = tr.add_subparsers(dest="action", required=True)
    tr_status = tr_verbs.add_parser("status", help="per page: translated / missing / stale")
    tr_status.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)
    refresh = tr_verbs.add_parser("refresh", help="record that translations match their original")
    refresh.add_argument("paths", nargs="+", type=Path, help="translation files to mark current")
    refresh.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP + "; the files' own language first")

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
    post.add_argument("--lang", choices=LANGUAGES, help="the language of the questions and messages (default: en)")

    bundle_verb = verbs.add_parser("bundle", help="zip a built site folder (the offline bundle)")
    bundle_verb.add_argument("folder", type=Path, help="the built site")
    bundle_verb.add_argument("target", type=Path, help="the zip to write")
    bundle_verb.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    urls_verb = verbs.add_parser("urls", help="record the addresses the site publishes now in data/urls.txt")
    urls_verb.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    sheet = verbs.add_parser("survey", help="the survey as a spreadsheet (CSV) and back")
    sheet_verbs = sheet.add_subparsers(dest="action", required=True)
    export = sheet_verbs.add_parser("export", help="write the editing sheet")
    export.add_argument("file", type=Path, nargs="?", default=Path("dist/survey-editing.csv"))
    load_sheet = sheet_verbs.add_parser("import", help="read the editing sheet back into data/survey/")
    load_sheet.add_argument("file", type=Path, nargs="?", default=Path("dist/survey-editing.csv"))
    for survey_verb in (export, load_sheet):
        survey_verb.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    links = verbs.add_parser("links", help="check every internal link, anchor and asset of a built site")
    links.add_argument("folder", type=Path, nargs="?", default=Path("site"))
    links.add_argument("--external", action="store_true", help="also ask the web for external links")
    links.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP + "; a page's problems: its own language first")

    pdf = verbs.add_parser("pdfs", help="print every guidance document of a built folder to PDF")
    pdf.add_argument("folder", type=Path, help="a build without directory URLs (the offline one)")
    pdf.add_argument(
        "--copy-from",
        type=Path,
        metavar="BILINGUAL",
        help="copy the PDFs of --language from this bilingual copy instead of printing them again",
    )
    pdf.add_argument("--language", help="the one language the folder holds (with --copy-from)")
    pdf.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    downloads_verb = verbs.add_parser(
        "downloads",
        help="record the offline copies and PDFs 'make offline' made, with sizes and dates (dist/downloads.json)",
    )
    downloads_verb.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    verbs.add_parser("docs-reference", help="regenerate the field reference in docs/content-model.md from the schema")

    proposal_verb = verbs.add_parser("proposal", help="a blog post proposed with GitHub's issue form")
    proposal_verbs = proposal_verb.add_subparsers(dest="action", required=True)
    proposal_verbs.add_parser("form", help="regenerate the issue form from the schema and the registries")
    convert = proposal_verbs.add_parser("convert", help="turn an issue body (a file) into a post")
    convert.add_argument("issue", type=Path, help="the issue body, as GitHub wrote it")
    convert.add_argument("--outputs", type=Path, required=True, help="folder for post, language, author, error")
    convert.add_argument("--today", type=dt.date.fromisoformat, help="the post's date (default: today)")
    reply = proposal_verbs.add_parser("comment", help="the comment on the issue, in the post's language")
    reply.add_argument("--outputs", type=Path, required=True, help="the folder 'convert' wrote")
    reply.add_argument("--findings", type=Path, help="the checker's output on the post")
    reply.add_argument("--link", default="", help="the pull request's address")

    desk_verb = verbs.add_parser("desk", help="the editors' desk: every page's state, as HTML and CSV in dist/desk/")
    desk_verb.add_argument("--today", type=dt.date.fromisoformat, help="count review ages from this day (YYYY-MM-DD)")
    desk_verb.add_argument("--lang", choices=LANGUAGES, help=_MESSAGES_HELP)

    args = parser.parse_args(argv)
    if not getattr(args, "lang", None):  # KB_LANG=es, as `make ... KB_LANG=es` exports it
        asked = os.environ.get("KB_LANG", "").strip()
        if asked and asked not in LANGUAGES:
            wrong = msg("kb.unknown-language", languages=", ".join(LANGUAGES), found=asked)
            print(wrong.render(languages.SITE.default), file=sys.stderr)
            return 2
        args.lang = asked or None
    project = Project(args.root.resolve())
    if languages.PROBLEMS and args.verb != "check":  # `check` reports them with everything else
        for problem in languages.PROBLEMS:
            print(problem.text(args.lang), file=sys.stderr)
        first = msg("kb.languages-first", file=languages.FILE)
        print(first.render(args.lang or languages.SITE.default), file=sys.stderr)
        return 1
    try:
        return _run(project, args)
    except textfile.NotUTF8Error as exc:
        print(exc.text(project), file=sys.stderr)
        return 1


def _run(project: Project, args: argparse.Namespace) -> int:
    verbs: dict[str, Callable[[], int]] = {
        "check": lambda: _check(project, args.paths, args.format, args.lang),
        "pdfs": lambda: _pdfs(project, args),
        "downloads": lambda: _downloads(project, args.lang or languages.SITE.default),
        "links": lambda: _links(args.folder, args.external, args.lang),
        "survey": lambda: _survey(project, args.action, args.file, args.lang),
        "urls": lambda: _urls(project, args.lang or languages.SITE.default),
        "bundle": lambda: _bundle(project, args.folder, args.target, args.lang or languages.SITE.default),
        "new-post": lambda: _new_post(project, args),
        "docs-reference": lambda: _docs_reference(project),
        "proposal": lambda: _proposal(project, args),
        "desk": lambda: _desk(project, args.today or dt.date.today(), args.lang or languages.SITE.default),
    }
    if args.verb in verbs:
        return verbs[args.verb]()
    if args.action == "status":
        return _status(project, args.lang or languages.SITE.default)
    return _refresh(project, args.paths, args.lang)


def _pdfs(project: Project, args: argparse.Namespace) -> int:
    """`pdfs FOLDER [--copy-from BILINGUAL --language xx]`, said in --lang or KB_LANG."""
    from playwright.sync_api import Error as BrowserError

    from labkb.output import pdfs

    said = args.lang or languages.SITE.default
    if not (args.folder / "index.html").is_file():
        print(msg("bundle.not-a-site", folder=args.folder).render(said), file=sys.stderr)
        return 2
    if args.copy_from is not None:
        return _copy_pdfs(args.copy_from, args.folder, args.language, said)
    try:
        written = pdfs.print_guidance(args.folder.resolve(), pdfs.guidance_pages(project.content))
    except BrowserError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(msg("pdfs.no-browser", reason=reason).render(said), file=sys.stderr)
        return 1
    print(msg("pdfs.printed", count=len(written), folder=args.folder).render(said))
    return 0


def _bundle(project: Project, folder: Path, target: Path, language: str) -> int:
    if not (folder / "index.html").is_file():
        print(msg("bundle.not-a-site", folder=folder).render(language), file=sys.stderr)
        return 2
    size = bundle.make_zip(folder, target)
    zipped = project.relative(target.resolve())
    print(msg("bundle.ok", zip=zipped, size=Number(size / 1024 / 1024, 1), name=folder.name).render(language))
    return 0


def _copy_pdfs(bilingual: Path, folder: Path, language: str | None, said: str) -> int:
    """A one-language copy's PDFs are the bilingual copy's, for that language: copied, not printed
    twice. Its messages are in `said`."""
    if language not in LANGUAGES:
        wrong = msg("pdfs.language", languages=", ".join(LANGUAGES), found=language)
        print(wrong.render(said), file=sys.stderr)
        return 2
    source = (bilingual if language == DEFAULT_LANGUAGE else bilingual / language) / "guidance"
    found = sorted(source.glob("*.pdf"))
    if not found:
        print(msg("pdfs.nothing-to-copy", source=source, bilingual=bilingual).render(said), file=sys.stderr)
        return 1
    target = folder / "guidance"
    target.mkdir(parents=True, exist_ok=True)
    for pdf in found:
        shutil.copyfile(pdf, target / pdf.name)
    copied = msg("pdfs.copied", count=len(found), language=Language(language), folder=folder)
    print(copied.render(said))
    return 0


def _downloads(project: Project, language: str) -> int:
    from labkb.output import downloads

    try:
        recorded = downloads.record(project, LANGUAGES, DEFAULT_LANGUAGE)
    except downloads.MissingDownloads as error:
        print(error.message.render(language), file=sys.stderr)
        return 1
    for each in recorded.zips:
        print(f"  {each.source}: {messages.number(each.size / 1_000_000, language, 1)} MB")
    count = sum(len(each) for each in recorded.pdfs.values())
    print(msg("downloads.ok", zips=len(recorded.zips), count=count, record=downloads.RECORD).render(language))
    return 0


def _check(project: Project, paths: list[Path], output: str, language: str | None = None) -> int:
    started = time.perf_counter()
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        said = language or messages.language_of(path.as_posix()) or languages.SITE.default
        print(msg("check.no-such-path", path=path).render(said), file=sys.stderr)
    if missing:
        return 2
    findings = checks.check(project, paths or None)
    for finding in findings:
        print(finding.github(language) if output == "github" else finding.text(language))
    elapsed = time.perf_counter() - started
    summary = summary_language(findings, language)
    if findings:
        print(msg("check.problems", count=len(findings)).render(summary), file=sys.stderr)
        return 1
    count = len(project.markdown_files())
    print(msg("check.ok", count=count, seconds=Number(elapsed, 2)).render(summary))
    return 0


def _status(project: Project, language: str) -> int:
    """The table of `make translations`, its states and summary in `language`."""
    corpus = _read_corpus(project, language)
    if corpus is None:
        return 1
    states = translations.page_states(corpus)

    def word(state: str) -> str:
        return msg(f"part.translations.{state}").render(language)

    kinds = (translations.ORIGINAL, translations.TRANSLATED, translations.STALE, translations.MISSING)
    column = max(10, *(len(word(kind)) for kind in kinds))
    page = word("page")
    width = max((len(s.page_path) for s in states), default=len(page))
    print((f"{page:<{width}}  " + "  ".join(f"{lang:<{column}}" for lang in LANGUAGES)).rstrip())
    for state in states:
        cells = "  ".join(f"{word(state.states[lang]):<{column}}" for lang in LANGUAGES)
        print(f"{state.page_path:<{width}}  {cells}".rstrip())
    todo = [s for s in states if s.needs_work]
    summary = {
        kind: sum(1 for s in states for v in s.states.values() if v == kind)
        for kind in (translations.TRANSLATED, translations.STALE, translations.MISSING)
    }
    print()
    print(msg("translations.summary", pages=len(states), **summary).render(language))
    if todo:
        print(msg("translations.todo").render(language))
    return 0


def _refresh(project: Project, paths: list[Path], asked: str | None) -> int:
    """`translations refresh`: messages in the language asked for, else the one language of the
    files (content/es/... in Spanish), else the default."""
    language = asked or _files_language(project, paths)
    missing = [p for p in paths if not p.is_file()]
    for path in missing:
        print(msg("translations.no-such-file", path=path).render(language), file=sys.stderr)
    if missing:
        return 2
    done, problems = translations.refresh(project, [p.resolve() for p in paths])
    for problem in problems:
        print(problem.text(asked), file=sys.stderr)
    for rel in done:
        print(msg("translations.refreshed", path=rel).render(language))
    if problems:
        return 1
    print(msg("translations.refresh-ok", count=len(paths)).render(language))
    return 0


def _files_language(project: Project, paths: list[Path]) -> str:
    """The one language of these files (content/<language>/...), else the default language."""
    found = set()
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            relative = absolute.resolve().relative_to(project.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        found.add(messages.language_of(relative) or languages.SITE.default)
    return found.pop() if len(found) == 1 else languages.SITE.default


def _docs_reference(project: Project) -> int:
    """Rewrite the generated regions of the docs: (file, its splice function, what goes in, its markers)."""
    regions: list[tuple[str, Callable[[str, str], str | None], str, tuple[str, str]]] = [
        (
            "docs/content-model.md",
            reference.splice,
            reference.reference(registries.load(project)),
            (reference.START, reference.END),
        )
    ]
    for guide, (language, code_heading, message_heading) in message_reference.GUIDES.items():
        table = message_reference.table(language, code_heading, message_heading)
        regions.append((guide, message_reference.splice, table, (message_reference.START, message_reference.END)))
    for relative, splice, generated, markers in regions:
        path = project.root / relative
        document = textfile.read_text(path)
        updated = splice(document, generated)
        if updated is None:
            print(
                f"{relative}: the markers of the generated region are missing:\n" + "\n".join(markers), file=sys.stderr
            )
            return 1
        if updated != document:
            path.write_text(updated, encoding="utf-8")
            print(f"updated {relative}")
    print("OK: the field reference matches labkb/model/schema.py; the message lists match data/messages.yml.")
    return 0


def _ask(value: str | None, what: str, language: str, /, **choices: object) -> str:
    """`value`, or the answer to the question `new-post.ask-<what>` (data/messages.yml) in `language`."""
    if value:
        return value
    if not sys.stdin.isatty():
        raise scaffold.ScaffoldError(msg("new-post.missing", what=msg(f"part.new-post.{what}")))
    return input(msg(f"new-post.ask-{what}", **choices).render(language) + ": ").strip()


def _new_post(project: Project, args: argparse.Namespace) -> int:
    regs = registries.load(project)
    language = args.lang or languages.SITE.default
    try:
        title = _ask(args.title, "title", language)
        author = _ask(args.author, "author", language, choices=", ".join(sorted(regs.authors)))
        langs = _ask(args.langs, "langs", language, choices=_language_choices())
        category = _ask(args.category, "category", language, choices=", ".join(regs.vocabularies.get("categories", {})))
        description = _ask(args.description, "description", language)
        chosen = tuple(lang.strip() for lang in langs.split(",") if lang.strip())
        titles = scaffold.parse_titles(args.title_in, {"es": args.title_es} if args.title_es else None) or None
        request = scaffold.PostRequest(title, author, chosen, category, description, dt.date.today(), titles)
        written = scaffold.new_post(project, regs, request)
    except scaffold.ScaffoldError as exc:
        print(f"new-post: {exc.message.render(language)} [{exc.message.code}]", file=sys.stderr)
        return 1
    for path in written:
        print(msg("new-post.created", path=project.relative(path)).render(language))
    # The new addresses are recorded by the deploy on main (docs/deploy.md), not here: the
    # pull request holds the new files only.
    print(msg("new-post.next").render(language))
    return 0


def _proposal(project: Project, args: argparse.Namespace) -> int:
    """`proposal form|convert|comment`: what .github/workflows/propose-post.yml runs. Convert
    writes its results as files in --outputs (never as workflow commands, which a hostile
    value could forge): `post`, `language`, `author` (a new author's id), or `error`."""
    from labkb.features import proposal

    regs = registries.load(project)
    said = args.lang or languages.SITE.default
    if args.action == "form":
        path = project.root / proposal.FORM_FILE
        text = proposal.issue_form(regs)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(msg("proposal.form-updated", file=proposal.FORM_FILE).render(said))
        print(msg("proposal.form-ok", file=proposal.FORM_FILE).render(said))
        return 0
    outputs: Path = args.outputs
    if args.action == "comment":
        def read(name: str) -> str:
            path = outputs / name
            return path.read_text(encoding="utf-8") if path.is_file() else ""

        findings = args.findings.read_text(encoding="utf-8") if args.findings and args.findings.is_file() else ""
        print(
            proposal.comment(
                read("language") or "en",
                link=args.link,
                file=read("post"),
                findings=findings,
                reason=read("error"),
                author=read("author"),
            ),
            end="",
        )
        return 0
    outputs.mkdir(parents=True, exist_ok=True)
    body = textfile.read_text(args.issue)
    language = proposal.language_of(body, regs)
    if language:
        (outputs / "language").write_text(language, encoding="utf-8")
    try:
        made = proposal.convert(project, regs, body, args.today or dt.date.today())
    except proposal.ProposalError as exc:
        # In the proposal's language (the comment's), English when it cannot be read.
        reason = f"{exc.message.render(language or languages.SITE.default)} [{exc.message.code}]"
        (outputs / "error").write_text(reason, encoding="utf-8")
        print(f"proposal: {reason}", file=sys.stderr)
        return 1
    (outputs / "post").write_text(project.relative(made.post), encoding="utf-8")
    if made.new_author:
        (outputs / "author").write_text(made.new_author, encoding="utf-8")
    print(msg("proposal.created", path=project.relative(made.post)).render(language or said))
    return 0


def _desk(project: Project, today: dt.date, language: str) -> int:
    from labkb.features import desk

    corpus = _read_corpus(project, language)
    if corpus is None:
        return 1
    written = desk.write(corpus, today)
    for path in written:
        print(msg("desk.wrote", path=project.relative(path)).render(language))
    print(msg("desk.ok", count=len(corpus.pages), folder=desk.FOLDER).render(language))
    return 0


def _language_choices() -> str:
    """'en, es or en,es': one language of the site, or several (data/languages.yml)."""
    return f"{', '.join(LANGUAGES)} or {','.join(LANGUAGES)}"


def _read_corpus(project: Project, language: str | None = None) -> Corpus | None:
    """The content, or None when a file cannot be read (said on stderr, in `language` or each
    file's own: nothing is written)."""
    corpus = Corpus.read(project)
    for finding in corpus.findings:
        print(finding.text(language), file=sys.stderr)
    return None if corpus.findings else corpus


def _urls(project: Project, language: str) -> int:
    corpus = _read_corpus(project, language)
    if corpus is None:
        return 1
    added = permalinks.record(corpus)
    for url in added:
        print(msg("urls.recorded", url=url).render(language))
    print(msg("urls.ok", count=len(added), file=permalinks.MANIFEST).render(language))
    return 0


def _survey(project: Project, action: str, file: Path, asked: str | None) -> int:
    """`survey export|import`: messages in the language asked for (--lang, KB_LANG), else the default."""
    language = asked or languages.SITE.default
    data, findings = survey.load(project)
    if findings:
        for finding in findings:
            print(finding.text(asked), file=sys.stderr)
        print(msg("survey-sheet.data-problems").render(language), file=sys.stderr)
        return 1
    if action == "export":
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(survey_sheet.export_csv(data), encoding="utf-8-sig")
        count = len(survey_sheet.export_rows(data))
        print(msg("survey-sheet.exported", file=file, count=count).render(language))
        return 0
    if not file.is_file():
        print(msg("survey-sheet.no-file", file=file).render(language), file=sys.stderr)
        return 2
    try:
        text = textfile.read_text(file, bom=True, newlines=False)  # the csv module reads line ends
    except textfile.NotUTF8Error as exc:
        print(msg("survey-sheet.not-utf8", file=file, byte=exc.byte).render(language), file=sys.stderr)
        return 1
    written, problems = survey_sheet.import_csv(project, data, text, str(file), language)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(msg("survey-sheet.problems", count=len(problems)).render(language), file=sys.stderr)
        return 1
    for path in written:
        print(msg("survey-sheet.updated", path=path).render(language))
    print(msg("survey-sheet.ok", count=len(written)).render(language))
    return 0


def _links(folder: Path, external: bool, asked: str | None) -> int:
    """`links FOLDER`: each problem in the language asked for, else its page's; the summary in
    the language asked for, else the default."""
    language = asked or languages.SITE.default
    if not (folder / "index.html").is_file():
        print(msg("links.not-a-site", folder=folder).render(language), file=sys.stderr)
        return 2
    problems = site_links.check(folder, asked)
    if external:
        problems += site_links.check_external(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(msg("links.broken", count=len(problems)).render(language), file=sys.stderr)
        return 1
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(msg("links.ok-external" if external else "links.ok", pages=pages, folder=folder).render(language))
    return 0
