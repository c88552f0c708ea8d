"""Pages written first in another language also appear on the default-language site.

static-i18n falls back only towards the default language: an English page missing in
Spanish is shown at /es/..., but a Spanish page missing in English is simply absent
from the English site. This adds such pages to the default-language build at the same
path, marked with their real language, so that hooks/pages.py shows the
"not yet translated" notice there too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from labkb.project import Project


@event_priority(-150)  # after static-i18n (-100) has chosen the files of this language
def on_files(files, config):
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    if i18n.current_language != default:
        return files
    project = Project(Path(config.config_file_path).parent)
    present = {getattr(f, "norm_src_uri", f.src_uri) for f in files.documentation_pages()}
    for language in i18n.build_languages:
        if language == default:
            continue
        for path in sorted((project.content / language).rglob("*.md")):
            page_path = project.page_path(path)
            if page_path in present:
                continue
            present.add(page_path)
            files.append(_fallback_file(config, path, page_path, language, default))
    return files


def _fallback_file(config, path: Path, page_path: str, language: str, default: str) -> File:
    """A File at the default language's URL whose source is the other language's file."""
    where = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file = File.generated(config, f"{default}/{page_path}", abs_src_path=str(path))
    file.dest_uri = where.dest_uri
    original = File(f"{language}/{page_path}", config.docs_dir, config.site_dir, config.use_directory_urls)
    for each, locale in ((file, language), (original, language)):
        each.locale = locale
        each.localization = locale
        each.norm_src_uri = page_path
        each.locale_alternate_of = default
    file.alternates = {default: file, language: original}
    original.alternates = file.alternates
    return file
