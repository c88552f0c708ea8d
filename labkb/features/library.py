"""The site's documents as data: guidance and case studies per language, for listings,
facet filters and related content.

Listings are HTML fragments: each item carries its facet values as data attributes,
and `overrides/assets/javascripts/kb.js` filters them in the browser (also from
file://). Without JavaScript every item stays visible and the filters stay hidden.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from labkb.features import cycle, rendering
from labkb.model import dates
from labkb.model.addresses import STAGE_PAGE
from labkb.model.corpus import Corpus, Page
from labkb.model.registries import Registries
from labkb.model.schema import CASE_STUDY, GUIDANCE, ContentType


@dataclass(frozen=True)
class Document:
    page_path: str  # below content/<lang>/
    language: str  # the language it is written in
    ctype: ContentType
    meta: dict[str, Any]  # the front matter's plain values, as YAML gives them

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.page_path))

    def values(self, key: str) -> list[str]:
        value = self.meta.get(key)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@dataclass
class Library:
    """Documents readers of each language see: their own, or the original when untranslated."""

    by_language: dict[str, list[Document]] = field(default_factory=dict)

    def of_type(self, language: str, ctype: ContentType) -> list[Document]:
        docs = [d for d in self.by_language.get(language, []) if d.ctype is ctype]
        return sorted(docs, key=lambda d: d.title.lower())


def load(corpus: Corpus, languages: tuple[str, ...]) -> Library:
    usable: dict[str, dict[str, Page]] = {}
    for page in corpus.pages:
        if page.ctype in (GUIDANCE, CASE_STUDY) and page.doc.meta is not None and not page.doc.errors:
            usable.setdefault(page.page_path, {})[page.language] = page
    library = Library({language: [] for language in languages})
    for versions in usable.values():
        for language in languages:
            page = versions.get(language) or next(iter(versions.values()))
            assert page.doc.meta is not None  # a usable page has front matter (above)
            library.by_language[language].append(
                Document(page.page_path, page.language, page.ctype, page.doc.meta.plain())
            )
    return library


# --- HTML ---------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Facet:
    key: str  # front matter key, e.g. "sector"
    label: str  # in the reader's language
    options: list[tuple[str, str]]  # (value, label), in display order


def filters(list_id: str, facets: list[Facet], regs: Registries, language: str, noun: str) -> str:
    """Facet selects for a listing; `noun` names the items in the count ("case studies")."""
    controls = []
    for facet in facets:
        select_id = f"{list_id}-{facet.key}"
        options = [f'<option value="">{_e(regs.label("filter_all", language))}</option>']
        options += [f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in facet.options]
        controls.append(
            f'<div class="kb-filter"><label for="{select_id}">{_e(facet.label)}</label>'
            f'<select id="{select_id}" data-kb-facet="{_e(facet.key)}">{"".join(options)}</select></div>'
        )
    status = _e(regs.label("filter_status", language, noun=noun, shown="{shown}", total="{total}"))
    return (
        f'<div class="kb-filters" role="group" data-kb-filters="{list_id}" hidden '
        f'aria-label="{_e(regs.label("filter_form", language))}">'
        + "".join(controls)
        + f'<p class="kb-filter-status" role="status" aria-live="polite" data-kb-template="{status}"></p>'
        "</div>\n"
    )


def listing(
    list_id: str,
    docs: list[Document],
    url: Callable[[Document], str],
    facet_keys: list[str],
    describe: Callable[[Document], str],
    status: Callable[[Document], str | None] | None = None,
) -> str:
    """`status`: each document's review status in the reader's language (shown after its facts)."""
    items = []
    for doc in docs:
        attributes = "".join(f' data-{key}="{_e(" ".join(doc.values(key)))}"' for key in facet_keys)
        lang = f' lang="{doc.language}"' if doc.language else ""
        shown = status(doc) if status else None
        review = f'<div class="kb-item__status">{_e(shown)}</div>' if shown else ""
        items.append(
            f'<li class="kb-item"{attributes}{lang}><a href="{_e(url(doc))}">{_e(doc.title)}</a>'
            f'<div class="kb-item__meta">{describe(doc)}</div>{review}'
            f'<p class="kb-item__description">{_e(doc.meta.get("description", ""))}</p></li>'
        )
    return f'<ul class="kb-list" id="{list_id}">' + "".join(items) + "</ul>\n"


def review_status_of(regs: Registries, language: str) -> Callable[[Document], str | None]:
    """Each document's review status as readers of `language` see it (for `listing`)."""
    return lambda doc: rendering.review_status(doc.meta, regs, language)


