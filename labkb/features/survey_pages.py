"""What readers see of the survey: matrix, heatmap, profiles, indicator pages, downloads.

Pure functions of the survey data, the registries (labels) and a `link(page_path)` the
adapter provides (relative to the page being built). Every answer is shown with its
symbol and its label, and its colour only in addition: never colour alone.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from labkb.checks.sources import Source
from labkb.features import spreadsheet
from labkb.features.rendering import source_link
from labkb.features.survey import Answer, Jurisdiction, Survey
from labkb.model import dates
from labkb.model.registries import Registries
from labkb.model.schema import LANGUAGES

FOLDER = "survey"
CSV_FILE, JSON_FILE = f"{FOLDER}/survey.csv", f"{FOLDER}/survey.json"
RANK = {"yes": 3, "partly": 2, "no": 1}  # for sorting; anything else (unknown) is 0

Link = Callable[[str], str]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def profile_path(code: str) -> str:
    return f"{FOLDER}/{code}.md"


def indicator_path(indicator_id: str) -> str:
    return f"{FOLDER}/indicators/{indicator_id}.md"


DICTIONARY_PATH = f"{FOLDER}/data-dictionary.md"


def generated_paths(survey: Survey) -> list[str]:
    return (
        [profile_path(c) for c in survey.declared] + [indicator_path(i) for i in survey.indicators] + [DICTIONARY_PATH]
    )


def answer_cell(survey: Survey, answer: Answer | None, language: str, tag: str = "td") -> str:
    value = answer.value if answer else "unknown"
    label = survey.scale.get(value, {}).get(language, value)
    symbol = survey.scale.get(value, {}).get("symbol", "")
    return (
        f'<{tag} class="kb-answer kb-answer--{_e(value)}" data-value="{_e(value)}" '
        f'data-rank="{RANK.get(value, 0)}"><span class="kb-answer__symbol" aria-hidden="true">'
        f"{_e(symbol)}</span> {_e(label)}</{tag}>"
    )


def _sources(answer: Answer | None, regs: Registries, language: str) -> str:
    """The answer's sources as the readers of `language` get them (their edition, "(en inglés)")."""
    if not answer or not answer.sources:
        return "—"
    return "<br>".join(_source(s, regs, language) for s in answer.sources)


def _source(source: Source, regs: Registries, language: str) -> str:
    return source_link(vars(source.for_language(language)), regs, language)


def _note(answer: Answer | None, regs: Registries, language: str) -> str:
    if not answer:
        return "—"
    if language in answer.notes:
        return _e(answer.notes[language])
    other = next((lang for lang in LANGUAGES if lang in answer.notes), None)
    pending = regs.label("survey_note_pending", language)
    if other is None:
        return f"<em>{_e(pending)}</em>"
    return f'<em>{_e(pending)}</em> <span lang="{other}">{_e(answer.notes[other])}</span>'


def _status(answer: Answer | None, regs: Registries, language: str) -> str:
    if not answer:
        return "—"
    return (
        f"{_e(regs.term('review_statuses', answer.review_status, language))}<br>"
        f"{_e(regs.label('survey_valid_on', language, date=dates.long_date(answer.valid_on, language)))}"
    )


def legend(survey: Survey, language: str, regs: Registries) -> str:
    items = "".join(
        f"<li>{answer_cell(survey, Answer(v, {}, (), (), '2000-01-01', ''), language, 'span')}</li>"
        for v in survey.scale
    )
    return (
        f'<div class="kb-legend"><p>{_e(regs.label("survey_legend", language))}</p>'
        f'<ul class="kb-legend__items">{items}</ul></div>'
    )


