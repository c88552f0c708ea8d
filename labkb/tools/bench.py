"""The benchmark behind `make bench`: a synthetic bilingual site, timed and measured.

`make_corpus` writes a copy of the project (mkdocs.yml, hooks/, overrides/, data/ with
the survey, labkb/) into a folder outside the repository, with N pages per language in
a realistic mix: 40% guidance, 25% case studies, 25% blog posts (300 to 1000 words
each) and 10% plain pages (the home page, every section's index page, and pages in
about/ and projects/). The text is pseudo-random but deterministic (seeded) and drawn
from a small bilingual word list that includes glossary terms; every Spanish file is a
translation of the English one, with a correct fingerprint. The corpus passes the
checker: the addresses manifest is recorded with `permalinks.record`.

`run_build` runs MkDocs in a child process (this module never imports MkDocs) and
reports its wall time and peak memory; the other functions measure what a build
leaves behind. `BUDGETS` and `evaluate` hold the limits `make bench` checks;
docs/performance.md explains each one.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from labkb.checks import engine as checks
from labkb.features import permalinks, translations
from labkb.model import corpus as content
from labkb.model import registries
from labkb.model.findings import Finding
from labkb.model.project import Project
from labkb.model.schema import DEFAULT_LANGUAGE, LANGUAGES
from labkb.output import bundle
from labkb.tools import bench_limits, bench_offline

# --- the corpus -----------------------------------------------------------------------

COPIED = ("mkdocs.yml", "mkdocs.offline.yml", "mkdocs.preview.yml", "hooks", "overrides", "data", "labkb")
# Data that describes the real site's pages, not the corpus's: recorded again, or left out.
NOT_COPIED = ("urls.txt", "redirects.yml")
MIX = (("guidance", 0.40), ("case-studies", 0.25), ("blog", 0.25))  # the rest: plain pages
# Plain pages every corpus has: the home page and the index page of each section.
SECTIONS = ("about", "guidance", "case-studies", "survey", "blog", "projects", "glossary")
PLAIN_FOLDERS = ("about", "projects")
PLAIN_CONFIG = "mkdocs.plain.yml"
DEFAULT_PAGES = 1000
DEFAULT_SEED = 2026

_ENGLISH = (
    "public buyers contracting authority tender supplier contract workers rights risk "
    "procurement policy standard report labour wages factory audit monitoring remedy "
    "dialogue market law requirement evidence city region ministry framework clause "
    "national agency guidance practice service goods works transparency evaluation "
    "criteria budget partner network training survey data country sector value health "
    "uniforms electronics construction catering cleaning security community impact "
    "follow-up review plan step lesson example question answer decision management "
    "the the the of of of and and and to to in in for with on by from a a is are can "
    "should must will may that this these their its our when where how why which"
)
_SPANISH = (
    "compradores públicos entidad contratante licitación proveedor contrato trabajadores "
    "derechos riesgo contratación política norma informe trabajo salarios fábrica "
    "auditoría monitoreo reparación diálogo mercado ley requisito evidencia ciudad región "
    "ministerio marco cláusula nacional agencia guía práctica servicio bienes obras "
    "transparencia evaluación criterios presupuesto socio red capacitación encuesta datos "
    "país sector valor salud uniformes electrónica construcción alimentación limpieza "
    "seguridad comunidad impacto seguimiento revisión plan paso lección ejemplo pregunta "
    "respuesta decisión gestión el el la la de de de y y y a en en para con por del los "
    "las un una es son puede debe deberá podrá que este estos sus cuando donde cómo qué"
)
WORDS = {"en": _ENGLISH.split(), "es": _SPANISH.split()}
# Glossary terms (data/glossary.yml) appear now and then, so the glossary hook has work.
PHRASES = {
    "en": (
        "human rights due diligence",
        "supply chain",
        "award criteria",
        "grievance mechanism",
        "social audit",
        "market engagement",
        "value chain",
        "leverage",
    ),
    "es": (
        "debida diligencia en derechos humanos",
        "cadena de suministro",
        "criterios de adjudicación",
        "mecanismo de reclamación",
        "auditoría social",
        "diálogo con el mercado",
        "cadena de valor",
        "capacidad de influencia",
    ),
}
INDEX_TITLES = {
    "": {"en": "Learning Lab knowledge base (benchmark)", "es": "Base de conocimientos del Laboratorio (prueba)"},
    "about": {"en": "About the Lab", "es": "Sobre el Laboratorio"},
    "guidance": {"en": "Guidance", "es": "Guías"},
    "case-studies": {"en": "Case studies", "es": "Estudios de caso"},
    "survey": {"en": "Survey", "es": "Encuesta"},
    "blog": {"en": "Blog", "es": "Blog"},
    "projects": {"en": "Projects", "es": "Proyectos"},
    "glossary": {"en": "Glossary", "es": "Glosario"},
}


@dataclass
class Corpus:
    root: Path
    pages_per_language: int  # content Markdown files per language, section indexes included
    counts: dict[str, int]  # per language: guidance, case-studies, blog, plain
    seed: int

    @property
    def project(self) -> Project:
        return Project(self.root)

    @property
    def markdown_files(self) -> int:
        return len(self.project.markdown_files())


class _Text:
    """Deterministic bilingual prose from the word list."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.rng = rng
        self.language = language

    def words(self, count: int) -> list[str]:
        pool, phrases = WORDS[self.language], PHRASES[self.language]
        out: list[str] = []
        while len(out) < count:
            if self.rng.random() < 0.03:
                out.extend(self.rng.choice(phrases).split())
            else:
                out.append(self.rng.choice(pool))
        return out[:count]

    def sentence(self, count: int | None = None) -> str:
        words = self.words(count or self.rng.randint(8, 18))
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        return " ".join(self.words(self.rng.randint(4, 8))).capitalize()


