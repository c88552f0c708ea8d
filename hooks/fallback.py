"""Pages written first in another language also appear on every language's site.

static-i18n falls back only towards the default language: an English page missing in
Spanish is shown at /es/..., but a Spanish page missing in English is simply absent
from the English site (and from any third language's). This adds such pages to each
language's build at the same path, marked with their real language, so that
hooks/pages.py shows the "not yet translated" notice there too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import _context


@event_priority(-150)  # after static-i18n (-100) has chosen the files of this language
def on_files(files, config):
    build = _context.get()
    building = build.language
    present = {getattr(f, "norm_src_uri", f.src_uri) for f in files.documentation_pages()}
    for language in build.built_languages:
        if language == building:
            continue
        for page in sorted(build.corpus.of_language(language), key=lambda p: p.page_path):
            if page.page_path in present:
                continue
            present.add(page.page_path)
            files.append(_fallback_file(config, page.path, page.page_path, language, building, build.prefix()))
    return files


def _fallback_file(config, path: Path, page_path: str, language: str, building: str, prefix: str) -> File:
    """A File at the built language's URL (`prefix`) whose source is the other language's file."""
    where = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file = File.generated(config, f"{building}/{page_path}", abs_src_path=str(path))
    file.dest_uri = prefix + where.dest_uri
    original = File(f"{language}/{page_path}", config.docs_dir, config.site_dir, config.use_directory_urls)
    # static-i18n's own attributes: it sets them on MkDocs' File objects at run time (File declares none).
    for each, locale in ((file, language), (original, language)):
        each.locale = locale  # type: ignore[attr-defined]
        each.localization = locale  # type: ignore[attr-defined]
        each.norm_src_uri = page_path  # type: ignore[attr-defined]
        each.locale_alternate_of = building  # type: ignore[attr-defined]
    file.alternates = {building: file, language: original}  # type: ignore[attr-defined]
    original.alternates = file.alternates  # type: ignore[attr-defined]
    return file
