"""`make publish` as the deploy types it: the offline copies (bilingual, one per language) and
every guidance PDF in both languages, then the public site that publishes and links them, each
download with its size and date on the offline page of each language."""

from __future__ import annotations

import json
import os
import re
import zipfile

from tests.conftest import MAKE_FILES, SITE_FILES, copy_repository, make_as_typed


def test_make_publish_as_typed_publishes_and_links_every_zip_and_pdf(tmp_path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    env = {**os.environ, "SITE_URL": "https://kb.example.org/"}  # as docs/deploy.md types it
    result = make_as_typed(root, "publish", timeout=1500, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert output.count("OK: every link of") == 4  # the three copies, then the published site
    site = root / "site"
    record = json.loads((root / "dist" / "downloads.json").read_text(encoding="utf-8"))
    names = {z["name"]: z for z in record["zips"]}
    assert set(names) == {"learning-lab-offline.zip", "learning-lab-offline-en.zip", "learning-lab-offline-es.zip"}

    # The Spanish copy holds Spanish pages only, at its root, with the Spanish PDFs.
    with zipfile.ZipFile(site / "downloads" / "learning-lab-offline-es.zip") as archive:
        members = archive.namelist()
        home = archive.read("learning-lab-es/index.html").decode("utf-8")
    assert '<html lang="es"' in home
    assert not any(m.startswith(("learning-lab-es/es/", "learning-lab-es/en/")) for m in members)
    assert "learning-lab-es/guidance/risk-based-due-diligence.pdf" in members
    # A copy's offline page sends its reader to the public site for newer copies.
    copy_page = (root / "dist" / "offline" / "learning-lab-es" / "offline" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://kb.example.org/es/offline/"' in copy_page

    # "Save for offline use" stores the language's PDFs too, never the zips.
    saved = json.loads((site / "es" / "offline-precache.json").read_text(encoding="utf-8"))
    urls = [url for url, _, _ in saved["files"]]
    assert "es/guidance/risk-based-due-diligence.pdf" in urls and not any(u.endswith(".zip") for u in urls)

    for language, prefix, size_mark in (("en", "", "."), ("es", "es/", ",")):
        page = (site / prefix / "offline" / "index.html").read_text(encoding="utf-8")
        for name, each in names.items():
            assert (site / "downloads" / name).stat().st_size == each["size"]
            assert f'href="{"../" * (1 + prefix.count("/"))}downloads/{name}"' in page
        assert re.search(rf"<td>\d+\{size_mark}\d MB</td>", page), language
        assert f'<link rel="canonical" href="https://kb.example.org/{prefix}offline/">' in page
        guide = (site / prefix / "guidance" / "risk-based-due-diligence" / "index.html").read_text(encoding="utf-8")
        assert 'href="../risk-based-due-diligence.pdf"' in guide  # the PDF button, online too
        pdf = site / prefix / "guidance" / "risk-based-due-diligence.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert len(record["pdfs"][language]) == len(list((site / prefix / "guidance").glob("*.pdf")))
