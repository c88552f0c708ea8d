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

import array
import dataclasses
import functools
import re
import sys
from collections.abc import Callable, Collection, Iterator
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
    pattern: re.Pattern[str]  # the rule: whole words, any case, on one line
    # For speed only (`scan`): its first word in lower case; the words in lower case, as a
    # case-sensitive pattern for a lower-cased text that matches wherever `pattern` does (and
    # more); and the characters for which lower-casing and `pattern`'s case rules disagree.
    first: str = ""
    quick: re.Pattern[str] | None = None
    unsafe: re.Pattern[str] | None = None

    def message(self) -> Message:
        return msg("style.variant", avoid=self.avoid, use=self.use, why=self.why, file=FILE)


def _pattern(avoid: str) -> re.Pattern[str]:
    # A letter, digit or hyphen next to the variant means another word ('lab-editors' is an id).
    start = r"(?<![^\W_]|-)" if avoid[:1].isalnum() else ""
    end = r"(?![^\W_]|-)" if avoid[-1:].isalnum() else ""
    words = r"\s+".join(re.escape(word) for word in avoid.split())
    return re.compile(start + words + end, re.IGNORECASE)


def _quick(avoid: str) -> re.Pattern[str]:
    """`avoid` in lower case, for a lower-cased text: no case rules and no look-around, so that
    the engine searches for its first word as a plain string; spaces never cross a line."""
    return re.compile(r"[^\S\n]+".join(re.escape(word.lower()) for word in avoid.split()))


@functools.lru_cache(maxsize=8)
def _case_exceptions(chars: frozenset[str]) -> dict[str, str]:
    """For each of `chars`: the characters that match it without regard to case (as the
    `re` module decides, the rule of `_pattern`) but differ from it in lower case, such as
    the long s (U+017F) for 's' or the dotless i (U+0131) for 'i'. Asked of the `re` module
    itself, over every character, once per process (about 0.07 s)."""
    if not chars:
        return {}
    every = array.array("I", range(sys.maxunicode + 1)).tobytes().decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")
    any_of = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
    found = set(any_of.findall(every))
    return {
        c: "".join(sorted(x for x in found if x.lower() != c.lower() and re.fullmatch(re.escape(c), x, re.IGNORECASE)))
        for c in chars
    }


def _with_quick_search(variants: list[Variant]) -> list[Variant]:
    """The variants with what `scan` needs to skip the lines that hold none of them."""
    exceptions = _case_exceptions(frozenset("".join(v.avoid for v in variants)))
    result = []
    for v in variants:
        unsafe = "".join(sorted({x for c in v.avoid for x in exceptions.get(c, "")}))
        result.append(
            dataclasses.replace(
                v,
                first=v.avoid.split()[0].lower(),
                quick=_quick(v.avoid),
                unsafe=re.compile("[" + re.escape(unsafe) + "]") if unsafe else None,
            )
        )
    return result


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
    return _with_quick_search(variants), findings


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
    text = match.group(0)
    return _NOT_A_LINE_BREAK.sub(" ", text) if "\n" in text else " " * len(text)


_NOT_A_LINE_BREAK = re.compile(r"[^\n]")
# What each pattern that blanks a part cannot match without: it is not run on a text without any.
_NEEDS = {
    _REFERENCE: ("]:",),
    _DESTINATION: ("](",),
    _TAG: ("<",),
    _ATTRIBUTES: ("{",),
    _BARE_URL: ("://", "www."),
    _QUOTATION: ("«", "“"),
    _QUOTATIONS["es"]: ("«",),
    _CODE: ("`",),
}


def _blank_all(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        if any(needed in text for needed in _NEEDS[pattern]):
            text = pattern.sub(_blank, text)
    return text


def prose(masked_body: str, language: str) -> str:
    """A body already blanked of code and comments, also blanked of everything that is not
    the page's own prose (addresses, tags, attribute lists, quotations); lines unchanged."""
    quotation = _QUOTATIONS.get(language, _QUOTATION)
    return _blank_all(masked_body, (_REFERENCE, _DESTINATION, _TAG, _ATTRIBUTES, _BARE_URL, quotation))


def _value_prose(text: str, language: str) -> str:
    if is_web_address(text.strip()):
        return ""
    return _blank_all(text, (_CODE, _BARE_URL, _QUOTATIONS.get(language, _QUOTATION)))


def scan(text: str, variants: list[Variant]) -> Iterator[tuple[int, Variant]]:
    """(1-based line within `text`, variant) for each variant found, in order."""
    # Most texts hold no variant: a variant is looked for only where its first word (in lower
    # case) is in the text at all, a plain substring test, far cheaper than its pattern.
    lowered = text.lower()
    variants = [v for v in variants if (v.first or v.avoid.split()[0].lower()) in lowered]
    if not variants:
        return
    lines = text.split("\n")
    for number in _candidate_lines(text, lowered, variants, len(lines)):
        line = lines[number - 1]
        spans = [(m.start(), m.end(), v) for v in variants for m in v.pattern.finditer(line)]
        reported: set[str] = set()
        for start, end, variant in spans:
            # A variant inside a longer one ('Lab' in 'Learning Lab') is the longer one's mistake.
            inside = any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
            if not inside and variant.avoid not in reported:
                reported.add(variant.avoid)
                yield number, variant


def _candidate_lines(text: str, lowered: str, variants: list[Variant], count: int) -> list[int]:
    """The numbers of the lines where a variant may be: every line that its lower-case words
    are on (a plain, fast search); every line of the text when the text holds a character for
    which lower-casing and the variant's case rules disagree, or a variant was made without
    `load` (no quick pattern)."""
    if any(v.quick is None or (v.unsafe is not None and v.unsafe.search(text)) for v in variants):
        return list(range(1, count + 1))
    starts = sorted({m.start() for v in variants if v.quick is not None for m in v.quick.finditer(lowered)})
    numbers: list[int] = []
    number, counted = 1, 0  # line breaks counted on from the last start: one pass over the text
    for start in starts:
        number += lowered.count("\n", counted, start)  # lower-casing never makes or takes a line break
        counted = start
        if not numbers or numbers[-1] != number:
            numbers.append(number)
    return numbers


def _scan_part(
    text: str, language: str, variants: list[Variant], blank: Callable[[str, str], str]
) -> Iterator[tuple[int, Variant]]:
    """`scan(blank(text, language), variants)`; a text that holds no variant's first word is not
    blanked at all: blanking only turns characters into spaces, so it cannot make a word appear.
    (Lower-casing is one character at a time but for the capital sigma, which becomes a final
    sigma at the end of a word: a text that holds one is always blanked.)"""
    if not _may_hold(text, variants):
        return iter(())
    return scan(blank(text, language), variants)


def _may_hold(text: str, variants: list[Variant]) -> bool:
    """Whether `text` holds the first word of a variant (in lower case), or a capital sigma."""
    if "\u03a3" in text:
        return True
    lowered = text.lower()
    return any((v.first or v.avoid.split()[0].lower()) in lowered for v in variants)


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
        values = list(_texts(page.doc.meta, page.language))
        # All the values at once first: most pages' front matter holds no variant's first word.
        for line, text in values if _may_hold("\n".join(text for _, text in values), mine) else ():
            for offset, variant in _scan_part(text, page.language, mine, _value_prose):
                findings.append(Finding.of(page.rel, line + offset - 1, variant.message()))
    for line, variant in _scan_part(page.masked, page.language, mine, prose):
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
            for offset, variant in _scan_part(value, language, mine, _value_prose):
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
