"""Reading with no connection: the copies opened from files, the downloads, "Save for offline use".

The builds opened from files (`make offline`, `make preview`): Material's offline plugin would
add https://unpkg.com/iframe-worker/shim to every page; we serve the same shim from the site
instead (overrides/assets/vendor/iframe-worker/). The per-language search_index.js files it
needs are written by hooks/search.py. Material also fetches `sitemap.xml` next to every
`<link rel="alternate">` of a page; in a copy opened from files those links would point at the
public site, so these builds leave them out (`extra.kb_from_files`, read by overrides/main.html;
set here from the build's typed mode, hooks/_context.py).

Every build: the offline page (content/<lang>/offline/index.md) gets its downloads table and,
on a served site, the "Save for offline use" button (labkb.output.downloads); every page links
it from its footer (overrides/partials/copyright.html), in its language.

The publish build (`make publish`) also publishes the zips and PDFs `make offline` made.
Served builds get a web app manifest per language and, per language, the list of files the
service worker (overrides/sw.js) stores (labkb.output.precache).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _context
from labkb.model.schema import DEFAULT_LANGUAGE
from labkb.output import downloads, precache

SHIM = "assets/vendor/iframe-worker/shim.js"
_names: dict[str, str] = {}  # language -> the site's name in it, for the web app manifests


def on_config(config):
    from_files = _context.get().mode.from_files
    if from_files:
        config.extra["polyfills"] = [SHIM]
    config.extra["kb_from_files"] = from_files  # for the templates
    return config


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    """The publish build: the language's guidance PDFs next to their pages, the zips once."""
    build = _context.get()
    published = build.downloads
    if published is None:
        return files
    root = build.project.root
    for page_path, pdf in published.pdfs.get(build.language, {}).items():
        dest = downloads.pdf_path(page_path, build.prefix())
        files.append(File.generated(config, dest, abs_src_path=str(root / pdf.source)))
    if build.language == build.default:
        for each in published.zips:
            dest = f"{downloads.FOLDER}/{each.name}"
            files.append(File.generated(config, dest, abs_src_path=str(root / each.source)))
    return files


def _page_path(page) -> str:
    return getattr(page.file, "norm_src_uri", page.file.src_uri)


def on_page_content(html, page, config, files):
    """The offline page: "Save for offline use" (served builds) and the downloads, before its text."""
    if _page_path(page) != downloads.PAGE:
        return html
    build = _context.get()
    language, regs = build.language, build.regs
    marker = f"{downloads.FOLDER}/x"
    to_root = get_relative_url(marker, page.url).removesuffix(marker)
    public = None
    if build.mode.from_files:  # a copy: where the newest copies are
        prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
        public = f"{build.site_url}{prefix}offline/"
    parts = []
    if build.mode.served:
        manifest = get_relative_url(build.prefix() + precache.MANIFEST, page.url)
        parts.append(downloads.save_block(regs, language, manifest))
    parts.append(downloads.table(build.downloads, regs, language, to_root, public))
    generated = "\n".join(parts)
    at = html.find("<h2")
    return html + generated if at < 0 else html[:at] + generated + html[at:]


def on_page_context(context, page, config, nav):
    """The footer link to the offline page, and the web app manifest of a served build."""
    build = _context.get()
    _names[build.language] = config.site_name  # this language's (static-i18n sets it per build)
    url = get_relative_url(build.url_of(downloads.PAGE), page.url)
    context["kb_offline"] = {"url": url, "label": build.regs.label("offline_link", build.language)}
    if build.mode.served:
        context["kb_manifest"] = get_relative_url(build.prefix() + precache.WEB_APP_MANIFEST, page.url)
    return context


def on_template_context(context, template_name, config):
    """The 404 page is served at any depth: its footer link is absolute."""
    if template_name == "404.html":
        build = _context.get()
        link = build.site_url + build.url_of(downloads.PAGE)
        context["kb_offline"] = {"url": link, "label": build.regs.label("offline_link", build.language)}
    return context


@event_priority(-300)
def on_post_build(config):
    """Served builds: this language's web app manifest; once every language is built, what
    "Save for offline use" stores for each (after hooks/search.py has split the index: -200)."""
    build = _context.get()
    if not build.mode.served:
        return
    site = Path(build.site_dir)
    # static-i18n builds the other languages inside the default's post_build: the outer call
    # (every language built) is the default language's, with its configuration.
    language = build.default if build.every_language_built else build.language
    folder = site / build.prefix(language)
    folder.mkdir(parents=True, exist_ok=True)
    to_root = "../" * build.prefix(language).count("/")
    name, short = _names.get(language, config.site_name), build.regs.label("app_short_name", language)
    text = precache.web_app_manifest(name, short, language, to_root)
    (folder / precache.WEB_APP_MANIFEST).write_text(text, encoding="utf-8")
    if build.every_language_built:
        # The downloads generated once, at the root, that every language's pages link (the survey's data).
        shared = tuple(g.path for g in build.generated if g.download)
        precache.write(site, build.built_languages, build.default, shared)
