"""The data registries editors maintain next to the content.

- `data/vocabularies.yml`: controlled vocabularies (id -> label per language).
- `data/authors.yml`: authors and editors (name and optional role, once or per language;
  affiliation and bio per language).
- `data/labels.yml`: every label and notice the site shows readers, per language.

Each loads into plain dicts and reports its own problems as findings, so a broken
data file is named with its line like any content file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from labkb.checks import every_language, plain_text
from labkb.model import textfile
from labkb.model.findings import Finding
from labkb.model.frontmatter import Node, load_yaml
from labkb.model.messages import msg
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES

VOCABULARIES_FILE = "data/vocabularies.yml"
AUTHORS_FILE = "data/authors.yml"
LABELS_FILE = "data/labels.yml"

REQUIRED_VOCABULARIES = (
    "stages",
    "audiences",
    "sectors",
    "categories",
    "review_statuses",
    "jurisdictions",
    "hide",
)


class Author(TypedDict, total=False):
    """An author of data/authors.yml: what of it is valid (a key with a mistake is left out).

    `name` and `role` are written once when they are the same in every language
    (`name: Ana Gómez`) or once per language where they differ (an editorial team's name:
    `name: {en: Learning Lab editors, es: Equipo editorial del Learning Lab}`); `names` and
    `roles` hold them per language either way. `name` is the default language's."""

    name: str
    names: dict[str, str]  # language -> the name as shown to readers of that language
    roles: dict[str, str]  # language -> role (optional: empty when not given)
    affiliation: dict[str, str]  # language -> text
    bio: dict[str, str]  # language -> text


AUTHOR_KEYS = ("name", "role", "affiliation", "bio")


@dataclass
class Registries:
    # vocabulary name -> id -> language -> label
    vocabularies: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    # author id -> {"name": str, "names": {lang: str}, "roles": {lang: str}, "affiliation": ..., "bio": ...}
    authors: dict[str, Author] = field(default_factory=dict)
    # label key -> language -> text
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # relative path -> the file as read (line-aware), for checks that look at its texts (labkb/checks/style.py)
    documents: dict[str, Node] = field(default_factory=dict)

    def label(self, key: str, language: str, /, **values: object) -> str:
        text = self.labels.get(key, {}).get(language) or self.labels.get(key, {}).get(DEFAULT_LANGUAGE) or key
        return text.format(**values) if values else text

    def term(self, vocabulary: str, term_id: str, language: str) -> str:
        return self.vocabularies.get(vocabulary, {}).get(term_id, {}).get(language, term_id)

    def author_name(self, author_id: str, language: str) -> str:
        """An author's name as readers of `language` see it (the id when it is unknown)."""
        author = self.authors.get(author_id, {})
        return author.get("names", {}).get(language) or author.get("name") or author_id

    def author_role(self, author_id: str, language: str) -> str:
        """An author's role in `language`, or '' when the registry gives none."""
        return self.authors.get(author_id, {}).get("roles", {}).get(language, "")


def load(project: Project) -> Registries:
    registries = Registries()
    vocabularies = _read(project, VOCABULARIES_FILE, registries.findings, registries.documents)
    if vocabularies is not None:
        registries.vocabularies = _bilingual_tables(vocabularies, VOCABULARIES_FILE, registries.findings)
        for name in REQUIRED_VOCABULARIES:
            if name not in registries.vocabularies:
                registries.findings.append(Finding.of(VOCABULARIES_FILE, 1, msg("vocabulary.missing", name=name)))
    authors = _read(project, AUTHORS_FILE, registries.findings, registries.documents)
    if authors is not None:
        registries.authors = _authors(authors, registries.findings)
    labels = _read(project, LABELS_FILE, registries.findings, registries.documents)
    if labels is not None:
        registries.labels = _bilingual(labels, LABELS_FILE, registries.findings)
        registries.findings += _language_names(registries.labels)
    return registries


def _language_names(labels: dict[str, dict[str, str]]) -> list[Finding]:
    """Every language of the site is named in every language (notices, search marks, the
    survey's data dictionary): a label `language_name_<code>` per language."""
    return [
        Finding.of(
            LABELS_FILE, 0, msg("labels.no-language-name", code=code, lines=every_language.one_line_per_language())
        )
        for code in LANGUAGES
        if f"language_name_{code}" not in labels
    ]


