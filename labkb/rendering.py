"""Markdown fragments the site adds to pages: notices and data tables, per language.

Pure functions of front matter, registries and language; the `hooks/pages.py`
adapter decides where they go.
"""

from __future__ import annotations

import html
from typing import Any

from labkb import dates
from labkb.registries import Registries


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


def review_notice(regs: Registries, language: str) -> str:
    return admonition(
        "note kb-notice-review",
        regs.label("notice_review_title", language),
        regs.label("notice_review", language),
    )


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


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
