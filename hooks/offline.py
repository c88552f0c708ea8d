"""The builds opened from files (`make offline`, `make preview`): search from file:// with no network.

Material's offline plugin would add https://unpkg.com/iframe-worker/shim to every page;
we serve the same shim from the site instead (overrides/assets/vendor/iframe-worker/).
The per-language search_index.js files it needs are written by hooks/search.py.

Material also fetches `sitemap.xml` next to every `<link rel="alternate">` of a page
(to keep readers on the same page when they switch language). In a copy opened from
files those links would point at the public site, so these builds leave them out
(`extra.kb_from_files`, read by overrides/main.html; set here from the build's typed
mode, hooks/_context.py); the switcher's own links are relative and work from files.
"""

from __future__ import annotations

import _context

SHIM = "assets/vendor/iframe-worker/shim.js"


def on_config(config):
    from_files = _context.get().mode.from_files
    if from_files:
        config.extra["polyfills"] = [SHIM]
    config.extra["kb_from_files"] = from_files  # for the templates
    return config
