"""Virtual files for the hooks: pages and downloads that exist only in the build.

Not a hook itself (mkdocs.yml does not list it); the hooks import it while MkDocs
loads them, with hooks/ on the import path.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.structure.files import File

import _context


def virtual(config, page_path: str, language: str, content: str | bytes) -> File:
    """A generated file at `page_path` under the language's prefix, with static-i18n's
    attributes, so the language switcher and head links treat it like any page."""
    file = File.generated(config, f"{language}/{page_path}", content=content)
    where = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file.dest_uri = _context.get().prefix(language) + where.dest_uri
    # static-i18n's own attributes: it sets them on MkDocs' File objects at run time (File declares none).
    file.locale = file.localization = language  # type: ignore[attr-defined]
    file.norm_src_uri = page_path  # type: ignore[attr-defined]
    file.locale_alternate_of = language  # type: ignore[attr-defined]
    return file


def add_in_every_language(
    files,
    config,
    page_path: str,
    contents: Mapping[str, str | bytes],
    hidden_in_nav: bool = False,
) -> File:
    """Add the version of a generated page in the language being built; every language's
    version is an alternate (each exists), so the switcher and hreflang links always have a target."""
    language = _context.get().language
    alternates = {
        lang: virtual(config, page_path, lang, content if lang == language else "")
        for lang, content in contents.items()
    }
    for alternate in alternates.values():
        # Attributes set at run time, which File does not declare: static-i18n's, and ours for hooks/navigation.py.
        alternate.alternates = alternates  # type: ignore[attr-defined]
        alternate.kb_hidden_in_nav = hidden_in_nav  # type: ignore[attr-defined]
    files.append(alternates[language])
    return alternates[language]
