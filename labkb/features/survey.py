"""The survey of policy and practice across jurisdictions, as data, and its checks.

Files (data/survey/):
- `survey.yml`: title and status per language, the declared set of jurisdictions,
  regions and kinds (national, sub-national, regional body) with their labels.
- `indicators.yml`: the answer scale (label per language and a symbol, so an answer
  never relies on colour alone), themes (each labelled with the public framework it
  comes from) and indicators (theme, question per language).
- `jurisdictions/<code>.yml`: names per language, region, kind, and for every
  indicator: answer, note per language, sources (title, URL, pinpoint), the date the
  answer is valid for and its review status.

`load` never raises on bad input: every problem is a `Finding` with file and line,
in the same style as the content checker, and all are reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from labkb.checks import every_language, sources
from labkb.checks.sources import Source
from labkb.features import spreadsheet
from labkb.model import dates, textfile
from labkb.model.findings import Finding, did_you_mean, shown
from labkb.model.frontmatter import Node, load_yaml
from labkb.model.messages import Language, Message, msg
from labkb.model.project import Project
from labkb.model.schema import LANGUAGES

FOLDER = "data/survey"
SURVEY_FILE = f"{FOLDER}/survey.yml"
INDICATORS_FILE = f"{FOLDER}/indicators.yml"
JURISDICTIONS_FOLDER = f"{FOLDER}/jurisdictions"
REVIEW_STATUSES = ("needs-review", "reviewed")
UNKNOWN = "unknown"
ANSWER_KEYS = ("answer", "note", "note_pending", "sources", "valid_on", "review_status")


@dataclass(frozen=True)
class Answer:
    value: str
    notes: dict[str, str]  # language -> note (absent when pending)
    note_pending: tuple[str, ...]  # languages whose note is still to be written
    sources: tuple[Source, ...]
    valid_on: str
    review_status: str


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    names: dict[str, str]
    region: str
    kind: str
    answers: dict[str, Answer]  # indicator id -> answer


@dataclass(frozen=True)
class Indicator:
    id: str
    theme: str
    questions: dict[str, str]
    shorts: dict[str, str]  # column headings


@dataclass(frozen=True)
class Theme:
    id: str
    labels: dict[str, str]
    source: Source


@dataclass
class Survey:
    titles: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    declared: list[str] = field(default_factory=list)
    regions: dict[str, dict[str, str]] = field(default_factory=dict)
    kinds: dict[str, dict[str, str]] = field(default_factory=dict)
    scale: dict[str, dict[str, str]] = field(default_factory=dict)  # value -> {en, es, symbol}
    themes: dict[str, Theme] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    # relative path -> the file as read (line-aware), for checks that look at its texts (labkb/checks/style.py)
    documents: dict[str, Node] = field(default_factory=dict)

    def ordered_jurisdictions(self) -> list[Jurisdiction]:
        return [self.jurisdictions[c] for c in self.declared if c in self.jurisdictions]

    def label(self, table: str, key: str, language: str) -> str:
        labels: dict[str, dict[str, str]] = getattr(self, table)
        return labels.get(key, {}).get(language, key)


def exists(project: Project) -> bool:
    return (project.root / SURVEY_FILE).is_file()


# --- reading, with findings ---------------------------------------------------------------


class _Reader:
    """Reads one YAML file into Nodes and records findings against it."""

    def __init__(self, project: Project, relative: str, findings: list[Finding]) -> None:
        self.relative = relative
        self.findings = findings
        path = project.root / relative
        self.node: Node | None = None
        try:
            node, errors = load_yaml(textfile.read_text(path))
        except FileNotFoundError:
            findings.append(Finding.of(relative, 0, msg("survey.file-missing")))
            return
        except textfile.NotUTF8Error as exc:
            findings.append(exc.finding(project))
            return
        for error in errors:
            findings.append(error.finding(relative, "file"))
        self.node = node if node is not None and not errors else None
        if self.node is not None:
            self._formulas(self.node)

    def _formulas(self, node: Node) -> None:
        """Every key and text of the file: none may start like a spreadsheet formula, as it
        would in the survey's CSV files (labkb/features/spreadsheet.py)."""
        if isinstance(node.value, dict):
            for key, child in node.value.items():
                problem = spreadsheet.problem(str(key).strip())
                if problem:
                    self.problem(child.key_line or child.line, problem)
                self._formulas(child)
        elif isinstance(node.value, list):
            for child in node.value:
                self._formulas(child)
        elif isinstance(node.value, str):
            problem = spreadsheet.problem(node.value.strip())
            if problem:
                self.problem(node.line, problem)

    def problem(self, line: int, message: Message) -> None:
        self.findings.append(Finding.of(self.relative, line, message))

    def mapping(self, node: Node | None, what: object, line: int) -> dict[str, Node]:
        if node is None:
            self.problem(line, msg("survey.missing", what=what))
            return {}
        if not isinstance(node.value, dict):
            self.problem(node.line, msg("survey.not-a-mapping", what=what))
            return {}
        return node.value

    def problems(self, found: list[tuple[int, Message]], what: object = None) -> None:
        """Record the (line, message) problems of a shared rule, each about `what` when given."""
        for line, message in found:
            self.problem(line, message.under(what) if what else message)

    def bilingual(self, node: Node | None, what: object, line: int, also: tuple[str, ...] = ()) -> dict[str, str]:
        """A text in every language (labkb/checks/every_language.py)."""
        texts, found = every_language.texts(node, what, line, also=also)
        self.problems(found)
        return texts

    def source(self, node: Node, what: object) -> Source | None:
        """One source (labkb/checks/sources.py); its problems after `what`."""
        source, found = sources.read(node, editions=True)
        self.problems(found, what)
        return source


