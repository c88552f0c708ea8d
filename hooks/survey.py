"""MkDocs adapter for the survey (labkb.features.survey, labkb.features.survey_pages).

- survey/index.md (editor-written): status, questions, the heatmap, the matrix, downloads.
- generated, in every language: a profile per jurisdiction (survey/<code>/), a page per
  indicator (survey/indicators/<id>/) and the data dictionary (survey/data-dictionary/).
- survey/survey.csv and survey/survey.json, once, at the site root.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _context
from _files import add_in_every_language
from labkb.features import rendering, survey_pages


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    build = _context.get()
    language, languages, regs = build.language, build.languages, build.regs
    data, findings = build.survey
    if findings or not data.jurisdictions:
        return files  # the checker has already stopped the build on any finding
    for code in data.declared:
        names = data.jurisdictions[code].names
        pages = {
            lang: rendering.generated_page(names[lang], regs.label("survey_profile_description", lang))
            for lang in languages
        }
        path = survey_pages.profile_path(code)
        add_in_every_language(files, config, path, pages, hidden_in_nav=not build.in_nav(path))
    for indicator in data.indicators.values():
        pages = {
            lang: rendering.generated_page(indicator.shorts[lang], regs.label("survey_indicator_description", lang))
            for lang in languages
        }
        path = survey_pages.indicator_path(indicator.id)
        add_in_every_language(files, config, path, pages, hidden_in_nav=not build.in_nav(path))
    pages = {
        lang: rendering.generated_page(regs.label("dict_title", lang), regs.label("dict_description", lang))
        for lang in languages
    }
    path = survey_pages.DICTIONARY_PATH
    add_in_every_language(files, config, path, pages, hidden_in_nav=not build.in_nav(path))
    if language == build.default:
        for path, content in (
            (survey_pages.CSV_FILE, survey_pages.public_csv(data)),
            (survey_pages.JSON_FILE, survey_pages.public_json(data)),
        ):
            download = File.generated(config, path, content=content.encode("utf-8"))
            files.append(download)
    return files


def on_page_content(html, page, config, files):
    page_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    if not page_path.startswith(f"{survey_pages.FOLDER}/"):
        return html
    build = _context.get()
    language, regs = build.language, build.regs
    data, findings = build.survey
    if findings:
        return html

    def link(target: str) -> str:
        if not target.endswith(".md"):  # downloads live once, at the site root
            return get_relative_url(target, page.url)
        return build.url_to(target, page.url)

    code = page_path.removeprefix(f"{survey_pages.FOLDER}/").removesuffix(".md")
    if page_path == f"{survey_pages.FOLDER}/index.md":
        return html + survey_pages.overview(data, regs, language, link)
    if page_path == survey_pages.DICTIONARY_PATH:
        return html + survey_pages.dictionary(data, regs, language, link)
    if page_path.startswith(f"{survey_pages.FOLDER}/indicators/"):
        indicator = code.removeprefix("indicators/")
        if indicator in data.indicators:
            return html + survey_pages.indicator_page(data, indicator, regs, language, link)
    if code in data.jurisdictions:
        return html + survey_pages.profile(data, data.jurisdictions[code], regs, language, link)
    return html
