"""The bilingual glossary (data/glossary.yml): checked like content, shown where terms are used.

Each entry has a term and a definition in every language, and public sources. On every
page, the first use of each term in the page's language becomes
`<abbr title="definition" tabindex="0">`: Material's tooltips show the definition on
hover and on keyboard focus. Headings, links, code and existing abbreviations are left
alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from labkb.checks import every_language, plain_text, sources
from labkb.checks.sanitize import tooltip_text
from labkb.checks.sources import Source
from labkb.features.rendering import source_link
from labkb.model import textfile
from labkb.model.findings import Finding
from labkb.model.frontmatter import Node, load_yaml
from labkb.model.messages import Language, msg
from labkb.model.project import Project
from labkb.model.registries import Registries
from labkb.model.schema import LANGUAGES

FILE = "data/glossary.yml"
_SKIP = {
    "a",
    "abbr",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "svg",
    "title",
    "button",
    "label",
    "select",
    "option",
    "dfn",
    "dt",
    "kbd",
}
_TOKEN = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)")
_VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area"}


@dataclass(frozen=True)
class Entry:
    id: str
    terms: dict[str, str]  # language -> term as used in running text
    definitions: dict[str, str]
    # labkb/checks/sources.py: each with what the readers of a language get instead (its editions)
    sources: tuple[Source, ...]


def load(project: Project, documents: dict[str, Node] | None = None) -> tuple[list[Entry], list[Finding]]:
    """The glossary's entries and findings; the file as read goes into `documents` when given
    (for checks that look at its texts, labkb/checks/style.py)."""
    path = project.root / FILE
    if not path.is_file():
        return [], []
    try:
        node, errors = load_yaml(textfile.read_text(path))
    except textfile.NotUTF8Error as exc:
        return [], [exc.finding(project)]
    findings = [e.finding(FILE, "glossary") for e in errors]
    findings += plain_text.findings_in(node, FILE)  # terms, definitions and sources are shown as text
    if node is None or not isinstance(node.value, dict):
        return [], findings
    if documents is not None and not errors:
        documents[FILE] = node
    entries = []
    for entry_id, entry in node.value.items():
        parsed = _entry(str(entry_id), entry, findings)
        if parsed:
            entries.append(parsed)
    return entries, findings


def _entry(entry_id: str, node: Node, findings: list[Finding]) -> Entry | None:
    if not isinstance(node.value, dict):
        findings.append(
            Finding.of(
                FILE, node.key_line, msg("glossary.not-an-entry", entry=entry_id, languages=", ".join(LANGUAGES))
            )
        )
        return None
    fields = node.value
    terms, definitions = _versions(entry_id, fields, node.key_line, findings)
    sources = _sources(entry_id, fields, node.key_line, findings)
    for key in fields:
        if key not in (*LANGUAGES, "sources"):
            findings.append(
                Finding.of(
                    FILE,
                    fields[key].key_line,
                    msg("glossary.unknown-key", entry=entry_id, key=key, allowed=", ".join((*LANGUAGES, "sources"))),
                )
            )
    if len(terms) != len(LANGUAGES) or len(definitions) != len(LANGUAGES):
        return None
    return Entry(entry_id, terms, definitions, tuple(sources))


def _versions(
    entry_id: str, fields: dict[str, Node], key_line: int, findings: list[Finding]
) -> tuple[dict[str, str], dict[str, str]]:
    """(terms, definitions) by language of an entry's fields; a finding for each one missing."""
    terms: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for language in LANGUAGES:
        version = fields.get(language)
        if version is None or not isinstance(version.value, dict):
            findings.append(
                Finding.of(
                    FILE,
                    key_line if version is None else version.line,
                    msg("glossary.no-version", entry=entry_id, language=Language(language), code=language),
                )
            )
            continue
        for key, target in (("term", terms), ("definition", definitions)):
            value = version.value.get(key)
            written = every_language.text(value)
            if written is None:
                findings.append(
                    Finding.of(
                        FILE,
                        version.line if value is None else value.line,
                        every_language.missing(
                            msg(f"part.glossary.{key}", entry=entry_id),
                            language,
                            msg("part.glossary.add-under", key=key, language=language),
                        ),
                    )
                )
            else:
                target[language] = written
    return terms, definitions


