"""MkDocs adapter for the guidance library and the case studies (labkb.library, labkb.cycle).

- guidance/index.md: the picture of the procurement cycle, an audience filter and every
  guidance document; one generated page per stage (guidance/stages/<stage>/).
- case-studies/index.md: every case study, filtered by jurisdiction, sector, stage, year.
- each guidance document and case study: related case studies and guidance sharing a stage.
- each case study: an at-a-glance box, its sources, review status and how to cite it
  with its permanent link (c/<id>/).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _state
from _files import add_in_every_language
from labkb import cycle, library, permalinks, survey_pages
from labkb.library import Facet, _e
from labkb.project import Project
from labkb.schema import CASE_STUDY, GUIDANCE

STAGE_PAGE = "guidance/stages/{stage}.md"
RELATED_MAX = 5


def _context(config):
    i18n = config.plugins["i18n"]
    project = Project(Path(config.config_file_path).parent)
    languages = tuple(i18n.all_languages)
    return project, i18n.current_language, i18n.default_language, languages


def _url(config, page, page_path: str) -> str:
    """Relative URL from `page` to the page at `page_path` in the page's language."""
    i18n = config.plugins["i18n"]
    language = i18n.current_language
    prefix = "" if language == i18n.default_language else f"{language}/"
    target = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls).url
    return get_relative_url(prefix + target, page.url)


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    project, language, default, languages = _context(config)
    regs = _state.regs(config)
    for stage, labels in regs.vocabularies.get("stages", {}).items():
        contents = {
            lang: (
                f'---\ntitle: "{labels.get(lang, stage)}"\n'
                f'description: "{regs.label("stage_page_description", lang)}"\n---\n\n'
                f"{regs.label('stage_page_intro', lang)}\n"
            )
            for lang in languages
        }
        add_in_every_language(
            files, config, STAGE_PAGE.format(stage=stage), contents, language, default, hidden_in_nav=True
        )
    return files


def on_page_content(html, page, config, files):
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    project, language, _, languages = _context(config)
    if page_path == "guidance/index.md":
        return html + _guidance_home(config, page, project, language, languages)
    if page_path.startswith("guidance/stages/"):
        stage = page_path.removeprefix("guidance/stages/").removesuffix(".md")
        return html + _guidance_list(config, page, project, language, languages, stage)
    if page_path == "case-studies/index.md":
        return html + _case_list(config, page, project, language, languages)
    if page_path.startswith("guidance/") and page_path != "guidance/index.md":
        return html + _related(config, page, project, language, languages, page_path, GUIDANCE)
    if page_path.startswith("case-studies/") and page_path != "case-studies/index.md":
        return _case_study(config, page, project, language, languages, page_path, html)
    return html


def _case_study(config, page, project, language, languages, page_path, html) -> str:
    regs = _state.regs(config)
    me = next(
        (d for d in _state.the_library(config).of_type(language, CASE_STUDY) if d.page_path == page_path),
        None,
    )
    if me is None:
        return html
    i18n = config.plugins["i18n"]
    prefix = "" if language == i18n.default_language else f"{language}/"
    site_url = (config.site_url or "").rstrip("/") + "/"
    permalink = f"{site_url}{prefix}{permalinks.SHORT}/{me.meta.get('id')}/"
    the_survey, findings = _state.the_survey(config)
    code = str(me.meta.get("jurisdiction"))
    profile = None
    if not findings and code in the_survey.jurisdictions:
        profile = (_url(config, page, survey_pages.profile_path(code)), the_survey.jurisdictions[code].names[language])
    return (
        library.case_study_glance(me, regs, language, profile)
        + html
        + library.case_study_sources_and_citation(me, regs, language, permalink)
        + _related(config, page, project, language, languages, page_path, CASE_STUDY)
    )


def _guidance_home(config, page, project, language, languages) -> str:
    regs = _state.regs(config)
    docs = _state.the_library(config).of_type(language, GUIDANCE)
    stages = [
        cycle.Stage(
            label.get(language, stage),
            _url(config, page, STAGE_PAGE.format(stage=stage)),
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
    return f'<h2 id="cycle">{_e(regs.label("cycle_title", language))}</h2>\n{picture}' + _guidance_list(
        config, page, project, language, languages, None
    )


def _guidance_list(config, page, project, language, languages, stage: str | None) -> str:
    regs = _state.regs(config)
    docs = _state.the_library(config).of_type(language, GUIDANCE)
    if stage:
        docs = [d for d in docs if stage in d.values("stages")]
    heading = regs.label("guidance_all" if stage is None else "guidance_for_stage", language)
    audience = Facet(
        "audience",
        regs.label("facet_audience", language),
        library.facet_options(regs, "audiences", docs, "audience", language),
    )
    return (
        f'<h2 id="documents">{_e(heading)}</h2>\n'
        + library.filters("kb-guidance", [audience], regs, language, regs.label("noun_guidance", language))
        + library.listing(
            "kb-guidance",
            docs,
            lambda d: _url(config, page, d.page_path),
            ["audience", "stages"],
            library.describe_guidance(regs, language),
        )
    )


def _case_list(config, page, project, language, languages) -> str:
    regs = _state.regs(config)
    docs = _state.the_library(config).of_type(language, CASE_STUDY)
    facets = [
        Facet(
            "jurisdiction",
            regs.label("facet_jurisdiction", language),
            library.facet_options(regs, "jurisdictions", docs, "jurisdiction", language),
        ),
        Facet(
            "sector",
            regs.label("facet_sector", language),
            library.facet_options(regs, "sectors", docs, "sector", language),
        ),
        Facet(
            "stages",
            regs.label("facet_stages", language),
            library.facet_options(regs, "stages", docs, "stages", language),
        ),
        Facet("year", regs.label("facet_year", language), library.year_options(docs)),
    ]
    return (
        f'<h2 id="case-studies">{_e(regs.label("cases_all", language))}</h2>\n'
        + library.filters("kb-cases", facets, regs, language, regs.label("noun_cases", language))
        + library.listing(
            "kb-cases",
            docs,
            lambda d: _url(config, page, d.page_path),
            ["jurisdiction", "sector", "stages", "year"],
            library.describe_case(regs, language),
        )
    )


def _related(config, page, project, language, languages, page_path, ctype) -> str:
    regs = _state.regs(config)
    the_library = _state.the_library(config)
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
            items = "".join(
                f'<li><a href="{_e(_url(config, page, d.page_path))}">{_e(d.title)}</a></li>' for d in related
            )
            sections.append(f"<h3>{_e(regs.label(key, language))}</h3><ul>{items}</ul>")
    if not sections:
        return ""
    return (
        f'<aside class="kb-related"><h2 id="related">{_e(regs.label("related_title", language))}'
        f"</h2>{''.join(sections)}</aside>\n"
    )
