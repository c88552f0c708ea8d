"""The offline build (`make offline`, KB_OFFLINE=1): search from file:// with no network.

Material's offline plugin would add https://unpkg.com/iframe-worker/shim to every page;
we serve the same shim from the site instead (overrides/assets/vendor/iframe-worker/).
The per-language search_index.js files it needs are written by hooks/search.py.

Material also fetches `sitemap.xml` next to every `<link rel="alternate">` of a page
(to keep readers on the same page when they switch language). In the bundle those
links would point at the public site, so the offline build leaves them out
(`extra.kb_offline`, read by overrides/main.html); the switcher's own links are
relative and work from files.
"""

from __future__ import annotations

import os

SHIM = "assets/vendor/iframe-worker/shim.js"


def on_config(config):
    if os.environ.get("KB_OFFLINE") == "1":
        config.extra["polyfills"] = [SHIM]
        config.extra["kb_offline"] = True
    return config
