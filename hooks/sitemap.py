"""The sitemap and robots.txt (labkb.output.sitemap), written once every language is built.

MkDocs' and static-i18n's sitemap lists only the files they know: not the pages our
hooks generate (stage pages, survey pages, blog listings). This one comes from the same
declaration of addresses as the rest of the site (labkb.model.addresses) and replaces it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority

import _context
from labkb.output import sitemap


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config):
    build = _context.get()
    if not build.every_language_built:
        return  # a nested build of another language
    site = Path(config.site_dir)
    dates = sitemap.content_dates(build.project.root)
    items = sitemap.entries(build.corpus, build.generated, build.languages, build.default, build.absolute, dates)
    text = sitemap.xml(items)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as archive:
        archive.write(text.encode("utf-8"))
    (site / "robots.txt").write_text(sitemap.robots(build.site_url), encoding="utf-8")
