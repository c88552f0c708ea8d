"""Virtual files for the hooks: pages and downloads that exist only in the build.

Not a hook itself (mkdocs.yml does not list it); the hooks import it while MkDocs
loads them, with hooks/ on the import path.
"""

from __future__ import annotations

from mkdocs.structure.files import File


def virtual(config, page_path: str, language: str, default: str, content: str | bytes) -> File:
    """A generated file at `page_path` under the language's prefix, with static-i18n's
    attributes, so the language switcher and head links treat it like any page."""
    prefix = "" if language == default else f"{language}/"
    file = File.generated(config, f"{language}/{page_path}", content=content)
    where = File(page_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file.dest_uri = prefix + where.dest_uri
    file.locale = file.localization = language
    file.norm_src_uri = page_path
    file.locale_alternate_of = language
    return file


def add_in_every_language(
    files,
    config,
    page_path: str,
    contents: dict[str, str | bytes],
    language: str,
    default: str,
    hidden_in_nav: bool = False,
) -> File:
    """Add this language's version of a generated page; every language's version is an
    alternate (each exists), so the switcher and hreflang links always have a target."""
    alternates = {
        lang: virtual(config, page_path, lang, default, content if lang == language else "")
        for lang, content in contents.items()
    }
    for alternate in alternates.values():
        alternate.alternates = alternates
        alternate.kb_hidden_in_nav = hidden_in_nav
    files.append(alternates[language])
    return alternates[language]
