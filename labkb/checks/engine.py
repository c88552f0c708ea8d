"""The content checker: every rule, one engine, all problems in one run.

`check(project)` reads every content file and data registry, never modifies one,
and returns findings sorted by path and line. Both entry points use it: the MkDocs
hook (during `make build`) and `scripts/kb.py check` (`make check`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from labkb.checks import bounds, citations, content_files, every_language, plain_text, safety, sources, style
from labkb.features import blog, permalinks
from labkb.model import addresses, dates, languages, markdown_source, messages, registries, web_address
from labkb.model.corpus import Corpus, Page
from labkb.model.findings import Finding, did_you_mean, shown
from labkb.model.frontmatter import Node
from labkb.model.messages import Both, Language, Message, msg
from labkb.model.project import Project
from labkb.model.registries import Registries
from labkb.model.schema import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PAGE,
    SOURCE,
    TEXT,
    ContentType,
    Field,
    Kind,
)

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def check(project: Project, paths: Iterable[Path] | None = None, corpus: Corpus | None = None) -> list[Finding]:
    """All findings for the project, or only those about `paths` (files or folders).

    `corpus`: the content already read (a build passes its own); read here otherwise."""
    corpus = corpus if corpus is not None else Corpus.read(project)
    regs = corpus.regs
    the_survey, survey_findings = corpus.survey
    pages, findings = corpus.pages, list(corpus.findings)
    findings += regs.findings
    findings += languages.check(project)  # data/languages.yml, and mkdocs.yml agrees with it
    findings += content_files.findings(project)
    by_key = corpus.by_key
    tree = ContentTree.of(project)
    for page in pages:
        findings += check_page(page, regs, by_key, project, tree)
    findings += check_site(pages, project, addresses.declared(corpus, the_survey))
    findings += _section_labels(project, regs)
    findings += corpus.glossary[1]
    findings += survey_findings
    findings += permalinks.check(corpus, the_survey)
    findings += style.findings(corpus, {f.path for f in findings})  # data/style.yml: one voice per language
    findings += citations.findings(corpus)  # facts need sources
    if paths is not None:
        wanted = [project.relative(Path(p)) for p in paths]
        findings = [f for f in findings if any(f.path == w or f.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return sorted(set(findings))


# --- one page -------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentTree:
    """Every file and folder below content/ (as 'lang/path'), read once: links are looked
    up here instead of asking the file system for each one."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, project: Project) -> ContentTree:
        files: set[str] = set()
        folders: set[str] = set()
        # As Path.rglob("*") lists them, with is_dir() (a link to a folder is a folder, never
        # entered), but with one system call a folder instead of one a file.
        root = str(project.content)
        for folder, dirs, names in os.walk(root):
            below = os.path.relpath(folder, root)
            prefix = "" if below == os.curdir else below.replace(os.sep, "/") + "/"
            folders.update(prefix + name for name in dirs)
            files.update(prefix + name for name in names)
        return cls(frozenset(files), frozenset(folders))


def check_page(
    page: Page,
    regs: Registries,
    by_key: dict[tuple[str, str], Page],
    project: Project,
    tree: ContentTree | None = None,
) -> list[Finding]:
    findings = [e.finding(page.rel) for e in page.doc.errors]
    if page.doc.meta is None and not page.doc.errors:
        findings.append(Finding.of(page.rel, 1, msg("front-matter.none", a_type=_a_type(page.ctype))))
    if page.doc.meta is not None:
        findings += _check_fields(page, regs)
    findings += _check_body(page, by_key, project, tree or ContentTree.of(project))
    return findings