def _slug(rng: random.Random, prefix: str, number: int) -> str:
    words = [w for w in WORDS["en"] if len(w) > 3]
    return f"{prefix}-{number:04d}-{rng.choice(words)}-{rng.choice(words)}".lower()


def _date(rng: random.Random, first: int, last: int) -> str:
    start = dt.date(first, 1, 1)
    days = (dt.date(last, 10, 31) - start).days
    return (start + dt.timedelta(days=rng.randint(0, days))).isoformat()


class _Neutral(TypedDict, total=False):
    """The front matter fields of a page that are the same in both languages (by page type)."""

    audience: list[str]
    stages: list[str]
    last_updated: str
    review_status: str | None
    id: str
    jurisdiction: str
    sector: str
    year: int
    last_reviewed: str
    reviewed_by: str
    date: str
    authors: list[str]
    categories: list[str]


@dataclass
class _Plan:
    """One page, the same in both languages: path, type, neutral fields, links, size."""

    page_path: str
    kind: str  # guidance, case-studies, blog, plain, index
    seed: str
    words: int
    neutral: _Neutral = field(default_factory=_Neutral)
    links: list[str] = field(default_factory=list)  # page paths of other pages


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _relative(source: str, target: str) -> str:
    return os.path.relpath(target, os.path.dirname(source) or ".").replace(os.sep, "/")


def _body(plan: _Plan, text: _Text, rng: random.Random) -> str:
    """A body of about `plan.words` counted words: paragraphs, sections, a list, links."""
    parts: list[str] = []
    budget = plan.words
    links = list(plan.links)
    sections = rng.randint(2, 4) if budget >= 200 else 1
    per_section = budget // (sections + 1)

    def paragraph(words: int) -> str:
        sentences, used = [], 0
        while used < words:
            size = min(rng.randint(8, 18), max(words - used, 4))
            sentences.append(text.sentence(size))
            used += size
        if links and rng.random() < 0.6:
            target = links.pop()
            label = " ".join(text.words(3))
            sentences.append(f"[{label.capitalize()}]({_relative(plan.page_path, target)}).")
        return " ".join(sentences)

    parts.append(paragraph(per_section))
    for number in range(sections):
        heading_words = 3
        parts.append(f"## {text.title()}")
        remaining = per_section - heading_words
        if number == 0 and plan.kind == "guidance":
            items = rng.randint(4, 7)
            item_words = 8
            parts.append("\n".join(f"- [ ] {text.sentence(item_words)}" for _ in range(items)))
            remaining -= items * item_words
        elif number == 1 and rng.random() < 0.5:
            items = rng.randint(3, 5)
            parts.append("\n".join(f"- {text.sentence(10)}" for _ in range(items)))
            remaining -= items * 10
        elif number == 2 and rng.random() < 0.3:
            parts.append(f"!!! note\n\n    {text.sentence(14)}")
            remaining -= 14
        while remaining > 0:
            size = min(remaining, rng.randint(40, 110))
            parts.append(paragraph(size))
            remaining -= size
    while links:  # every planned link is used
        target = links.pop()
        parts.append(f"- [{' '.join(text.words(4)).capitalize()}]({_relative(plan.page_path, target)})")
    return "\n\n".join(parts) + "\n"


