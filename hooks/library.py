"""MkDocs adapter for the guidance library and the case studies (labkb.features.library, labkb.features.cycle).

- guidance/index.md: the picture of the procurement cycle, an audience filter and every
  guidance document; one generated page per stage (guidance/stages/<stage>/).
- case-studies/index.md: every case study, filtered by jurisdiction, sector, stage, year.
- each guidance document and case study: related case studies and guidance sharing a stage.
- each case study: an at-a-glance box, its sources, review status and how to cite it
  with its permanent link (c/<id>/).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import _context
from _files import add_in_every_language
from labkb.features import library, rendering, survey_pages
from labkb.model import addresses
from labkb.model.schema import CASE_STUDY, GUIDANCE


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    build = _context.get()
    regs = build.regs
    for generated in build.generated:
        if generated.generator is not addresses.GUIDANCE_STAGES:
            continue
        stage = generated.path.removeprefix("guidance/stages/").removesuffix(".md")
        labels = regs.vocabularies["stages"][stage]
        contents = {
            lang: rendering.generated_page(
                labels.get(lang, stage),
                regs.label("stage_page_description", lang),
                regs.label("stage_page_intro", lang),
            )
            for lang in build.languages
        }
        add_in_every_language(files, config, generated.path, contents, hidden_in_nav=not generated.in_nav)
    return files


def on_page_content(html, page, config, files):
    build = _context.get()
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    language, regs, the_library = build.language, build.regs, build.library

    def link(target: str) -> str:
        return build.url_to(target, page.url)

    if page_path == "guidance/index.md":
        return html + library.guidance_home(the_library, regs, language, link)
    if page_path.startswith("guidance/stages/"):
        stage = page_path.removeprefix("guidance/stages/").removesuffix(".md")
        return html + library.guidance_list(the_library, regs, language, link, stage)
    if page_path == "case-studies/index.md":
        return html + library.case_list(the_library, regs, language, link)
    if page_path.startswith("guidance/"):
        return html + library.related(the_library, regs, language, link, page_path, GUIDANCE)
    if page_path.startswith("case-studies/"):
        return _case_study(build, page_path, html, link)
    return html


def _case_study(build, page_path: str, html: str, link) -> str:
    language, regs = build.language, build.regs
    me = next((d for d in build.library.of_type(language, CASE_STUDY) if d.page_path == page_path), None)
    if me is None:
        return html
    permalink = f"{build.site_url}{build.prefix()}{addresses.SHORT}/{me.meta.get('id')}/"
    the_survey, findings = build.survey
    code = str(me.meta.get("jurisdiction"))
    profile = None
    if not findings and code in the_survey.jurisdictions:
        profile = (link(survey_pages.profile_path(code)), the_survey.jurisdictions[code].names[language])
    return (
        library.case_study_glance(me, regs, language, profile)
        + html
        + library.case_study_sources_and_citation(me, regs, language, permalink)
        + library.related(build.library, regs, language, link, page_path, CASE_STUDY)
    )
