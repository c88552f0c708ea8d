"""What the public site offers to download: the offline copies (zips) and the guidance PDFs.

`make offline` makes them into dist/ (the bilingual copy and one per language, each with its
PDFs). `kb downloads` (run by `make publish`) records each file, with its size and the date it
was made, in `dist/downloads.json`. The publish build (mkdocs.publish.yml, BuildMode.PUBLISH)
reads that record, publishes the files and links them: the offline page lists the zips, each
guidance page gets its PDF button. A build without the record links none of them: a build
never links a file it does not publish.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import asdict, dataclass

from labkb.model import dates
from labkb.model.messages import Message, msg
from labkb.model.project import Project
from labkb.model.registries import Registries
from labkb.output.pdfs import pdf_name

RECORD = "dist/downloads.json"
FOLDER = "downloads"  # where the zips are published, below the site root
ZIP_ALL = "learning-lab-offline.zip"  # the bilingual copy (`make offline`'s first zip)
OFFLINE_FOLDER = "dist/offline"  # the copies' folders: learning-lab/, learning-lab-<lang>/
PAGE = "offline/index.md"  # the page that lists the downloads and offers "Save for offline use"


def zip_name(language: str | None) -> str:
    """learning-lab-offline.zip (every language) or learning-lab-offline-<lang>.zip."""
    return ZIP_ALL if language is None else f"learning-lab-offline-{language}.zip"


def copy_folder(language: str | None) -> str:
    """The folder of dist/offline/ a copy is built in (and its top folder inside the zip)."""
    return "learning-lab" if language is None else f"learning-lab-{language}"


@dataclass(frozen=True)
class Download:
    name: str  # the published file name
    source: str  # where it is, relative to the project root
    size: int  # bytes
    date: str  # ISO date it was made
    language: str | None = None  # the one language it holds (None: every language)


@dataclass(frozen=True)
class Downloads:
    zips: tuple[Download, ...]
    pdfs: dict[str, dict[str, Download]]  # language -> guidance page path -> its PDF

    def pdf(self, language: str, page_path: str) -> Download | None:
        return self.pdfs.get(language, {}).get(page_path)


class MissingDownloads(Exception):
    """The publish build found no record, or a file the record names is not there: `message`
    says which, in any language (its text is the default language's)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def record(project: Project, languages: tuple[str, ...], default: str, today: dt.date | None = None) -> Downloads:
    """Record what `make offline` made in dist/ (each file's size and date) in dist/downloads.json."""
    made = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    dist = project.root / "dist"
    zips = []
    for language in (None, *languages):
        path = dist / zip_name(language)
        if not path.is_file():
            raise MissingDownloads(msg("downloads.zip-missing", path=project.relative(path)))
        zips.append(Download(path.name, project.relative(path), path.stat().st_size, made, language))
    pdfs: dict[str, dict[str, Download]] = {}
    bilingual = project.root / OFFLINE_FOLDER / copy_folder(None)
    for language in languages:
        below = bilingual if language == default else bilingual / language
        for pdf in sorted((below / "guidance").glob("*.pdf")):
            page_path = f"guidance/{pdf.stem}.md"
            pdfs.setdefault(language, {})[page_path] = Download(
                pdf.name, project.relative(pdf), pdf.stat().st_size, made, language
            )
    downloads = Downloads(tuple(zips), pdfs)
    target = project.root / RECORD
    data = {
        "zips": [asdict(z) for z in downloads.zips],
        "pdfs": {lang: {p: asdict(d) for p, d in sorted(each.items())} for lang, each in pdfs.items()},
    }
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return downloads


def load(project: Project) -> Downloads:
    """The record `kb downloads` wrote, every file it names checked to be there."""
    path = project.root / RECORD
    if not path.is_file():
        raise MissingDownloads(msg("downloads.record-missing", record=RECORD))
    data = json.loads(path.read_text(encoding="utf-8"))
    zips = tuple(Download(**z) for z in data["zips"])
    pdfs = {lang: {p: Download(**d) for p, d in each.items()} for lang, each in data["pdfs"].items()}
    for download in (*zips, *(d for each in pdfs.values() for d in each.values())):
        if not (project.root / download.source).is_file():
            raise MissingDownloads(msg("downloads.file-missing", path=download.source, record=RECORD))
    return Downloads(zips, pdfs)


def pdf_path(page_path: str, prefix: str) -> str:
    """Where a guidance PDF is published, from the site root: <lang prefix>guidance/<slug>.pdf."""
    return prefix + pdf_name(page_path)


def megabytes(size: int, language: str) -> str:
    """'2.4 MB' / '2,4 MB': one decimal, the language's decimal mark."""
    text = f"{size / 1_000_000:.1f}"
    return (text.replace(".", ",") if language != "en" else text) + " MB"


def table(downloads: Downloads | None, regs: Registries, language: str, to_root: str, public: str | None) -> str:
    """The downloads section of the offline page: each zip with what it holds, its size and date,
    the reader's language first. `to_root` is the relative address of the site root from the
    page. Without downloads: a sentence, and (in a copy) where the public site is."""
    title = html.escape(regs.label("offline_downloads", language))
    parts = [f'<h2 id="downloads">{title}</h2>']
    if downloads is None:
        if public:
            link = f'<a href="{html.escape(public)}">{html.escape(public)}</a>'
            text = html.escape(regs.label("offline_elsewhere", language, url="\0")).replace("\0", link)
        else:
            text = html.escape(regs.label("offline_none", language))
        parts.append(f"<p>{text}</p>")
        return "\n".join(parts) + "\n"
    order = sorted(downloads.zips, key=lambda z: (z.language != language, z.language is not None, z.language or ""))
    columns = ("offline_col_file", "offline_col_holds", "offline_col_size", "offline_col_date")
    heads = [regs.label(k, language) for k in columns]
    rows = []
    for each in order:
        if each.language is None:
            holds = regs.label("offline_zip_all", language)
        else:
            name = regs.label(f"language_name_{each.language}", language)
            holds = regs.label("offline_zip_language", language, language=name)
        href = html.escape(f"{to_root}{FOLDER}/{each.name}")
        cells = [
            f'<a href="{href}" download>{html.escape(each.name)}</a>',
            html.escape(holds),
            html.escape(megabytes(each.size, language)),
            html.escape(dates.long_date(each.date, language)),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    parts.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    if downloads.pdfs.get(language):
        parts.append(f"<p>{html.escape(regs.label('offline_pdfs', language))}</p>")
    return "\n".join(parts) + "\n"


def save_block(regs: Registries, language: str, manifest: str) -> str:
    """The "Save for offline use" button and its status line, for the public site only:
    overrides/assets/javascripts/offline.js shows it (hidden where a browser cannot save),
    fills the status from the `data-kb-*` templates, and asks the service worker to store
    the precache list at `manifest` (relative to the page)."""

    def label(key: str) -> str:
        return html.escape(regs.label(key, language), quote=True)

    return (
        f'<h2 id="save">{label("offline_save_title")}</h2>\n'
        f"<p>{label('offline_save_intro')}</p>\n"
        f'<div class="kb-save" data-kb-save="{html.escape(manifest, quote=True)}" data-kb-language="{language}" hidden'
        f' data-kb-progress="{label("offline_save_progress")}" data-kb-ready="{label("offline_save_ready")}"'
        f' data-kb-failed="{label("offline_save_failed")}" data-kb-none="{label("offline_save_none")}">\n'
        f'<p><button type="button" class="md-button md-button--primary" data-kb-save-button>'
        f"{label('offline_save_title')}</button></p>\n"
        f'<p class="kb-save__status" role="status" aria-live="polite" data-kb-save-status></p>\n'
        "</div>\n"
        f'<p class="kb-save-unsupported" data-kb-save-unsupported>{label("offline_save_unsupported")}</p>\n'
    )
