"""MkDocs adapter for the Content Security Policy (labkb.output.csp): one meta tag in every HTML file.

Three kinds of HTML file reach the site, and each gets its policy last, once every other
hook has finished with it:
- pages (`on_post_page`);
- the theme's static templates, such as 404.html (`on_post_template`);
- HTML files that are not pages: the redirect pages and short links of hooks/permalinks.py,
  or any `.html` file a folder holds (`on_files`, after every hook has added its files).

The theme's inline scripts are read from the theme's templates (custom_dir first). Pages
fetch only from their own site ('self'): Material's lookup of sitemap.xml next to each
hreflang link, which read the public address, is switched off (hooks/markup.py). The builds
opened from files (offline copy and preview: hooks/_context.py's BuildMode; hooks/offline.py
sets their shim) add the hash of the script the iframe-worker shim writes into its iframe.
Under `mkdocs serve`, inline scripts are allowed, for its live reload (see labkb.output.csp.policy).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _context
from labkb.output import csp

_trusted: tuple = ()  # the theme's inline scripts, read again for each build (`make serve` sees edits)
_shim: str | None = None  # the iframe-worker shim's code, in the offline build
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"  # its live reload writes an inline script into every page


def _read_shim(config) -> str | None:
    """The iframe-worker shim that the offline build loads (hooks/offline.py), if any."""
    if not _context.get().mode.from_files:
        return None
    shims = [p for p in config.extra.get("polyfills") or [] if "iframe-worker" in str(p)]
    for folder in config.theme.dirs if shims else []:
        path = Path(folder) / shims[0]
        if path.is_file():
            return path.read_text(encoding="utf-8")
    if shims:
        raise PluginError(f"{shims[0]} is not in the theme's folders")
    return None


def _runtime_scripts(output: str) -> list[str]:
    """Inline scripts this page writes at run time: the iframe-worker's, offline only."""
    if not _shim:
        return []
    worker = csp.search_worker(output)
    return [csp.iframe_worker_script(_shim, worker)] if worker else []


def _secure(output: str, config) -> str:
    also = _runtime_scripts(output)
    return csp.secure(output, _trusted, also=also, live_reload=_serving)


@event_priority(-1000)  # last: after every hook has added its files
def on_files(files, config):
    global _trusted, _shim
    _trusted = csp.trusted_scripts(csp.templates_in(config.theme.dirs))
    _shim = _read_shim(config)
    for file in files:
        if file.dest_uri.endswith((".html", ".htm")) and not file.is_documentation_page():
            try:
                text = file.content_string
            except UnicodeDecodeError:
                raise PluginError(f"{file.src_uri}: an HTML file that is not UTF-8 text") from None
            file.content_string = _secure(text, config)
    return files


@event_priority(-1000)  # last: after every hook that edits a page's output
def on_post_page(output, page, config):
    return _secure(output, config)


@event_priority(-1000)
def on_post_template(output_content, template_name, config):
    if template_name.endswith((".html", ".htm")):
        return _secure(output_content, config)
    return output_content
