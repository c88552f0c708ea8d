"""What "Save for offline use" stores, per language, and the web app manifest of each language.

After a served build (the public site), each language gets `<lang root>/offline-precache.json`:
every file a reader of that language needs with no connection (its pages, including the
guidance, case studies, glossary and survey pages, its search index, its PDFs, and the site's
shared assets), each with a revision (a hash of its bytes) and its size, and a version (a hash
of the whole list). The service worker (overrides/sw.js) stores a version in a cache of its
own and switches to it only once every file has arrived and matched its revision, so a reader
never gets a page of one deploy with the search index of another. Workbox's precaching works
the same way (https://developer.chrome.com/docs/workbox/); this is a small rewrite of its idea,
not its code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "offline-precache.json"  # below each language root
VERSION = "offline-version.json"  # next to it: the version alone, what the worker checks on each visit
WEB_APP_MANIFEST = "manifest.webmanifest"  # below each language root
ICONS = (("assets/images/icon-192.png", 192), ("assets/images/icon-512.png", 512))
REVISION_LENGTH = 16  # hex digits of SHA-256: the service worker checks the same prefix

# Never stored: the zips (a reader who saves the site does not need them), source maps,
# the service worker and the lists themselves, what only crawlers and copies from files use.
_SKIPPED_SUFFIXES = (".zip", ".map", ".gz", ".webmanifest")
_SKIPPED_NAMES = {"sw.js", MANIFEST, VERSION, "sitemap.xml", "robots.txt", "search_index.js"}


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the site root; a folder's index.html as the folder ('es/guidance/')
    revision: str
    size: int

    @property
    def page(self) -> bool:
        return self.url.endswith(("/", ".html")) or self.url == ""


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]


def _url(relative: str) -> str:
    if relative == "index.html":
        return ""
    return relative.removesuffix("index.html") if relative.endswith("/index.html") else relative


LUNR = "assets/javascripts/lunr/"  # Material's search languages: ~0.9 MB, mostly Thai and Japanese


def _lunr_needed(relative: str, languages: tuple[str, ...]) -> bool:
    """Of Material's lunr files, those its search worker loads for the site's languages."""
    wanted = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
    wanted |= {f"min/lunr.{language}.min.js" for language in languages}
    return relative.removeprefix(LUNR) in wanted


def entries(
    site: Path, language: str, languages: tuple[str, ...], default: str, shared: tuple[str, ...] = ()
) -> list[Entry]:
    """The files a reader of `language` saves: below its root (the default language's root is
    the site root, without the other languages' folders), the site's shared assets, and the
    `shared` files every language links at the root (the survey's CSV and JSON downloads)."""
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if path.name in _SKIPPED_NAMES or relative.endswith(_SKIPPED_SUFFIXES) or relative.startswith("downloads/"):
            continue
        if relative.startswith(LUNR) and not _lunr_needed(relative, languages):
            continue
        if language == default:
            wanted = not relative.startswith(others)
        else:
            wanted = relative.startswith((f"{language}/", "assets/")) or relative in shared
        if wanted:
            data = path.read_bytes()
            found.append(Entry(_url(relative), revision(data), len(data)))
    return found


def manifest(language: str, found: list[Entry]) -> dict[str, object]:
    """The precache list as the service worker reads it."""
    version = revision("\n".join(f"{e.url} {e.revision}" for e in found).encode("utf-8"))
    return {
        "version": version,
        "language": language,
        "pages": sum(1 for e in found if e.page),
        "size": sum(e.size for e in found),
        "files": [[e.url, e.revision, e.size] for e in found],
    }


def write(
    site: Path, languages: tuple[str, ...], default: str, shared: tuple[str, ...] = ()
) -> dict[str, dict[str, object]]:
    """Write every language's precache list into the built site; returns them by language.
    `shared`: files at the site root that every language links (see `entries`)."""
    written = {}
    for language in languages:
        root = site if language == default else site / language
        if not root.is_dir():
            continue
        data = manifest(language, entries(site, language, languages, default, shared))
        (root / MANIFEST).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        (root / VERSION).write_text(json.dumps({"version": data["version"]}), encoding="utf-8")
        written[language] = data
    return written


def web_app_manifest(name: str, short_name: str, language: str, to_root: str) -> str:
    """A language's web app manifest (at its language root; `to_root` leads to the site root)."""
    data = {
        "name": name,
        "short_name": short_name,
        "lang": language,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#3f51b5",
        "icons": [
            {"src": f"{to_root}{src}", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for src, size in ICONS
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
