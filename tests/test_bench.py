"""`make bench` at a tiny size: the synthetic corpus passes the checker, both builds run,
and the report holds every figure and every budget (docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from labkb.checks import engine as checks
from labkb.features import translations
from labkb.model.corpus import Corpus
from labkb.model.frontmatter import parse
from labkb.tools import bench

REPO = Path(__file__).resolve().parent.parent
FIGURES = (
    "content_files",
    "check_seconds",
    "check_docs_per_second",
    "build_project_seconds",
    "build_plain_seconds",
    "build_offline_seconds",
    "build_ratio",
    "build_project_max_rss_bytes",
    "build_plain_max_rss_bytes",
    "median_html_bytes",
    "largest_html_bytes",
    "search_index_en_bytes",
    "search_index_es_bytes",
    "offline_zip_bytes",
    "peak_memory_bytes",
    # Offline: each language's copy alone, each language's saved set, and the starter content's.
    "offline_zip_en_bytes",
    "offline_zip_es_bytes",
    "saved_set_en_bytes",
    "saved_set_es_bytes",
    "starter_saved_set_es_bytes",
    "starter_offline_zip_es_bytes",
    "starter_save_es_seconds",
)


def test_the_corpus_passes_the_checker(tmp_path: Path) -> None:
    corpus = bench.make_corpus(tmp_path / "corpus", pages=20)
    project = corpus.project
    assert checks.check(project) == []
    assert corpus.counts == {"guidance": 8, "case-studies": 5, "blog": 5, "plain": 8}
    # Every page in both languages; every Spanish file a current translation of the English one.
    states = translations.page_states(Corpus.read(project))
    assert len(states) == corpus.pages_per_language
    assert {tuple(sorted(s.states.items())) for s in states} == {(("en", "original"), ("es", "translated"))}
    ids = Counter(
        parse(path.read_text(encoding="utf-8")).fields["id"].value
        for path in (project.content / "en" / "case-studies").glob("*.md")
        if path.name != "index.md"
    )
    assert len(ids) == corpus.counts["case-studies"] and set(ids.values()) == {1}
    # The same seed gives the same corpus.
    again = bench.make_corpus(tmp_path / "again", pages=20)
    for path in project.markdown_files():
        twin = again.root / path.relative_to(corpus.root)
        assert twin.read_bytes() == path.read_bytes()
    # The plain configuration keeps the theme and plugins, and drops the hooks.
    plain = bench.plain_config(corpus.root).read_text(encoding="utf-8")
    assert "hooks:" not in plain and "hooks/" not in plain
    assert "custom_dir: overrides" in plain and "- i18n:" in plain and "markdown_extensions:" in plain


def test_the_corpus_is_never_written_into_the_repository() -> None:
    with pytest.raises(ValueError, match="inside the repository"):
        bench.make_corpus(REPO / "bench-corpus", pages=6)
    assert not (REPO / "bench-corpus").exists()


def test_bench_measures_everything_at_a_tiny_size(tmp_path: Path) -> None:
    report_path, work = tmp_path / "bench.json", tmp_path / "work"
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "--pages", "6", "--json", str(report_path), "--workdir", str(work)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,  # the offline figures add four small builds and a save in Chromium
    )
    # 0 when every budget passes, 1 when one fails; 2 would mean it could not measure.
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr and report_path.is_file(), result.stdout + result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    figures = report["figures"]
    for key in FIGURES:
        assert isinstance(figures.get(key), int | float) and figures[key] > 0, key
    assert report["corpus"]["pages_per_language"] >= 6
    assert figures["content_files"] == 2 * report["corpus"]["pages_per_language"]
    # Both builds ran and wrote a bilingual site; the project build splits the search index.
    for name in ("project", "plain"):
        assert (work / f"site-{name}" / "index.html").is_file()
        assert (work / f"site-{name}" / "es" / "index.html").is_file()
    assert (work / "site-project" / "es" / "search" / "search_index.json").is_file()
    assert (work / "offline.zip").stat().st_size == figures["offline_zip_bytes"]
    # Every budget, with its figure, limit and verdict, and the overall verdict.
    budgets = {b["key"]: b for b in report["budgets"]}
    assert set(budgets) == {b.key for b in bench.BUDGETS}
    for budget in budgets.values():
        assert budget["figure"] == figures[budget["key"]]
        assert isinstance(budget["passed"], bool) and budget["limit"] > 0
        verdict = "PASS" if budget["passed"] else "FAIL"
        assert f"{verdict}  {budget['label']}" in result.stdout
    assert report["passed"] == all(b["passed"] for b in budgets.values())
    assert result.returncode == (0 if report["passed"] else 1)
    # Nothing was written into the repository.
    assert not list((REPO / "content").rglob("guide-0000-*"))
