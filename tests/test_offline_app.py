"""The installable offline web app, in real Chromium over HTTP: "Save for offline use" on /es/,
then the network cut; then a new deploy taken on the next visit online, with no mixed version.

The site is built as the public site is (real plugins, strict), with a site address below a
path (`/learning-lab/`), and served at that path on a loopback server.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from labkb.output import precache
from tests.browser import ARGS, CHROMIUM, search, serve
from tests.conftest import ENV, MKDOCS, SITE_FILES, copy_repository

PATH = "learning-lab"
STATE = """async () => {
  const cache = await caches.open("kb-meta");
  const found = await cache.match(new URL("/learning-lab/__kb-offline-state", location.href).href);
  return found ? await found.json() : null;
}"""
SAVED_CACHES = "async () => (await caches.keys()).filter(name => name.startsWith('kb-saved-'))"


def _build(root: Path, www: Path, address: str) -> None:
    """Build the site as the public one, with its address (`SITE_URL`) where it is served."""
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "--site-dir", str(www / PATH)],
        cwd=root,
        env={**ENV, "SITE_URL": f"{address}{PATH}/"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _wait(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("timed out")


def test_save_for_offline_use_then_read_search_tick_offline_and_update_atomically(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*SITE_FILES, "content"))
    www = tmp_path / "www"
    www.mkdir()
    site = www / PATH
    requests: list[str] = []
    with serve(www) as address, sync_playwright() as playwright:
        _build(root, www, address)
        listed = json.loads((site / "es" / precache.MANIFEST).read_text(encoding="utf-8"))
        pages = (site / "es" / "guidance").glob("*/index.html")
        guidance = sorted(p.parent.name for p in pages if p.parent.name != "stages")
        cases = sorted(p.parent.name for p in (site / "es" / "case-studies").glob("*/index.html"))
        assert len(guidance) >= 3 and cases
        base = f"{address}{PATH}/"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        refused: list[str] = []  # the Content Security Policy allows the worker, its script and the manifest
        page.on("console", lambda message: refused.extend([message.text] if "Content Security" in message.text else []))

        # Online: /es/, then the footer link to the offline page, then "Guardar para usar sin conexión".
        page.goto(base + "es/")
        page.get_by_role("link", name="Usar este sitio sin conexión").last.click()
        page.wait_for_url(base + "es/offline/")
        status = page.locator("[data-kb-save-status]")
        assert "Todavía no se guardó" in _wait(status.text_content)
        # Installable: Chromium finds nothing missing in the site (manifest, icons, start address, worker).
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        devtools = context.new_cdp_session(page)
        errors = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []  # a test browser's profile
        manifest = devtools.send("Page.getAppManifest")
        assert manifest["url"] == base + "es/manifest.webmanifest" and not manifest["errors"]
        page.evaluate("""() => {
          window.kbSeen = [];
          const status = document.querySelector("[data-kb-save-status]");
          new MutationObserver(() => window.kbSeen.push(status.textContent)).observe(status, {childList: true});
        }""")
        page.get_by_role("button", name="Guardar para usar sin conexión").click()
        page.wait_for_selector("[data-kb-state=ready]", timeout=120000)
        ready = status.text_content() or ""
        seen = page.evaluate("window.kbSeen")
        progress = rf"Guardando: \d+ de {listed['pages']} páginas, \d+,\d de \d+,\d MB\."
        assert any(re.fullmatch(progress, text) for text in seen), seen[:3]
        assert f"Guardando: {listed['pages']} de {listed['pages']} páginas" in " ".join(seen)
        # In Spanish: the date as Spanish writes it, the size with a decimal comma.
        expected = rf"Guardado el \d{{1,2}} de \w+ de \d{{4}}: {listed['pages']} páginas, \d+,\d MB"
        assert re.search(expected, ready), ready
        first = page.evaluate(STATE)["languages"]["es"]
        assert first["version"] == listed["version"]

        # A page outside the saved set (English), read online, is kept as read.
        page.goto(base + "about/")
        assert page.locator("html").get_attribute("lang") == "en"

        # The network cut: pages, search and checklists still work, from the saved copy.
        context.set_offline(True)
        response = page.goto(base + "about/")
        assert response is not None and response.ok and page.locator("html").get_attribute("lang") == "en"
        other = context.new_page()
        with pytest.raises(PlaywrightError):  # an English page never read: not there with no network
            other.goto(base + "events/")
        other.close()
        for address_path in [
            *(f"es/guidance/{slug}/" for slug in guidance[:3]),
            f"es/case-studies/{cases[0]}/",
            "es/glossary/",
        ]:
            response = page.goto(base + address_path)
            assert response is not None and response.ok, address_path
            assert page.locator("html").get_attribute("lang") == "es"
            assert page.locator("h1").count() == 1, address_path
        results = search(page, "contratacion")
        assert results and all(href.startswith(base + "es/") for href in results), results
        page.goto(results[0])
        assert page.locator("html").get_attribute("lang") == "es"

        checklist = f"es/guidance/{guidance[0]}/"
        page.goto(base + checklist)
        boxes = page.locator("article .task-list-item input[type=checkbox]")
        assert not boxes.first.is_checked()
        boxes.first.focus()
        page.keyboard.press("Space")  # as a reader ticks it (the indicator covers the box itself)
        page.reload()
        assert page.locator("article .task-list-item input[type=checkbox]").first.is_checked()

        # A new deploy, with one page changed, into the folder being served.
        source = root / "content" / "es" / "guidance" / f"{guidance[1]}.md"
        source.write_text(
            source.read_text(encoding="utf-8") + "\n\nPárrafo nuevo: ornitorrinco de la versión dos.\n",
            encoding="utf-8",
        )
        _build(root, www, address)
        second = json.loads((site / "es" / precache.MANIFEST).read_text(encoding="utf-8"))
        assert second["version"] != first["version"]

        # Back online: the next visit takes the new version, whole, then the old one is gone.
        context.set_offline(False)
        page.goto(base + "es/")
        _wait(lambda: (page.evaluate(STATE) or {})["languages"]["es"]["version"] == second["version"])
        assert page.evaluate(SAVED_CACHES) == [f"kb-saved-es-{second['version']}"]
        context.set_offline(True)
        page.goto(base + f"es/guidance/{guidance[1]}/")
        assert "ornitorrinco de la versión dos" in page.locator("article").inner_text()
        found = search(page, "ornitorrinco")  # the search index of the same version as the page
        assert any(f"guidance/{guidance[1]}/" in href for href in found), found
        page.goto(base + "es/offline/")
        assert "Guardado el" in _wait(status.text_content)
        browser.close()

    assert refused == []
    others = sorted({urlsplit(url).netloc for url in requests if urlsplit(url).netloc != urlsplit(address).netloc})
    assert others == [], [url for url in requests if urlsplit(url).netloc in others]


def test_no_service_worker_from_files(offline_built: Path):
    """The copy opened from files registers no service worker, and its offline page shows the
    download instructions without a "Save" button that could not work there."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((offline_built / "es" / "offline" / "index.html").as_uri())
        # No worker controls the page (file:// has no origin a worker could register for).
        assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
        assert page.locator("[data-kb-save]").count() == 0
        assert page.get_by_text("Windows").count() >= 1
        browser.close()
    assert errors == []
    assert not (offline_built / precache.MANIFEST).exists()


def test_an_incomplete_save_keeps_nothing_and_says_so(tmp_path):
    """A file of the list that cannot be fetched (here: removed after the build) stops the save:
    the status says so in the reader's language, no version becomes the copy, nothing is kept."""
    root = copy_repository(tmp_path / "checkout", (*SITE_FILES, "content"))
    www = tmp_path / "www"
    www.mkdir()
    with serve(www) as address, sync_playwright() as playwright:
        _build(root, www, address)
        (www / PATH / "es" / "glossary" / "index.html").unlink()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context().new_page()
        page.goto(f"{address}{PATH}/es/offline/")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.get_by_role("button", name="Guardar para usar sin conexión").click()
        page.wait_for_selector("[data-kb-state=failed]", timeout=120000)
        assert "El guardado se detuvo antes de terminar" in (page.locator("[data-kb-save-status]").text_content() or "")
        _wait(lambda: page.evaluate(SAVED_CACHES) == [])
        assert page.evaluate(STATE) is None
        assert page.get_by_role("button", name="Guardar para usar sin conexión").is_enabled()  # try again
        browser.close()