def terms(regs: Registries, vocabulary: str, ids: list[str], language: str) -> str:
    return ", ".join(regs.term(vocabulary, i, language) for i in ids)


def describe_guidance(regs: Registries, language: str) -> Callable[[Document], str]:
    def describe(doc: Document) -> str:
        stages = terms(regs, "stages", doc.values("stages"), language)
        audience = terms(regs, "audiences", doc.values("audience"), language)
        return (
            f"{_e(regs.label('field_stages', language))}: {_e(stages)} · "
            f"{_e(regs.label('field_audience', language))}: {_e(audience)}"
        )

    return describe


def describe_case(regs: Registries, language: str) -> Callable[[Document], str]:
    def describe(doc: Document) -> str:
        parts = [
            regs.term("jurisdictions", doc.values("jurisdiction")[0], language),
            regs.term("sectors", doc.values("sector")[0], language),
            terms(regs, "stages", doc.values("stages"), language),
            str(doc.meta.get("year", "")),
        ]
        return _e(" · ".join(p for p in parts if p))

    return describe


def facet_options(
    regs: Registries, vocabulary: str, docs: list[Document], key: str, language: str
) -> list[tuple[str, str]]:
    """The vocabulary's terms that some document uses, in the vocabulary's order."""
    used = {v for d in docs for v in d.values(key)}
    return [
        (term, labels.get(language, term))
        for term, labels in regs.vocabularies.get(vocabulary, {}).items()
        if term in used
    ]


def year_options(docs: list[Document]) -> list[tuple[str, str]]:
    years = sorted({v for d in docs for v in d.values("year")}, reverse=True)
    return [(y, y) for y in years]


def long_date(value: object, language: str) -> str:
    return dates.long_date(str(value), language)


def case_study_glance(doc: Document, regs: Registries, language: str, profile: tuple[str, str] | None = None) -> str:
    """The at-a-glance box at the top of a case study; `profile`: (url, name) of the
    jurisdiction's survey profile, when the survey covers it."""
    meta = doc.meta
    rows = [
        (
            regs.label("facet_jurisdiction", language),
            regs.term("jurisdictions", str(meta.get("jurisdiction", "")), language),
        ),
        (regs.label("facet_sector", language), regs.term("sectors", str(meta.get("sector", "")), language)),
        (regs.label("facet_stages", language), terms(regs, "stages", doc.values("stages"), language)),
        (regs.label("glance_organisations", language), "; ".join(doc.values("organisations"))),
        (regs.label("facet_year", language), str(meta.get("year", ""))),
        (regs.label("glance_review", language), rendering.review_status(meta, regs, language) or ""),
    ]
    items = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in rows)
    survey_link = ""
    if profile:
        label = regs.label("survey_profile_link", language, name=profile[1])
        survey_link = f'<p class="kb-glance__survey"><a href="{_e(profile[0])}">{_e(label)}</a></p>'
    return (
        f'<aside class="kb-glance" aria-labelledby="kb-glance-title">'
        f'<h2 id="kb-glance-title">{_e(regs.label("glance_title", language))}</h2>'
        f"<dl>{items}</dl>{survey_link}</aside>\n"
    )


def case_study_sources_and_citation(doc: Document, regs: Registries, language: str, permalink: str) -> str:
    """Sources, then how to cite the page with its permanent link."""
    sources = "".join(
        rendering.source_item(s, regs, language) for s in doc.meta.get("sources", []) if isinstance(s, dict)
    )
    if doc.meta.get("review_status") == rendering.REVIEWED and doc.meta.get("last_reviewed"):
        reviewed = long_date(doc.meta["last_reviewed"], language)
        citation = regs.label("cite_text", language, title=doc.title, date=reviewed, link=permalink)
    else:  # awaiting review: no review date to cite
        status = rendering.review_status(doc.meta, regs, language) or ""
        citation = regs.label("cite_text_unreviewed", language, title=doc.title, status=status, link=permalink)
    return (
        f'<h2 id="kb-sources">{_e(regs.label("case_sources", language))}</h2><ul>{sources}</ul>'
        f'<section class="kb-cite" aria-labelledby="kb-cite-title">'
        f'<h2 id="kb-cite-title">{_e(regs.label("cite_title", language))}</h2>'
        f"<p>{_e(regs.label('cite_permalink', language))} "
        f'<a class="kb-permalink" href="{_e(permalink)}">{_e(permalink)}</a></p>'
        f"<blockquote><p>{_e(citation)}</p></blockquote></section>\n"
    )