def load(project: Project) -> tuple[Survey, list[Finding]]:
    """The survey and every problem in its files (empty survey when there is none)."""
    survey = Survey()
    findings: list[Finding] = []
    if not exists(project):
        return survey, findings
    _read_survey(project, survey, findings)
    _read_indicators(project, survey, findings)
    folder = project.root / JURISDICTIONS_FOLDER
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    declared = set(survey.declared)
    for path in files:
        relative = f"{JURISDICTIONS_FOLDER}/{path.name}"
        code = path.stem
        if code not in declared:
            findings.append(Finding.of(relative, 0, msg("survey.undeclared", code=code, file=SURVEY_FILE)))
            continue
        jurisdiction = _read_jurisdiction(project, relative, code, survey, findings)
        if jurisdiction:
            survey.jurisdictions[code] = jurisdiction
    present = {p.stem for p in files}
    # The lines of the declarations, read again only to point at a declaration without a file.
    lines = _declared_lines(project) if any(code not in present for code in survey.declared) else {}
    for code in survey.declared:
        if code not in present:
            findings.append(
                Finding.of(
                    SURVEY_FILE, lines.get(code, 0), msg("survey.no-file", code=code, folder=JURISDICTIONS_FOLDER)
                )
            )
    return survey, findings


def _declared_lines(project: Project) -> dict[str, int]:
    try:
        node, _ = load_yaml(textfile.read_text(project.root / SURVEY_FILE))
    except (OSError, textfile.NotUTF8Error):
        return {}  # _read_survey reports the file itself
    listing = node.value.get("jurisdictions") if node and isinstance(node.value, dict) else None
    if listing is None or not isinstance(listing.value, list):
        return {}
    return {str(item.value): item.line for item in listing.value}


def _read_survey(project: Project, survey: Survey, findings: list[Finding]) -> None:
    reader = _Reader(project, SURVEY_FILE, findings)
    if reader.node is None:
        return
    survey.documents[SURVEY_FILE] = reader.node
    top = reader.mapping(reader.node, msg("part.survey.survey-file"), 1)
    for key in top:
        if key not in ("title", "status", "jurisdictions", "regions", "kinds"):
            reader.problem(
                top[key].key_line,
                msg(
                    "survey.unknown-key",
                    key=key,
                    hint=did_you_mean(key, ("title", "status", "jurisdictions", "regions", "kinds")),
                ),
            )
    survey.titles = reader.bilingual(top.get("title"), "'title'", 1)
    survey.status = reader.bilingual(top.get("status"), "'status'", 1)
    for table in ("regions", "kinds"):
        values = reader.mapping(top.get(table), f"'{table}'", 1)
        setattr(survey, table, {str(k): reader.bilingual(v, f"'{table}: {k}'", v.line) for k, v in values.items()})
    listing = top.get("jurisdictions")
    if listing is None or not isinstance(listing.value, list) or not listing.value:
        reader.problem(
            1 if listing is None else listing.line,
            msg("survey.no-jurisdictions"),
        )
        return
    seen = set()
    for item in listing.value:
        code = str(item.value)
        if not re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,8})?", code):
            reader.problem(
                item.line,
                msg("survey.jurisdiction-code", code=code),
            )
        elif code in seen:
            reader.problem(item.line, msg("survey.declared-twice", code=code))
        else:
            seen.add(code)
            survey.declared.append(code)


