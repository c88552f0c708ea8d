"""The survey as a spreadsheet, and back: `make survey-export` / `make survey-import`.

The editing sheet has one row per jurisdiction and indicator with the editable cells:
answer, notes, sources, the date the answer is valid for and its review status. Names,
regions and kinds stay in the YAML files. Sources in a cell are one per line, written
`title | url | pinpoint`; a '|' inside a title or pinpoint is written '\\|' (and a
backslash '\\\\'), so every sheet the export writes reads back unchanged.

Import checks every cell first and reports each problem by row and column, in the language
asked for (data/messages.yml, `survey-sheet.*`); when there is any, it writes nothing.
Files are written in one canonical form, so exporting and importing again changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import yaml

from labkb.checks.sources import Source
from labkb.features import spreadsheet
from labkb.features.survey import (
    JURISDICTIONS_FOLDER,
    REVIEW_STATUSES,
    UNKNOWN,
    Answer,
    Jurisdiction,
    Survey,
)
from labkb.model import dates, textfile, web_address
from labkb.model.findings import did_you_mean, one_line
from labkb.model.messages import Message, default_language, msg
from labkb.model.project import Project
from labkb.model.schema import LANGUAGES

COLUMNS = (
    "jurisdiction",
    "indicator",
    "answer",
    *(f"note_{lang}" for lang in LANGUAGES),
    "note_pending",
    "sources",
    "valid_on",
    "review_status",
)


def _scalar(value: str) -> str:
    """A YAML scalar for `value`, quoted only when YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style=None)
    return text.removesuffix("\n...\n").removesuffix("\n")


def dump_jurisdiction(jurisdiction: Jurisdiction, survey: Survey) -> str:
    """The canonical text of a jurisdiction file."""
    lines = [f"code: {jurisdiction.code}", "name:"]
    lines += [f"  {lang}: {_scalar(jurisdiction.names[lang])}" for lang in LANGUAGES]
    lines += [f"region: {jurisdiction.region}", f"kind: {jurisdiction.kind}", "answers:"]
    for indicator_id in survey.indicators:
        answer = jurisdiction.answers.get(indicator_id)
        if answer is None:
            continue
        lines += [
            f"  {indicator_id}:",
            f"    answer: {_scalar(answer.value)}",
            "    note:" if answer.notes else "    note: {}",
        ]
        lines += [f"      {lang}: {_scalar(answer.notes[lang])}" for lang in LANGUAGES if lang in answer.notes]
        if answer.note_pending:
            lines.append(f"    note_pending: [{', '.join(answer.note_pending)}]")
        if answer.sources:
            lines.append("    sources:")
            for source in answer.sources:
                lines.append(f"      - title: {_scalar(source.title)}")
                lines.append(f"        url: {_scalar(source.url)}")
                if source.pinpoint:
                    lines.append(f"        pinpoint: {_scalar(source.pinpoint)}")
                if source.language:
                    lines.append(f"        language: {source.language}")
                for code, edition in source.editions:
                    lines.append(f"        {code}:")
                    lines += [f"          {key}: {_scalar(value)}" for key, value in source.changes(edition).items()]
        else:
            lines.append("    sources: []")
        lines += [f"    valid_on: {answer.valid_on}", f"    review_status: {answer.review_status}"]
    return "\n".join(lines) + "\n"


def export_rows(survey: Survey) -> list[dict[str, str]]:
    rows = []
    for jurisdiction in survey.ordered_jurisdictions():
        for indicator_id in survey.indicators:
            answer = jurisdiction.answers.get(indicator_id)
            if answer is None:
                continue
            row = {
                "jurisdiction": jurisdiction.code,
                "indicator": indicator_id,
                "answer": answer.value,
                "note_pending": ", ".join(answer.note_pending),
                "sources": "\n".join(_source_line(s) for s in answer.sources),
                "valid_on": answer.valid_on,
                "review_status": answer.review_status,
            }
            row.update({f"note_{lang}": answer.notes.get(lang, "") for lang in LANGUAGES})
            rows.append(row)
    return rows


