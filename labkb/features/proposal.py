"""A blog post proposed with a browser only: GitHub's issue form, and the post it becomes.

- `issue_form` builds `.github/ISSUE_TEMPLATE/propose-a-blog-post.yml` ("Propose a blog post /
  Proponer una entrada de blog") from the blog post's fields in `labkb/model/schema.py` and
  from the registries (authors, categories, languages), the ones the checker reads:
  `make issue-form` writes it, and a test fails while the committed form differs.
- `parse` reads an issue body as GitHub writes it for a form (`### Label`, then the value;
  `_No response_` when a field was left empty).
- `convert` turns it into a post at `content/<lang>/blog/<slug>.md` through the new-post
  scaffold (`labkb/features/scaffold.py`): every field is hostile, so the title, description
  and the new author's texts pass the plain-text rules, the language, author and category
  must be among the form's choices, and nothing is overwritten. The body is written as
  given; the checker, run on the file next, reports what it may not hold.
- `comment` writes what the workflow posts back on the issue, in the post's language.

`.github/workflows/propose-post.yml` runs these (see docs/contributing.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from labkb.checks import plain_text
from labkb.features import scaffold
from labkb.model import registries
from labkb.model.messages import Message, msg
from labkb.model.project import Project
from labkb.model.registries import Author, Registries
from labkb.model.schema import AUTHOR, BLOG_POST, LANGUAGE_NAMES, LANGUAGES, TEXT

FORM_FILE = ".github/ISSUE_TEMPLATE/propose-a-blog-post.yml"
LABEL = "blog-proposal"
NO_RESPONSE = "_No response_"
NEW_AUTHOR = "new: I am not in the list yet / nuevo: todavía no estoy en la lista"
SEPARATOR = " — "  # between an id and its names in a dropdown option

# The blog post's fields the form does not ask for: the date is the day of the proposal, the
# review fields are the editors', translation bookkeeping is written by make translations-refresh.
NOT_ASKED = frozenset({"date", "review_status", "reviewed_by", "last_reviewed", "translation_of", "source_fingerprint"})
# Fields of the form that are not front matter: the language, the text, a new author's entry.
LANGUAGE_FIELD, BODY_FIELD = "language", "body"
NEW_AUTHOR_FIELDS = ("author_name", "author_affiliation", "author_bio")

# The form's texts, English / Spanish: field id -> (label, description).
TEXTS: dict[str, tuple[str, str]] = {
    LANGUAGE_FIELD: (
        "Language of your post / Idioma de su entrada",
        "The language you write in. / El idioma en que escribe.",
    ),
    "title": ("Title / Título", "Plain text, no markup. / Texto simple, sin formato."),
    "description": (
        "Description / Descripción",
        "One or two sentences for listings, search results and link previews. / Una o dos oraciones "
        "para los listados, los resultados de búsqueda y las vistas previas de enlaces.",
    ),
    "authors": (
        "Author / Autoría",
        "Your id in data/authors.yml; if you are not there yet, choose 'new' and fill in the three "
        "fields below. / Su identificador en data/authors.yml; si aún no figura, elija 'nuevo' y "
        "complete los tres campos siguientes.",
    ),
    "author_name": (
        "Your name (new authors only) / Su nombre (solo autores nuevos)",
        "As it should appear in the byline. / Tal como debe aparecer en la firma.",
    ),
    "author_affiliation": (
        "Your organisation (new authors only) / Su organización (solo autores nuevos)",
        "Plain text. / Texto simple.",
    ),
    "author_bio": (
        "One sentence about you (new authors only) / Una frase sobre usted (solo autores nuevos)",
        "The editors will translate it. / El equipo editorial la traducirá.",
    ),
    "categories": ("Category / Categoría", "The blog category of your post. / La categoría del blog de su entrada."),
    BODY_FIELD: (
        "Your post / Su entrada",
        "300 to 1000 words in Markdown. Use '## ' for sub-headings; cite public sources with links. "
        "/ Entre 300 y 1000 palabras en Markdown. Use '## ' para los subtítulos; cite fuentes públicas con enlaces.",
    ),
}


class ProposalError(Exception):
    """A proposal that cannot become a post; the message says what to change in the issue
    (data/messages.yml, so the comment can give it in the contributor's language)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Element:
    """One field of the form: its id, the kind of input, and a dropdown's options."""

    id: str
    kind: str  # input / textarea / dropdown
    required: bool
    options: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return TEXTS[self.id][0]


def elements(regs: Registries) -> list[Element]:
    """The form's fields, in order: the blog post's fields from the schema, then the text."""
    found = [Element(LANGUAGE_FIELD, "dropdown", True, tuple(_language_option(regs, code) for code in LANGUAGES))]
    for field in BLOG_POST.fields:
        if field.name in NOT_ASKED:
            continue
        if field.kind is TEXT:
            long = plain_text.limit_for(field.name) > plain_text.limit_for("title")
            found.append(Element(field.name, "textarea" if long else "input", field.required))
        elif field.kind.item is AUTHOR:
            options = (*(_author_option(regs, a) for a in sorted(regs.authors)), NEW_AUTHOR)
            found.append(Element(field.name, "dropdown", True, options))
            for name in NEW_AUTHOR_FIELDS:
                found.append(Element(name, "textarea" if name == "author_bio" else "input", False))
        elif field.kind.item is not None and field.kind.item.vocabulary:
            terms = regs.vocabularies.get(field.kind.item.vocabulary, {})
            options = tuple(_term_option(term, names) for term, names in terms.items())
            found.append(Element(field.name, "dropdown", True, options))
        elif field.required:
            raise AssertionError(f"the proposal form does not know how to ask for '{field.name}'")
    found.append(Element(BODY_FIELD, "textarea", True))
    return found


def _language_option(regs: Registries, code: str) -> str:
    """'es — Español': each language named in itself (data/labels.yml), as its writers look for it."""
    name = regs.label(f"language_name_{code}", code)
    name = name[:1].upper() + name[1:] if name != f"language_name_{code}" else LANGUAGE_NAMES[code]
    return f"{code}{SEPARATOR}{name}"


def _author_option(regs: Registries, author_id: str) -> str:
    names = dict.fromkeys(regs.author_name(author_id, lang) for lang in LANGUAGES)
    return f"{author_id}{SEPARATOR}{' / '.join(names)}"


def _term_option(term: str, names: dict[str, str]) -> str:
    return f"{term}{SEPARATOR}{' / '.join(dict.fromkeys(names.get(lang, term) for lang in LANGUAGES))}"


def issue_form(regs: Registries) -> str:
    """The issue form's YAML (GitHub's issue forms syntax), generated: never edit it by hand."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": "Propose a post for the Learning Lab's blog. A workflow turns this issue into a pull "
                "request and answers here with what the checker found. "
                "See docs/contributing.md.\n\n"
                "Proponga una entrada para el blog del Learning Lab. Un flujo de trabajo convierte esta "
                "propuesta en una pull request y responde aquí con lo que encontró la verificación. "
                "Vea docs/contributing.es.md."
            },
        }
    ]
    for element in elements(regs):
        attributes: dict[str, Any] = {"label": element.label, "description": TEXTS[element.id][1]}
        if element.options:
            attributes["options"] = list(element.options)
        entry: dict[str, Any] = {"type": element.kind, "id": element.id.replace("_", "-"), "attributes": attributes}
        entry["validations"] = {"required": element.required}
        body.append(entry)
    form = {
        "name": "Propose a blog post / Proponer una entrada de blog",
        "description": "Write a post in your browser, no git needed. / "
        "Escriba una entrada desde el navegador, sin git.",
        "title": "Blog post: ",
        "labels": [LABEL],
        "body": body,
    }
    header = (
        "# Generated by `make issue-form` from labkb/model/schema.py and data/ (authors, categories,\n"
        "# languages): do not edit by hand. labkb/features/proposal.py reads the issues it makes.\n"
    )
    return header + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=1000)


# --- reading an issue -------------------------------------------------------------------


def parse(body: str, regs: Registries) -> dict[str, str]:
    """field id -> value, from an issue body written by the form ('' for no response). The
    fields are looked for in the form's order, each after the one before, and the text runs
    to the end: a '### ' line inside the post cannot take a field's place."""
    text = "\n" + body.replace("\r\n", "\n").replace("\r", "\n")
    found: dict[str, str] = {}
    order = elements(regs)
    starts: list[tuple[int, int]] = []  # (where the heading starts, where its value starts)
    position = 0
    for element in order:
        heading = f"\n### {element.label}\n"
        at = text.find(heading, position)
        if at == -1:
            raise ProposalError(msg("proposal.no-section", label=element.label))
        starts.append((at, at + len(heading)))
        position = at + len(heading) - 1  # the next heading may start on the line that ends this one
    for index, element in enumerate(order):
        end = starts[index + 1][0] if index + 1 < len(order) else len(text)
        value = text[starts[index][1] : end]
        value = value.strip("\n") if element.id == BODY_FIELD else value.strip()
        found[element.id] = "" if value.strip() == NO_RESPONSE else value
    return found


def _choice(element: Element, value: str) -> str:
    """The id of the chosen option (its text up to the separator), or a ProposalError."""
    if value not in element.options:
        raise ProposalError(
            msg(
                "proposal.not-an-option",
                label=element.label,
                options=", ".join(element.options),
                found=plain_text_shown(value),
            )
        )
    return value.split(SEPARATOR, 1)[0]


def plain_text_shown(value: str, limit: int = 60) -> str:
    """A contributor's value quoted for a message: shortened, control characters escaped."""
    short = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(short)


@dataclass(frozen=True)
class Proposal:
    """What a converted issue wrote: the post, the author entry added (if any), the language."""

    post: Path
    language: str
    title: str
    new_author: str | None


def convert(project: Project, regs: Registries, body: str, today: dt.date) -> Proposal:
    """Write the proposed post (and a new author's entry); ProposalError and nothing written
    when a field is wrong or the post exists already."""
    values = parse(body, regs)
    by_id = {element.id: element for element in elements(regs)}
    language = _choice(by_id[LANGUAGE_FIELD], values[LANGUAGE_FIELD])
    for element in by_id.values():
        if element.kind == "input" and "\n" in values[element.id]:
            raise ProposalError(msg("proposal.one-line", label=element.label))
    return _convert(project, regs, values, by_id, language, today)


def language_of(body: str, regs: Registries) -> str | None:
    """The language chosen in an issue body, when it can be read (for the comment's language)."""
    try:
        values = parse(body, regs)
        return _choice(next(e for e in elements(regs) if e.id == LANGUAGE_FIELD), values[LANGUAGE_FIELD])
    except ProposalError:
        return None


def _convert(
    project: Project, regs: Registries, values: dict[str, str], by_id: dict[str, Element], language: str, today: dt.date
) -> Proposal:
    category = _choice(by_id["categories"], values["categories"])
    author_choice = values["authors"]
    new_author: tuple[str, Author] | None = None
    if author_choice == NEW_AUTHOR:
        new_author = _new_author(values, regs)
        author = new_author[0]
        regs = replace(regs, authors={**regs.authors, author: new_author[1]})
    else:
        author = _choice(by_id["authors"], author_choice)
    text = values[BODY_FIELD]
    if not text.strip():
        raise ProposalError(msg("proposal.empty-post", label=by_id[BODY_FIELD].label))
    request = scaffold.PostRequest(
        title=values["title"],
        author=author,
        languages=(language,),
        category=category,
        description=values["description"],
        date=today,
        body=text.rstrip("\n") + "\n",
    )
    try:
        scaffold.validate(request, regs)
        if new_author:
            _check_author_file(project, new_author[0])
        written = scaffold.new_post(project, regs, request)
    except scaffold.ScaffoldError as exc:
        raise ProposalError(exc.message) from None
    if new_author:
        _append_author(project, *new_author)
    return Proposal(written[0], language, request.title, new_author[0] if new_author else None)


def _new_author(values: dict[str, str], regs: Registries) -> tuple[str, Author]:
    name, affiliation, bio = (values[field] for field in NEW_AUTHOR_FIELDS)
    for field, value in zip(NEW_AUTHOR_FIELDS, (name, affiliation, bio), strict=True):
        label = TEXTS[field][0]
        if not value.strip():
            raise ProposalError(msg("proposal.empty-author-field", label=label))
        problem = plain_text.problem(value, plain_text.limit_for("title" if field == "author_name" else "description"))
        if problem:
            raise ProposalError(problem.under(f"'{label}'"))
    try:
        author_id = scaffold.slug_for(name)[:40].rstrip("-")
    except scaffold.ScaffoldError:
        raise ProposalError(msg("proposal.no-author-id", label=TEXTS["author_name"][0])) from None
    if author_id in regs.authors:
        raise ProposalError(msg("proposal.author-exists", author=author_id, label=TEXTS["authors"][0]))
    # The same words in every language until an editor translates the organisation and the sentence.
    return author_id, {
        "name": name.strip(),
        "names": dict.fromkeys(LANGUAGES, name.strip()),
        "roles": {},
        "affiliation": dict.fromkeys(LANGUAGES, affiliation.strip()),
        "bio": dict.fromkeys(LANGUAGES, bio.strip()),
    }


def _check_author_file(project: Project, author_id: str) -> None:
    path = project.root / registries.AUTHORS_FILE
    if path.is_file():
        try:
            existing = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            existing = {}  # the checker reports the file; the registry already knew no such id
        if isinstance(existing, dict) and author_id in existing:
            raise ProposalError(msg("proposal.author-in-file", author=author_id, file=registries.AUTHORS_FILE))


def _append_author(project: Project, author_id: str, author: Author) -> None:
    """Add the new author at the end of data/authors.yml: one entry, written by YAML's own
    writer (so any text stays text), never changing what is there."""
    entry = {
        author_id: {
            "name": author["name"],
            "affiliation": author["affiliation"],
            "bio": author["bio"],
        }
    }
    path = project.root / registries.AUTHORS_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    added = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    path.write_text(text + added, encoding="utf-8")


# --- what the workflow says on the issue -----------------------------------------------------

COMMENTS = {
    "en": {
        "opened": "Thank you! Your proposal is now the pull request {link}. The editors will review it.",
        "findings": "Thank you! The checker found these problems in `{file}`. Edit this issue to fix "
        "them (the text of your post is under '{body}'); the workflow runs again when you save:",
        "refused": "Thank you! Your proposal could not become a post yet: {reason}. Edit this issue to "
        "fix it; the workflow runs again when you save.",
        "new_author": "You were added to data/authors.yml as `{author}`; the editors will translate your "
        "organisation and sentence.",
    },
    "es": {
        "opened": "¡Gracias! Su propuesta ya es la pull request {link}. El equipo editorial la revisará.",
        "findings": "¡Gracias! La verificación encontró estos problemas en `{file}`. Edite esta propuesta "
        "para corregirlos (el texto de su entrada está en '{body}'); el flujo de trabajo vuelve a "
        "ejecutarse cuando guarde:",
        "refused": "¡Gracias! Su propuesta todavía no puede convertirse en una entrada: {reason}. Edite "
        "esta propuesta para corregirlo; el flujo de trabajo vuelve a ejecutarse cuando guarde.",
        "new_author": "Le agregamos a data/authors.yml como `{author}`; el equipo editorial traducirá su "
        "organización y su frase.",
    },
}


def comment(
    language: str, *, link: str = "", file: str = "", findings: str = "", reason: str = "", author: str = ""
) -> str:
    """The comment on the issue, in the post's language (the default language when unknown).
    Contributor text inside it (a finding, a reason) is shown in a code block, never as Markdown."""
    texts = COMMENTS.get(language, COMMENTS["en"])
    if reason:
        return texts["refused"].format(reason=_code(reason))
    parts = []
    if findings.strip():
        parts.append(texts["findings"].format(file=file, body=TEXTS[BODY_FIELD][0]))
        parts.append(_block(findings))
    else:
        parts.append(texts["opened"].format(link=link))
    if author:
        parts.append(texts["new_author"].format(author=author))
    return "\n\n".join(parts) + "\n"


def _fence(text: str, least: int) -> str:
    """Backticks enough to fence `text` (one more than its longest run)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(least, longest + 1)


def _code(text: str) -> str:
    one_line = " ".join(text.split())
    fence = _fence(one_line, 1)
    return f"{fence} {one_line} {fence}"


def _block(text: str) -> str:
    fence = _fence(text, 3)
    return f"{fence}text\n{text.rstrip()}\n{fence}"
