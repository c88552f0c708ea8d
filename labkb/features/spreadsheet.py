"""Cells that spreadsheets would run as formulas (CSV injection), and how to defuse them.

A spreadsheet that opens a CSV file reads a cell starting with '=', '+', '-' or '@' as a
formula (tab and carriage return can lead into one), so a survey note such as
`=HYPERLINK("http://x","y")` would become a live link or worse in the reader's sheet.
The OWASP rule (https://owasp.org/www-community/attacks/CSV_Injection): such a cell is
written with a single quote before it, which spreadsheets show as text.

- `neutralise` is applied to every cell of every CSV file the project writes: the
  editing sheet (`make survey-export`) and the public download (`survey/survey.csv`).
- `restore` undoes it when the sheet is read back (`make survey-import`), so exporting
  and importing again changes nothing. A cell that already starts with quotes followed
  by a formula character gets one more quote, so `restore` is exact for every text.
- `problem` is the rule for the survey's data: no text starts with a formula character.
  The checker (labkb/features/survey.py) and the import both apply it.
"""

from __future__ import annotations

import re

from labkb.model.messages import Message, msg

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def is_formula(cell: str) -> bool:
    """True when a spreadsheet would read `cell` as (the start of) a formula."""
    return cell[:1] in TRIGGERS if cell else False


def _quoted_formula(cell: str) -> bool:
    """One or more quotes, then a formula character: a neutralised cell (or text that looks like one)."""
    rest = cell.lstrip(QUOTE)
    return rest != cell and is_formula(rest)


def neutralise(cell: str) -> str:
    """`cell` as written in a CSV file: a quote before a formula, so it is shown as text."""
    return QUOTE + cell if is_formula(cell) or _quoted_formula(cell) else cell


def restore(cell: str) -> str:
    """The text `neutralise` was given: removes the one quote it added."""
    return cell[len(QUOTE) :] if _quoted_formula(cell) else cell


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted for a message: shortened, control characters written as escapes."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return "'" + _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), short) + "'"


def problem(text: str) -> Message | None:
    """Why `text` may not be survey data (it starts like a formula), or None."""
    if not is_formula(text):
        return None
    first = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text[0])
    return msg("survey.formula", text=shown(text), first=first)