def _check_fields(page: Page, regs: Registries) -> list[Finding]:
    findings: list[Finding] = []
    ctype = page.ctype
    meta = page.meta
    for name, node in meta.items():
        if name not in ctype.field_names:
            findings.append(
                Finding.of(
                    page.rel,
                    node.key_line,
                    msg(
                        "front-matter.unknown-key",
                        key=name,
                        hint=did_you_mean(name, ctype.field_names),
                        a_type=_a_type(ctype),
                        allowed=", ".join(f.name for f in ctype.fields),
                    ),
                )
            )
    for fld in ctype.fields:
        given = meta.get(fld.name)
        if given is None:
            if fld.required:
                findings.append(
                    Finding.of(
                        page.rel,
                        1,
                        msg(
                            "front-matter.missing-key",
                            key=fld.name,
                            help=field_help(ctype, fld),
                            example=field_example(ctype, fld),
                        ),
                    )
                )
            continue
        for line, problem in _check_value(given, fld.kind, regs, plain_text.limit_for(fld.name)):
            findings.append(Finding.of(page.rel, line, problem.under(f"'{fld.name}'")))
    if "translation_of" in meta and meta["translation_of"].value == page.language:
        findings.append(
            Finding.of(
                page.rel,
                meta["translation_of"].line,
                msg("translation.of-itself", language=page.language).under("'translation_of'"),
            )
        )
    start, end = meta.get("start"), meta.get("end")
    if (
        ctype.get("start")
        and start
        and end
        and _is_date(start.value)
        and _is_date(end.value)
        and str(end.value) < str(start.value)
    ):
        findings.append(
            Finding.of(
                page.rel, end.line, msg("event.end-before-start", end=end.value, start=start.value).under("'end'")
            )
        )
    findings += _check_review(page)
    return findings


def _check_review(page: Page) -> list[Finding]:
    """`review_status: reviewed` says who reviewed the page and when: the page shows "Reviewed by
    NAME on DATE", never a status without them."""
    status = page.meta.get("review_status")
    if not page.ctype.get("reviewed_by"):
        return []
    if status is not None and status.value not in ("reviewed", "needs-review"):
        return []  # the vocabulary's own finding says what the status may be
    if status is None or status.value != "reviewed":
        # A date or a reviewer on a page that awaits review would read as a review that never was.
        shown_status = "needs-review" if status is None else status.value
        return [
            Finding.of(page.rel, node.key_line, msg("review.early-field", key=key, status=shown_status))
            for key in ("reviewed_by", "last_reviewed")
            if (node := page.meta.get(key)) is not None
        ]
    findings = []
    for key, example in (("reviewed_by", "lab-editors"), ("last_reviewed", "2026-11-21")):
        if page.meta.get(key) is None:
            findings.append(Finding.of(page.rel, status.line, msg("review.missing-field", key=key, example=example)))
    return findings


def _a_type(ctype: ContentType) -> Message:
    """'a blog post', 'una entrada de blog': the content type with its article, in any language."""
    return msg(f"part.type.{ctype.key}")


def field_help(ctype: ContentType, fld: Field) -> Message:
    """What a field is for, in any language: part.field.<type>.<name>, or part.field.<name>."""
    specific = f"part.field.{ctype.key}.{fld.name}"
    return msg(specific if specific in messages.catalogue() else f"part.field.{fld.name}")


def field_example(ctype: ContentType, fld: Field) -> Message | str:
    """A field's example as a front matter line ('title: ...'): where the example is text, in
    the message's language (part.example.<type>.<name>, or part.example.<name>; the English is
    the schema's own); otherwise the schema's value, the same in every language."""
    for code in (f"part.example.{ctype.key}.{fld.name}", f"part.example.{fld.name}"):
        if code in messages.catalogue():
            return msg(code)
    return example_line(fld)


def example_line(fld: Field) -> str:
    """The schema's example of a field as one front matter line, in YAML's flow style."""
    import yaml

    return (
        yaml.safe_dump(
            {fld.name: fld.example}, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
        )
        .strip()
        .strip("{}")
    )


def _check_value(
    node: Node, kind: Kind, regs: Registries, limit: int = plain_text.DEFAULT_LIMIT
) -> list[tuple[int, Message]]:
    value = node.value
    if kind.name == "list":
        return _check_list(node, kind, regs)
    if kind == SOURCE:
        return _check_source(node, regs)
    if kind.name == "record":
        return _check_record(node, kind, regs)
    if isinstance(value, dict | list):
        return [(node.line, msg("value.wrong-kind", expected=_expected(kind), found=_describe(node)))]
    if kind.name == "text" and node.unquoted and str(value).lower() in _YAML11_BOOLEANS:
        # Our reader keeps it as text, but MkDocs reads front matter with YAML 1.1: true/false.
        return [(node.line, msg("value.yaml-boolean", value=value))]
    return [(node.line, msg) for msg in _check_scalar(value, kind, regs, limit)]


