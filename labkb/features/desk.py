"""The editors' desk (`make desk`): every page in one table, for the editorial team only.

For each content file: its type, language, the state of its language pair (original,
translated, stale, missing: labkb/features/translations.py), its review status, who
reviewed it and when, the days since that review, its word count and the checker's
findings about it. Written to `dist/desk/` (never to the published site):

- `index.html` (English) and `es.html` (Spanish): one self-contained page each, with its
  script and style inline (allowed by hash in its own Content Security Policy, nothing
  else may load), so it opens from files; the columns sort and the rows filter in the
  browser. Every value is escaped where it is written.
- `desk.csv`: the same rows for a spreadsheet, every cell formula-neutralised
  (labkb/features/spreadsheet.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from dataclasses import dataclass
from pathlib import Path

from labkb.checks import engine
from labkb.features import spreadsheet, translations
from labkb.model import dates, markdown_source
from labkb.model.corpus import Corpus
from labkb.model.findings import Finding
from labkb.output.csp import source_hash

FOLDER = "dist/desk"
CSV_FILE = "desk.csv"
# The page of each language of the desk (the first is the default).
PAGES = {"en": "index.html", "es": "es.html"}


@dataclass(frozen=True)
class Row:
    """One content file, as the desk lists it."""

    file: str  # relative to the repository
    page_path: str  # below content/<lang>/
    language: str
    title: str
    ctype: str  # the content type's key (schema)
    state: str  # this language's translation state
    pair: dict[str, str]  # language -> state, for every language of the site
    review_status: str  # needs-review / reviewed / '' (none)
    reviewed_by: str  # the author id, or ''
    reviewed_on: str  # YYYY-MM-DD, or ''
    age_days: int | None  # days since reviewed_on, when there is one
    words: int
    findings: tuple[str, ...]


def rows(corpus: Corpus, today: dt.date, findings: list[Finding] | None = None) -> list[Row]:
    """Every content file of the corpus, by page then language, with the checker's findings."""
    if findings is None:
        findings = engine.check(corpus.project, corpus=corpus)
    by_file: dict[str, list[str]] = {}
    for finding in findings:
        by_file.setdefault(finding.path, []).append(finding.text())
    states = {state.page_path: state for state in translations.page_states(corpus)}
    found = []
    for page in sorted(corpus.pages, key=lambda p: (p.page_path, p.language)):
        meta = page.doc.meta.plain() if page.doc.meta else {}
        on = _date(meta.get("last_reviewed"))
        state = states.get(page.page_path)
        found.append(
            Row(
                file=page.rel,
                page_path=page.page_path,
                language=page.language,
                title=str(meta.get("title", "")),
                ctype=page.ctype.key,
                state=state.states.get(page.language, "") if state else "",
                pair=dict(state.states) if state else {},
                review_status=str(meta.get("review_status", "") or ""),
                reviewed_by=str(meta.get("reviewed_by", "") or ""),
                reviewed_on=on.isoformat() if on else "",
                age_days=(today - on).days if on else None,
                words=markdown_source.count_words(page.doc.body, page.masked),
                findings=tuple(by_file.get(page.rel, [])),
            )
        )
    return found


def _date(value: object) -> dt.date | None:
    try:
        return dates.parse(str(value)) if value else None
    except ValueError:
        return None


# --- CSV ---------------------------------------------------------------------------------

COLUMNS = (
    "file",
    "language",
    "title",
    "type",
    "translation",
    "language_pair",
    "review_status",
    "reviewed_by",
    "reviewed_on",
    "days_since_review",
    "words",
    "findings",
)


def _pair(row: Row) -> str:
    return "; ".join(f"{language}: {state}" for language, state in row.pair.items())