def export_csv(survey: Survey) -> str:
    """The editing sheet. A cell a spreadsheet would run as a formula gets a quote before it
    (labkb/features/spreadsheet.py); the import removes it again."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet.neutralise(v) for k, v in row.items()} for row in export_rows(survey))
    return out.getvalue()


def _source_line(source: Source) -> str:
    """'title | url | pinpoint | language', each '|' and backslash in a part escaped with a
    backslash; then a line '[es] title | url | pinpoint | language' for each edition."""
    return "\n".join(
        [_line(source)] + [f"[{code}] {_line(edition)}" for code, edition in source.editions]
    )


def _line(source: Source) -> str:
    parts = [source.title, source.url, source.pinpoint, source.language]
    while parts and not parts[-1]:
        parts.pop()
    return " | ".join(p.replace("\\", "\\\\").replace("|", "\\|") for p in parts)


def _source_parts(line: str) -> list[str]:
    """The parts of a source line, split at each '|' that no backslash escapes, unescaped."""
    parts, current, chars = [], [], iter(line)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in ("\\", "|") else char + following)
        elif char == "|":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current).strip()]


def _sources(cell: str) -> tuple[tuple[Source, ...], Message | None]:
    sources: list[Source] = []
    for line in (line.strip() for line in cell.splitlines()):
        if not line:
            continue
        code = next((c for c in LANGUAGES if line.startswith(f"[{c}]")), None)
        if code is not None:
            line = line[len(code) + 2 :].strip()
            if not sources:
                return (), msg("part.survey-sheet.edition-first", code=code, line=line)
        source, problem = _source(line)
        if problem or source is None:
            return (), problem
        if code is None:
            sources.append(source)
        else:
            last = sources[-1]
            sources[-1] = Source(last.title, last.url, last.pinpoint, last.language, (*last.editions, (code, source)))
    return tuple(sources), None


def _source(line: str) -> tuple[Source | None, Message | None]:
    """One source line: 'title | url', then optionally '| pinpoint' and '| language'."""
    parts = _source_parts(line)
    if len(parts) not in (2, 3, 4) or not parts[0]:
        return None, msg("part.survey-sheet.source-parts", line=line)
    if wrong := web_address.problem(parts[1]):
        return None, wrong
    language = parts[3] if len(parts) == 4 else ""
    if language and language not in LANGUAGES:
        return None, msg("part.survey-sheet.source-language", language=language, languages=", ".join(LANGUAGES))
    for part in (parts[0], parts[2] if len(parts) > 2 else ""):
        if problem := spreadsheet.problem(part):
            return None, problem
    return Source(parts[0], parts[1], parts[2] if len(parts) > 2 else "", language), None


# Reports a problem in a cell of the row being read: (column, message).
_Bad = Callable[[str, Message], None]


def _cells(row: Mapping[str, object], bad: _Bad) -> tuple[dict[str, str], bool]:
    """The texts of a row, without the quote the export put before each formula, and whether
    all are good. A cell that a spreadsheet would run as a formula is refused (`bad`): it
    would be a formula again in the data's CSV files (labkb/features/spreadsheet.py)."""
    cells: dict[str, str] = {}
    good = True
    for column in COLUMNS:
        raw = row.get(column)
        if not isinstance(raw, str):  # a short row: the cell is missing
            continue
        text = spreadsheet.restore(raw).replace("\r\n", "\n").replace("\r", "\n")
        problem = spreadsheet.problem(raw) or spreadsheet.problem(text.strip())
        if problem:
            bad(column, problem)
            good = False
        cells[column] = text
    return cells, good


def import_csv(
    project: Project, survey: Survey, text: str, name: str, language: str | None = None
) -> tuple[list[str], list[str]]:
    """(files written, problems in `language`, the default language when None). Nothing is
    written when there is any problem."""
    said = language or default_language()
    problems: list[Message] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        wrong = msg("survey-sheet.columns-missing", file=name, missing=", ".join(missing), expected=", ".join(COLUMNS))
        return [], [one_line(wrong.render(said))]
    answers: dict[tuple[str, str], Answer] = {}
    refused: set[tuple[str, str]] = set()
    for number, cells in enumerate(reader, start=2):

        def bad(column: str, message: Message, number: int = number) -> None:
            problems.append(msg("survey-sheet.cell", file=name, row=number, column=column, problem=message))

        row, good = _cells(cells, bad)
        code, indicator = (row.get("jurisdiction") or "").strip(), (row.get("indicator") or "").strip()
        if not good:  # its formula is reported; the row's other checks wait until it is fixed
            refused.add((code, indicator))
            continue
        if _row_is_new(code, indicator, survey, answers, bad):
            answers[(code, indicator)] = _row_answer(row, survey, bad)
    problems += _rows_missing(survey, answers.keys() | refused, name)
    if problems:
        return [], [one_line(problem.render(said)) for problem in problems]
    changes = _changes(project, survey, answers)
    for path, text_out in changes:  # only now that every cell is known to be good
        path.write_text(text_out, encoding="utf-8")
    return [project.relative(path) for path, _ in changes], []


