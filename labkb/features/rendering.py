"""Markdown fragments the site adds to pages: notices and data tables, per language.

Pure functions of front matter, registries and language; the `hooks/pages.py`
adapter decides where they go.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

from labkb.model import dates
from labkb.model.registries import Registries
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES


def source_item(source: dict[str, Any], regs: Registries, language: str) -> str:
    """One source as an HTML list item: see `source_link`."""
    return f"<li>{source_link(source, regs, language)}</li>"


def source_link(source: dict[str, Any], regs: Registries, language: str) -> str:
    """One source as HTML: its title linked, its pinpoint, and "(en inglés)" when it is written
    in another language than the reader's (its `language`); every value escaped."""
    title = html.escape(str(source.get("title", "")))
    url = html.escape(str(source.get("url", "")), quote=True)
    written = str(source.get("language") or "")
    item = f'<a href="{url}">{title}</a>'
    if source.get("pinpoint"):
        item += f" ({html.escape(str(source['pinpoint']))})"
    if written and written != language and written in LANGUAGES:
        name = regs.label(f"language_name_{written}", language)
        item += " " + html.escape(regs.label("search_in_language", language, language=name))
    return item


def sources_block(sources: object, regs: Registries, language: str) -> str:
    """The `sources` of a page's front matter as a "Sources" section (HTML), or nothing."""
    if not isinstance(sources, list) or not sources:
        return ""
    items = "".join(source_item(s, regs, language) for s in sources if isinstance(s, dict))
    heading = html.escape(regs.label("case_sources", language))
    return f'\n<h2 id="kb-sources">{heading}</h2>\n<ul class="kb-sources">{items}</ul>\n'


def admonition(kind: str, title: str, text: str) -> str:
    body = "\n".join("    " + line for line in text.splitlines())
    return f'!!! {kind} "{title}"\n\n{body}\n\n'


def missing_notice(regs: Registries, language: str, original_language: str) -> str:
    name = regs.label(f"language_name_{original_language}", language)
    return admonition(
        "info kb-notice-missing",
        regs.label("notice_missing_title", language),
        regs.label("notice_missing", language, language=name),
    )


def stale_notice(regs: Registries, language: str, original_language: str, link: str) -> str:
    name = regs.label(f"language_name_{original_language}", language)
    return admonition(
        "warning kb-notice-stale",
        regs.label("notice_stale_title", language),
        regs.label("notice_stale", language, language=name)
        + f' <a href="{html.escape(link)}">{html.escape(regs.label("notice_stale_link", language))}</a>.',
    )


NEEDS_REVIEW, REVIEWED = "needs-review", "reviewed"


def review_status(meta: dict[str, Any], regs: Registries, language: str) -> str | None:
    """A page's review status as readers of `language` see it, the same everywhere (the page's
    notice, listings, a case study's facts, feeds): "Awaiting editorial review", never with a
    date; "Reviewed by NAME on DATE" (NAME from data/authors.yml in that language); None when
    the page has no `review_status`."""
    status = meta.get("review_status")
    if status == NEEDS_REVIEW:
        return regs.label("notice_review_title", language)
    if status == REVIEWED:
        by, on = meta.get("reviewed_by"), meta.get("last_reviewed")
        day = _date(on)
        if by and day:
            name = regs.author_name(str(by), language)
            return regs.label("notice_reviewed", language, name=name, date=dates.long_date(day, language))
        return regs.term("review_statuses", REVIEWED, language)  # the checker asks for both fields
    return None


def _date(value: object) -> str | None:
    try:
        return dates.parse(str(value)).isoformat() if value else None
    except ValueError:
        return None


