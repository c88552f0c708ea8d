"""The messages of the editors' tools in the language asked for (`KB_LANG=es`, `--lang es`),
run as typed from the root of a copy of the repository: `make survey-export`,
`make survey-import`, `make translations`, `make translations-refresh`, `make urls`, ...
Each is checked in Spanish and in English (the default)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

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
    assert "OK: cambiaron 0 archivo(s) de jurisdicción." in output

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
