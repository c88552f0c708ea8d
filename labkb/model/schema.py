"""The content model: every content type and its front-matter fields, declared once.

The checker (`labkb.checks.engine`), the scaffolding commands and the reference in
docs/content-model.md all read these declarations; nothing else defines a field.

A content type is chosen by the folder a file sits in below `content/<lang>/`
(`blog/`, `guidance/`, ...). Section index pages (`index.md`) and pages outside
those folders are plain pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from labkb.model import languages as _languages

# The languages of the site, the default first, and their names in English (for messages):
# from data/languages.yml (labkb/model/languages.py), the one list the core reads.
LANGUAGES: tuple[str, ...] = _languages.SITE.codes
DEFAULT_LANGUAGE: str = _languages.SITE.default
LANGUAGE_NAMES: dict[str, str] = _languages.SITE.names


@dataclass(frozen=True)
class Kind:
    """What a field's value must be. `name` is what messages call it."""

    name: str
    # For vocab kinds: the vocabulary in data/vocabularies.yml.
    vocabulary: str | None = None
    # For list kinds: the kind of each item, and the fewest items allowed.
    item: Kind | None = None
    min_items: int = 0
    # For record kinds: the keys of each record (required, optional).
    keys: tuple[str, ...] = ()
    optional_keys: tuple[str, ...] = ()
    # For record kinds: the kind of each key (text when not listed).
    key_kinds: tuple[tuple[str, Kind], ...] = ()


TEXT = Kind("text")
DATE = Kind("date")
YEAR = Kind("year")
URL = Kind("url")
LANGUAGE = Kind("language")
FINGERPRINT = Kind("fingerprint")
AUTHOR = Kind("author")
REVIEWER = Kind("reviewer")  # an author id too: the editor who reviewed a page
PERMANENT_ID = Kind("permanent_id")


def vocab(name: str) -> Kind:
    return Kind("vocabulary", vocabulary=name)


def list_of(item: Kind, min_items: int = 1) -> Kind:
    return Kind("list", item=item, min_items=min_items)


def record(*keys: str, optional: tuple[str, ...] = (), kinds: dict[str, Kind] | None = None) -> Kind:
    return Kind("record", keys=keys, optional_keys=optional, key_kinds=tuple((kinds or {}).items()))


# A public source: its title, address, optional pinpoint (page, section), and the language it is
# written in when that is not the page's (the site then adds "(in Spanish)", "(en inglés)").
SOURCE = record("title", "url", optional=("pinpoint", "language"), kinds={"url": URL, "language": LANGUAGE})