def _sources(plan: _Plan, text: _Text) -> list[str]:
    """One public source, as guidance and project pages must cite (labkb/checks/citations.py)."""
    slug = plan.page_path.removesuffix(".md").replace("/", "-")
    return ["sources:", f"  - title: {_yaml_text(text.title())}", f"    url: https://example.org/{slug}/source.pdf"]


def _front(plan: _Plan, language: str, text: _Text, rng: random.Random) -> list[str]:
    title = (
        INDEX_TITLES[plan.page_path.rsplit("/", 1)[0] if "/" in plan.page_path else ""][language]
        if (plan.kind == "index")
        else text.title()
    )
    lines = [f"title: {_yaml_text(title)}", f"description: {_yaml_text(text.sentence(rng.randint(12, 24)))}"]
    n = plan.neutral
    if plan.kind == "guidance":
        lines += [
            f"audience: {_yaml_list(n['audience'])}",
            f"stages: {_yaml_list(n['stages'])}",
            f"last_updated: {n['last_updated']}",
            *_sources(plan, text),
        ]
    elif plan.kind == "case-studies":
        lines += [
            f"id: {n['id']}",
            f"jurisdiction: {n['jurisdiction']}",
            f"sector: {n['sector']}",
            f"stages: {_yaml_list(n['stages'])}",
            f"year: {n['year']}",
            "organisations:",
            *(f"  - {_yaml_text(text.title())}" for _ in range(rng.randint(1, 3))),
            "sources:",
        ]
        for number in range(rng.randint(1, 3)):
            lines += [
                f"  - title: {_yaml_text(text.title())}",
                f"    url: https://example.org/{n['id']}/source-{number + 1}.pdf",
            ]
            if rng.random() < 0.5:
                lines.append(f"    pinpoint: {_yaml_text(f'p. {rng.randint(1, 90)}')}")
    elif plan.kind == "plain" and plan.page_path.startswith("projects/"):
        lines += _sources(plan, text)  # facts need sources (labkb/checks/citations.py)
    elif plan.kind == "blog":
        lines += [
            f"date: {n['date']}",
            f"authors: {_yaml_list(n['authors'])}",
            f"categories: {_yaml_list(n['categories'])}",
        ]
    if n.get("review_status"):
        lines.append(f"review_status: {n['review_status']}")
    if n.get("reviewed_by"):  # a reviewed page says who reviewed it and when (the checker asks)
        lines.append(f"reviewed_by: {n['reviewed_by']}")
        lines.append(f"last_reviewed: {n['last_reviewed']}")
    return lines