# --- the additions to the guidance and case study pages ----------------------------------

RELATED_MAX = 5
Link = Callable[[str], str]  # page path -> relative URL from the page being built


def guidance_home(the_library: Library, regs: Registries, language: str, link: Link) -> str:
    """The guidance landing page's additions: the cycle picture, then every document."""
    docs = the_library.of_type(language, GUIDANCE)
    stages = [
        cycle.Stage(
            label.get(language, stage),
            link(STAGE_PAGE.format(stage=stage)),
            sum(1 for d in docs if stage in d.values("stages")),
        )
        for stage, label in regs.vocabularies.get("stages", {}).items()
    ]
    picture = cycle.svg(
        stages,
        regs.label("cycle_title", language),
        regs.label("cycle_description", language),
        (regs.label("cycle_count_one", language), regs.label("cycle_count", language)),
    )
    return f'<h2 id="cycle">{_e(regs.label("cycle_title", language))}</h2>\n{picture}' + guidance_list(
        the_library, regs, language, link, None
    )


def guidance_list(the_library: Library, regs: Registries, language: str, link: Link, stage: str | None) -> str:
    """Every guidance document, or those of one stage, with the audience filter."""
    docs = the_library.of_type(language, GUIDANCE)
    if stage:
        docs = [d for d in docs if stage in d.values("stages")]
    heading = regs.label("guidance_all" if stage is None else "guidance_for_stage", language)
    audience = Facet(
        "audience",
        regs.label("facet_audience", language),
        facet_options(regs, "audiences", docs, "audience", language),
    )
    return (
        f'<h2 id="documents">{_e(heading)}</h2>\n'
        + filters("kb-guidance", [audience], regs, language, regs.label("noun_guidance", language))
        + listing(
            "kb-guidance",
            docs,
            lambda d: link(d.page_path),
            ["audience", "stages"],
            describe_guidance(regs, language),
            review_status_of(regs, language),
        )
    )


def case_list(the_library: Library, regs: Registries, language: str, link: Link) -> str:
    """Every case study, with its facet filters."""
    docs = the_library.of_type(language, CASE_STUDY)
    facets = [
        Facet(
            "jurisdiction",
            regs.label("facet_jurisdiction", language),
            facet_options(regs, "jurisdictions", docs, "jurisdiction", language),
        ),
        Facet(
            "sector",
            regs.label("facet_sector", language),
            facet_options(regs, "sectors", docs, "sector", language),
        ),
        Facet(
            "stages",
            regs.label("facet_stages", language),
            facet_options(regs, "stages", docs, "stages", language),
        ),
        Facet("year", regs.label("facet_year", language), year_options(docs)),
    ]
    return (
        f'<h2 id="case-studies">{_e(regs.label("cases_all", language))}</h2>\n'
        + filters("kb-cases", facets, regs, language, regs.label("noun_cases", language))
        + listing(
            "kb-cases",
            docs,
            lambda d: link(d.page_path),
            ["jurisdiction", "sector", "stages", "year"],
            describe_case(regs, language),
            review_status_of(regs, language),
        )
    )


def related(
    the_library: Library, regs: Registries, language: str, link: Link, page_path: str, ctype: ContentType
) -> str:
    """Case studies and guidance sharing the most stages with the page, at most RELATED_MAX each."""
    me = next((d for d in the_library.of_type(language, ctype) if d.page_path == page_path), None)
    if me is None:
        return ""
    stages = set(me.values("stages"))
    sections = []
    for ctype, key in ((CASE_STUDY, "related_cases"), (GUIDANCE, "related_guidance")):
        # The documents sharing the most stages first, at most RELATED_MAX: a pointer to the
        # closest material, not a second listing (which would weigh on every page).
        shared = [
            (len(stages & set(d.values("stages"))), d)
            for d in the_library.of_type(language, ctype)
            if d.page_path != page_path
        ]
        related = [d for count, d in sorted(shared, key=lambda pair: -pair[0]) if count][:RELATED_MAX]
        if related:
            items = "".join(f'<li><a href="{_e(link(d.page_path))}">{_e(d.title)}</a></li>' for d in related)
            sections.append(f"<h3>{_e(regs.label(key, language))}</h3><ul>{items}</ul>")
    if not sections:
        return ""
    return (
        f'<aside class="kb-related"><h2 id="related">{_e(regs.label("related_title", language))}'
        f"</h2>{''.join(sections)}</aside>\n"
    )
