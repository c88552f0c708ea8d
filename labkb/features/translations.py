"""Translation state of every page: translated, stale or missing, without git history.

A translation records which language it was translated from (`translation_of`) and a
fingerprint of the original as it was then (`source_fingerprint`). When the original
changes, its fingerprint no longer matches and the translation is stale until a
translator updates it and runs `make translations-refresh`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from labkb.model import frontmatter, textfile
from labkb.model.corpus import Corpus, Page
from labkb.model.findings import Finding
from labkb.model.messages import msg
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES

TRANSLATED, STALE, MISSING, ORIGINAL = "translated", "stale", "missing", "original"
_BOOKKEEPING = re.compile(r"^(translation_of|source_fingerprint)\s*:")


def fingerprint(text: str) -> str:
    """12 hex characters identifying a page's content, ignoring translation bookkeeping
    and trailing whitespace (so re-saving a file in another editor changes nothing)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    kept: list[str] = []
    in_front = bool(lines) and lines[0].rstrip() == "---"
    for index, line in enumerate(lines):
        if in_front and index > 0 and line.rstrip() in ("---", "..."):
            in_front = False
        elif in_front and _BOOKKEEPING.match(line):
            continue
        kept.append(line.rstrip())
    normalised = "\n".join(kept).strip("\n") + "\n"
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageState:
    """One page (a path below content/<lang>/) and its state in every language."""

    page_path: str
    states: dict[str, str]  # language -> original / translated / stale / missing
    source: str  # the language of the original

    @property
    def needs_work(self) -> bool:
        return any(state in (STALE, MISSING) for state in self.states.values())


def page_states(corpus: Corpus) -> list[PageState]:
    return [_state(page_path, versions) for page_path, versions in sorted(corpus.versions().items())]


def _state(page_path: str, versions: dict[str, Page]) -> PageState:
    declared: dict[str, tuple[str, str]] = {}  # language -> (translation_of, fingerprint)
    for language, page in versions.items():
        fields = page.meta
        if "translation_of" in fields:
            written = fields.get("source_fingerprint")
            declared[language] = (
                str(fields["translation_of"].value),
                str(written.value) if written else "",
            )
    originals = [lang for lang in versions if lang not in declared]
    source = originals[0] if originals else DEFAULT_LANGUAGE
    states: dict[str, str] = {}
    for language in LANGUAGES:
        if language not in versions:
            states[language] = MISSING
        elif language not in declared:
            states[language] = ORIGINAL
        else:
            of, recorded = declared[language]
            original = versions.get(of)
            current = fingerprint(original.text) if original else None
            states[language] = TRANSLATED if current == recorded else STALE
    return PageState(page_path, states, source)


def refresh(project: Project, paths: list[Path]) -> tuple[list[str], list[Finding]]:
    """Record the current fingerprint of the original in each translation in `paths`.

    Changes only the `source_fingerprint` line (or adds it after `translation_of`);
    a file that is not a translation is reported and left untouched.
    """
    done: list[str] = []
    problems: list[Finding] = []
    for path in paths:
        rel = project.relative(path)
        text = textfile.read_text(path)
        doc = frontmatter.parse(text)
        of = doc.fields.get("translation_of")
        if of is None:
            problems.append(Finding.of(rel, 1, msg("translation.refresh-not-a-translation")))
            continue
        original = project.content / str(of.value) / project.page_path(path)
        if not original.is_file():
            problems.append(
                Finding.of(rel, of.line, msg("translation.refresh-no-original", original=project.relative(original)))
            )
            continue
        new_line = f"source_fingerprint: {fingerprint(textfile.read_text(original))}"
        lines = text.split("\n")
        recorded = doc.fields.get("source_fingerprint")
        if recorded is not None:
            lines[recorded.key_line - 1] = new_line
        else:
            lines.insert(of.line, new_line)
        updated = "\n".join(lines)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            done.append(rel)
    return done, problems
