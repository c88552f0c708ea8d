"""MkDocs adapter for addresses that never break (labkb.features.permalinks).

For the language being built, writes a redirect page at every old address declared in
data/redirects.yml and at every case study's short link (c/<id>/), as virtual files:
nothing is written to content/.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import _context
from labkb.features import permalinks
from labkb.model import addresses, textfile


@event_priority(-150)  # after static-i18n (-100) has chosen this language's files
def on_files(files, config):
    build = _context.get()
    language, regs, project = build.language, build.regs, build.project
    stages = list(regs.vocabularies.get("stages", {}))
    try:
        moves = dict(permalinks.resolved_redirects(project))
        for case_id, page_path in addresses.short_links(build.corpus).items():
            moves[f"{addresses.SHORT}/{case_id}/"] = permalinks.url_of(page_path)
    except textfile.NotUTF8Error as exc:  # the checker reports it first; never a traceback
        raise PluginError(exc.text(project)) from None
    title = regs.label("redirect_title", language)
    for source, target in sorted(moves.items()):
        here = File(permalinks.page_path_of(source), config.docs_dir, config.site_dir, config.use_directory_urls)
        relative = build.url_to(permalinks.page_path_for(project, target, stages), build.prefix() + here.url)
        content = permalinks.redirect_page(relative, build.site_url + build.prefix() + target, language, title)
        stub = File.generated(config, f"{language}/{here.dest_uri}", content=content)
        stub.dest_uri = build.prefix() + here.dest_uri
        files.append(stub)
    return files
