"""One voice per language: the forbidden variants of `data/style.yml`, found with file and line.

The style sheet chooses one rendering for words the site uses often ("estudio de caso",
never "caso de estudio"). Editors keep the list in `data/style.yml`; this module reads it
and reports every forbidden variant in the text of that language:

- pages: the body of every `content/<lang>/` page and the text values of its front matter;
- data: every text below a language key (`es: ...`) in `data/*.yml` and `data/survey/`
  (labels, vocabularies, authors, the glossary, the survey's questions and notes).

What is never reported (no false alarms), so that an editor need not work around the rule:

- code: fenced blocks, code spans and HTML comments;
- addresses: a link's destination and title, autolinks, bare web addresses, HTML tags and
  attribute lists, front-matter values that are web addresses;
- quotations: text between « and » is quoted as written (a title in another language, an
  official text), and in other languages than Spanish also text between “ and ”; so is the
  title of a source whose `language` is not the page's. Spanish writes quotations «así»,
  so “curly” quotation marks are a variant of the Spanish list like straight ones.

A variant matches whole words only (a letter, digit or hyphen on either side stops a match), without
regard to case. A variant that starts or ends with punctuation, such as a straight quotation
mark, matches wherever that character is.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from labkb.model import textfile
from labkb.model.corpus import Corpus, Page
from labkb.model.findings import Finding
from labkb.model.frontmatter import Node, load_yaml
from labkb.model.messages import Message, msg
from labkb.model.project import Project
from labkb.model.schema import LANGUAGES
from labkb.model.web_address import is_web_address

FILE = "data/style.yml"

# Parts of a Markdown body that are not the page's own prose: blanked before matching.
_DESTINATION = re.compile(r"\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")  # ](address "title")
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:.*$", re.MULTILINE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ATTRIBUTES = re.compile(r"\{[:#.][^{}\n]*\}")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")
# Quotations, quoted as written: in Spanish only between « and » (the style sheet's marks, so
# that a “quotation” is reported like a "quotation"); in other languages also between “ and ”.
_QUOTATIONS = {"es": re.compile(r"«[^«»]*»")}
_QUOTATION = re.compile(r"«[^«»]*»|“[^“”]*”")
_CODE = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class Variant:
    """One forbidden variant: what not to write, what to write, and why."""

    language: str
    avoid: str
    use: str
    why: str
    line: int  # of its entry in data/style.yml
    pattern: re.Pattern[str]

    def message(self) -> Message:
        return msg("style.variant", avoid=self.avoid, use=self.use, why=self.why, file=FILE)


def _pattern(avoid: str) -> re.Pattern[str]:
    # A letter, digit or hyphen next to the variant means another word ('lab-editors' is an id).
    start = r"(?<![^\W_]|-)" if avoid[:1].isalnum() else ""
    end = r"(?![^\W_]|-)" if avoid[-1:].isalnum() else ""
    words = r"\s+".join(re.escape(word) for word in avoid.split())
    return re.compile(start + words + end, re.IGNORECASE)


def load(project: Project) -> tuple[list[Variant], list[Finding]]:
    """The variants of data/style.yml (none when the file is absent), and its problems."""
    path = project.root / FILE
    if not path.is_file():
        return [], []
    try:
        text = textfile.read_text(path)
    except textfile.NotUTF8Error as exc:
        return [], [exc.finding(project)]
    node, errors = load_yaml(text)
    findings = [e.finding(FILE, "data-file") for e in errors]
    if errors or node is None:
        return [], findings
    if not isinstance(node.value, dict):
        return [], [Finding.of(FILE, node.line, msg("style.not-by-language"))]
    variants: list[Variant] = []
    for language, entries in node.value.items():
        if language not in LANGUAGES:
            findings.append(
                Finding.of(
                    FILE,
                    entries.key_line,
                    msg("style.unknown-language", language=language, languages=", ".join(LANGUAGES)),
                )
            )
            continue
        if entries.value is None:
            continue
        if not isinstance(entries.value, list):
            findings.append(Finding.of(FILE, entries.line, msg("style.not-a-list", language=language)))
            continue
        for entry in entries.value:
            variant, problem = _variant(language, entry)
            if problem:
                findings.append(Finding.of(FILE, entry.line, problem))
            elif variant:
                variants.append(variant)
    return variants, findings


def _variant(language: str, entry: Node) -> tuple[Variant | None, Message | None]:
    fields = entry.value if isinstance(entry.value, dict) else {}
    values = {key: fields[key].value for key in ("avoid", "use", "why") if key in fields}
    missing = [key for key in ("avoid", "use", "why") if not isinstance(values.get(key), str) or not values[key]]
    unknown = sorted(set(fields) - {"avoid", "use", "why"})
    if missing or unknown:
        wrong = ", ".join([*missing, *unknown])
        return None, msg("style.entry-keys", wrong=wrong)
    avoid = str(values["avoid"]).strip()
    return Variant(language, avoid, str(values["use"]), str(values["why"]), entry.line, _pattern(avoid)), None


# --- where the variants are looked for --------------------------------------------------------


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(masked_body: str, language: str) -> str:
    """A body already blanked of code and comments, also blanked of everything that is not
    the page's own prose (addresses, tags, attribute lists, quotations); lines unchanged."""
    text = masked_body
    for pattern in (_REFERENCE, _DESTINATION, _TAG, _ATTRIBUTES, _BARE_URL, _QUOTATIONS.get(language, _QUOTATION)):
        text = pattern.sub(_blank, text)
    return text