def _read_indicators(project: Project, survey: Survey, findings: list[Finding]) -> None:
    reader = _Reader(project, INDICATORS_FILE, findings)
    if reader.node is None:
        return
    survey.documents[INDICATORS_FILE] = reader.node
    top = reader.mapping(reader.node, msg("part.survey.indicators-file"), 1)
    for key in top:
        if key not in ("scale", "themes", "indicators"):
            reader.problem(
                top[key].key_line,
                msg("survey.unknown-key", key=key, hint=did_you_mean(key, ("scale", "themes", "indicators"))),
            )
    _read_scale(reader, top.get("scale"), survey)
    _read_themes(reader, top.get("themes"), survey)
    _read_indicator_list(reader, top.get("indicators"), survey)


def _read_scale(reader: _Reader, scale: Node | None, survey: Survey) -> None:
    for value, node in reader.mapping(scale, "'scale'", 1).items():
        labels = reader.bilingual(node, msg("part.survey.scale-value", value=value), node.line, also=("symbol",))
        symbol = node.value.get("symbol") if isinstance(node.value, dict) else None
        if symbol is None or not str(symbol.value).strip():
            reader.problem(
                node.line,
                msg("survey.no-symbol", value=value),
            )
        else:
            labels["symbol"] = str(symbol.value).strip()
        survey.scale[str(value)] = labels
    if UNKNOWN not in survey.scale and survey.scale:
        reader.problem(1, msg("survey.scale-unknown", unknown=UNKNOWN))


def _read_themes(reader: _Reader, themes: Node | None, survey: Survey) -> None:
    for theme_id, node in reader.mapping(themes, "'themes'", 1).items():
        values = node.value if isinstance(node.value, dict) else {}
        theme = msg("part.survey.theme", id=theme_id)
        labels = reader.bilingual(node, theme, node.line, also=("source",))
        source_node = values.get("source")
        source = reader.source(source_node, theme) if source_node else None
        if source_node is None:
            reader.problem(
                node.line,
                msg("survey.theme-source", id=theme_id),
            )
        if source:
            survey.themes[str(theme_id)] = Theme(str(theme_id), labels, source)


def _read_indicator_list(reader: _Reader, indicators: Node | None, survey: Survey) -> None:
    for indicator_id, node in reader.mapping(indicators, "'indicators'", 1).items():
        values = node.value if isinstance(node.value, dict) else {}
        theme = values.get("theme")
        if theme is None or str(theme.value) not in survey.themes:
            reader.problem(
                node.line if theme is None else theme.line,
                msg("survey.indicator-theme", themes=", ".join(survey.themes) or msg("part.survey.themes-above")).under(
                    msg("part.survey.indicator", id=indicator_id)
                ),
            )
            continue
        questions = reader.bilingual(values.get("question"), msg("part.survey.question", id=indicator_id), node.line)
        shorts = reader.bilingual(values.get("short"), msg("part.survey.short", id=indicator_id), node.line)
        for key in values:
            if key not in ("short", "theme", "question"):
                reader.problem(
                    values[key].key_line,
                    msg("survey.unknown-key", key=key, hint=did_you_mean(key, ("short", "theme", "question"))).under(
                        msg("part.survey.indicator", id=indicator_id)
                    ),
                )
        survey.indicators[str(indicator_id)] = Indicator(str(indicator_id), str(theme.value), questions, shorts)


def _read_jurisdiction(
    project: Project, relative: str, code: str, survey: Survey, findings: list[Finding]
) -> Jurisdiction | None:
    reader = _Reader(project, relative, findings)
    if reader.node is None:
        return None
    survey.documents[relative] = reader.node
    top = reader.mapping(reader.node, msg("part.survey.jurisdiction-file"), 1)
    allowed = ("code", "name", "region", "kind", "answers")
    for key in top:
        if key not in allowed:
            reader.problem(top[key].key_line, msg("survey.unknown-key", key=key, hint=did_you_mean(key, allowed)))
    code_node = top.get("code")
    if code_node is None or str(code_node.value) != code:
        reader.problem(1 if code_node is None else code_node.line, msg("survey.code", code=code))
    names = reader.bilingual(top.get("name"), "'name'", 1)
    region, kind = top.get("region"), top.get("kind")
    for node, table, key in ((region, survey.regions, "region"), (kind, survey.kinds, "kind")):
        if node is None or str(node.value) not in table:
            reader.problem(
                1 if node is None else node.line,
                msg(
                    "survey.one-of",
                    key=key,
                    allowed=", ".join(table),
                    found=shown(None if node is None else node.value),
                ),
            )
    parsed = _read_answers(reader, top.get("answers"), survey)
    if not names or region is None or kind is None:
        return None
    return Jurisdiction(code, names, str(region.value), str(kind.value), parsed)