def _check_list(node: Node, kind: Kind, regs: Registries) -> list[tuple[int, Message]]:
    assert kind.item is not None
    value = node.value
    if not isinstance(value, list):
        return [(node.line, msg("list.expected", found=_describe(node), value=_plain(value)))]
    if len(value) < kind.min_items:
        return [(node.line, msg("list.empty"))]
    problems: list[tuple[int, Message]] = []
    for item in value:
        problems += _check_value(item, kind.item, regs)
    return problems


def _check_record(node: Node, kind: Kind, regs: Registries) -> list[tuple[int, Message]]:
    value = node.value
    keys = ", ".join(kind.keys)
    if not isinstance(value, dict):
        return [(node.line, msg("entry.expected", keys=keys, found=_describe(node)))]
    problems = []
    allowed = (*kind.keys, *kind.optional_keys)
    for key in kind.keys:
        if key not in value:
            problems.append((node.line, msg("entry.missing-key", key=key, keys=keys)))
    kinds = dict(kind.key_kinds)
    for key, child in value.items():
        if key not in allowed:
            problems.append(
                (
                    child.key_line,
                    msg("entry.unknown-key", key=key, hint=did_you_mean(key, allowed), allowed=", ".join(allowed)),
                )
            )
        else:
            problems += [
                (line, problem.under(f"'{key}'"))
                for line, problem in _check_value(child, kinds.get(key, Kind("text")), regs)
            ]
    return problems


def _check_source(node: Node, regs: Registries) -> list[tuple[int, Message]]:
    """A source (labkb/checks/sources.py), and its title and pinpoint as plain text of front matter."""
    _, problems = sources.read(node)
    if isinstance(node.value, dict):
        for key in ("title", "pinpoint"):
            child = node.value.get(key)
            if child is not None and isinstance(child.value, str) and child.value.strip():
                problems += [(line, problem.under(f"'{key}'")) for line, problem in _check_value(child, TEXT, regs)]
    return problems


@dataclass(frozen=True)
class _Scalar:
    """One single value of the front matter, and what checking it against its kind may need."""

    value: object
    kind: Kind
    regs: Registries
    limit: int  # for text: the most characters it may have

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value)

    @property
    def found(self) -> Message | str:
        return shown(self.value)


def _check_scalar(value: object, kind: Kind, regs: Registries, limit: int = plain_text.DEFAULT_LIMIT) -> list[Message]:
    check = _SCALAR_CHECKS.get(kind.name)
    if check is None:
        raise AssertionError(f"unknown kind {kind.name}")  # a schema bug, not an editor's mistake
    return check(_Scalar(value, kind, regs, limit))


def _check_text(scalar: _Scalar) -> list[Message]:
    value, text = scalar.value, scalar.text
    if value is None or not text.strip():
        return [msg("text.expected", found=shown(None))]
    if isinstance(value, bool):
        return [msg("text.boolean", value=text.lower())]
    problem = plain_text.problem(text, scalar.limit)
    return [problem] if problem else []


def _check_year(scalar: _Scalar) -> list[Message]:
    value = scalar.value
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        return [msg("year.invalid", found=scalar.found)]
    return []


def _check_url(scalar: _Scalar) -> list[Message]:
    problem = web_address.problem(scalar.value)
    return [problem] if problem else []


def _check_language(scalar: _Scalar) -> list[Message]:
    if scalar.text not in LANGUAGES:
        return [msg("language.unknown", languages=", ".join(LANGUAGES), found=scalar.found)]
    return []


def _check_fingerprint(scalar: _Scalar) -> list[Message]:
    if not _FINGERPRINT.match(scalar.text):
        return [msg("fingerprint.invalid", found=scalar.found)]
    return []


def _check_permanent_id(scalar: _Scalar) -> list[Message]:
    text = scalar.text
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) or len(text) > 60:
        return [msg("permanent-id.invalid", found=scalar.found)]
    return []


def _check_author(scalar: _Scalar) -> list[Message]:
    return _unknown_person(scalar, "author.unknown", "author", line=new_author_line(scalar.text))


def _unknown_person(scalar: _Scalar, code: str, role: str, **more: object) -> list[Message]:
    """An author or reviewer id that data/authors.yml does not list: the message `code`."""
    text, authors = scalar.text, scalar.regs.authors
    if text in authors:
        return []
    known = ", ".join(sorted(authors)) or msg("part.none-yet")
    hint = did_you_mean(text, authors.keys())
    return [msg(code, **{role: text}, hint=hint, known=known, file=registries.AUTHORS_FILE, **more)]