def _value_prose(text: str, language: str) -> str:
    if is_web_address(text.strip()):
        return ""
    for pattern in (_CODE, _BARE_URL, _QUOTATIONS.get(language, _QUOTATION)):
        text = pattern.sub(_blank, text)
    return text


def scan(text: str, variants: list[Variant]) -> Iterator[tuple[int, Variant]]:
    """(1-based line within `text`, variant) for each variant found, in order."""
    # Most texts hold no variant: a variant is looked for only where its first word (in lower
    # case) is in the text at all, a plain substring test, far cheaper than its pattern.
    lowered = text.lower()
    variants = [v for v in variants if v.avoid.split()[0].lower() in lowered]
    if not variants:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        spans = [(m.start(), m.end(), v) for v in variants for m in v.pattern.finditer(line)]
        reported: set[str] = set()
        for start, end, variant in spans:
            # A variant inside a longer one ('Lab' in 'Learning Lab') is the longer one's mistake.
            inside = any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
            if not inside and variant.avoid not in reported:
                reported.add(variant.avoid)
                yield number, variant


def _texts(node: Node, page_language: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every text value of a front matter, skipping the titles of sources
    in another language (quoted as their authors wrote them)."""
    if isinstance(node.value, dict):
        language = node.value.get("language")
        foreign = language is not None and str(language.value) != page_language
        for key, child in node.value.items():
            if foreign and key in ("title", "pinpoint"):
                continue
            yield from _texts(child, page_language)
    elif isinstance(node.value, list):
        for child in node.value:
            yield from _texts(child, page_language)
    elif isinstance(node.value, str):
        yield node.line, node.value


def _page_findings(page: Page, variants: list[Variant]) -> list[Finding]:
    mine = [v for v in variants if v.language == page.language]
    if not mine or page.doc.errors:
        return []
    findings: list[Finding] = []
    if page.doc.meta is not None:
        for line, text in _texts(page.doc.meta, page.language):
            for offset, variant in scan(_value_prose(text, page.language), mine):
                findings.append(Finding.of(page.rel, line + offset - 1, variant.message()))
    for line, variant in scan(prose(page.masked, page.language), mine):
        findings.append(Finding.of(page.rel, page.line(line), variant.message()))
    return findings


def _language_texts(node: Node, language: str | None = None) -> Iterator[tuple[str, int, str]]:
    """(language, line, text) of every text below a language key of a data file."""
    if isinstance(node.value, dict):
        for key, child in node.value.items():
            yield from _language_texts(child, key if key in LANGUAGES else language)
    elif isinstance(node.value, list):
        for child in node.value:
            yield from _language_texts(child, language)
    elif isinstance(node.value, str) and language is not None:
        yield language, node.line, node.value


def _data_findings(corpus: Corpus, variants: list[Variant], skip: Collection[str]) -> list[Finding]:
    """Variants in the data files, as their loaders read them (each file is read once)."""
    found: list[Finding] = []
    for rel, node in sorted(corpus.data_documents.items()):
        if rel in skip:
            continue
        for language, line, value in _language_texts(node):
            mine = [v for v in variants if v.language == language]
            for offset, variant in scan(_value_prose(value, language), mine):
                found.append(Finding.of(rel, line + offset - 1, variant.message()))
    return found


def findings(corpus: Corpus, reported: Collection[str] = ()) -> list[Finding]:
    """Every forbidden variant in the pages and data of the project, and problems of the list.

    `reported`: files that already have findings of other rules. A data file among them is
    looked at once those are fixed: a value refused outright (a spreadsheet formula, markup)
    is not also a question of style."""
    variants, problems = load(corpus.project)
    if not variants:
        return problems
    result = list(problems)
    for page in corpus.pages:
        result += _page_findings(page, variants)
    return result + _data_findings(corpus, variants, set(reported))