def _read_answers(reader: _Reader, answers_node: Node | None, survey: Survey) -> dict[str, Answer]:
    """The answers of a jurisdiction, by indicator; a problem for each indicator without one."""
    answers = reader.mapping(answers_node, "'answers'", 1)
    parsed: dict[str, Answer] = {}
    for indicator_id in survey.indicators:
        if indicator_id not in answers:
            reader.problem(
                answers_node.key_line if answers_node else 1,
                msg("survey.no-answer", indicator=indicator_id, unknown=UNKNOWN),
            )
    for indicator_id, node in answers.items():
        if indicator_id not in survey.indicators:
            reader.problem(
                node.key_line,
                msg(
                    "survey.not-an-indicator",
                    indicator=indicator_id,
                    hint=did_you_mean(indicator_id, survey.indicators.keys()),
                ),
            )
            continue
        answer = _read_answer(reader, indicator_id, node, survey)
        if answer:
            parsed[indicator_id] = answer
    return parsed


def _read_answer(reader: _Reader, indicator_id: str, node: Node, survey: Survey) -> Answer | None:
    what = f"'{indicator_id}'"
    values = reader.mapping(node, what, node.line)
    for key in values:
        if key not in ANSWER_KEYS:
            reader.problem(
                values[key].key_line,
                msg("survey.unknown-key", key=key, hint=did_you_mean(key, ANSWER_KEYS)).under(what),
            )
    answer = values.get("answer")
    value = None if answer is None else str(answer.value)
    if value not in survey.scale:
        reader.problem(
            node.line if answer is None else answer.line,
            msg(
                "survey.off-the-scale",
                scale=", ".join(survey.scale),
                found=shown(value),
                hint=did_you_mean(value or "", survey.scale.keys()),
            ).under(what),
        )
    pending = _read_pending(reader, what, values.get("note_pending"))
    notes = _read_notes(reader, what, node, values, pending)
    source_list = values.get("sources")
    sources = _read_sources(reader, what, source_list)
    if value and value != UNKNOWN and not sources and (source_list is None or not source_list.value):
        reader.problem(
            node.line if answer is None else answer.line,
            msg("survey.needs-source", unknown=UNKNOWN).under(what),
        )
    valid_on = values.get("valid_on")
    problem = msg("survey.no-valid-on") if valid_on is None else dates.problem(valid_on.value)
    if problem:
        reader.problem(node.line if valid_on is None else valid_on.line, problem.under(what))
    review = values.get("review_status")
    if review is None or str(review.value) not in REVIEW_STATUSES:
        reader.problem(
            node.line if review is None else review.line,
            msg("survey.review-status", allowed=", ".join(REVIEW_STATUSES)).under(what),
        )
    if value not in survey.scale or problem or valid_on is None:  # valid_on is None only with a problem
        return None
    return Answer(
        value,
        notes,
        pending,
        tuple(sources),
        str(valid_on.value),
        str(review.value) if review else "needs-review",
    )


def _read_pending(reader: _Reader, what: str, pending_node: Node | None) -> tuple[str, ...]:
    """The languages of 'note_pending' (notes not written yet); a problem for each that is not the site's."""
    if not pending_node or not isinstance(pending_node.value, list):
        return ()
    pending = tuple(str(v.value) for v in pending_node.value)
    for language in pending:
        if language not in LANGUAGES:
            reader.problem(
                pending_node.line,
                msg("survey.pending-language", language=language, languages=", ".join(LANGUAGES)).under(what),
            )
    return pending


def _read_notes(
    reader: _Reader, what: str, node: Node, values: dict[str, Node], pending: tuple[str, ...]
) -> dict[str, str]:
    """The answer's note in each language; a problem for each language missing that is not pending."""
    notes: dict[str, str] = {}
    note_values = reader.mapping(values.get("note"), f"{what}: 'note'", node.line)
    for language in LANGUAGES:
        text = note_values.get(language)
        if text is not None and isinstance(text.value, str) and text.value.strip():
            notes[language] = text.value.strip()
        elif language not in pending:
            reader.problem(
                values["note"].key_line if "note" in values else node.key_line,
                msg("survey.note-language", language=Language(language), code=language).under(what),
            )
    return notes


def _read_sources(reader: _Reader, what: str, source_list: Node | None) -> list[Source]:
    """The answer's valid sources; a problem for 'sources' that is not a list, and for each bad source."""
    if source_list is None:
        return []
    if not isinstance(source_list.value, list):
        reader.problem(source_list.line, msg("survey.sources-list").under(what))
        return []
    sources = []
    for item in source_list.value:
        source = reader.source(item, what)
        if source:
            sources.append(source)
    return sources
