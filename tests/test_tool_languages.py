"""The messages of the editors' tools in the language asked for (`KB_LANG=es`, `--lang es`),
run as typed from the root of a copy of the repository: `make survey-export`,
`make survey-import`, `make translations`, `make translations-refresh`, `make urls`, ...
Each is checked in Spanish and in English (the default)."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MAKE_FILES, SITE_FILES, copy_repository, make_as_typed


def _run(root: Path, *arguments: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """(exit code, stdout and stderr) of `make ARGUMENTS`, as typed; never a traceback."""
    result = make_as_typed(root, *arguments, timeout=600, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output


def _spoil(sheet: Path) -> int:
    """Write a wrong answer ('yse') into the sheet's first row; returns that row's number."""
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    rows[0]["answer"] = "yse"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    return 2


def test_survey_export_and_import_speak_the_language_asked_for(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES))
    folder = root / "data" / "survey" / "jurisdictions"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yml")}

    code, output = _run(root, "survey-export", "KB_LANG=es")
    assert code == 0, output
    assert "OK: se escribió dist/survey-editing.csv (" in output
    assert "guárdelo como CSV (UTF-8) y luego ejecute «make survey-import»." in output
    code, output = _run(root, "survey-import", "KB_LANG=es")
    assert code == 0, output
    assert "OK: se modificaron 0 archivo(s) de jurisdicción." in output

    row = _spoil(root / "dist" / "survey-editing.csv")
    code, output = _run(root, "survey-import", "KB_LANG=es")
    assert code != 0
    assert (
        f"dist/survey-editing.csv: fila {row}, columna «answer»: «yse» no es un valor de la escala "
        "(yes, partly, no, unknown) (¿quiso decir 'yes'?)"
    ) in output
    assert "1 problema(s): no se escribió nada." in output
    # KB_LANG in the environment, as `KB_LANG=es make survey-import` sets it, works the same.
    code, output = _run(root, "survey-import", env={**os.environ, "KB_LANG": "es"})
    assert code != 0 and "1 problema(s): no se escribió nada." in output
    # English by default.
    env = {k: v for k, v in os.environ.items() if k != "KB_LANG"}
    code, output = _run(root, "survey-import", env=env)
    assert code != 0
    assert f"dist/survey-editing.csv: row {row}, column 'answer': 'yse' is not on the scale" in output
    assert "1 problem(s): nothing was written." in output
    assert {p.name: p.read_bytes() for p in folder.glob("*.yml")} == before

    (root / "dist" / "survey-editing.csv").unlink()
    code, output = _run(root, "survey-import", "KB_LANG=es")
    assert code != 0
    assert "dist/survey-editing.csv: el archivo no existe (ejecute primero «make survey-export»)" in output


def test_an_unknown_kb_lang_is_refused_with_the_languages_to_choose(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES))
    code, output = _run(root, "survey-export", "KB_LANG=fr")
    assert code != 0
    assert "KB_LANG must be one of: en, es (found 'fr')" in output


def test_translations_and_their_refresh_speak_the_language_asked_for_or_the_files(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    about_en = root / "content/en/about/index.md"
    about_en.write_text(about_en.read_text(encoding="utf-8") + "\nA new paragraph in the original.\n", encoding="utf-8")
    (root / "content/es/projects/index.md").unlink()

    code, output = _run(root, "translations", "KB_LANG=es")
    assert code == 0, output
    lines = output.splitlines()
    assert ["página", "en", "es"] in [line.split() for line in lines]
    assert next(line for line in lines if line.startswith("about/index.md")).split()[1:] == [
        "original",
        "desactualizada",
    ]
    projects = next(line for line in lines if line.startswith("projects/index.md"))
    assert projects.split()[1:] == ["original", "falta"]
    assert "páginas: " in output and " traducidas, 1 desactualizadas, 1 faltantes." in output
    advice = "Desactualizada: actualice la traducción y luego ejecute «make translations-refresh PATHS=<archivo>»."
    assert advice in output
    code, output = _run(root, "translations")
    assert code == 0 and " translated, 1 stale, 1 missing." in output
    assert "Stale: update the translation, then 'make translations-refresh PATHS=<file>'." in output

    # A Spanish file: Spanish messages, without KB_LANG.
    code, output = _run(root, "translations-refresh", "PATHS=content/es/about/index.md")
    assert code == 0, output
    assert "content/es/about/index.md: registrada como al día" in output
    assert "OK: 1 traducción(es) registrada(s) como al día." in output
    code, output = _run(root, "translations-refresh", "PATHS=content/es/about/index.md", "KB_LANG=en")
    assert code == 0 and "OK: 1 translation(s) recorded as current." in output
    # An original is not a translation: said in its file's language, or in the one asked for.
    code, output = _run(root, "translations-refresh", "PATHS=content/en/about/index.md")
    assert code != 0 and "not a translation (no 'translation_of' key): nothing to refresh" in output
    code, output = _run(root, "translations-refresh", "PATHS=content/en/about/index.md", "KB_LANG=es")
    assert code != 0 and "no es una traducción (no tiene la clave 'translation_of')" in output
    code, output = _run(root, "translations-refresh", "PATHS=content/es/nothing.md")
    assert code != 0 and "content/es/nothing.md: el archivo no existe" in output


def test_urls_speaks_the_language_asked_for(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    manifest = root / "data" / "urls.txt"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("/about/\n", "", 1), encoding="utf-8")
    code, output = _run(root, "urls", "KB_LANG=es")
    assert code == 0, output
    assert "se registró /about/" in output
    assert "OK: se registraron 1 dirección(es) nueva(s) en data/urls.txt." in output
    code, output = _run(root, "urls")
    assert code == 0 and "OK: 0 new address(es) recorded in data/urls.txt." in output


def _kb(root: Path, *arguments: str, language: str | None) -> tuple[int, str]:
    """`scripts/kb.py ARGUMENTS` as the Makefile runs it, with KB_LANG set (or not), from `root`."""
    env = {k: v for k, v in os.environ.items() if k != "KB_LANG"}
    if language:
        env["KB_LANG"] = language
    result = subprocess.run(
        [sys.executable, "scripts/kb.py", *arguments], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output


def _page(folder: Path, relative: str, body: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_the_link_check_says_each_page_in_its_language_or_the_one_asked_for(tmp_path: Path):
    """The problems of `make linkcheck` (`kb.py links`, which `make preview`, `make offline` and
    `make publish` also run) on a small built folder: a page below es/ is said in Spanish."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES))
    site = root / "site"
    _page(site, "index.html", '<a href="gone/">x</a>')
    _page(site, "es/index.html", '<a href="../index.html#nadie">x</a><img src="logo.png" alt="">')
    code, output = _kb(root, "links", "site", language=None)
    assert code == 1
    assert "index.html: <a> points to 'gone/', which does not exist" in output
    assert "es/index.html: '../index.html#nadie' apunta a un ancla que no existe, «#nadie»" in output
    assert "es/index.html: <img> apunta a 'logo.png', que no existe" in output
    assert "3 broken link(s)." in output
    code, output = _kb(root, "links", "site", language="es")
    assert "index.html: <a> apunta a 'gone/', que no existe" in output
    assert "3 enlace(s) roto(s)." in output
    code, output = _kb(root, "links", "nothing", language="es")
    assert code == 2 and "nothing: no es un sitio construido (ejecute primero «make build»)" in output


