"""Translation truth: translated, stale and missing, in `make translations` and on the site."""

from __future__ import annotations

import itertools

from labkb.features import translations
from labkb.model.project import Project
from labkb.tools import cli
from tests.conftest import REPO


def status(root, capsys) -> dict[str, list[str]]:
    """`make translations` output as {page: [state in en, state in es]}."""
    assert cli.main(["--root", str(root), "translations", "status"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]  # after the header
    return {row.split()[0]: row.split()[1:] for row in itertools.takewhile(str.strip, rows)}


def test_starter_content_is_fully_translated(capsys):
    states = status(REPO, capsys)
    assert states, "no pages reported"
    assert {tuple(s) for s in states.values()} == {("original", "translated")}, states


def test_fingerprint_ignores_bookkeeping_and_trailing_spaces():
    text = "---\ntitle: A\n---\n\nBody.\n"
    same = "---\ntitle: A   \ntranslation_of: es\nsource_fingerprint: 0123456789ab\n---\n\nBody.\n\n"
    assert translations.fingerprint(text) == translations.fingerprint(same)
    assert translations.fingerprint(text) != translations.fingerprint(text.replace("Body", "Text"))


def test_three_states_are_reported_and_refresh_records_the_original(full_site, capsys):
    root = full_site.root
    about_en = root / "content/en/about/index.md"
    about_en.write_text(about_en.read_text() + "\nA new paragraph in the original.\n")
    (root / "content/es/projects/index.md").unlink()
    states = status(root, capsys)
    assert states["about/index.md"] == ["original", "stale"]
    assert states["projects/index.md"] == ["original", "missing"]
    assert states["workshops/index.md"] == ["original", "translated"]

    about_es = root / "content/es/about/index.md"
    before = about_es.read_text().splitlines()
    assert cli.main(["--root", str(root), "translations", "refresh", str(about_es)]) == 0
    after = about_es.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("source_fingerprint: ")
    capsys.readouterr()
    assert status(root, capsys)["about/index.md"] == ["original", "translated"]


def test_refresh_refuses_an_original_and_writes_nothing(full_site, capsys):
    original = full_site.root / "content/en/about/index.md"
    text = original.read_bytes()
    assert cli.main(["--root", str(full_site.root), "translations", "refresh", str(original)]) == 1
    assert "not a translation (no 'translation_of' key): nothing to refresh" in capsys.readouterr().err
    assert original.read_bytes() == text


def test_site_shows_missing_and_stale_notices_in_the_readers_language(full_site):
    root = full_site.root
    about_en = root / "content/en/about/index.md"
    about_en.write_text(about_en.read_text() + "\nA new paragraph in the original.\n")
    (root / "content/es/projects/index.md").unlink()
    result = full_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"

    missing = (site / "es/projects/index.html").read_text()
    assert "Esta página todavía no está disponible en español" in missing
    assert "versión original en inglés" in missing
    assert '<div lang="en">' in missing

    stale = (site / "es/about/index.html").read_text()
    assert "Traducción posiblemente desactualizada" in stale
    assert "La versión original en inglés cambió después de esta traducción" in stale
    assert '<a href="../../about/">Leer el original</a>' in stale

    current = (site / "es/workshops/index.html").read_text()
    for notice in ("kb-notice-missing", "kb-notice-stale"):
        assert notice not in current
    assert "kb-notice" not in (site / "about/index.html").read_text().replace("kb-notice-review", "")


def test_project_counterpart_is_the_same_path_in_the_other_language():
    project = Project(REPO)
    path = REPO / "content/en/workshops/santiago-2017.md"
    assert project.counterpart(path, "es") == REPO / "content/es/workshops/santiago-2017.md"


def test_page_written_in_spanish_first_appears_on_the_english_site(full_site):
    full_site.write(
        "content/es/projects/solo.md",
        "---\ntitle: Solo en español\ndescription: Una prueba.\n"
        "sources: [{title: Propuesta, url: 'https://example.org/p.pdf'}]\n---\n\nTexto en español.\n",
    )
    full_site.record()
    result = full_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    english = (full_site.root / "site/projects/solo/index.html").read_text()
    assert "This page is not available in English yet. You are reading the original in Spanish." in english
    assert '<div lang="es">' in english
    assert '<link rel="canonical" href="https://learninglab.example/es/projects/solo/">' in english
    assert 'href="../../es/projects/solo/" hreflang="es" class="md-select__link"' in english
    spanish = (full_site.root / "site/es/projects/solo/index.html").read_text()
    assert 'href="../../../projects/solo/" hreflang="en" class="md-select__link"' in spanish
    assert "kb-notice-missing" not in spanish


def test_docs_field_reference_matches_the_schema():
    """docs/content-model.md carries the reference generated from labkb/model/schema.py."""
    from labkb.model import registries
    from labkb.output import reference

    document = (REPO / "docs" / "content-model.md").read_text(encoding="utf-8")
    generated = reference.reference(registries.load(Project(REPO)))
    assert reference.splice(document, generated) == document, "run 'make docs-reference'"


def test_every_label_the_code_uses_exists_in_both_languages():
    """A missing label would show its key to readers: every key used in code is in data/labels.yml."""
    import re

    from labkb.model import registries

    labels = registries.load(Project(REPO)).labels
    used = set()
    for path in [*(REPO / "labkb").rglob("*.py"), *(REPO / "hooks").glob("*.py")]:
        used |= set(re.findall(r"(?<!survey\.)label\(\s*[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert len(used) > 60
    missing = sorted(key for key in used if set(labels.get(key, {})) != {"en", "es"})
    assert missing == []