def _row_is_new(
    code: str, indicator: str, survey: Survey, answers: Mapping[tuple[str, str], Answer], bad: _Bad
) -> bool:
    """Whether a row names a declared jurisdiction and an indicator, not already read (else `bad`)."""
    if code not in survey.jurisdictions:
        bad("jurisdiction", msg("survey-sheet.undeclared", code=code, declared=", ".join(survey.declared)))
        return False
    if indicator not in survey.indicators:
        known = ", ".join(survey.indicators)
        bad("indicator", msg("survey-sheet.not-an-indicator", indicator=indicator, indicators=known))
        return False
    if (code, indicator) in answers:
        bad("indicator", msg("survey-sheet.duplicate", code=code, indicator=indicator))
        return False
    return True


def _row_answer(row: dict[str, str], survey: Survey, bad: _Bad) -> Answer:
    """The answer a row's cells give; each cell that is wrong is reported (`bad`)."""
    value = (row.get("answer") or "").strip()
    if value not in survey.scale:
        hint = did_you_mean(value, survey.scale.keys())
        bad("answer", msg("survey-sheet.off-the-scale", value=value, scale=", ".join(survey.scale), hint=hint))
    notes, pending = _row_notes(row, bad)
    sources, source_problem = _sources(row.get("sources") or "")
    if source_problem:
        bad("sources", source_problem)
    elif value in survey.scale and value != UNKNOWN and not sources:
        bad("sources", msg("survey.needs-source", unknown=UNKNOWN))
    valid_on = (row.get("valid_on") or "").strip()
    if wrong := dates.problem(valid_on):
        bad("valid_on", wrong)
    review = (row.get("review_status") or "").strip()
    if review not in REVIEW_STATUSES:
        bad("review_status", msg("survey-sheet.review-status", found=review, allowed=", ".join(REVIEW_STATUSES)))
    return Answer(value, {k: v for k, v in notes.items() if v}, pending, sources, valid_on, review)


def _row_notes(row: dict[str, str], bad: _Bad) -> tuple[dict[str, str], tuple[str, ...]]:
    """(note by language, empty ones included; the languages of note_pending) of a row."""
    pending = tuple(p.strip() for p in (row.get("note_pending") or "").split(",") if p.strip())
    for language in pending:
        if language not in LANGUAGES:
            bad("note_pending", msg("survey-sheet.pending-language", language=language, languages=", ".join(LANGUAGES)))
    notes = {lang: (row.get(f"note_{lang}") or "").strip() for lang in LANGUAGES}
    for language, note in notes.items():
        if not note and language not in pending:
            bad(f"note_{language}", msg("survey-sheet.empty-note", language=language))
    return notes, pending


def _rows_missing(survey: Survey, rows: set[tuple[str, str]], name: str) -> list[Message]:
    """A problem for each answer of a declared jurisdiction that has no row in the sheet."""
    problems = []
    for code in survey.declared:
        for indicator in survey.indicators:
            if (code, indicator) not in rows and code in survey.jurisdictions:
                problems.append(msg("survey-sheet.row-missing", file=name, code=code, indicator=indicator))
    return problems


def _changes(project: Project, survey: Survey, answers: Mapping[tuple[str, str], Answer]) -> list[tuple[Path, str]]:
    """(path, new text) of each jurisdiction file the imported answers change."""
    changes: list[tuple[Path, str]] = []
    for code, jurisdiction in survey.jurisdictions.items():
        updated = replace(jurisdiction, answers={i: answers[(code, i)] for i in survey.indicators})
        path = project.root / JURISDICTIONS_FOLDER / f"{code}.yml"
        text_out = dump_jurisdiction(updated, survey)
        if not path.is_file() or textfile.read_text(path) != text_out:
            changes.append((path, text_out))
    return changes