def new_author_line(author_id: str) -> str:
    """The line a contributor adds to data/authors.yml to register `author_id` (one YAML line)."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", author_id) or len(author_id) > 40:
        author_id = "your-id"  # what they wrote cannot be a key: lower-case letters, digits, hyphens
    examples = {
        "affiliation": {"en": "Your organisation", "es": "Su organización"},
        "bio": {"en": "One sentence about you.", "es": "Una frase sobre usted."},
    }
    parts = ", ".join(
        f"{key}: {{" + ", ".join(f"{lang}: {texts.get(lang, '...')}" for lang in LANGUAGES) + "}"
        for key, texts in examples.items()
    )
    return f"'{author_id}: {{name: Your Name, {parts}}}'"


def _check_reviewer(scalar: _Scalar) -> list[Message]:
    return _unknown_person(scalar, "reviewer.unknown", "reviewer")


def _check_vocabulary(scalar: _Scalar) -> list[Message]:
    text, vocabulary = scalar.text, scalar.kind.vocabulary
    assert vocabulary is not None
    terms = scalar.regs.vocabularies.get(vocabulary, {})
    if text not in terms:
        return [
            msg(
                "vocabulary.unknown-term",
                term=text,
                vocabulary=vocabulary,
                hint=did_you_mean(text, terms.keys()),
                allowed=", ".join(terms),
            )
        ]
    return []


# How a single value of each kind is checked (labkb/model/schema.py names the kinds): a list of messages.
_SCALAR_CHECKS: dict[str, Callable[[_Scalar], list[Message]]] = {
    "text": _check_text,
    "date": lambda scalar: _check_date(scalar.value),
    "year": _check_year,
    "url": _check_url,
    "language": _check_language,
    "fingerprint": _check_fingerprint,
    "permanent_id": _check_permanent_id,
    "author": _check_author,
    "reviewer": _check_reviewer,
    "vocabulary": _check_vocabulary,
}


def _check_date(value: object) -> list[Message]:
    problem = dates.problem(value)
    return [problem] if problem else []


def _is_date(value: object) -> bool:
    return not _check_date(value)


def _expected(kind: Kind) -> Message:
    return msg(f"part.kind.{kind.name}")


def _describe(node: Node) -> Message | str:
    return shown(node.value)


def _plain(value: object) -> str:
    return "" if value is None else str(value)


# --- the body ---------------------------------------------------------------------------


def _check_body(page: Page, by_key: dict[tuple[str, str], Page], project: Project, tree: ContentTree) -> list[Finding]:
    over = [Finding.of(page.rel, page.line(line), message) for line, message in bounds.scan(page.doc.body)]
    if over:
        return over  # over a limit of labkb/checks/bounds.py: the rules below are only known to be fast within them
    findings: list[Finding] = []
    index: markdown_source.LineIndex | None = None
    for offset, message in safety.scan_source(page.masked):
        index = index or markdown_source.LineIndex(page.masked)
        findings.append(Finding.of(page.rel, page.line(index.line(offset)), message))
    findings += _second_titles(page)
    findings += _check_links(page, by_key, project, tree)
    findings += _word_count(page)
    return findings


def _second_titles(page: Page) -> list[Finding]:
    """A finding for each level-1 heading after the first: a page has one title."""
    h1 = markdown_source.titles(page.masked, page.doc.body)  # without the ids, which links need
    return [
        Finding.of(page.rel, page.line(line), msg("body.second-title", text=text, first=page.line(h1[0][0])))
        for line, text in h1[1:]
    ]


def _check_links(page: Page, by_key: dict[tuple[str, str], Page], project: Project, tree: ContentTree) -> list[Finding]:
    """Every link and image of the body: alt text, no image from another host, internal targets and anchors."""
    findings: list[Finding] = []
    for link in page.links:
        line = page.line(link.line)
        if link.image and (not link.text.strip() or (link.html and not link.has_alt)):
            findings.append(Finding.of(page.rel, line, msg("image.no-alt-text", url=link.url)))
        url = link.url.strip()
        if not url or safety.unsafe_scheme(url):
            continue  # empty links render as text; unsafe ones are reported above
        if _SCHEME.match(url) or url.startswith("//"):
            if link.image:
                findings.append(Finding.of(page.rel, line, msg("image.other-site", url=url)))
            continue
        target, _, anchor = url.partition("#")
        target = unquote(target.split("?")[0])
        if not target:
            if anchor and anchor not in page.anchors:
                findings.append(Finding.of(page.rel, line, _anchor_message(anchor, page.rel, page.anchors)))
            continue
        findings += _check_internal(page, line, target, anchor, link.image, by_key, project, tree)
    return findings


def _word_count(page: Page) -> list[Finding]:
    """A finding when the body of a page with front matter is outside its type's word range."""
    if not page.ctype.words or page.doc.meta is None:
        return []
    low, high = page.ctype.words
    words = markdown_source.count_words(page.doc.body, page.masked)
    if low <= words <= high:
        return []
    advice = msg("part.add-to-it" if words < low else "part.shorten-it")
    return [
        Finding.of(
            page.rel,
            page.doc.body_line,
            msg("body.word-count", words=words, a_type=_a_type(page.ctype), low=low, high=high, advice=advice),
        )
    ]