# One help for `sources` in every type (the field reference and the checker's messages show it).
_SOURCES_HELP = (
    "Public sources of the facts the page states, listed at the end of the page: title, url, optional pinpoint "
    "and language (the source's, when it is not the page's). Required on case studies, workshop reports and "
    "project pages; guidance may link them in a 'Sources' section of the body instead."
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str
    example: object
    required: bool = True
    # Language-neutral: a translation must carry the same value as its original.
    neutral: bool = False


@dataclass(frozen=True)
class ContentType:
    key: str
    label: str
    folder: str | None  # below content/<lang>/; None for plain pages
    fields: tuple[Field, ...]
    description: str
    words: tuple[int, int] | None = None  # inclusive body word limits
    field_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", frozenset(f.name for f in self.fields))

    def get(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


# Fields every page may carry. Translation bookkeeping is written by
# `make translations-refresh`, not by hand.
_TITLE = Field("title", TEXT, "Page title, in the page's language.", "Integrating human rights into tenders")
_DESCRIPTION = Field(
    "description",
    TEXT,
    "One or two sentences for listings, search results and link previews.",
    "How contracting authorities can ask suppliers about human rights risks.",
)
_TRANSLATION_OF = Field(
    "translation_of",
    LANGUAGE,
    "On a translation only: the language of the original (the file at the same path there).",
    "en",
    required=False,
)
_SOURCE_FINGERPRINT = Field(
    "source_fingerprint",
    FINGERPRINT,
    "On a translation only: fingerprint of the original when it was last translated. "
    "Written by `make translations-refresh`; a mismatch marks the translation stale.",
    "3f2a9c1b7d4e",
    required=False,
)
_REVIEW_STATUS = Field(
    "review_status",
    vocab("review_statuses"),
    "Whether an editor has verified the facts: `needs-review` shows \"Awaiting editorial review\" on the page, "
    "`reviewed` shows who reviewed it and when (`reviewed_by`, `last_reviewed`).",
    "needs-review",
    required=False,
)
_REVIEWED_BY = Field(
    "reviewed_by",
    REVIEWER,
    "With `review_status: reviewed`: the id, in data/authors.yml, of the editor who verified the facts. "
    'The page shows "Reviewed by NAME on DATE".',
    "lab-editors",
    required=False,
)
_LAST_REVIEWED = Field(
    "last_reviewed",
    DATE,
    "With `review_status: reviewed`: when the editor verified the facts, YYYY-MM-DD. "
    "Only with `reviewed`: the checker reports it on a page that awaits review.",
    "2026-11-21",
    required=False,
)
_REVIEW = (_REVIEW_STATUS, _REVIEWED_BY, _LAST_REVIEWED)
_HIDE = Field(
    "hide",
    list_of(vocab("hide")),
    "Material theme: parts of the page layout to hide.",
    ["toc"],
    required=False,
    neutral=True,
)
_BOOKKEEPING = (_TRANSLATION_OF, _SOURCE_FINGERPRINT)

PAGE = ContentType(
    key="page",
    label="page",
    folder=None,
    description="Any other page: the home page, section index pages, about pages.",
    fields=(
        _TITLE,
        Field(**{**_DESCRIPTION.__dict__, "required": False}),
        Field(
            "sources",
            list_of(SOURCE),
            _SOURCES_HELP,
            [{"title": "Project proposal", "url": "https://example.org/proposal.pdf", "pinpoint": "p. 2"}],
            required=False,
        ),
        *_REVIEW,
        _HIDE,
        *_BOOKKEEPING,
    ),
)

BLOG_POST = ContentType(
    key="blog_post",
    label="blog post",
    folder="blog",
    words=(300, 1000),
    description="A contributed or editorial post of 300 to 1000 words.",
    fields=(
        _TITLE,
        Field("date", DATE, "Publication date, YYYY-MM-DD.", "2017-10-06", neutral=True),
        Field("authors", list_of(AUTHOR), "Author ids from data/authors.yml.", ["lab-editors"], neutral=True),
        Field(
            "categories",
            list_of(vocab("categories")),
            "One or more blog categories from data/vocabularies.yml.",
            ["lab-news"],
            neutral=True,
        ),
        _DESCRIPTION,
        *_REVIEW,
        *_BOOKKEEPING,
    ),
)

GUIDANCE = ContentType(
    key="guidance",
    label="guidance document",
    folder="guidance",
    description="Practical guidance for one or more stages of the procurement cycle.",
    fields=(
        _TITLE,
        _DESCRIPTION,
        Field("audience", list_of(vocab("audiences")), "Who it is for.", ["procurers"], neutral=True),
        Field("stages", list_of(vocab("stages")), "Procurement stage(s) it covers.", ["planning"], neutral=True),
        Field("last_updated", DATE, "When the content was last revised, YYYY-MM-DD.", "2026-11-21"),
        Field(
            "sources",
            list_of(SOURCE),
            _SOURCES_HELP,
            [{"title": "UN Guiding Principles", "url": "https://example.org/ungps.pdf", "pinpoint": "Principle 6"}],
            required=False,
        ),
        *_REVIEW,
        _HIDE,
        *_BOOKKEEPING,
    ),
)

CASE_STUDY = ContentType(
    key="case_study",
    label="case study",
    folder="case-studies",
    description="One documented initiative of a public buyer, with its sources.",
    fields=(
        _TITLE,
        _DESCRIPTION,
        Field(
            "id",
            PERMANENT_ID,
            "Permanent id, never changed or reused: the short link /c/<id>/ is built from it. "
            "Lower-case letters, digits and hyphens.",
            "se-electronics-watch",
            neutral=True,
        ),
        Field("jurisdiction", vocab("jurisdictions"), "Where it happened.", "se", neutral=True),
        Field("sector", vocab("sectors"), "The market concerned.", "ict", neutral=True),
        Field(
            "stages",
            list_of(vocab("stages")),
            "Procurement stage(s) it illustrates.",
            ["contract-management"],
            neutral=True,
        ),
        Field("year", YEAR, "Year the initiative started or was documented.", 2016, neutral=True),
        Field("organisations", list_of(TEXT), "Organisations involved.", ["Electronics Watch"]),
        Field(
            "sources",
            list_of(SOURCE),
            _SOURCES_HELP,
            [{"title": "Annual report 2016", "url": "https://example.org/report.pdf", "pinpoint": "p. 4"}],
        ),
        Field("review_status", vocab("review_statuses"), _REVIEW_STATUS.help, "needs-review"),
        _REVIEWED_BY,
        _LAST_REVIEWED,
        *_BOOKKEEPING,
    ),
)

WORKSHOP = ContentType(
    key="workshop",
    label="workshop report",
    folder="workshops",
    description="The report of a workshop; programme and institutions as data when known.",
    fields=(
        _TITLE,
        _DESCRIPTION,
        Field("date", DATE, "Day of the workshop, YYYY-MM-DD.", "2017-10-06", neutral=True),
        Field("location", TEXT, "City and country.", "Santiago, Chile"),
        Field("organisers", list_of(TEXT), "Organising institutions.", ["ChileCompra"]),
        Field(
            "programme",
            list_of(record("time", "title", optional=("speakers",), kinds={"speakers": list_of(TEXT)})),
            "Sessions in order: time (HH:MM-HH:MM), title, optional speakers.",
            [{"time": "09:00-09:30", "title": "Welcome", "speakers": ["..."]}],
            required=False,
        ),
        Field(
            "institutions",
            list_of(record("name", optional=("country",))),
            "Participating institutions: name, optional country.",
            [{"name": "ChileCompra", "country": "Chile"}],
            required=False,
        ),
        Field(
            "sources",
            list_of(SOURCE),
            _SOURCES_HELP,
            [{"title": "Workshop page", "url": "https://example.org/workshop", "language": "en"}],
        ),
        *_REVIEW,
        *_BOOKKEEPING,
    ),
)

EVENT = ContentType(
    key="event",
    label="event",
    folder="events",
    description="A past or upcoming event.",
    fields=(
        _TITLE,
        _DESCRIPTION,
        Field("start", DATE, "First day, YYYY-MM-DD.", "2017-11-29", neutral=True),
        Field("end", DATE, "Last day, YYYY-MM-DD (same as start for one day).", "2017-11-29", neutral=True),
        Field("location", TEXT, "City and country, or 'Online'.", "Geneva, Switzerland"),
        Field("link", URL, "Where to read more or register.", "https://example.org/event", neutral=True),
        *_REVIEW,
        *_BOOKKEEPING,
    ),
)

CONTENT_TYPES: tuple[ContentType, ...] = (BLOG_POST, GUIDANCE, CASE_STUDY, WORKSHOP, EVENT, PAGE)

# Order of the top-level sections in the navigation (folders below content/<lang>/).
SECTION_ORDER = (
    "about",
    "guidance",
    "case-studies",
    "survey",
    "workshops",
    "events",
    "blog",
    "projects",
    "glossary",
    "offline",
)


def content_type_for(relative: str) -> ContentType:
    """The content type of a file, from its path below `content/<lang>/`."""
    parts = relative.split("/")
    if len(parts) > 1 and parts[-1] != "index.md":
        for ctype in CONTENT_TYPES:
            if ctype.folder == parts[0]:
                return ctype
    return PAGE
