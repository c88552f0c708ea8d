"""Search per language, accent- and case-insensitive, with stemming.

static-i18n merges every language into one `search/search_index.json`, and Material's
lunr search neither folds accents nor stems Spanish. `split_index` turns the merged
index into one index per language:

- each language's pages only; a page shown in another language (not translated yet)
  stays, its title marked with its real language;
- `title_folded` and `text_folded` fields: the accent-free form of every word that has
  accents, so that "contratacion" finds "contratación";
- a `variants` field with the singular and plural forms of every word, so that
  "proveedores" finds "proveedor" and "suppliers" finds "supplier" (each language's rules
  are data: `plurals` in data/languages.yml);
- the language's own stop words.

Why variants rather than lunr's stemmer: Material adds a trailing wildcard to every
query term ("suppliers*"), and lunr does not stem wildcard terms, so a stemmed index
("supplier") never matches a plural query. Without the stemmer, prefixes match the
words as written, and the variants cover the other number.

Snippets still come from the `text` field, as written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from copy import deepcopy
from typing import Any

from labkb.model import languages as site_languages

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z]{4,}")


def variants(word: str, language: str) -> set[str]:
    """The word and its other grammatical number (a folded word; only what is needed).

    English: supplier, suppliers; policy, policies; process, processes.
    Spanish: proveedor, proveedores; politica, politicas; luz, luces.
    The rules are each language's `plurals` in data/languages.yml (labkb/model/languages.py).
    """
    return site_languages.SITE.get(language).variants(word)


def fold(text: str) -> str:
    """Lower case without accents: 'Contratación' -> 'contratacion'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _folded_only(text: str) -> list[str]:
    """Accent-free forms of the words of `text` that have accents, each once, in order."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", text):
        folded = fold(word)
        if folded != word:
            seen.setdefault(folded, None)
    return list(seen)


def language_of(location: str, languages: tuple[str, ...], default: str) -> tuple[str, str]:
    """(language, location relative to that language's root) of an index location."""
    for language in languages:
        if language != default and (location == language or location.startswith(language + "/")):
            return language, location[len(language) + 1 :]
    return default, location


def split_index(
    merged: dict[str, Any],
    languages: tuple[str, ...],
    default: str,
    written_in: Callable[[str, str], str],
    mark: Callable[[str, str], str],
) -> dict[str, dict[str, Any]]:
    """One index per language from static-i18n's merged index.

    `written_in(language, location)` gives the language a page's content is written in;
    `mark(reader_language, content_language)` the suffix for a title in another language.
    """
    indexes = {}
    for language in languages:
        config = deepcopy(merged.get("config", {}))
        config["lang"] = [language]
        config["pipeline"] = ["trimmer", "stopWordFilter"]
        fields = config.setdefault("fields", {})
        fields["title_folded"] = dict(fields.get("title", {"boost": 1000.0}))
        fields["text_folded"] = dict(fields.get("text", {"boost": 1.0}))
        fields["variants"] = {"boost": 0.5}
        indexes[language] = {"config": config, "docs": []}
    for doc in merged.get("docs", []):
        language, location = language_of(doc.get("location", ""), languages, default)
        entry = dict(doc, location=location)
        content_language = written_in(language, location)
        if content_language != language:
            entry["title"] = f"{entry.get('title', '')} {mark(language, content_language)}"
        # Only what the original fields cannot match: the accent-free form of words that
        # have accents, and the other number of every word; each once per section, so the
        # index does not carry the text twice.
        title = _TAG.sub(" ", entry.get("title", "")).lower()
        text = _TAG.sub(" ", entry.get("text", "")).lower()
        entry["title_folded"] = " ".join(_folded_only(title))
        entry["text_folded"] = " ".join(_folded_only(text))
        words = set(_WORD.findall(fold(title + " " + text)))
        rules = site_languages.SITE.get(content_language)
        forms = {form for word in words for form in rules.variants(word)}
        entry["variants"] = " ".join(sorted(forms - words))
        indexes[language]["docs"].append(entry)
    return indexes


def as_json(index: dict[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def as_script(index: dict[str, Any]) -> str:
    """The index as a script: Material loads this instead of the JSON from file://."""
    return "var __index = " + as_json(index) + ";\n"


def page_paths(location: str) -> list[str]:
    """Source paths (below content/<lang>/) a location below a language root may come from."""
    path = location.split("#")[0]
    if path.endswith(".html"):
        stem = path[: -len(".html")]
        return [stem + ".md"] if not stem.endswith("index") else [stem + ".md", stem[:-5] + "README.md"]
    if path in ("", "."):
        return ["index.md"]
    return [path.rstrip("/") + "/index.md", path.rstrip("/") + ".md"]