def overview(survey: Survey, regs: Registries, language: str, link: Link) -> str:
    """Appended to survey/index.md: status, questions, picture, matrix, downloads."""
    known = sum(1 for j in survey.jurisdictions.values() for a in j.answers.values() if a.value != "unknown")
    total = sum(len(j.answers) for j in survey.jurisdictions.values())
    out = [
        f'<div class="admonition note"><p class="admonition-title">'
        f"{_e(regs.label('survey_status_title', language))}</p><p>{_e(survey.status.get(language, ''))}</p>"
        f"<p>{_e(regs.label('survey_counts', language, known=known, total=total))}</p></div>",
        f'<h2 id="questions">{_e(regs.label("survey_questions", language))}</h2>',
    ]
    for theme in survey.themes.values():
        indicators = [i for i in survey.indicators.values() if i.theme == theme.id]
        items = "".join(
            f'<li><a href="{_e(link(indicator_path(i.id)))}">{_e(i.questions[language])}</a></li>' for i in indicators
        )
        out.append(
            f"<h3>{_e(theme.labels[language])}</h3>"
            f'<p class="kb-theme-source">{_e(regs.label("survey_theme_source", language))}: '
            f"{_source(theme.source, regs, language)}</p><ol>{items}</ol>"
        )
    out.append(f'<h2 id="picture">{_e(regs.label("survey_picture", language))}</h2>')
    out.append(heatmap(survey, regs, language))
    out.append(f'<h2 id="matrix">{_e(regs.label("survey_matrix", language))}</h2>')
    out.append(matrix(survey, regs, language, link))
    out.append(f'<h2 id="downloads">{_e(regs.label("survey_downloads", language))}</h2>')
    out.append(
        f'<ul><li><a href="{_e(link(CSV_FILE))}" download>{_e(regs.label("survey_csv", language))}</a></li>'
        f'<li><a href="{_e(link(JSON_FILE))}" download>{_e(regs.label("survey_json", language))}</a></li>'
        f'<li><a href="{_e(link(DICTIONARY_PATH))}">{_e(regs.label("survey_dictionary", language))}</a></li></ul>'
    )
    return "\n".join(out) + "\n"


def matrix(survey: Survey, regs: Registries, language: str, link: Link) -> str:
    """Jurisdictions by indicators; sortable by any column, filterable by theme and region."""
    themes = "".join(f'<option value="{_e(t.id)}">{_e(t.labels[language])}</option>' for t in survey.themes.values())
    regions = "".join(
        f'<option value="{_e(r)}">{_e(labels[language])}</option>' for r, labels in survey.regions.items()
    )
    status = _e(
        regs.label(
            "survey_matrix_status",
            language,
            rows="{rows}",
            total_rows="{total_rows}",
            columns="{columns}",
            total_columns="{total_columns}",
        )
    )
    all_label = _e(regs.label("filter_all", language))
    controls = (
        f'<div class="kb-filters" role="group" data-kb-matrix-filters="kb-matrix" hidden '
        f'aria-label="{_e(regs.label("filter_form", language))}">'
        f'<div class="kb-filter"><label for="kb-matrix-theme">{_e(regs.label("survey_theme", language))}</label>'
        f'<select id="kb-matrix-theme" data-kb-axis="theme"><option value="">{all_label}</option>{themes}'
        "</select></div>"
        f'<div class="kb-filter"><label for="kb-matrix-region">{_e(regs.label("survey_region", language))}</label>'
        f'<select id="kb-matrix-region" data-kb-axis="region"><option value="">{all_label}</option>{regions}'
        "</select></div>"
        f'<p class="kb-filter-status" role="status" aria-live="polite" data-kb-template="{status}"></p></div>'
    )
    sort_hint = _e(regs.label("survey_sort", language))
    head = [
        f'<th scope="col" aria-sort="none"><button type="button" data-kb-sort="text" title="{sort_hint}">'
        f"{_e(regs.label('survey_jurisdiction', language))}</button></th>"
    ]
    for indicator in survey.indicators.values():
        head.append(
            f'<th scope="col" data-theme="{_e(indicator.theme)}" aria-sort="none">'
            f'<button type="button" data-kb-sort="rank" title="{_e(indicator.questions[language])}">'
            f"{_e(indicator.shorts[language])}</button></th>"
        )
    rows = []
    for jurisdiction in survey.ordered_jurisdictions():
        cells = [
            f'<th scope="row" data-sort-text="{_e(jurisdiction.names[language])}">'
            f'<a href="{_e(link(profile_path(jurisdiction.code)))}">{_e(jurisdiction.names[language])}</a></th>'
        ]
        for indicator in survey.indicators.values():
            cell = answer_cell(survey, jurisdiction.answers.get(indicator.id), language)
            cells.append(cell.replace("<td ", f'<td data-theme="{_e(indicator.theme)}" ', 1))
        rows.append(f'<tr data-region="{_e(jurisdiction.region)}">{"".join(cells)}</tr>')
    caption = _e(regs.label("survey_matrix_caption", language))
    return (
        f'<div class="kb-matrix" data-kb-matrix>{controls}{legend(survey, language, regs)}'
        f'<div class="kb-matrix__scroll" role="region" aria-labelledby="kb-matrix-caption" tabindex="0">'
        f'<table class="kb-matrix__table" id="kb-matrix"><caption id="kb-matrix-caption">{caption}</caption>'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>\n"
    )