def _read(project: Project, relative: str, findings: list[Finding], documents: dict[str, Node]) -> Node | None:
    path = project.root / relative
    try:
        text = textfile.read_text(path)
    except FileNotFoundError:
        findings.append(Finding.of(relative, 0, msg("data.file-missing")))
        return None
    except textfile.NotUTF8Error as exc:
        findings.append(exc.finding(project))
        return None
    node, errors = load_yaml(text, first_line=1)
    for error in errors:
        findings.append(error.finding(relative, "data-file"))
    findings += plain_text.findings_in(node, relative)  # every text of these files is shown as text
    if errors or node is None:
        return None
    documents[relative] = node
    return node


def _bilingual(node: Node, path: str, findings: list[Finding]) -> dict[str, dict[str, str]]:
    """id -> {en: text, es: text}: each entry a text in every language (labkb/checks/every_language.py)."""
    table: dict[str, dict[str, str]] = {}
    assert isinstance(node.value, dict)
    for key, entry in node.value.items():
        texts, problems = every_language.texts(entry, f"'{key}'", entry.line)
        findings += [Finding.of(path, line, message) for line, message in problems]
        if isinstance(entry.value, dict):
            table[str(key)] = texts
    return table


def _bilingual_tables(node: Node, path: str, findings: list[Finding]) -> dict[str, dict[str, dict[str, str]]]:
    assert isinstance(node.value, dict)
    tables = {}
    for name, vocabulary in node.value.items():
        if not isinstance(vocabulary.value, dict) or not vocabulary.value:
            findings.append(
                Finding.of(
                    path,
                    vocabulary.line,
                    msg("vocabulary.no-terms", name=name, lines=every_language.one_line_per_language()),
                )
            )
            continue
        tables[str(name)] = _bilingual(vocabulary, path, findings)
    return tables


def _authors(node: Node, findings: list[Finding]) -> dict[str, Author]:
    assert isinstance(node.value, dict)
    authors: dict[str, Author] = {}
    for author_id, entry in node.value.items():
        if not isinstance(entry.value, dict):
            findings.append(Finding.of(AUTHORS_FILE, entry.line, msg("author.not-an-entry", author=author_id)))
            continue
        fields = entry.value
        record: Author = {}
        names = _per_language(str(author_id), "name", fields.get("name"), entry.line, findings, required=True)
        if names:
            record["names"] = names
            record["name"] = names.get(DEFAULT_LANGUAGE) or next(iter(names.values()))
        record["roles"] = _per_language(str(author_id), "role", fields.get("role"), entry.line, findings)
        for key in ("affiliation", "bio"):
            value = fields.get(key)
            if value is None:
                findings.append(
                    Finding.of(
                        AUTHORS_FILE,
                        entry.line,
                        msg(
                            "author.missing-key",
                            author=author_id,
                            key=key,
                            lines=every_language.one_line_per_language(),
                        ),
                    )
                )
                continue
            record[key] = _bilingual(Node({f"{author_id} {key}": value}, value.line), AUTHORS_FILE, findings).get(
                f"{author_id} {key}", {}
            )
        for extra in fields:
            if extra not in AUTHOR_KEYS:
                findings.append(
                    Finding.of(
                        AUTHORS_FILE,
                        fields[extra].key_line,
                        msg("author.unknown-key", author=author_id, key=extra, allowed=", ".join(AUTHOR_KEYS)),
                    )
                )
        authors[str(author_id)] = record
    return authors


def _per_language(
    author_id: str, key: str, value: Node | None, line: int, findings: list[Finding], required: bool = False
) -> dict[str, str]:
    """A name or role: one text for every language, or one per language ({en: ..., es: ...});
    language -> text, empty when it is missing or wrong (a finding says why)."""
    if value is None or (isinstance(value.value, str | None) and not (value.value or "").strip()):
        if required:
            where = line if value is None else value.line
            findings.append(Finding.of(AUTHORS_FILE, where, msg("author.no-field", author=author_id, key=key)))
        return {}
    if isinstance(value.value, str) and value.value.strip():
        return dict.fromkeys(LANGUAGES, value.value)
    if isinstance(value.value, dict):
        return _bilingual(Node({f"{author_id} {key}": value}, value.line), AUTHORS_FILE, findings).get(
            f"{author_id} {key}", {}
        )
    shape = "{" + ", ".join(f"{lang}: ..." for lang in LANGUAGES) + "}"
    findings.append(
        Finding.of(AUTHORS_FILE, value.line, msg("author.field-shape", author=author_id, key=key, shape=shape))
    )
    return {}