def _plans(pages: int, seed: int, regs: registries.Registries) -> list[_Plan]:
    rng = random.Random(f"{seed}-plan")
    vocab = regs.vocabularies
    stages, audiences = list(vocab["stages"]), list(vocab["audiences"])
    sectors, categories = list(vocab["sectors"]), list(vocab["categories"])
    jurisdictions, authors = list(vocab["jurisdictions"]), sorted(regs.authors)
    statuses = list(vocab["review_statuses"])
    typed = {kind: int(pages * share) for kind, share in MIX}
    plans: list[_Plan] = []

    def words() -> int:  # inside 300..1000 with a margin for the counting rules
        return rng.randint(340, 940)

    for number in range(typed["guidance"]):
        plans.append(
            _Plan(
                f"guidance/{_slug(rng, 'guide', number)}.md",
                "guidance",
                f"{seed}-g-{number}",
                words(),
                {
                    "audience": rng.sample(audiences, rng.randint(1, 2)),
                    "stages": sorted(rng.sample(stages, rng.randint(1, 2)), key=stages.index),
                    "last_updated": _date(rng, 2018, 2026),
                    "review_status": rng.choice([*statuses, None]),
                },
            )
        )
    for number in range(typed["case-studies"]):
        jurisdiction = rng.choice(jurisdictions)
        plans.append(
            _Plan(
                f"case-studies/{_slug(rng, 'case', number)}.md",
                "case-studies",
                f"{seed}-c-{number}",
                words(),
                {
                    "id": f"{jurisdiction}-case-{number:04d}",
                    "jurisdiction": jurisdiction,
                    "sector": rng.choice(sectors),
                    "stages": sorted(rng.sample(stages, rng.randint(1, 3)), key=stages.index),
                    "year": rng.randint(2005, 2026),
                    "last_reviewed": _date(rng, 2024, 2026),
                    "review_status": rng.choice(statuses),
                },
            )
        )
    for number in range(typed["blog"]):
        plans.append(
            _Plan(
                f"blog/{_slug(rng, 'post', number)}.md",
                "blog",
                f"{seed}-b-{number}",
                words(),
                {
                    "date": _date(rng, 2015, 2026),
                    "authors": rng.sample(authors, min(len(authors), rng.randint(1, 2))),
                    "categories": rng.sample(categories, rng.randint(1, 2)),
                },
            )
        )
    plans.append(_Plan("index.md", "index", f"{seed}-home", 180))
    for section in SECTIONS:
        plans.append(_Plan(f"{section}/index.md", "index", f"{seed}-{section}", 120))
    for number in range(max(0, pages - sum(typed.values()) - 1 - len(SECTIONS))):
        folder = PLAIN_FOLDERS[number % len(PLAIN_FOLDERS)]
        plans.append(
            _Plan(
                f"{folder}/{_slug(rng, 'page', number)}.md",
                "plain",
                f"{seed}-p-{number}",
                rng.randint(150, 700),
                {"review_status": rng.choice([None, None, None, "needs-review"])},
            )
        )
    for plan in plans:  # a reviewed page names its reviewer and the day
        if plan.neutral.get("review_status") == "reviewed":
            plan.neutral["reviewed_by"] = authors[0]
            plan.neutral.setdefault("last_reviewed", "2026-11-21")
    # Links: each content page links to 1-4 other pages (relative .md links, no anchors).
    targets = [p.page_path for p in plans]
    for plan in plans:
        if plan.kind == "index":
            continue
        chosen = {rng.choice(targets) for _ in range(rng.randint(1, 4))} - {plan.page_path}
        plan.links = sorted(chosen)
    return plans


def copy_project(source: Path, target: Path) -> None:
    """The project's configuration, hooks, theme, data (survey included) and labkb."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__", *NOT_COPIED))
        elif path.is_file():
            shutil.copy(path, target / name)


def make_corpus(
    target: Path, pages: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED, source: Path | None = None
) -> Corpus:
    """Write the synthetic project into `target` (an empty folder outside the repository)."""
    source = (source or Path(__file__).resolve().parents[2]).resolve()
    target = target.resolve()
    if target == source or source in target.parents:
        raise ValueError(f"the corpus must not be written inside the repository: {target}")
    if target.exists() and any(target.iterdir()):
        raise ValueError(f"{target} is not empty")
    copy_project(source, target)
    project = Project(target)
    regs = registries.load(project)
    plans = _plans(pages, seed, regs)
    for plan in plans:
        english = _write(project, plan, "en", None)
        _write(project, plan, "es", translations.fingerprint(english))
    permalinks.record(content.Corpus.read(project))
    counts = {kind: sum(1 for p in plans if p.kind == kind) for kind, _ in MIX}
    counts["plain"] = sum(1 for p in plans if p.kind in ("plain", "index"))
    return Corpus(target, len(plans), counts, seed)


def _write(project: Project, plan: _Plan, language: str, fingerprint: str | None) -> str:
    rng = random.Random(f"{plan.seed}-{language}")
    text = _Text(rng, language)
    lines = ["---", *_front(plan, language, text, rng)]
    if fingerprint:
        lines += ["translation_of: en", f"source_fingerprint: {fingerprint}"]
    lines.append("---")
    content = "\n".join(lines) + "\n\n" + _body(plan, text, rng)
    path = project.content / language / plan.page_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return content


def plain_config(root: Path) -> Path:
    """mkdocs.plain.yml: the same theme, overrides, plugins and extensions, no `hooks:`.

    overrides/ stays: main.html reads the hooks' kb_* variables only behind `if` tests
    (absent, they write nothing) and the site's CSS and JavaScript live there.
    """
    kept, skipping = [], False
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^hooks\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    path = root / PLAIN_CONFIG
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


# --- measuring ---------------------------------------------------------------------------


@dataclass
class BuildResult:
    seconds: float
    max_rss_bytes: int
    returncode: int
    output: str  # the last lines MkDocs printed


def run_build(
    root: Path, site: Path, config: str = "mkdocs.yml", extra: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> BuildResult:
    """`python -m mkdocs build --strict` in `root`, timed, with the child's own peak memory."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("BUILD_ONLY_LOCALE", None)  # the caller's shell's; `env` may set it
    environment.update(env or {})
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site), *extra]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=root, env=environment, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)  # this child's rusage, not all children's
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    tail = "\n".join(output.strip().splitlines()[-40:])
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return BuildResult(seconds, rss, child.returncode, tail)