def as_csv(found: list[Row]) -> str:
    """The rows as CSV (UTF-8, CRLF as RFC 4180), every cell neutralised for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in found:
        cells = [
            row.file,
            row.language,
            row.title,
            row.ctype,
            row.state,
            _pair(row),
            row.review_status,
            row.reviewed_by,
            row.reviewed_on,
            "" if row.age_days is None else str(row.age_days),
            str(row.words),
            " | ".join(row.findings),
        ]
        writer.writerow([spreadsheet.neutralise(cell) for cell in cells])
    return out.getvalue()


# --- HTML --------------------------------------------------------------------------------

# The desk's own texts, per language. Editors read them, not the site's readers, so they are
# kept here and not in data/labels.yml.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Editors' desk",
        "intro": "Every page of the site, as of {date}. Click a column heading to sort; type or choose to filter. "
        "Not published on the site.",
        "filter": "Filter",
        "all": "All",
        "shown": "{shown} of {total} pages shown",
        "file": "File",
        "language": "Language",
        "title_col": "Title",
        "type": "Type",
        "translation": "Translation",
        "pair": "Language pair",
        "review": "Review status",
        "reviewed_by": "Reviewed by",
        "reviewed_on": "Reviewed on",
        "age": "Days since review",
        "words": "Words",
        "findings": "Findings",
        "none": "none",
        "original": "original",
        "translated": "translated",
        "stale": "stale",
        "missing": "missing",
        "other": "Español",
        # The content types (labkb/model/schema.py), by key, as the Type column shows them.
        "type_page": "Page",
        "type_blog_post": "Blog post",
        "type_guidance": "Guidance document",
        "type_case_study": "Case study",
        "type_workshop": "Workshop report",
        "type_event": "Event",
    },
    "es": {
        "title": "Escritorio editorial",
        "intro": "Todas las páginas del sitio, al {date}. Haga clic en el encabezado de una columna para ordenar; "
        "escriba o elija para filtrar. No se publica en el sitio.",
        "filter": "Filtrar",
        "all": "Todos",
        "shown": "Se muestran {shown} de {total} páginas",
        "file": "Archivo",
        "language": "Idioma",
        "title_col": "Título",
        "type": "Tipo",
        "translation": "Traducción",
        "pair": "Par de idiomas",
        "review": "Estado de revisión",
        "reviewed_by": "Revisado por",
        "reviewed_on": "Revisado el",
        "age": "Días desde la revisión",
        "words": "Palabras",
        "findings": "Observaciones",
        "none": "ninguna",
        "original": "original",
        "translated": "traducida",
        "stale": "desactualizada",
        "missing": "falta",
        "other": "English",
        "type_page": "Página",
        "type_blog_post": "Entrada de blog",
        "type_guidance": "Guía",
        "type_case_study": "Estudio de caso",
        "type_workshop": "Informe de taller",
        "type_event": "Evento",
    },
}

_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " \\2191"; }
th[aria-sort="descending"] button::after { content: " \\2193"; }
tr[hidden] { display: none; }
td.num { text-align: right; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; margin: 1rem 0; }
.filters label { display: flex; flex-direction: column; font-size: 0.85rem; font-weight: 700; }
ul.findings { margin: 0; padding-left: 1rem; font-size: 0.85rem; }
"""

# Sorts by a cell's data-sort (numbers as numbers), filters by every select and the text box.
_SCRIPT = """
(function () {
  var table = document.getElementById("desk");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var status = document.getElementById("desk-shown");
  var template = status.getAttribute("data-template");
  function key(row, column) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent : value;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "number";
      rows.sort(function (a, b) {
        var x = key(a, column), y = key(b, column), order;
        if (numeric) {
          x = x === "" ? Infinity : Number(x);
          y = y === "" ? Infinity : Number(y);
          order = x < y ? -1 : x > y ? 1 : 0;
        } else {
          order = x.localeCompare(y);
        }
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = controls.every(function (control) {
        var wanted = control.value.trim().toLowerCase();
        if (!wanted) { return true; }
        var column = control.getAttribute("data-filter");
        if (column === "any") { return row.textContent.toLowerCase().indexOf(wanted) !== -1; }
        return row.getAttribute("data-" + column) === wanted;
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
  }
  controls.forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  })
  apply();
})();
"""