def _check_internal(
    page: Page,
    line: int,
    target: str,
    anchor: str,
    image: bool,
    by_key: dict[tuple[str, str], Page],
    project: Project,
    tree: ContentTree,
) -> list[Finding]:
    what = msg("part.the-image" if image else "part.the-link")
    if target.startswith("/"):
        return [Finding.of(page.rel, line, msg("link.absolute", the_what=what, target=target))]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.page_path), target))
    if joined.startswith("../") or joined == "..":
        return [
            Finding.of(
                page.rel, line, msg("link.outside-content", the_what=what, target=target, language=page.language)
            )
        ]
    # A page not yet translated is shown in its original language (hooks/fallback.py).
    candidates = [page.language, *(lang for lang in LANGUAGES if lang != page.language)]
    for language in candidates:
        key = f"{language}/{joined}"
        if key in tree.folders:
            return [
                Finding.of(
                    page.rel,
                    line,
                    msg("link.folder", the_what=what, target=target, page=f"{target.rstrip('/')}/index.md"),
                )
            ]
        if key in tree.files:
            if anchor and joined.endswith(".md"):
                linked = by_key.get((language, joined))
                ids = linked.anchors if linked else frozenset()
                if anchor not in ids:
                    return [Finding.of(page.rel, line, _anchor_message(anchor, f"content/{language}/{joined}", ids))]
            return []
    folder = project.content / page.language / posixpath.dirname(joined)
    siblings = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    hint = did_you_mean(posixpath.basename(joined), siblings)
    return [
        Finding.of(
            page.rel,
            line,
            msg("link.broken", the_what=what, target=target, language=page.language, path=joined, hint=hint),
        )
    ]


def _anchor_message(anchor: str, where: str, ids: Collection[str]) -> Message:
    known = ", ".join(f"#{i}" for i in sorted(ids)) or msg("part.none")
    return msg("link.anchor-missing", anchor=anchor, where=where, hint=did_you_mean(anchor, ids), known=known)


def _section_labels(project: Project, regs: Registries) -> list[Finding]:
    """Every top-level section folder needs its name in both languages for the navigation."""
    folders = {
        p.name
        for lang in LANGUAGES
        if (project.content / lang).is_dir()
        for p in (project.content / lang).iterdir()
        if p.is_dir() and any(p.rglob("*.md"))
    }
    return [
        Finding.of(
            registries.LABELS_FILE,
            0,
            msg("section.no-name", folder=folder, lines=every_language.one_line_per_language()),
        )
        for folder in sorted(folders)
        if f"section_{folder}" not in regs.labels
    ]


# --- across pages -------------------------------------------------------------------------


def check_site(pages: list[Page], project: Project, generated: list[addresses.Generated]) -> list[Finding]:
    return (
        _duplicate_urls(pages)
        + _translation_pairs(pages, project)
        + _reserved_paths(pages, generated)
        + _duplicate_ids(pages)
    )


def _duplicate_ids(pages: list[Page]) -> list[Finding]:
    """Permanent ids name one page (in every language): two pages may not share one."""
    findings = []
    seen: dict[tuple[str, str], Page] = {}
    for page in sorted(pages, key=lambda p: p.rel):
        node = page.meta.get("id")
        if node is None or not isinstance(node.value, str):
            continue
        first = seen.setdefault((page.language, node.value), page)
        if first is not page:
            findings.append(
                Finding.of(page.rel, node.line, msg("page.duplicate-id", id=node.value, other=first.rel).under("'id'"))
            )
    return findings


