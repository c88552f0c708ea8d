"""PDFs of the guidance for the offline bundle, printed by headless Chromium.

Each guidance document of each language is opened from the built folder (file://)
and printed with the site's print styles (no navigation, link targets shown) to a PDF
next to its page. The pages link to them (hooks/pages.py, offline build only).
Playwright is imported here only, so the rest of the core never needs a browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """Debian's Chromium (`make browser` installs it)."""
    return shutil.which("chromium") or "/usr/bin/chromium"


def pdf_name(page_path: str) -> str:
    """Where the PDF of a guidance page goes, below the language root: guidance/<slug>.pdf."""
    return page_path.removesuffix(".md") + ".pdf"


def guidance_pages(project_content: Path) -> list[str]:
    """Page paths of the guidance documents (in any language), e.g. guidance/x.md."""
    found = set()
    for language in LANGUAGES:
        folder = project_content / language / "guidance"
        if folder.is_dir():
            found |= {f"guidance/{p.name}" for p in folder.glob("*.md") if p.name != "index.md"}
    return sorted(found)


def print_guidance(site: Path, page_paths: list[str], chromium: str | None = None) -> list[Path]:
    """Print every guidance page of a no-directory-URL build to PDF; returns the PDFs."""
    from playwright.sync_api import sync_playwright

    executable = chromium or chromium_path()
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for language in LANGUAGES:
            prefix = site if language == DEFAULT_LANGUAGE else site / language
            for page_path in page_paths:
                html = prefix / (page_path.removesuffix(".md") + ".html")
                if not html.is_file():
                    continue
                page.goto(html.as_uri())
                target = prefix / pdf_name(page_path)
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                )
                written.append(target)
        browser.close()
    return written
