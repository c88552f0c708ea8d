"""The offline figures of `make bench`: what a reader saves and downloads, and how long saving takes.

- `saved_sets`: the size (and pages) of each language's "Save for offline use" set, from the
  precache lists a served build writes (labkb.output.precache).
- `one_language_copies`: the offline copy of each language alone (`make offline` makes them
  with `BUILD_ONLY_LOCALE`), built and zipped.
- `save_seconds`: the starter content built as the public site, served on a loopback port,
  and saved for offline use in headless Chromium (Debian's, as the tests and the PDF printer
  use it): the seconds from the click on "Save" to "ready".
Playwright is imported inside `save_seconds` only, as in labkb.output.pdfs.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from labkb.output import bundle, precache
from labkb.output.pdfs import CHROMIUM_ARGS, chromium_path

Build = Callable[[Path, Path, str, dict[str, str] | None], None]  # root, site, config, environment


def saved_sets(site: Path, languages: tuple[str, ...], default: str) -> dict[str, Any]:
    """saved_set_<lang>_bytes and saved_set_<lang>_pages of a served build."""
    figures: dict[str, Any] = {}
    for language in languages:
        root = site if language == default else site / language
        path = root / precache.MANIFEST
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        figures[f"saved_set_{language}_bytes"] = data["size"]
        figures[f"saved_set_{language}_pages"] = data["pages"]
    return figures


def one_language_copies(root: Path, work: Path, languages: tuple[str, ...], build: Build) -> dict[str, int]:
    """offline_zip_<lang>_bytes: each language's offline copy alone, built and zipped."""
    figures = {}
    for language in languages:
        site = work / f"learning-lab-{language}"
        build(root, site, "mkdocs.offline.yml", {"BUILD_ONLY_LOCALE": language})
        figures[f"offline_zip_{language}_bytes"] = bundle.make_zip(site, work / f"learning-lab-offline-{language}.zip")
    return figures


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the stdlib's signature
        pass


def save_seconds(site: Path, language: str, prefix: str, timeout: float = 300.0) -> float:
    """Seconds from the click on "Save for offline use" to "ready", for `language` of a served
    build in `site` (its offline page at <prefix>offline/), on a loopback server."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_context().new_page()
            page.goto(f"{base}{prefix}offline/")
            page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=timeout * 1000)
            if not page.evaluate("navigator.serviceWorker.controller !== null"):
                page.reload()  # a worker that became active after the load controls the page from the next one
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=timeout * 1000)
            started = time.perf_counter()
            page.locator("[data-kb-save-button]").click()
            page.wait_for_selector(f"[data-kb-language={language}][data-kb-state=ready]", timeout=timeout * 1000)
            seconds = time.perf_counter() - started
            browser.close()
        return seconds
    finally:
        server.shutdown()
        server.server_close()