def time_check(project: Project, runs: int = 3) -> tuple[float, int, list[Finding]]:
    """Best of `runs` wall times of `checks.check(project)`, the file count, the findings."""
    best = float("inf")
    findings: list[Finding] = []
    for _ in range(runs):
        started = time.perf_counter()
        findings = checks.check(project)
        best = min(best, time.perf_counter() - started)
    return best, len(project.markdown_files()), findings


_PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary"')
_NAV_TAG = re.compile(r"<(/?)nav\b")


def primary_nav_bytes(page: str) -> int:
    """Bytes of Material's sidebar navigation (the primary <nav> and all nested in it)."""
    start = _PRIMARY_NAV.search(page)
    if not start:
        return 0
    depth = 0
    for tag in _NAV_TAG.finditer(page, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page.index(">", tag.end()) + 1 - start.start()
    return len(page) - start.start()


def is_redirect_stub(page: str) -> bool:
    return 'http-equiv="refresh"' in page[:2000]


def html_pages(site: Path) -> list[tuple[Path, int, int]]:
    """(path, bytes, primary nav bytes) of every HTML page of a built site, redirect stubs left out."""
    found = []
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8", errors="replace")
        if not is_redirect_stub(page):
            found.append((path, path.stat().st_size, primary_nav_bytes(page)))
    return found


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def html_summary(site: Path) -> dict[str, int | str]:
    pages = html_pages(site)
    sizes = sorted(size for _, size, _ in pages)
    largest = max(pages, key=lambda p: p[1]) if pages else None
    total, files = folder_size(site)
    return {
        "html_pages": len(pages),
        "median_html_bytes": int(statistics.median(sizes)) if sizes else 0,
        "largest_html_bytes": largest[1] if largest else 0,
        "largest_html_page": largest[0].relative_to(site).as_posix() if largest else "",
        "median_nav_bytes": int(statistics.median(nav for _, _, nav in pages)) if pages else 0,
        "site_bytes": total,
        "site_files": files,
    }


# --- budgets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    key: str  # the figure it limits
    label: str
    limit: float
    at_most: bool  # True: figure <= limit; False: figure >= limit
    strict: bool = False  # True: < or > rather than <= or >=
    unit: str = ""
    grows: bool = False  # a size that grows with the site: `limit` is for 1000 pages per language

    def limit_for(self, pages: int) -> float:
        """A size limit holds for any site up to 1000 pages per language and grows in
        proportion above that (a smaller site must not be bigger than the budget)."""
        return self.limit * max(pages, DEFAULT_PAGES) / DEFAULT_PAGES if self.grows else self.limit

    def passes(self, figure: float, pages: int) -> bool:
        limit = self.limit_for(pages)
        if self.at_most:
            return figure < limit if self.strict else figure <= limit
        return figure > limit if self.strict else figure >= limit


KB = 1000
MB = 1000 * 1000
# The limits and the reasons for them: docs/performance.md. The three sizes were set from
# the figures measured at 1000 pages per language on 2026-11-21, plus 25%, rounded.
BUDGETS = (
    Budget("build_ratio", "build time, project / plain Material", 1.10, at_most=True, unit="x"),
    Budget("check_docs_per_second", "make check throughput", 1000, at_most=False, unit="documents/s"),
    Budget("median_html_bytes", "median HTML page", 60 * KB, at_most=True, strict=True, unit="bytes"),
    Budget("search_index_en_bytes", "search index, English", 12 * MB, at_most=True, unit="bytes", grows=True),
    Budget("search_index_es_bytes", "search index, Spanish", 14 * MB, at_most=True, unit="bytes", grows=True),
    Budget("offline_zip_bytes", "offline bundle (zip)", 31 * MB, at_most=True, unit="bytes", grows=True),
    # The offline copies and "Save for offline use" (docs/performance.md, "Offline"): measured on
    # 2026-12-01 at 1000 pages per language, plus 25%, rounded; the seconds on the starter content.
    Budget("offline_zip_en_bytes", "offline copy, English only (zip)", 16 * MB, at_most=True, unit="bytes", grows=True),
    Budget("offline_zip_es_bytes", "offline copy, Spanish only (zip)", 17 * MB, at_most=True, unit="bytes", grows=True),
    Budget("saved_set_en_bytes", "saved for offline use, English", 58 * MB, at_most=True, unit="bytes", grows=True),
    Budget("saved_set_es_bytes", "saved for offline use, Spanish", 61 * MB, at_most=True, unit="bytes", grows=True),
    Budget("starter_saved_set_es_bytes", "saved for offline use, Spanish, starter", 5 * MB, at_most=True, unit="bytes"),
    Budget("starter_save_es_seconds", "Save to ready, Spanish, starter content", 10, at_most=True, unit="s"),
    # The worst page each limit of labkb/checks/bounds.py accepts, rendered (labkb/tools/bench_limits.py).
    Budget(
        "hostile_worst_seconds",
        "slowest hostile page (the worst each limit accepts)",
        bench_limits.BUDGET_SECONDS,
        at_most=True,
        strict=True,
        unit="s",
    ),
)


def evaluate(figures: dict[str, Any], pages: int, budgets: tuple[Budget, ...] = BUDGETS) -> list[dict[str, Any]]:
    results = []
    for budget in budgets:
        figure = figures.get(budget.key)
        passed = figure is not None and budget.passes(figure, pages)
        results.append(
            {
                "key": budget.key,
                "label": budget.label,
                "figure": figure,
                "limit": budget.limit_for(pages),
                "limit_at_1000_pages": budget.limit,
                "comparison": ("<" if budget.strict else "<=") if budget.at_most else (">" if budget.strict else ">="),
                "unit": budget.unit,
                "passed": passed,
            }
        )
    return results


# --- one run ---------------------------------------------------------------------------

Progress = Callable[[str], None]


class BenchError(Exception):
    """The benchmark could not measure: the corpus fails the checker, or a build fails."""


def run(
    pages: int = DEFAULT_PAGES,
    seed: int = DEFAULT_SEED,
    workdir: Path | None = None,
    source: Path | None = None,
    progress: Progress = lambda _: None,
    repeat: int = 1,
) -> dict[str, Any]:
    """Generate the corpus, measure everything, check the budgets; returns the report.

    Everything is written below `workdir` (default: a new temporary folder, removed
    afterwards); nothing is written into the repository. With `repeat` > 1 the project
    and plain builds alternate that many times and the fastest of each counts.
    """
    own = workdir is None
    base = workdir if workdir is not None else Path(tempfile.mkdtemp(prefix="labkb-bench-"))
    try:
        return _run(pages, seed, base, source, progress, max(1, repeat))
    finally:
        if own:
            shutil.rmtree(base, ignore_errors=True)


def _run(pages: int, seed: int, base: Path, source: Path | None, progress: Progress, repeat: int) -> dict[str, Any]:
    started = time.perf_counter()
    progress(f"generating {pages} pages per language in {base}")
    corpus = make_corpus(base / "corpus", pages, seed, source)
    generated = time.perf_counter() - started

    progress("make check: checks.check(), best of 3")
    seconds, count, findings = time_check(corpus.project)
    if findings:
        listing = "\n".join(f.text() for f in findings[:20])
        raise BenchError(f"the generated corpus fails the checker ({len(findings)} findings):\n{listing}")

    hostile = bench_limits.run(corpus.root / "mkdocs.yml", progress)

    builds: dict[str, BuildResult] = {}
    sites = {name: base / f"site-{name}" for name in ("project", "plain", "offline")}
    plain_config(corpus.root)
    runs = [("project", "mkdocs.yml", (), None), ("plain", PLAIN_CONFIG, (), None)] * repeat
    runs.append(("offline", "mkdocs.offline.yml", (), None))
    for name, config, extra, env in runs:
        progress(f"build: {name}")
        shutil.rmtree(sites[name], ignore_errors=True)
        result = run_build(corpus.root, sites[name], config, extra, env)
        if result.returncode != 0:
            raise BenchError(f"the {name} build failed (exit {result.returncode}):\n{result.output}")
        progress(f"build: {name}: {result.seconds:.1f} s, {result.max_rss_bytes / MB:.0f} MB")
        best = builds.get(name)
        if best is not None:  # --repeat: the fastest run, the largest memory
            result = BuildResult(
                min(best.seconds, result.seconds), max(best.max_rss_bytes, result.max_rss_bytes), 0, result.output
            )
        builds[name] = result

    zip_bytes = bundle.make_zip(sites["offline"], base / "offline.zip")
    offline = _offline_figures(corpus.root, base, source, progress)
    project_html, plain_html = html_summary(sites["project"]), html_summary(sites["plain"])
    figures = {
        "pages_per_language": corpus.pages_per_language,
        "content_files": count,
        "check_seconds": round(seconds, 4),
        "check_docs_per_second": round(count / seconds, 1),
        "build_project_seconds": round(builds["project"].seconds, 2),
        "build_plain_seconds": round(builds["plain"].seconds, 2),
        "build_offline_seconds": round(builds["offline"].seconds, 2),
        "build_ratio": round(builds["project"].seconds / builds["plain"].seconds, 3),
        "build_project_max_rss_bytes": builds["project"].max_rss_bytes,
        "build_plain_max_rss_bytes": builds["plain"].max_rss_bytes,
        "build_offline_max_rss_bytes": builds["offline"].max_rss_bytes,
        **{f"project_{k}": v for k, v in project_html.items()},
        **{f"plain_{k}": v for k, v in plain_html.items()},
        "median_html_bytes": project_html["median_html_bytes"],
        "largest_html_bytes": project_html["largest_html_bytes"],
        "search_index_en_bytes": _size(sites["project"] / "search" / "search_index.json"),
        "search_index_es_bytes": _size(sites["project"] / "es" / "search" / "search_index.json"),
        "offline_zip_bytes": zip_bytes,
        "offline_site_bytes": folder_size(sites["offline"])[0],
        "peak_memory_bytes": max(b.max_rss_bytes for b in builds.values()),
        **bench_offline.saved_sets(sites["project"], LANGUAGES, DEFAULT_LANGUAGE),
        **offline,
        **hostile,
    }
    budgets = evaluate(figures, corpus.pages_per_language)
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform, "python": sys.version.split()[0]},
        "corpus": {
            "pages_requested": pages,
            "pages_per_language": corpus.pages_per_language,
            "counts_per_language": corpus.counts,
            "content_files": count,
            "seed": seed,
            "build_repeats": repeat,
            "generation_seconds": round(generated, 2),
        },
        "figures": figures,
        "budgets": budgets,
        "passed": all(b["passed"] for b in budgets),
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def _offline_figures(corpus: Path, base: Path, source: Path | None, progress: Progress) -> dict[str, Any]:
    """Each language's offline copy alone, at the corpus's size; and for the starter content
    (the repository's own): the saved sets, the three zips and the seconds from "Save" to "ready"."""

    def build(root: Path, site: Path, config: str, env: dict[str, str] | None) -> None:
        progress(f"build: {config} {' '.join(f'{k}={v}' for k, v in (env or {}).items())} in {root.name}")
        result = run_build(root, site, config, (), env)
        if result.returncode != 0:
            raise BenchError(f"the {config} build of {root} failed (exit {result.returncode}):\n{result.output}")

    figures: dict[str, Any] = dict(bench_offline.one_language_copies(corpus, base / "offline-one", LANGUAGES, build))
    starter = (source or Path(__file__).resolve().parents[2]).resolve()
    work = base / "starter"
    build(starter, work / "site", "mkdocs.yml", None)
    build(starter, work / "learning-lab", "mkdocs.offline.yml", None)
    starter_figures = {
        **bench_offline.saved_sets(work / "site", LANGUAGES, DEFAULT_LANGUAGE),
        "offline_zip_bytes": bundle.make_zip(work / "learning-lab", work / "learning-lab-offline.zip"),
        **bench_offline.one_language_copies(starter, work, LANGUAGES, build),
    }
    progress("Save for offline use: the starter content in Spanish, in Chromium")
    starter_figures["save_es_seconds"] = round(bench_offline.save_seconds(work / "site", "es", "es/"), 2)
    figures.update({f"starter_{k}": v for k, v in starter_figures.items()})
    return figures


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None