def review_notice(meta: dict[str, Any], regs: Registries, language: str) -> str:
    """The page's one status notice, as HTML for the top of its content ('' when it has no
    status). Marked `data-search-exclude`, so Material's search never indexes it: the first
    words a search result shows are the page's own. Every text is escaped here."""
    status = review_status(meta, regs, language)
    if status is None:
        return ""
    if meta.get("review_status") == NEEDS_REVIEW:
        body = f"<p>{html.escape(regs.label('notice_review', language))}</p>"
        kind = "note kb-notice-review"
    else:
        body, kind = "", "success kb-notice-reviewed"
    return (
        f'<div class="admonition {kind}" data-search-exclude>'
        f'<p class="admonition-title">{html.escape(status)}</p>{body}</div>\n'
    )


def _cell(text: Any) -> str:
    """A table cell's Markdown: on one line, each '|' escaped (and each backslash before it, so
    'a \\| b' keeps its backslash and stays in its cell)."""
    one_line = re.sub(r"\r\n?|\n", " ", str(text))
    return re.sub(r"(\\*)\|", lambda m: m.group(1) * 2 + "\\|", one_line)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def workshop_facts(meta: dict[str, Any], regs: Registries, language: str) -> str:
    label = regs.label
    return (
        f"- **{label('workshop_date', language)}:** {dates.long_date(meta['date'], language)}\n"
        f"- **{label('workshop_location', language)}:** {meta['location']}\n"
        f"- **{label('workshop_organisers', language)}:** {'; '.join(meta['organisers'])}\n\n"
    )


def workshop_data(meta: dict[str, Any], regs: Registries, language: str) -> str:
    label = regs.label
    out = []
    if meta.get("programme"):
        out.append(f"## {label('workshop_programme', language)}\n")
        out.append(
            table(
                [
                    label("programme_time", language),
                    label("programme_session", language),
                    label("programme_speakers", language),
                ],
                [[s["time"], s["title"], "; ".join(s.get("speakers") or []) or "—"] for s in meta["programme"]],
            )
        )
    if meta.get("institutions"):
        out.append(f"\n## {label('workshop_institutions', language)}\n")
        out.append(
            table(
                [label("institution_name", language), label("institution_country", language)],
                [[i["name"], i.get("country") or "—"] for i in meta["institutions"]],
            )
        )
    return "\n".join(out)


def event_facts(meta: dict[str, Any], regs: Registries, language: str) -> str:
    label = regs.label
    when = dates.date_range(meta["start"], meta["end"], language)
    return (
        f"- **{label('event_when', language)}:** {when}\n"
        f"- **{label('workshop_location', language)}:** {meta['location']}\n"
        f"- **{label('event_link', language)}:** <{meta['link']}>\n\n"
    )


def not_found(
    regs: Registries,
    site_url: str | None,
    languages: tuple[str, ...] = LANGUAGES,
    default: str = DEFAULT_LANGUAGE,
) -> list[dict[str, str]]:
    """The 404 page's text in every language, the default first, for overrides/404.html
    (`kb_not_found`): `lang`, `title`, `text`, `link` (that language's home page, an absolute
    address: the page is served at any depth), `home` (the link's text) and `search` (the
    text after the link). Plain text from data/labels.yml (not_found_*): the template escapes it."""
    base = site_url or "/"
    base = base if base.endswith("/") else base + "/"
    return [
        {
            "lang": language,
            "title": regs.label("not_found_title", language),
            "text": regs.label("not_found_text", language),
            "link": base + ("" if language == default else f"{language}/"),
            "home": regs.label("not_found_home", language),
            "search": regs.label("not_found_search", language),
        }
        for language in languages
    ]


def generated_page(title: str, description: str, body: str = "") -> str:
    """The Markdown of a page the site makes: front matter written by YAML's own writer
    (any title is quoted as YAML needs), then the body."""
    front = yaml.safe_dump(
        {"title": title, "description": description}, allow_unicode=True, sort_keys=False, width=10_000
    )
    return f"---\n{front}---\n" + (f"\n{body}\n" if body else "")


def pdf_button(file_name: str, label: str) -> str:
    """The link to a guidance document's PDF, next to its page (the offline copy)."""
    return f'<p><a class="md-button" href="{html.escape(file_name)}" download>{html.escape(label)}</a></p>\n'
