"""Real headless Chromium (Debian's package) driven by Playwright, and a loopback server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from labkb.output.pdfs import CHROMIUM_ARGS, chromium_path

# Debian's Chromium with the flags this machine's closed network needs (shared with PDF printing).
CHROMIUM = chromium_path()
ARGS = CHROMIUM_ARGS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the stdlib's signature (its parameter is named format)
        pass


@contextmanager
def serve(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `folder` on a free loopback port (with `handler_class`); yields the base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search as a reader does; the result links, once final.

    Material searches on key events (not on a programmatic fill), and re-renders the list
    as each key arrives; result links carry the final query as `?h=`.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    page.wait_for_function(
        "q => document.querySelector(`.md-search-result__item a[href*='h=${q}']`)", arg=query, timeout=30000
    )
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