# Filters by a select: (the row attribute, the column's heading key).
_SELECTS = (("type", "type"), ("language", "language"), ("translation", "translation"), ("review", "review"))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def as_html(found: list[Row], language: str, today: dt.date, review_names: dict[str, str]) -> str:
    """One self-contained page in `language` (`review_names`: review status id -> its name)."""
    t = TEXTS[language]
    other = next(lang for lang in PAGES if lang != language)
    headings = [
        ("file", "text"),
        ("language", "text"),
        ("title_col", "text"),
        ("type", "text"),
        ("translation", "text"),
        ("pair", "text"),
        ("review", "text"),
        ("reviewed_by", "text"),
        ("reviewed_on", "text"),
        ("age", "number"),
        ("words", "number"),
        ("findings", "number"),
    ]
    head = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button">{_e(t[name])}</button></th>'
        for name, kind in headings
    )
    body = "".join(_row_html(row, t, review_names) for row in found)
    selects = ""
    for attribute, label in _SELECTS:
        values = sorted({_filter_value(row, attribute) for row in found})
        options = f'<option value="">{_e(t["all"])}</option>' + "".join(
            f'<option value="{_e(v)}">{_e(_shown_value(v, attribute, t, review_names))}</option>' for v in values
        )
        selects += f'<label>{_e(t[label])}<select data-filter="{attribute}">{options}</select></label>'
    policy = (
        f"default-src 'none'; script-src {source_hash(_SCRIPT)}; style-src {source_hash(_STYLE)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        '<meta name="robots" content="noindex">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{_e(t["title"])}</title>'
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>{_e(t['title'])}</h1><p>{_e(t['intro'].format(date=dates.long_date(today, language)))} "
        f'<a href="{_e(PAGES[other])}" hreflang="{other}" lang="{other}">{_e(t["other"])}</a></p>'
        f'<div class="filters"><label>{_e(t["filter"])}<input type="search" data-filter="any"></label>{selects}</div>'
        f'<p id="desk-shown" role="status" data-template="{_e(t["shown"])}"></p>'
        f'<table id="desk"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _filter_value(row: Row, attribute: str) -> str:
    return {
        "type": row.ctype,
        "language": row.language,
        "translation": row.state,
        "review": row.review_status or "none",
    }[attribute]


def _shown_value(value: str, attribute: str, t: dict[str, str], review_names: dict[str, str]) -> str:
    if attribute == "type":
        return type_name(value, t)
    if attribute == "translation":
        return t.get(value, value)
    if attribute == "review":
        return review_names.get(value, t["none"] if value == "none" else value)
    return value


def type_name(key: str, t: dict[str, str]) -> str:
    """A content type's name in the desk's language ('Estudio de caso'), its key if it has none."""
    return t.get(f"type_{key}", key)


def _row_html(row: Row, t: dict[str, str], review_names: dict[str, str]) -> str:
    attributes = "".join(f' data-{a}="{_e(_filter_value(row, a))}"' for a, _ in _SELECTS)
    pair = ", ".join(f"{language}: {t.get(state, state)}" for language, state in row.pair.items())
    review = review_names.get(row.review_status, row.review_status) if row.review_status else ""
    age = "" if row.age_days is None else str(row.age_days)
    findings = (
        '<ul class="findings">' + "".join(f"<li>{_e(f)}</li>" for f in row.findings) + "</ul>" if row.findings else ""
    )
    cells = [
        f"<td>{_e(row.file)}</td>",
        f"<td>{_e(row.language)}</td>",
        f"<td>{_e(row.title)}</td>",
        f"<td>{_e(type_name(row.ctype, t))}</td>",
        f'<td data-sort="{_e(row.state)}">{_e(t.get(row.state, row.state))}</td>',
        f"<td>{_e(pair)}</td>",
        f'<td data-sort="{_e(row.review_status)}">{_e(review)}</td>',
        f"<td>{_e(row.reviewed_by)}</td>",
        f"<td>{_e(row.reviewed_on)}</td>",
        f'<td class="num" data-sort="{age}">{age}</td>',
        f'<td class="num" data-sort="{row.words}">{row.words}</td>',
        f'<td data-sort="{len(row.findings)}">{findings}</td>',
    ]
    return f"<tr{attributes}>{''.join(cells)}</tr>"


def write(corpus: Corpus, today: dt.date) -> list[Path]:
    """Write the desk's pages and CSV into dist/desk/ of the project; returns the files."""
    found = rows(corpus, today)
    folder = corpus.project.root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    names = corpus.regs.vocabularies.get("review_statuses", {})
    written = []
    for language, name in PAGES.items():
        review_names = {status: labels.get(language, status) for status, labels in names.items()}
        path = folder / name
        path.write_text(as_html(found, language, today, review_names), encoding="utf-8")
        written.append(path)
    path = folder / CSV_FILE
    path.write_text(as_csv(found), encoding="utf-8", newline="")
    written.append(path)
    return written
