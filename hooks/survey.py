"""MkDocs adapter for the survey (labkb.survey, labkb.survey_pages).

- survey/index.md (editor-written): status, questions, the heatmap, the matrix, downloads.
- generated, in every language: a profile per jurisdiction (survey/<code>/), a page per
  indicator (survey/indicators/<id>/) and the data dictionary (survey/data-dictionary/).
- survey/survey.csv and survey/survey.json, once, at the site root.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _state
from _files import add_in_every_language
from labkb import survey_pages
from labkb.project import Project


def _context(config):
    i18n = config.plugins["i18n"]
    project = Project(Path(config.config_file_path).parent)
    return project, i18n.current_language, i18n.default_language, tuple(i18n.all_languages)


def _front(title: str, description: str) -> str:
    quote = lambda text: text.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    return f'---\ntitle: "{quote(title)}"\ndescription: "{quote(description)}"\n---\n'


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    project, language, default, languages = _context(config)
    data, findings = _state.the_survey(config)
    if findings or not data.jurisdictions:
        return files  # the checker has already stopped the build on any finding
    regs = _state.regs(config)
    for code in data.declared:
        names = data.jurisdictions[code].names
        pages = {lang: _front(names[lang], regs.label("survey_profile_description", lang)) for lang in languages}
        add_in_every_language(
            files, config, survey_pages.profile_path(code), pages, language, default, hidden_in_nav=True
        )
    for indicator in data.indicators.values():
        pages = {
            lang: _front(indicator.shorts[lang], regs.label("survey_indicator_description", lang)) for lang in languages
        }
        add_in_every_language(
            files, config, survey_pages.indicator_path(indicator.id), pages, language, default, hidden_in_nav=True
        )
    pages = {lang: _front(regs.label("dict_title", lang), regs.label("dict_description", lang)) for lang in languages}
    add_in_every_language(files, config, survey_pages.DICTIONARY_PATH, pages, language, default)
    if language == default:
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
    project, language, default, _ = _context(config)
    data, findings = _state.the_survey(config)
    if findings:
        return html
    regs = _state.regs(config)
    prefix = "" if language == default else f"{language}/"

    def link(target: str) -> str:
        if not target.endswith(".md"):  # downloads live once, at the site root
            return get_relative_url(target, page.url)
        url = File(target, config.docs_dir, config.site_dir, config.use_directory_urls).url
        return get_relative_url(prefix + url, page.url)

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