def _reserved_paths(pages: list[Page], generated: list[addresses.Generated]) -> list[Finding]:
    """Paths where the site makes pages itself (labkb.model.addresses): an editor's file there would clash."""
    findings = []
    made = {permalinks.url_of(g.path) for g in generated if not g.download}
    for page in pages:
        parts = page.page_path.split("/")
        if len(parts) > 2 and parts[0] == blog.FOLDER:
            target = f"{blog.FOLDER}/{parts[-1]}"
            findings.append(
                Finding.of(
                    page.rel,
                    0,
                    msg("blog.reserved-folder", folder=f"{blog.FOLDER}/{parts[1]}", target=target)
                    if parts[1] in blog.RESERVED
                    else msg("blog.subfolder", language=page.language, blog=blog.FOLDER, target=target),
                )
            )
        elif permalinks.url_of(page.page_path) in made or addresses.claimed_by(page.page_path, []) is not None:
            findings.append(Finding.of(page.rel, 0, msg("page.made-by-the-site", path=page.page_path)))
    return findings


def _url_of(page_path: str) -> str:
    stem = page_path[:-3]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return (stem + "/").lstrip("/").lower() if stem else ""


def _duplicate_urls(pages: list[Page]) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[tuple[str, str], Page] = {}
    for page in sorted(pages, key=lambda p: p.rel):
        key = (page.language, _url_of(page.page_path))
        first = seen.setdefault(key, page)
        if first is not page:
            prefix = "" if page.language == DEFAULT_LANGUAGE else f"{page.language}/"
            findings.append(
                Finding.of(page.rel, 0, msg("page.duplicate-address", other=first.rel, url=f"{prefix}{key[1]}"))
            )
    return findings


def _translation_pairs(pages: list[Page], project: Project) -> list[Finding]:
    findings: list[Finding] = []
    groups: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in pages:
        groups[page.page_path][page.language] = page
    for versions in groups.values():
        declared = {lang: p for lang, p in versions.items() if "translation_of" in p.meta}
        for language, page in declared.items():
            source_language = str(page.meta["translation_of"].value)
            line = page.meta["translation_of"].line
            # An original that exists but could not be read (not UTF-8) is reported on its own.
            if (
                source_language in LANGUAGES
                and source_language not in versions
                and not (project.content / source_language / page.page_path).is_file()
            ):
                findings.append(
                    Finding.of(
                        page.rel, line, msg("translation.no-original", language=source_language, path=page.page_path)
                    )
                )
            elif source_language in declared and source_language != language:
                findings.append(
                    Finding.of(
                        page.rel, line, msg("translation.both-say-translation", other=versions[source_language].rel)
                    )
                )
        if len(versions) > 1 and not declared:
            translation = next(p for lang, p in sorted(versions.items()) if lang != DEFAULT_LANGUAGE)
            original = versions.get(DEFAULT_LANGUAGE)
            findings.append(
                Finding.of(
                    translation.rel,
                    1,
                    msg(
                        "translation.undeclared",
                        languages=Both(tuple(Language(lang) for lang in sorted(versions))),
                        original=original.language if original else DEFAULT_LANGUAGE,
                    ),
                )
            )
        for page in declared.values():
            original = versions.get(str(page.meta["translation_of"].value))
            if original is None or original is page or page.ctype is PAGE:
                continue
            findings += _neutral_fields(page, original)
    return findings


def _neutral_fields(translation: Page, original: Page) -> list[Finding]:
    findings: list[Finding] = []
    for fld in translation.ctype.fields:
        if not fld.neutral:
            continue
        mine, theirs = translation.meta.get(fld.name), original.meta.get(fld.name)
        if mine is None or theirs is None:
            continue  # a missing required key is reported on its own
        if mine.plain() != theirs.plain():
            findings.append(
                Finding.of(
                    translation.rel,
                    mine.line,
                    msg(
                        "translation.field-differs",
                        field=fld.name,
                        mine=_show(mine),
                        theirs=_show(theirs),
                        original=original.rel,
                    ),
                )
            )
    return findings


def _show(node: Node) -> str:
    value = node.plain()
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