COLOURS = {
    "yes": ("#1b5e20", "#ffffff"),
    "partly": ("#f9a825", "#000000"),
    "no": ("#b71c1c", "#ffffff"),
    "unknown": ("#e0e0e0", "#000000"),
}


def heatmap(survey: Survey, regs: Registries, language: str) -> str:
    """The whole survey as one picture: a cell per answer, with its symbol (SVG, made at build)."""
    jurisdictions = survey.ordered_jurisdictions()
    indicators = list(survey.indicators.values())
    cell, left, top = 26, 190, 40
    width, height = left + cell * len(indicators) + 10, top + cell * len(jurisdictions) + 10
    parts = []
    for column in range(len(indicators)):
        x = left + column * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{top - 10}" class="kb-heatmap__col">{column + 1}</text>')
    counts: dict[str, int] = {}
    for row, jurisdiction in enumerate(jurisdictions):
        y = top + row * cell
        parts.append(
            f'<text x="{left - 8}" y="{y + cell * 0.68:.0f}" class="kb-heatmap__row">'
            f"{_e(jurisdiction.names[language])}</text>"
        )
        for column, indicator in enumerate(indicators):
            answer = jurisdiction.answers.get(indicator.id)
            value = answer.value if answer else "unknown"
            counts[value] = counts.get(value, 0) + 1
            fill, ink = COLOURS.get(value, COLOURS["unknown"])
            x = left + column * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}"/>'
                f'<text x="{x + (cell - 2) / 2:.0f}" y="{y + cell * 0.68:.0f}" fill="{ink}" '
                f'class="kb-heatmap__symbol">{_e(survey.scale.get(value, {}).get("symbol", "?"))}</text>'
            )
    summary = "; ".join(f"{survey.scale[v][language]}: {n}" for v, n in counts.items() if v in survey.scale)
    numbered = "; ".join(f"{n + 1}. {i.shorts[language]}" for n, i in enumerate(indicators))
    description = regs.label(
        "survey_heatmap_description",
        language,
        jurisdictions=len(jurisdictions),
        indicators=len(indicators),
        summary=summary,
    )
    return (
        f'<figure class="kb-heatmap"><svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="kb-heatmap-title kb-heatmap-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="kb-heatmap-title">{_e(regs.label("survey_picture", language))}</title>'
        f'<desc id="kb-heatmap-desc">{_e(description)}</desc>{"".join(parts)}</svg>'
        f"<figcaption>{_e(description)} {_e(regs.label('survey_columns', language))}: {_e(numbered)}.</figcaption>"
        f"</figure>\n"
    )