def _sources(entry_id: str, fields: dict[str, Node], key_line: int, findings: list[Finding]) -> list[Source]:
    """Each valid source of an entry's fields, with what each language's readers get instead
    (`es:`, labkb/checks/sources.py); a finding for each mistake."""
    found: list[Source] = []
    source_list = fields.get("sources")
    if source_list is None or not isinstance(source_list.value, list) or not source_list.value:
        findings.append(Finding.of(FILE, key_line, msg("glossary.no-sources", entry=entry_id)))
    else:
        for source in source_list.value:
            parsed, problems = sources.read(source, editions=True)
            findings += [Finding.of(FILE, line, message.under(f"'{entry_id}'")) for line, message in problems]
            if parsed is not None:
                found.append(parsed)
    return found


def _pattern(term: str) -> re.Pattern[str]:
    """The term, any case, whole words, singular or plural: each word of four letters or more
    may take -s/-es ("cadenas de suministro", "contract performance clauses")."""
    words = [re.escape(w) + (r"(?:e?s)?" if len(w) >= 4 else "") for w in term.split()]
    body = r"\s+".join(words)
    return re.compile(rf"(?<![\w-])({body})(?![\w-])", re.IGNORECASE)


def annotate(page_html: str, entries: list[Entry], language: str) -> str:
    """Mark the first use of each term in the page's text with its definition."""
    pending = sorted((e for e in entries if language in e.terms), key=lambda e: -len(e.terms[language]))
    patterns = {e.id: _pattern(e.terms[language]) for e in pending}
    skipping: list[str] = []
    out: list[str] = []
    for token in _TOKEN.split(page_html):
        if token.startswith("<"):
            match = _TAG_NAME.match(token)
            if match:
                closing, name = match.group(1), match.group(2).lower()
                if name in _SKIP and not token.endswith("/>") and name not in _VOID:
                    if closing:
                        if name in skipping:
                            del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
                    else:
                        skipping.append(name)
            out.append(token)
            continue
        if skipping or not pending or not token.strip():
            out.append(token)
            continue
        pieces: list[tuple[str, bool]] = [(token, False)]  # (text, already marked)
        for entry in list(pending):
            for index, (text, marked) in enumerate(pieces):
                if marked:
                    continue
                found = patterns[entry.id].search(text)
                if not found:
                    continue
                # Material's tooltips insert the title as HTML: escaped for that too.
                definition = tooltip_text(entry.definitions[language])
                abbr = (
                    f'<abbr class="kb-term" title="{definition}" tabindex="0" '
                    f'data-kb-term="{entry.id}">{found.group(1)}</abbr>'
                )
                pieces[index : index + 1] = [
                    (text[: found.start(1)], False),
                    (abbr, True),
                    (text[found.end(1) :], False),
                ]
                pending.remove(entry)
                break
        out.append("".join(text for text, _ in pieces))
    return "".join(out)


def page(entries: list[Entry], language: str, regs: Registries) -> str:
    """The glossary as a definition list, alphabetical in the page's language; each source as
    its readers get it (their edition, "(en inglés)"), by the one rule of rendering.source_link."""
    rows = []
    sources_label = regs.label("glossary_sources", language)
    for entry in sorted(entries, key=lambda e: e.terms[language].lower()):
        sources = ", ".join(source_link(vars(s.for_language(language)), regs, language) for s in entry.sources)
        rows.append(
            f'<dt id="{entry.id}">{html.escape(entry.terms[language])}</dt>'
            f"<dd><p>{html.escape(entry.definitions[language])}</p>"
            f'<p class="kb-glossary__sources">{html.escape(sources_label)}: {sources}</p></dd>'
        )
    return f'<dl class="kb-glossary">{"".join(rows)}</dl>\n'
