"""The languages of the site, as data: `data/languages.yml`, and nothing else in the core.

The file lists each language by its code, the default language first, with what the code
needs to write that language: month names, the long-date and date-range formats, the rules
search uses for the other grammatical number of a word, and the comment of a new blog post.
`labkb.model.schema.LANGUAGES`, `DEFAULT_LANGUAGE` and `LANGUAGE_NAMES` come from here; so do
`labkb.model.dates`, `labkb.features.search` and `labkb.features.scaffold`, and the survey's CSV columns per language
(`note_<code>`). The interface texts per language are labels, in `data/labels.yml`.

`SITE` is the list of the checkout this package belongs to (`data/languages.yml` next to the
`labkb/` folder), read once when the package is imported. Reading it never raises: a mistake
in the file leaves the languages that could be read in `SITE` and the findings in `PROBLEMS`;
`check(project)` reports them (`make check` and the build), and the other commands refuse to
run (`labkb.tools.cli`).

`check(project)` also compares the list with the i18n plugin's `languages:` in `mkdocs.yml`,
which MkDocs and static-i18n read: both must list the same languages with the same default.
`mkdocs.yml` is read here as data (a YAML loader that ignores its `!ENV` tags), never through
MkDocs.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from labkb.model import textfile
from labkb.model.findings import Finding, did_you_mean
from labkb.model.frontmatter import Node, load_yaml
from labkb.model.messages import Message, msg
from labkb.model.project import Project

FILE = "data/languages.yml"
MKDOCS_FILE = "mkdocs.yml"
HOME = Path(__file__).resolve().parents[2]  # the checkout this package belongs to (labkb/model/ is two below)

_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
_FOLDED = re.compile(r"^[a-z]*$")
_FORMATS = {"long_date": ("day", "month", "year"), "date_range": ("start", "end")}
_KEYS = ("name", "months", "long_date", "date_range", "plurals", "new_post")
_EXAMPLES = {
    "name": "name: Portuguese",
    "months": "months: [janeiro, fevereiro, ...] (twelve names)",
    "long_date": 'long_date: "{day} de {month} de {year}"',
    "date_range": 'date_range: "de {start} a {end}"',
    "plurals": "plurals: with one '- {ending: s, other: [\"\"]}' line per rule",
    "new_post": "new_post: | followed by an HTML comment '<!-- ... -->'",
}

# Reports a mistake in data/languages.yml: (line, message).
_Bad = Callable[[int, Message], None]


@dataclass(frozen=True)
class Plural:
    """Words ending in `ending` have the other grammatical number(s) stem + each of `other`."""

    ending: str
    other: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English, for messages
    months: tuple[str, ...]  # January first
    long_date: str  # "{day} {month} {year}"
    date_range: str  # "{start} to {end}"
    plurals: tuple[Plural, ...]
    new_post: str  # an HTML comment, ending with a line break

    def date(self, day: int, month: int, year: int) -> str:
        return self.long_date.format(day=day, month=self.months[month - 1], year=year)

    def span(self, start: str, end: str) -> str:
        return self.date_range.format(start=start, end=end)

    def variants(self, word: str) -> set[str]:
        """The word and its other grammatical number, by the first rule whose ending matches."""
        forms = {word}
        for rule in self.plurals:
            if word.endswith(rule.ending):
                stem = word[: len(word) - len(rule.ending)]
                forms |= {stem + other for other in rule.other}
                break
        return forms


class UnknownLanguageError(ValueError):
    """Code asked for a language that data/languages.yml does not list."""


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> str:
        """The first language ('' when the file lists none)."""
        return self.all[0].code if self.all else ""

    @property
    def names(self) -> dict[str, str]:
        return {language.code: language.name for language in self.all}

    def get(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise UnknownLanguageError(f"'{code}' is not a language of the site ({FILE} lists {', '.join(self.codes)})")


# --- reading data/languages.yml -------------------------------------------------------------


def load(project: Project) -> tuple[Languages, list[Finding]]:
    """The languages of `project` and the problems of its data/languages.yml. Never raises.

    A language with a mistake stays in the list, so that the checker reports that mistake
    rather than every file of its content folder; the parts with a mistake are neutral
    placeholders (`_placeholder`), never another language's data. Nothing uses them: the
    checker stops the build on the finding, and the other commands refuse to run."""
    path = project.root / FILE
    try:
        text = textfile.read_text(path)
    except FileNotFoundError:
        return _stand_in(project), [Finding.of(FILE, 0, msg("languages-file.missing"))]
    except textfile.NotUTF8Error as exc:
        return _stand_in(project), [exc.finding(project)]
    except OSError as exc:
        return _stand_in(project), [Finding.of(FILE, 0, msg("languages-file.unreadable", error=exc.strerror))]
    node, errors = load_yaml(text)
    findings = [e.finding(FILE, "data-file") for e in errors]
    if node is None or errors:
        return _stand_in(project), findings
    assert isinstance(node.value, dict)
    if not node.value:
        findings.append(Finding.of(FILE, 1, msg("languages-file.empty")))
    found = []
    for code, entry in node.value.items():
        language = _language(str(code), entry, findings)
        if language is not None:
            found.append(language)
    return Languages(tuple(found)), findings


def _language(code: str, entry: Node, findings: list[Finding]) -> Language | None:
    count = len(findings)

    def bad(line: int, message: Message) -> None:
        findings.append(Finding.of(FILE, line, message.under(f"'{code}'")))

    if not _CODE.match(code):
        bad(entry.key_line, msg("languages-file.code"))
        return None
    if not isinstance(entry.value, dict):
        bad(entry.line, msg("languages-file.not-an-entry", keys=", ".join(_KEYS)))
        return _placeholder(code)
    fields = entry.value
    for key in fields:
        if key not in _KEYS:
            bad(
                fields[key].key_line,
                msg("languages-file.unknown-key", key=key, hint=did_you_mean(key, _KEYS), allowed=", ".join(_KEYS)),
            )
    for key in _KEYS:
        if key not in fields:
            bad(entry.key_line, msg("languages-file.missing-key", key=key, example=_EXAMPLES[key]))
    name = _text(fields.get("name"), "name", bad)
    months = _months(fields.get("months"), bad)
    formats = {key: _format(fields.get(key), key, bad) for key in _FORMATS}
    plurals = _plurals(fields.get("plurals"), bad)
    new_post = _comment(fields.get("new_post"), bad)
    if len(findings) > count:
        return _placeholder(code)
    return Language(code, name, months, formats["long_date"], formats["date_range"], plurals, new_post)


def _stand_in(project: Project) -> Languages:
    """Placeholders while data/languages.yml cannot be read at all: the languages of mkdocs.yml,
    or else the folders of content/, so that the checker reports the one problem with the file
    rather than every content file too. Nothing else uses them (see `load`)."""
    codes: list[str] = []
    default = ""
    if (project.root / MKDOCS_FILE).is_file():
        codes, default, _, problems = mkdocs_languages(project)
        codes = [] if problems else codes
    if not codes:
        folders = project.content.iterdir() if project.content.is_dir() else []
        codes = sorted(p.name for p in folders if p.is_dir() and _CODE.match(p.name))
    ordered = [default] + [code for code in codes if code != default] if default in codes else codes
    return Languages(tuple(_placeholder(code) for code in ordered))


def _placeholder(code: str) -> Language:
    """A language whose entry has a mistake: its code, and neutral parts that cannot fail."""
    months = tuple(str(month) for month in range(1, 13))
    return Language(code, code, months, "{year}-{month}-{day}", "{start} – {end}", (), "<!-- -->\n")


def _text(node: Node | None, key: str, bad: _Bad) -> str:
    if node is None:
        return ""
    if not isinstance(node.value, str) or not node.value.strip():
        bad(node.line, msg("languages-file.text", key=key))
        return ""
    return node.value


def _months(node: Node | None, bad: _Bad) -> tuple[str, ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node.value, list) else []
    if len(items) != 12 or not all(isinstance(i.value, str) and i.value.strip() for i in items):
        bad(node.line, msg("languages-file.months"))
        return ()
    return tuple(str(i.value) for i in items)


def _format(node: Node | None, key: str, bad: _Bad) -> str:
    text = _text(node, key, bad)
    if not text or node is None:
        return ""
    wanted = _FORMATS[key]
    placeholders = ", ".join("{" + w + "}" for w in wanted)
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name]
    except ValueError:
        fields = None
    names = [name for name, _, _ in fields or []]
    if fields is None or any(spec or conversion for _, spec, conversion in fields) or sorted(names) != sorted(wanted):
        bad(node.line, msg("languages-file.format", key=key, placeholders=placeholders, found=text))
        return ""
    return text


def _plurals(node: Node | None, bad: _Bad) -> tuple[Plural, ...]:
    if node is None:
        return ()
    if not isinstance(node.value, list):
        bad(node.line, msg("languages-file.plurals"))
        return ()
    rules: list[tuple[Plural, int]] = []
    for item in node.value:
        fields = item.value if isinstance(item.value, dict) else {}
        ending, other = fields.get("ending"), fields.get("other")
        others = other.value if other is not None and isinstance(other.value, list) else None
        if (
            set(fields) != {"ending", "other"}
            or ending is None
            or not isinstance(ending.value, str)
            or not others
            or not all(isinstance(o.value, str) for o in others)
        ):
            bad(item.line, msg("languages-file.plural-rule"))
            continue
        texts = [str(ending.value), *(str(o.value) for o in others)]
        if not all(_FOLDED.match(t) for t in texts):
            bad(
                item.line,
                msg("languages-file.plural-folded", found=", ".join(repr(t) for t in texts if not _FOLDED.match(t))),
            )
            continue
        rule = Plural(texts[0], tuple(texts[1:]))
        earlier = next(((r, line) for r, line in rules if rule.ending.endswith(r.ending)), None)
        if earlier is not None:
            bad(
                item.line,
                msg("languages-file.plural-shadowed", line=earlier[1], earlier=earlier[0].ending, ending=rule.ending),
            )
            continue
        rules.append((rule, item.line))
    return tuple(rule for rule, _ in rules)


def _comment(node: Node | None, bad: _Bad) -> str:
    text = _text(node, "new_post", bad)
    if not text or node is None:
        return ""
    inner = text.strip()
    if not (inner.startswith("<!--") and inner.endswith("-->")) or "-->" in inner[4:-3]:
        bad(node.line, msg("languages-file.new-post"))
        return ""
    return text if text.endswith("\n") else text + "\n"


# --- agreement with mkdocs.yml ----------------------------------------------------------------


def mkdocs_languages(project: Project) -> tuple[list[str], str, int, list[Finding]]:
    """(codes, default, line of `languages:`, findings) of the i18n plugin in mkdocs.yml.

    Read as data: the file's tags (`!ENV ...`) are kept as written, never resolved. The
    default is the language with `default: true`, or the first one."""
    try:
        root = yaml.compose(textfile.read_text(project.root / MKDOCS_FILE), Loader=yaml.SafeLoader)
    except textfile.NotUTF8Error as exc:
        return [], "", 0, [exc.finding(project)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return [], "", line, [Finding.of(MKDOCS_FILE, line, msg("mkdocs.invalid", error=str(exc)))]
    plugins_key, plugins = _entry(root, "plugins")
    i18n_key, i18n = None, None
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        i18n_key, i18n = _entry(item, "i18n")
        if i18n is not None:
            break
    languages_key, languages = _entry(i18n, "languages")
    if languages_key is None or not isinstance(languages, yaml.SequenceNode) or not languages.value:
        known = languages_key or i18n_key or plugins_key
        line = known.start_mark.line + 1 if known is not None else 0
        return [], "", line, [Finding.of(MKDOCS_FILE, line, msg("mkdocs.no-languages", file=FILE))]
    codes, default = [], ""
    for entry in languages.value:
        _, locale = _entry(entry, "locale")
        if isinstance(locale, yaml.ScalarNode):
            codes.append(str(locale.value))
            _, flag = _entry(entry, "default")
            if isinstance(flag, yaml.ScalarNode) and str(flag.value).lower() == "true":
                default = default or str(locale.value)
    return codes, default or (codes[0] if codes else ""), languages_key.start_mark.line + 1, []


def _entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of `key` in a mapping node; (None, None) when it is not there."""
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return name, value
    return None, None


