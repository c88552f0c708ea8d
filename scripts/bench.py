"""`make bench`: build a synthetic bilingual site, measure it, check the budgets.

Thin command line over labkb.tools.bench (docs/performance.md explains the figures).
Exit code 0 when every budget passes, 1 when one fails, 2 when it cannot measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from labkb.tools import bench, bench_limits


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "missing"
    if unit == "bytes":
        return f"{value / 1000:,.1f} KB" if value < 1_000_000 else f"{value / 1_000_000:,.2f} MB"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "x":
        return f"{value:.3f}"
    return f"{value:,.0f} {unit}"


def _print(report: dict) -> None:
    figures, corpus = report["figures"], report["corpus"]
    counts = ", ".join(f"{n} {kind}" for kind, n in corpus["counts_per_language"].items())
    rows = [
        ("pages per language", f"{corpus['pages_per_language']} ({counts})"),
        ("content Markdown files", f"{figures['content_files']}"),
        ("make check", f"{figures['check_seconds']:.2f} s, {figures['check_docs_per_second']:,.0f} documents/s"),
        ("build, project", f"{figures['build_project_seconds']:.1f} s"),
        ("build, plain Material + i18n", f"{figures['build_plain_seconds']:.1f} s"),
        ("build ratio project / plain", f"{figures['build_ratio']:.3f}"),
        ("build, offline (mkdocs.offline.yml)", f"{figures['build_offline_seconds']:.1f} s"),
        ("HTML pages (no redirect stubs)", f"{figures['project_html_pages']}"),
        ("median HTML page", _figure(figures["median_html_bytes"], "bytes")),
        ("median sidebar navigation", _figure(figures["project_median_nav_bytes"], "bytes")),
        (
            "largest HTML page",
            f"{_figure(figures['largest_html_bytes'], 'bytes')} ({figures['project_largest_html_page']})",
        ),
        ("median HTML page, plain build", _figure(figures["plain_median_html_bytes"], "bytes")),
        ("site size, project", _figure(figures["project_site_bytes"], "bytes")),
        ("search index, English", _figure(figures["search_index_en_bytes"], "bytes")),
        ("search index, Spanish", _figure(figures["search_index_es_bytes"], "bytes")),
        ("offline bundle (zip)", _figure(figures["offline_zip_bytes"], "bytes")),
        *(
            (f"offline copy, {language} only (zip)", _figure(figures.get(f"offline_zip_{language}_bytes"), "bytes"))
            for language in ("en", "es")
        ),
        *(
            (
                f"saved for offline use, {language}",
                f"{_figure(figures.get(f'saved_set_{language}_bytes'), 'bytes')}, "
                f"{figures.get(f'saved_set_{language}_pages')} pages",
            )
            for language in ("en", "es")
        ),
        (
            "starter content: saved set en / es",
            f"{_figure(figures.get('starter_saved_set_en_bytes'), 'bytes')} / "
            f"{_figure(figures.get('starter_saved_set_es_bytes'), 'bytes')}",
        ),
        (
            "starter content: zips all / en / es",
            " / ".join(_figure(figures.get(f"starter_offline_zip{k}_bytes"), "bytes") for k in ("", "_en", "_es")),
        ),
        ("starter content: Save to ready, es", _figure(figures.get("starter_save_es_seconds"), "s")),
        ("peak memory (max RSS of a build)", _figure(figures["peak_memory_bytes"], "bytes")),
        (
            "hostile input, slowest page",
            f"{_figure(figures['hostile_worst_seconds'], 's')} ({figures['hostile_worst_case']})",
        ),
        (
            "hostile input, largest page",
            f"{_figure(figures['hostile_largest_html_bytes'], 'bytes')} ({figures['hostile_largest_html_case']})",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    print()
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    for error in figures.get("hostile_errors") or []:
        print(f"  hostile input failed: {error}")
    print("\nBudgets:")
    for budget in report["budgets"]:
        verdict = "PASS" if budget["passed"] else "FAIL"
        figure, limit = _figure(budget["figure"], budget["unit"]), _figure(budget["limit"], budget["unit"])
        print(f"  {verdict}  {budget['label']}: {figure} (limit {budget['comparison']} {limit})")
    failed = [b["label"] for b in report["budgets"] if not b["passed"]]
    print(
        f"\n{'FAIL: ' + '; '.join(failed) if failed else 'OK: every budget met'} "
        f"({report['total_seconds']:.0f} s in all). See docs/performance.md."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--pages", type=int, default=bench.DEFAULT_PAGES, help="pages per language (default 1000)")
    parser.add_argument("--seed", type=int, default=bench.DEFAULT_SEED, help="seed of the synthetic text")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate the project and plain builds this many times and keep the fastest of each "
        "(steadier ratio on a busy machine; default 1)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure and budget to this file")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the corpus and the built sites in this folder (outside the repository); default: a "
        "temporary folder, removed afterwards",
    )
    parser.add_argument(
        "--hostile-only",
        action="store_true",
        help="only render the worst page each content limit accepts and check its budget (about 30 s)",
    )
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if args.hostile_only:
        return _hostile_only()
    try:
        report = bench.run(
            args.pages,
            args.seed,
            args.workdir,
            progress=lambda message: print(f"bench: {message}", flush=True),
            repeat=args.repeat,
        )
    except (bench.BenchError, ValueError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    if args.json:  # first: the figures are kept even if printing them fails
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(report)
    if args.json:
        print(f"wrote {args.json}")
    return 0 if report["passed"] else 1


def _hostile_only() -> int:
    """The hostile-input stage alone, on the project's own mkdocs.yml."""
    figures = bench_limits.run(
        Path(__file__).resolve().parent.parent / "mkdocs.yml", progress=lambda m: print(f"bench: {m}", flush=True)
    )
    budgets = bench.evaluate(figures, bench.DEFAULT_PAGES, tuple(b for b in bench.BUDGETS if b.key in figures))
    for error in figures["hostile_errors"]:
        print(f"  failed: {error}")
    for budget in budgets:
        verdict = "PASS" if budget["passed"] else "FAIL"
        figure, limit = _figure(budget["figure"], budget["unit"]), _figure(budget["limit"], budget["unit"])
        worst = figures["hostile_worst_case"]
        print(f"  {verdict}  {budget['label']}: {figure} ({worst}; limit {budget['comparison']} {limit})")
    return 0 if all(b["passed"] for b in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