def test_bundle_and_pdfs_speak_the_language_asked_for(tmp_path: Path):
    """`kb.py bundle` and `kb.py pdfs --copy-from` as `make offline` runs them, with KB_LANG=es."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES))
    bilingual, single = root / "dist/offline/learning-lab", root / "dist/offline/learning-lab-es"
    _page(bilingual, "index.html", "Home")
    _page(single, "index.html", "Inicio")
    code, output = _kb(
        root, "pdfs", "dist/offline/learning-lab-es", "--copy-from", str(bilingual), "--language", "es", language="es"
    )
    assert code == 1 and "no hay ningún PDF para copiar; imprímalos primero («kb pdfs " in output
    (bilingual / "es" / "guidance").mkdir(parents=True)
    (bilingual / "es" / "guidance" / "guia.pdf").write_bytes(b"%PDF-1.4\n")
    arguments = ("pdfs", "dist/offline/learning-lab-es", "--copy-from", str(bilingual), "--language", "es")
    code, output = _kb(root, *arguments, language="es")
    assert code == 0, output
    assert "OK: se copiaron 1 PDF de las guías en español a dist/offline/learning-lab-es." in output
    code, output = _kb(root, *arguments, language=None)
    assert "OK: 1 guidance PDF(s) in Spanish copied into dist/offline/learning-lab-es." in output

    code, output = _kb(root, "pdfs", "dist/offline/nothing", language="es")
    assert code == 2 and "dist/offline/nothing: no es un sitio construido (no tiene index.html)" in output

    code, output = _kb(root, "bundle", "dist/offline/learning-lab-es", "dist/es.zip", language="es")
    assert code == 0, output
    assert re.search(
        r"^OK: dist/es\.zip \(\d+,\d MB\)\. Descomprímalo y abra learning-lab-es/index\.html en un navegador; "
        r"no hace falta conexión\.$",
        output,
        re.MULTILINE,
    ), output
    code, output = _kb(root, "bundle", "dist/offline/learning-lab-es", "dist/es.zip", language=None)
    assert re.search(r"^OK: dist/es\.zip \(\d+\.\d MB\)\. Unzip it", output, re.MULTILINE), output
    code, output = _kb(root, "bundle", "dist/nothing", "dist/x.zip", language="es")
    assert code == 2 and "dist/nothing: no es un sitio construido (no tiene index.html)" in output
    assert not (root / "dist" / "x.zip").exists()


@pytest.mark.build  # `make linkcheck` builds the site
def test_make_linkcheck_as_typed_says_its_result_in_spanish(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    code, output = _run(root, "linkcheck", "KB_LANG=es")
    assert code == 0, output[-3000:]
    assert re.search(r"^OK: todos los enlaces de las \d+ páginas de site funcionan\.$", output, re.MULTILINE)


def test_make_check_writes_numbers_as_each_language_does(tmp_path: Path):
    """`make check` on a Spanish and an English post of 1100 words: '1.100' and '1.000' in Spanish,
    '1,100' and '1,000' in English (every number of a message, in one place: labkb/model/messages.py)."""
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    for language in ("en", "es"):
        post = root / "content" / language / "blog" / "americas-initiative.md"
        post.write_text(post.read_text(encoding="utf-8") + "\n" + "palabra " * 1100 + "\n", encoding="utf-8")
    paths = "PATHS=content/es/blog/americas-initiative.md content/en/blog/americas-initiative.md"
    code, output = _run(root, "check", paths)
    assert code != 0
    assert re.search(
        r"content/es/blog/americas-initiative\.md:\d+: el texto tiene 1\.\d{3} palabras; una entrada de "
        r"blog tiene entre 300 y 1\.000 palabras: acórtelo",
        output,
    ), output
    assert re.search(
        r"content/en/blog/americas-initiative\.md:\d+: the body has 1,\d{3} words; a blog post has "
        r"300 to 1,000 words: shorten it",
        output,
    ), output


def test_the_desk_names_each_type_in_its_page_language_and_speaks_kb_lang(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    code, output = _run(root, "desk", "KB_LANG=es")
    assert code == 0, output
    assert "se escribió dist/desk/es.html" in output
    assert re.search(
        r"^OK: el escritorio editorial incluye \d+ archivo\(s\) de página; abra dist/desk/es\.html", output, re.M
    )
    spanish = (root / "dist/desk/es.html").read_text(encoding="utf-8")
    english = (root / "dist/desk/index.html").read_text(encoding="utf-8")
    assert "<td>Estudio de caso</td>" in spanish and "<td>Guía</td>" in spanish and "<td>Página</td>" in spanish
    assert '<option value="case_study">Estudio de caso</option>' in spanish  # the filter, by name
    assert "<td>Case study</td>" in english and '<option value="case_study">Case study</option>' in english
    assert "<td>case_study</td>" not in spanish + english
    code, output = _run(root, "desk")
    assert code == 0 and "OK: the editors' desk lists" in output


def test_every_content_type_has_a_name_in_every_language_of_the_desk():
    from labkb.features import desk
    from labkb.model import schema

    keys = {value.key for value in vars(schema).values() if isinstance(value, schema.ContentType)}
    assert len(keys) >= 6
    for language, texts in desk.TEXTS.items():
        assert {key for key in keys if f"type_{key}" not in texts} == set(), language


def test_a_missing_required_key_shows_an_example_in_the_files_language(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    name = "case-studies/sweden-regions-sustainable-procurement.md"
    for language in ("en", "es"):
        path = root / "content" / language / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith("title:")), encoding="utf-8")
    code, output = _run(root, "check", f"PATHS=content/es/{name} content/en/{name}")
    assert code != 0
    assert f"content/es/{name}:1: falta la clave obligatoria 'title': " in output
    assert "Ejemplo: title: Cómo integrar los derechos humanos en las licitaciones [front-matter.missing-key]" in output
    assert "Example: title: Integrating human rights into tenders [front-matter.missing-key]" in output


def test_check_arguments_issue_form_and_downloads_speak_the_language_asked_for(tmp_path: Path):
    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    code, output = _run(root, "check", "PATHS=content/es/nada.md")  # a Spanish path: Spanish
    assert code == 2 and "content/es/nada.md: no existe ese archivo ni esa carpeta" in output
    code, output = _run(root, "check", "PATHS=nothing.md")
    assert code == 2 and "nothing.md: no such file or folder" in output

    code, output = _run(root, "issue-form", "KB_LANG=es")
    assert code == 0, output
    assert "se actualizó .github/ISSUE_TEMPLATE/propose-a-blog-post.yml" in output
    assert "OK: .github/ISSUE_TEMPLATE/propose-a-blog-post.yml coincide con el esquema y los registros." in output

    # `kb.py downloads`, the first step of `make publish` after `make offline`.
    code, output = _kb(root, "downloads", language="es")
    assert code == 1 and "falta dist/learning-lab-offline.zip: ejecute primero «make offline»" in output
    for name in ("learning-lab-offline.zip", "learning-lab-offline-en.zip", "learning-lab-offline-es.zip"):
        (root / "dist").mkdir(exist_ok=True)
        (root / "dist" / name).write_bytes(b"x" * 1_500_000)
    code, output = _kb(root, "downloads", language="es")
    assert code == 0, output
    assert "  dist/learning-lab-offline.zip: 1,5 MB" in output
    assert "OK: se registraron 3 copias sin conexión y 0 PDF en dist/downloads.json." in output
    code, output = _kb(root, "downloads", language=None)
    assert "  dist/learning-lab-offline.zip: 1.5 MB" in output
    assert "OK: 3 offline copies and 0 PDF(s) recorded in dist/downloads.json." in output


@pytest.mark.browser  # `kb.py pdfs` prints in headless Chromium (in this process, where it is watched)
def test_printing_the_pdfs_says_so_in_the_language_asked_for(tmp_path: Path, capsys, monkeypatch):
    """`kb.py pdfs FOLDER`, as `make offline` runs it, with KB_LANG=es: this small folder has no
    guidance page, so Chromium starts and prints none."""
    from labkb.tools import cli

    root = copy_repository(tmp_path / "checkout", (*MAKE_FILES, *SITE_FILES, "content"))
    _page(root / "dist/offline/learning-lab", "index.html", "Home")
    monkeypatch.chdir(root)
    monkeypatch.setenv("KB_LANG", "es")
    assert cli.main(["pdfs", "dist/offline/learning-lab"], root=root) == 0
    assert "OK: se imprimieron 0 PDF de las guías en dist/offline/learning-lab." in capsys.readouterr().out
    monkeypatch.delenv("KB_LANG")
    assert cli.main(["pdfs", "dist/offline/learning-lab"], root=root) == 0
    assert "OK: 0 guidance PDF(s) printed into dist/offline/learning-lab." in capsys.readouterr().out