def agreement(project: Project, languages: Languages) -> list[Finding]:
    """Findings when mkdocs.yml's i18n languages are not those of data/languages.yml
    (none when the project has no mkdocs.yml)."""
    if not (project.root / MKDOCS_FILE).is_file() or not languages.all:
        return []
    codes, default, line, findings = mkdocs_languages(project)
    if findings:
        return findings
    ours = languages.codes
    where = "plugins: i18n: languages: in mkdocs.yml"
    missing = [code for code in ours if code not in codes]
    extra = [code for code in codes if code not in ours]
    for code in missing:
        findings.append(
            Finding.of(
                MKDOCS_FILE,
                line,
                msg("mkdocs.language-missing", file=FILE, code=code, where=where, codes=", ".join(codes)),
            )
        )
    for code in extra:
        findings.append(
            Finding.of(
                MKDOCS_FILE,
                line,
                msg("mkdocs.language-extra", file=FILE, code=code, where=where, codes=", ".join(ours)),
            )
        )
    if not missing and not extra and default != languages.default:
        findings.append(
            Finding.of(
                MKDOCS_FILE,
                line,
                msg("mkdocs.default", file=FILE, where=where, default=default, ours=languages.default),
            )
        )
    return findings


def check(project: Project) -> list[Finding]:
    """The problems of data/languages.yml, and where it and mkdocs.yml disagree."""
    found, findings = load(project)
    if not findings and found.codes != SITE.codes:
        if project.root.resolve() == HOME:
            why = msg("part.languages-file.restart")
        else:
            why = msg(
                "part.languages-file.other-checkout",
                home=str(HOME),
                file=FILE,
                codes=", ".join(SITE.codes) or msg("part.no-language"),
            )
        findings.append(Finding.of(FILE, 0, msg("languages-file.stale", codes=", ".join(found.codes), why=why)))
    return findings + agreement(project, found)


SITE, _problems = load(Project(HOME))
PROBLEMS: tuple[Finding, ...] = tuple(_problems)
