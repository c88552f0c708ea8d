"""Per-page additions, in the page's language: notices, workshop data, head links.

- A page shown in the other language (not translated yet) says so, and its content
  is marked with its real language.
- A stale translation says its original changed, with a link to it.
- `review_status` gives one status notice, kept out of search: "Awaiting editorial review" (no
  date), or "Reviewed by NAME on DATE" (`reviewed_by`, `last_reviewed`).
- Workshop reports get their facts box, programme and institutions from front matter.
- A page with `sources` in its front matter lists them at the end (case studies: hooks/library.py).
- Every page gets an absolute canonical link and hreflang alternates (overrides/main.html).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import _context
from labkb.features import rendering, translations
from labkb.model.schema import CASE_STUDY, EVENT, GUIDANCE, WORKSHOP, content_type_for


def on_page_markdown(markdown, page, config, files):
    build = _context.get()
    language, regs = build.language, build.regs
    file_language = getattr(page.file, "locale", language)
    top = []
    if file_language != language:
        top.append(rendering.missing_notice(regs, language, file_language))
    elif page.file.abs_src_path:  # generated pages (blog listings) have no source file
        state = build.translation_states.get(page.file.norm_src_uri)
        if state and state.states.get(language) == translations.STALE:
            original = page.file.alternates.get(state.source) if hasattr(page.file, "alternates") else None
            link = get_relative_url(original.url, page.url) if original else "../"
            top.append(rendering.stale_notice(regs, language, state.source, link))
    ctype = content_type_for(getattr(page.file, "norm_src_uri", page.file.src_uri))
    bottom = []
    pdf = build.pdf_of(page.file.norm_src_uri) if ctype is GUIDANCE and page.file.abs_src_path else None
    if pdf is not None:
        # `make offline` prints each guidance document to <page>.pdf; `make publish` publishes them.
        top.append(rendering.pdf_button(get_relative_url(pdf, page.url), regs.label("guidance_pdf", language)))
    if ctype is EVENT:
        top.append(rendering.event_facts(page.meta, regs, language))
    if ctype is WORKSHOP:
        top.append(rendering.workshop_facts(page.meta, regs, language))
        bottom.append(rendering.workshop_data(page.meta, regs, language))
    if ctype is not CASE_STUDY:  # a case study's sources come with its citation (hooks/library.py)
        bottom.append(rendering.sources_block(page.meta.get("sources"), regs, language))
    return "\n".join([*top, markdown, *bottom])


@event_priority(60)  # after the sanitizer (100): the notice is the site's own HTML
def on_page_content(html, page, config, files):
    build = _context.get()
    file_language = getattr(page.file, "locale", None)
    if file_language and file_language != build.language:
        html = f'<div lang="{file_language}">\n{html}\n</div>'
    # One review status notice, in the reader's language, kept out of the search index.
    return rendering.review_notice(page.meta, build.regs, build.language) + html


def _language_switcher(config, page) -> None:
    """Point every language of the switcher at this page in that language.

    Every page exists in every language (translated, or shown in its original with a
    notice), so the target is the same path under the language's prefix: relative,
    so that it also works from file://. static-i18n would otherwise send readers of
    an untranslated page to the other language's home page, by an absolute link.
    """
    page_path = getattr(page.file, "norm_src_uri", None)
    # static-i18n sets `config.extra.alternate` as an attribute, which the theme reads.
    alternates = getattr(config.extra, "alternate", None)
    if page_path is None or not alternates:
        return
    build = _context.get()
    for alternate in alternates:
        alternate["link"] = build.url_of(page_path, alternate["lang"]) or "./"


def on_template_context(context, template_name, config):
    """The 404 page is served at any depth: its switcher goes to each home page, absolutely;
    its text is in every language (labels, labkb.features.rendering.not_found)."""
    build = _context.get()
    if template_name == "404.html":
        context["kb_not_found"] = rendering.not_found(build.regs, build.site_url, build.languages, build.default)
    alternates = getattr(config.extra, "alternate", None)
    if template_name == "404.html" and alternates:
        for alternate in alternates:
            alternate["link"] = build.site_url + build.prefix(alternate["lang"])
    return context


SOCIAL_CARD = "assets/images/social-card.png"


def _link_preview(config, page, url: str) -> dict:
    """Open Graph and Twitter card data: how a link looks when pasted into an email or chat."""
    build = _context.get()
    language, regs = build.language, build.regs
    others = [lang for lang in build.languages if lang != language]
    description = page.meta.get("description") or config.site_description or ""
    return {
        "title": page.title if page.title and not page.is_homepage else config.site_name,
        "description": " ".join(str(description).split()),
        "url": url,
        "type": "article" if page.meta.get("date") or page.meta.get("last_reviewed") else "website",
        "site_name": config.site_name,
        "locale": regs.label("og_locale", language),
        "alternate_locales": [regs.label("og_locale", lang) for lang in others],
        "image": build.site_url + SOCIAL_CARD,
        "image_alt": regs.label("og_image_alt", language),
    }


def _path(url: str) -> str:
    """A site-relative URL without MkDocs' './' for the home page."""
    return "" if url in (".", "./") else url.removeprefix("./")


@event_priority(-50)  # after static-i18n (50) has set up the language switcher
def on_page_context(context, page, config, nav):
    """Absolute canonical and hreflang links: only to versions that really exist."""
    build = _context.get()
    site_url = build.site_url
    file_language = getattr(page.file, "locale", build.default)
    alternates = getattr(page.file, "alternates", {})
    real = {}
    for language in build.languages:
        alternate = alternates.get(language)
        if alternate is not None and getattr(alternate, "locale", language) == language:
            real[language] = site_url + _path(alternate.url)
    if file_language not in real:
        real[file_language] = site_url + _path(page.url)
    _language_switcher(config, page)
    context["kb_canonical"] = real.get(file_language)
    context["kb_preview"] = _link_preview(config, page, real.get(file_language) or site_url)
    context["kb_alternates"] = sorted(real.items())
    context["kb_default_alternate"] = real.get(build.default)
    return context