def profile(survey: Survey, jurisdiction: Jurisdiction, regs: Registries, language: str, link: Link) -> str:
    out = [
        f'<p class="kb-profile-facts">{_e(regs.label("survey_region", language))}: '
        f"{_e(survey.label('regions', jurisdiction.region, language))} · "
        f"{_e(regs.label('survey_kind', language))}: {_e(survey.label('kinds', jurisdiction.kind, language))}</p>",
        legend(survey, language, regs),
    ]
    for theme in survey.themes.values():
        rows = []
        for indicator in (i for i in survey.indicators.values() if i.theme == theme.id):
            answer = jurisdiction.answers.get(indicator.id)
            rows.append(
                f'<tr><th scope="row"><a href="{_e(link(indicator_path(indicator.id)))}">'
                f"{_e(indicator.questions[language])}</a></th>{answer_cell(survey, answer, language)}"
                f"<td>{_note(answer, regs, language)}</td><td>{_sources(answer, regs, language)}</td>"
                f"<td>{_status(answer, regs, language)}</td></tr>"
            )
        out.append(f"<h2>{_e(theme.labels[language])}</h2>" + _table(regs, language, "survey_question", rows))
    return "\n".join(out) + "\n"


def indicator_page(survey: Survey, indicator_id: str, regs: Registries, language: str, link: Link) -> str:
    indicator = survey.indicators[indicator_id]
    theme = survey.themes[indicator.theme]
    rows = []
    for jurisdiction in survey.ordered_jurisdictions():
        answer = jurisdiction.answers.get(indicator_id)
        rows.append(
            f'<tr><th scope="row"><a href="{_e(link(profile_path(jurisdiction.code)))}">'
            f"{_e(jurisdiction.names[language])}</a></th>{answer_cell(survey, answer, language)}"
            f"<td>{_note(answer, regs, language)}</td><td>{_sources(answer, regs, language)}</td>"
            f"<td>{_status(answer, regs, language)}</td></tr>"
        )
    return (
        f'<p class="kb-question"><strong>{_e(indicator.questions[language])}</strong></p>'
        f"<p>{_e(regs.label('survey_theme', language))}: {_e(theme.labels[language])}. "
        f"{_e(regs.label('survey_theme_source', language))}: {_source(theme.source, regs, language)}</p>"
        + legend(survey, language, regs)
        + _table(regs, language, "survey_jurisdiction", rows)
        + "\n"
    )


def _table(regs: Registries, language: str, first: str, rows: list[str]) -> str:
    head = "".join(
        f'<th scope="col">{_e(regs.label(key, language))}</th>'
        for key in (first, "survey_answer", "survey_note", "survey_sources", "survey_status")
    )
    return f'<table class="kb-survey-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# --- downloads and their dictionary -----------------------------------------------------

def _in_each_language(column: str, key: str) -> tuple[tuple[str, str], ...]:
    """`column_<code>` for every language of the site (data/languages.yml), the default first."""
    return tuple((f"{column}_{language}", key) for language in LANGUAGES)


# (column, label of its meaning in the data dictionary). A column per language is named
# `<column>_<code>`; its label has a {language} placeholder (`_COLUMN_LANGUAGE`).
CSV_COLUMNS = (
    ("jurisdiction", "dict_jurisdiction"),
    *_in_each_language("jurisdiction", "dict_name"),
    ("region", "dict_region"),
    ("kind", "dict_kind"),
    ("theme", "dict_theme"),
    ("indicator", "dict_indicator"),
    *_in_each_language("question", "dict_question"),
    ("answer", "dict_answer"),
    *_in_each_language("answer", "dict_answer_label"),
    *_in_each_language("note", "dict_note"),
    *_in_each_language("sources", "dict_sources"),
    ("valid_on", "dict_valid_on"),
    ("review_status", "dict_review_status"),
)
_COLUMN_LANGUAGE = {
    f"{column}_{language}": language
    for column in ("jurisdiction", "question", "answer", "note", "sources")
    for language in LANGUAGES
}


