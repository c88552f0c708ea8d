"""The offline page, its footer link, the web app manifests and the precache lists of the built
site (`make build`), and the core that makes them (labkb.output.downloads, labkb.output.precache)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from labkb.model.project import Project
from labkb.model.registries import load as load_registries
from labkb.output import downloads, precache
from tests.conftest import REPO, Built

LINK = {"en": "Use this site offline", "es": "Usar este sitio sin conexión"}


def test_every_page_links_the_offline_page_in_its_language(built: Built):
    pages = list(built.site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "location.replace(" in text and "<article" not in text:
            continue  # a redirect page
        language = re.search(r'<html lang="(\w+)"', text)[1]
        link = re.search(r'<div class="kb-offline-link">\s*<a href="([^"]+)">([^<]+)</a>', text)
        assert link, page
        assert link[2] == LINK[language], page
        if page.name != "404.html":
            target = (page.parent / link[1]).resolve()
            assert (target / "index.html").is_file(), (page, link[1])
            assert target == (built.site / ("es/" if language == "es" else "") / "offline").resolve()


def test_the_offline_page_explains_each_system_and_links_no_download_the_build_lacks(built: Built):
    for prefix, words in (("", ("Windows", "macOS", "Linux", "Extract All")), ("es/", ("Windows", "Extraer todo"))):
        page = (built.site / prefix / "offline" / "index.html").read_text(encoding="utf-8")
        for word in words:
            assert word in page
        assert "data-kb-save=" in page  # the served site offers "Save for offline use"
        assert ".zip" not in page  # `make build` publishes no zip, so it links none
    assert not list(built.site.rglob("*.pdf")) and not list(built.site.rglob("*.zip"))
    guide = (built.site / "es" / "guidance" / "risk-based-due-diligence" / "index.html").read_text(encoding="utf-8")
    assert "risk-based-due-diligence.pdf" not in guide and "md-button\" href=" not in guide


def test_web_app_manifest_per_language(built: Built):
    for prefix, language, short in (("", "en", "Learning Lab"), ("es/", "es", "Laboratorio")):
        folder = built.site / prefix
        data = json.loads((folder / precache.WEB_APP_MANIFEST).read_text(encoding="utf-8"))
        assert data["lang"] == language and data["short_name"] == short and data["start_url"] == "./"
        full_name = "Laboratorio Internacional de Aprendizaje" if language == "es" else "Public Procurement"
        assert data["name"].startswith(full_name)
        for icon in data["icons"]:
            assert (folder / icon["src"]).resolve().is_file(), icon
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert '<link rel="manifest" href="manifest.webmanifest">' in home
    names = {json.loads((built.site / p / precache.WEB_APP_MANIFEST).read_text())["name"] for p in ("", "es/")}
    assert len(names) == 2  # each in its language


def test_precache_lists_name_real_files_of_their_language_with_true_revisions(built: Built):
    for language, prefix in (("en", ""), ("es", "es/")):
        data = json.loads((built.site / prefix / precache.MANIFEST).read_text(encoding="utf-8"))
        assert data["language"] == language and data["pages"] > 50
        version = json.loads((built.site / prefix / precache.VERSION).read_text(encoding="utf-8"))
        assert version == {"version": data["version"]}
        urls = [url for url, _, _ in data["files"]]
        assert f"{prefix}search/search_index.json" in urls
        assert f"{prefix}glossary/" in urls and f"{prefix}guidance/risk-based-due-diligence/" in urls
        assert any(u.startswith("assets/javascripts/workers/search.") for u in urls)
        assert "survey/survey.csv" in urls and "survey/survey.json" in urls  # linked by every language
        if language == "es":
            assert all(u.startswith(("es/", "assets/")) or u.endswith((".csv", ".json", ".xml")) for u in urls)
        else:
            assert not any(u.startswith("es/") for u in urls)
        assert not any(u.endswith((".zip", ".map")) or u == "sw.js" for u in urls)
        for url, revision, size in data["files"]:
            path = built.site / (url + "index.html" if url.endswith("/") or url == "" else url)
            body = path.read_bytes()
            assert precache.revision(body) == revision and len(body) == size, url
    assert (built.site / "sw.js").is_file()


# --- the core ------------------------------------------------------------------------------


def test_version_changes_with_any_file_and_only_then(tmp_path: Path):
    site = tmp_path / "site"
    for relative, text in (("index.html", "home"), ("es/index.html", "inicio"), ("assets/a.css", "x{}")):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    first = precache.write(site, ("en", "es"), "en")
    assert [f[0] for f in first["es"]["files"]] == ["assets/a.css", "es/"]
    assert [f[0] for f in first["en"]["files"]] == ["assets/a.css", ""]
    assert precache.write(site, ("en", "es"), "en") == first
    (site / "es" / "index.html").write_text("inicio, cambiado", encoding="utf-8")
    second = precache.write(site, ("en", "es"), "en")
    assert second["es"]["version"] != first["es"]["version"]
    assert second["en"]["version"] == first["en"]["version"]


def test_downloads_record_sizes_dates_and_refuses_missing_files(tmp_path: Path):
    project = Project(tmp_path)
    missing_zip = r"dist/learning-lab-offline.zip is missing: run 'make offline'"
    with pytest.raises(downloads.MissingDownloads, match=missing_zip):
        downloads.record(project, ("en", "es"), "en")
    with pytest.raises(downloads.MissingDownloads, match=r"dist/downloads.json is missing: 'make publish'"):
        downloads.load(project)
    dist = tmp_path / "dist"
    (dist / "offline" / "learning-lab" / "es" / "guidance").mkdir(parents=True)
    for name in ("learning-lab-offline.zip", "learning-lab-offline-en.zip", "learning-lab-offline-es.zip"):
        (dist / name).write_bytes(b"z" * 2_450_000)
    (dist / "offline" / "learning-lab" / "es" / "guidance" / "x.pdf").write_bytes(b"%PDF")
    recorded = downloads.record(project, ("en", "es"), "en", today=dt.date(2026, 12, 1))
    assert downloads.load(project) == recorded
    assert recorded.pdf("es", "guidance/x.md") is not None and recorded.pdf("en", "guidance/x.md") is None
    regs = load_registries(Project(REPO))
    table = downloads.table(recorded, regs, "es", "../../", None)
    assert table.index("learning-lab-offline-es.zip") < table.index("learning-lab-offline.zip")
    assert "<td>2,5 MB</td>" in table and "<td>1 de diciembre de 2026</td>" in table
    assert "El sitio solo en español" in table
    english = downloads.table(recorded, regs, "en", "../", None)
    assert "<td>2.5 MB</td>" in english and english.index("offline-en.zip") < english.index("offline.zip")
    (dist / "learning-lab-offline-es.zip").unlink()
    named = r"learning-lab-offline-es.zip \(named in dist/downloads.json\)"
    with pytest.raises(downloads.MissingDownloads, match=named):
        downloads.load(project)


def test_a_copy_points_at_the_public_site_and_a_plain_build_says_it_has_none():
    regs = load_registries(Project(REPO))
    copy = downloads.table(None, regs, "es", "../", "https://kb.example.org/es/offline/")
    assert '<a href="https://kb.example.org/es/offline/">https://kb.example.org/es/offline/</a>' in copy
    assert "todavía no publica copias" in downloads.table(None, regs, "es", "../", None)
