"""MkDocs adapter for addresses that never break (labkb.permalinks).

For the language being built, writes a redirect page at every old address declared in
data/redirects.yml and at every case study's short link (c/<id>/), as virtual files:
nothing is written to content/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from labkb import permalinks, registries, textfile
from labkb.project import Project


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    i18n = config.plugins["i18n"]
    language, default = i18n.current_language, i18n.default_language
    project = Project(Path(config.config_file_path).parent)
    regs = registries.load(project)
    stages = list(regs.vocabularies.get("stages", {}))
    prefix = "" if language == default else f"{language}/"
    site_url = (config.site_url or "").rstrip("/") + "/"
    try:
        moves = dict(permalinks.resolved_redirects(project))
        for case_id, page_path in permalinks.short_links(project).items():
            moves[f"{permalinks.SHORT}/{case_id}/"] = permalinks.url_of(page_path)
    except textfile.NotUTF8Error as exc:  # the checker reports it first; never a traceback
        raise PluginError(exc.text(project)) from None
    title = regs.label("redirect_title", language)
    for source, target in sorted(moves.items()):
        here = _file(config, permalinks.page_path_of(source))
        there = _file(config, permalinks.page_path_for(project, target, stages))
        relative = get_relative_url(prefix + there.url, prefix + here.url)
        content = permalinks.redirect_page(relative, site_url + prefix + target, language, title)
        stub = File.generated(config, f"{language}/{here.dest_uri}", content=content)
        stub.dest_uri = prefix + here.dest_uri
        files.append(stub)
    return files


def _file(config, page_path: str) -> File:
    return File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