def public_rows(survey: Survey) -> list[dict[str, str]]:
    rows = []
    for jurisdiction in survey.ordered_jurisdictions():
        for indicator in survey.indicators.values():
            answer = jurisdiction.answers.get(indicator.id)
            if answer is None:
                continue
            per_language = {
                "jurisdiction": jurisdiction.names,
                "question": indicator.questions,
                "answer": survey.scale[answer.value],
                "note": answer.notes,
                "sources": {language: _source_lines(answer, language) for language in LANGUAGES},
            }
            row = {
                "jurisdiction": jurisdiction.code,
                "region": jurisdiction.region,
                "kind": jurisdiction.kind,
                "theme": indicator.theme,
                "indicator": indicator.id,
                "answer": answer.value,
                "valid_on": answer.valid_on,
                "review_status": answer.review_status,
            }
            for column, texts in per_language.items():
                row.update({f"{column}_{language}": texts.get(language, "") for language in LANGUAGES})
            rows.append({column: row[column] for column, _ in CSV_COLUMNS})
    return rows


def _source_lines(answer: Answer, language: str) -> str:
    """The answer's sources as the readers of `language` get them, one per line: title | url | pinpoint."""
    editions = (s.for_language(language) for s in answer.sources)
    return "\n".join(" | ".join(p for p in (s.title, s.url, s.pinpoint) if p) for s in editions)


def public_csv(survey: Survey) -> str:
    """The CSV download. A cell a spreadsheet would run as a formula gets a quote before it
    (labkb/features/spreadsheet.py): readers who open the file see text, never a live formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c for c, _ in CSV_COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet.neutralise(v) for k, v in row.items()} for row in public_rows(survey))
    return "\ufeff" + out.getvalue()  # the byte-order mark makes spreadsheets read UTF-8


def public_json(survey: Survey) -> str:
    data = {
        "title": survey.titles,
        "status": survey.status,
        "scale": survey.scale,
        "regions": survey.regions,
        "kinds": survey.kinds,
        "themes": {t.id: {"labels": t.labels, "source": t.source.as_data()} for t in survey.themes.values()},
        "indicators": {
            i.id: {"theme": i.theme, "short": i.shorts, "question": i.questions} for i in survey.indicators.values()
        },
        "jurisdictions": [
            {
                "code": j.code,
                "name": j.names,
                "region": j.region,
                "kind": j.kind,
                "answers": {
                    k: {
                        "answer": a.value,
                        "note": a.notes,
                        "note_pending": list(a.note_pending),
                        "sources": [s.as_data() for s in a.sources],
                        "valid_on": a.valid_on,
                        "review_status": a.review_status,
                    }
                    for k, a in j.answers.items()
                },
            }
            for j in survey.ordered_jurisdictions()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dictionary(survey: Survey, regs: Registries, language: str, link: Link) -> str:
    def meaning(column: str, key: str) -> str:
        if column in _COLUMN_LANGUAGE:
            name = regs.label(f"language_name_{_COLUMN_LANGUAGE[column]}", language)
            return regs.label(key, language, language=name)
        return regs.label(key, language)

    rows = "".join(
        f'<tr><th scope="row"><code>{_e(column)}</code></th><td>{_e(meaning(column, key))}</td></tr>'
        for column, key in CSV_COLUMNS
    )
    scale = "".join(
        f"<li><code>{_e(v)}</code>: {_e(labels[language])} ({_e(labels.get('symbol', ''))})</li>"
        for v, labels in survey.scale.items()
    )
    return (
        f"<p>{_e(regs.label('dict_intro', language))}</p>"
        f'<ul><li><a href="{_e(link(CSV_FILE))}" download>{_e(regs.label("survey_csv", language))}</a></li>'
        f'<li><a href="{_e(link(JSON_FILE))}" download>{_e(regs.label("survey_json", language))}</a></li></ul>'
        f"<h2>{_e(regs.label('dict_columns', language))}</h2>"
        f'<table><thead><tr><th scope="col">{_e(regs.label("dict_column", language))}</th>'
        f'<th scope="col">{_e(regs.label("dict_meaning", language))}</th></tr></thead><tbody>{rows}</tbody></table>'
        f"<h2>{_e(regs.label('dict_scale', language))}</h2><ul>{scale}</ul>"
        f"<p>{_e(regs.label('dict_json', language))}</p>\n"
    )
