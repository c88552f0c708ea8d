"""Generated addresses, declared once: every page and file the site makes itself.

Each generator (the guidance stage pages, the survey's pages and downloads, the blog's
listings and feed, the case studies' short links) declares here which addresses it
makes, whether they appear in the navigation and in the sitemap, and which folders
below a language root it reserves. Permanent addresses (labkb.features.permalinks), the checker
(files an editor may not put where the site makes pages), the build's generated files,
the navigation and the sitemap all iterate this one declaration.
"""

from __future__ import annotations

from dataclasses import dataclass

from labkb.features import blog, survey_pages
from labkb.features.survey import Survey
from labkb.model.corpus import Corpus
from labkb.model.schema import CASE_STUDY, LANGUAGES

STAGE_PAGE = "guidance/stages/{stage}.md"
SHORT = "c"  # a case study's short link: /c/<id>/


@dataclass(frozen=True)
class Generator:
    name: str  # in messages: "the guidance stages"
    reserved: tuple[str, ...]  # folders below content/<lang>/ that only this generator fills


GUIDANCE_STAGES = Generator("the stages of the procurement cycle", ("guidance/stages/",))
SURVEY = Generator("the survey", (f"{survey_pages.FOLDER}/indicators/",))
BLOG = Generator("the blog's listings", tuple(f"{blog.FOLDER}/{name}/" for name in ("page", "archive", "category")))
SHORT_LINKS = Generator("the case studies' short links", (f"{SHORT}/",))
GENERATORS = (GUIDANCE_STAGES, SURVEY, BLOG, SHORT_LINKS)


@dataclass(frozen=True)
class Generated:
    """One address the site makes: a page (a path below content/<lang>/, ending in .md, in
    every language) or a file (`download`: once, at the site root)."""

    path: str
    generator: Generator
    in_nav: bool = False
    in_sitemap: bool = True
    download: bool = False


def declared(corpus: Corpus, the_survey: Survey | None = None) -> list[Generated]:
    """Every generated address of the project as it is now (the survey's follow its declared
    jurisdictions and indicators, even while a survey file has a problem)."""
    the_survey = the_survey if the_survey is not None else corpus.survey[0]
    found = [Generated(STAGE_PAGE.format(stage=s), GUIDANCE_STAGES) for s in corpus.regs.vocabularies.get("stages", {})]
    if the_survey.declared:
        found += [
            Generated(path, SURVEY, in_nav=path == survey_pages.DICTIONARY_PATH)
            for path in survey_pages.generated_paths(the_survey)
        ]
        found += [
            Generated(path, SURVEY, in_sitemap=False, download=True)
            for path in (survey_pages.CSV_FILE, survey_pages.JSON_FILE)
        ]
    the_blog = blog.load(corpus, LANGUAGES, count=False)  # addresses only: no word counts
    if any(the_blog.by_language.values()):
        found += [Generated(path, BLOG) for path in blog.generated_paths(the_blog)]
        found.append(Generated(f"{blog.FOLDER}/feed.xml", BLOG, in_sitemap=False, download=True))
    # Short links only lead to the case study's page: never listed, never in the sitemap.
    found += [Generated(f"{SHORT}/{case_id}.md", SHORT_LINKS, in_sitemap=False) for case_id in short_links(corpus)]
    return found


def short_links(corpus: Corpus) -> dict[str, str]:
    """Case study id -> its page path (from any language's version)."""
    links: dict[str, str] = {}
    for page in sorted(corpus.pages, key=lambda p: (LANGUAGES.index(p.language), p.page_path)):
        if page.ctype is not CASE_STUDY or page.page_path.count("/") != 1:
            continue
        node = page.meta.get("id")
        if node is not None and isinstance(node.value, str):
            links.setdefault(node.value, page.page_path)
    return links


def pages(corpus: Corpus, the_survey: Survey | None = None) -> list[Generated]:
    """The generated pages (not the downloads), in every language."""
    return [g for g in declared(corpus, the_survey) if not g.download]


def claimed_by(page_path: str, generated: list[Generated]) -> Generator | None:
    """The generator that makes the page at `page_path`, or reserves its folder."""
    for each in generated:
        if each.path == page_path:
            return each.generator
    for generator in GENERATORS:
        if page_path.startswith(generator.reserved):
            return generator
    return None
