"""The title of each page as result lists and browser tabs show it (`<title>`).

The pattern, per page type:
- the home page of a language: the site's name in that language, alone;
- every other page: its own title, then " · " and the site's short name (label
  `site_short_name`) when the whole stays within `BUDGET` characters, which result lists show
  whole; a longer title stands alone, never cut (the address and the snippet name the site);
- the page for unknown addresses keeps its own bilingual title (overrides/404.html).

The site's name never appears twice: a page whose title names the site already (its name or
short name) gets no suffix. Titles come in escaped (hooks/sanitize.py escapes every page title) and leave
escaped; lengths are counted on the text a reader sees.
"""

from __future__ import annotations

import html

BUDGET = 60
SEPARATOR = " · "


def html_title(title: str | None, site_name: str, short_name: str, is_home: bool) -> str:
    """The `<title>` text (escaped HTML) of a page titled `title` (escaped HTML)."""
    name = html.escape(site_name, quote=False)
    if is_home or not title:
        return name
    seen = html.unescape(title).strip()
    if site_name in seen or short_name in seen:  # it names the site already
        return title
    short = html.escape(short_name, quote=False)
    whole = f"{title}{SEPARATOR}{short}"
    return whole if len(html.unescape(whole)) <= BUDGET else title
