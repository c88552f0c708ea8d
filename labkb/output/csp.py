"""A strict Content Security Policy for every HTML file the site publishes (no MkDocs here).

Static hosts cannot always send headers, so the policy is a `<meta http-equiv>` tag, put
right after `<meta charset>`, before any script. It is computed per file, at build time:

- Scripts run only from the site's own files (`'self'`) and, inline, only the theme's
  own scripts, by their SHA-256 hash. An inline script is the theme's when it matches
  one of the theme's templates (`trusted_scripts`): the literal text, with each `{{ … }}`
  standing for a value that cannot end a string (a URL, an id). Any other inline script
  (one a contribution slipped through) gets no hash, so the browser refuses to run it;
  so do event-handler attributes and `javascript:` links (no `'unsafe-inline'`, no
  `'unsafe-hashes'` for scripts).
- Styles, images, fonts and media come from the site only; images also from `data:`
  (Material's CSS draws its icons as `data:` SVG). The one inline style allowed is the
  column alignment Python-Markdown writes on table cells (`style="text-align: …"`),
  by hash, with `'unsafe-hashes'` limited to style attributes (`style-src-attr`).
- `object-src 'none'`, `base-uri 'none'`, `form-action 'none'`, frames none.

`frame-ancestors`, `report-uri` and `sandbox` are ignored in a meta tag, so they are not written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

META_HTTP_EQUIV = "Content-Security-Policy"

# Script types a browser runs (HTML's JavaScript MIME type essences, and modules), plus the
# inline types script-src also governs. Any other type (application/json...) is a data block.
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript", "application/javascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
        "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
        "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
    }
)  # fmt: skip
GOVERNED_TYPES = JAVASCRIPT_TYPES | {"module", "importmap", "speculationrules"}

# A script element, as an HTML parser reads one: its raw text ends at the first `</script`.
_SCRIPT = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_OUR_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# The only inline style allowed: a table column's alignment, as Python-Markdown writes it.
_ALIGNMENT = re.compile(r"text-align: (?:left|right|center);")

# In a theme template, a `{{ … }}` inside a script prints a value (a relative URL, an id).
# It may hold no quote, backtick, backslash, angle bracket or line break, so it cannot end
# the string it is in and add code; and no colon or `//`, so a copy of a theme script that
# a contribution slipped in cannot send readers to another site. JSON's escapes of
# characters beyond ASCII (\u00e9) are allowed: they print no character of those.
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_VALUE = r"(?:(?!//)[^\"'`\\<>\r\n:]|\\u(?!00[0-7])[0-9a-fA-F]{4})*"

# Inline scripts the project writes itself, outside the theme, in the templates' notation:
# the redirect pages of `labkb.features.permalinks.redirect_page` (a JSON string, then the #anchor).
PROJECT_SCRIPTS = ('<script>location.replace("{{ target }}" + location.hash)</script>',)


@dataclass(frozen=True)
class Script:
    attributes: dict[str, str]
    text: str
    start: int

    @property
    def inline(self) -> bool:
        return "src" not in self.attributes

    @property
    def type(self) -> str:
        """The script's type as a browser decides it ("" for a classic script)."""
        kind = self.attributes.get("type")
        if kind is None:
            language = self.attributes.get("language", "")
            return f"text/{language}".lower() if language else ""
        kind = kind.strip().lower()
        return "" if kind in JAVASCRIPT_TYPES else kind

    @property
    def governed(self) -> bool:
        """An inline script the browser runs only if the policy allows it (not a data block)."""
        return self.inline and (self.type == "" or self.type in GOVERNED_TYPES)


def scripts(document: str) -> list[Script]:
    """Every `<script>` element of an HTML document (or template), in order."""
    found = []
    for match in _SCRIPT.finditer(document):
        attributes: dict[str, str] = {}
        for name, value in _ATTRIBUTE.findall(match.group(1)):
            value = value[1:-1] if value[:1] in "\"'" else value
            attributes.setdefault(name.lower(), html.unescape(value))
        found.append(Script(attributes, match.group(2), match.start()))
    return found


def source_hash(text: str) -> str:
    """The CSP hash source of an inline script or style: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def templates_in(folders: Iterable[str | Path]) -> list[str]:
    """The text of every HTML template in the theme's folders."""
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(Path(folder).rglob("*.html"))]


def trusted_scripts(templates: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """The inline scripts of the theme's templates (and `PROJECT_SCRIPTS`), as patterns of
    the text they render to. A script with a `{% … %}` inside is skipped: its output cannot
    be told in advance, so it gets no hash (and a test of the built site says so)."""
    patterns: dict[str, re.Pattern[str]] = {}
    for template in [*templates, *PROJECT_SCRIPTS]:
        for script in scripts(template):
            if not script.governed or not script.text.strip() or "{%" in script.text or "{#" in script.text:
                continue
            literal = _EXPRESSION.split(script.text)
            pattern = _VALUE.join(re.escape(part) for part in literal)
            patterns.setdefault(pattern, re.compile(pattern, re.DOTALL))
    return tuple(patterns.values())


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script that the iframe-worker shim writes into its iframe, for a page whose
    search worker is at `worker_url` (the `search` of Material's `__config`).

    The iframe is `about:blank` and inherits the page's policy, so this script needs its hash
    too. The shim builds it from a template: `${name}` is the source of its function `name`,
    or the worker's URL.
    """
    template = re.search(r"<html><body><script>(.*?)<\\/script>", shim, re.DOTALL)
    if template is None:
        raise ValueError("the iframe-worker shim no longer writes '<html><body><script>…': update labkb/output/csp.py")
    others = []

    def fill(match: re.Match[str]) -> str:
        source = _function_source(shim, match.group(1))
        if source is None:
            others.append(match.group(1))
            return worker_url
        return source

    text = re.sub(r"\$\{(\w+)\}", fill, template.group(1))
    if len(others) != 1:
        raise ValueError(f"the iframe-worker shim's script has {len(others)} values that are not functions: expected 1")
    return text


def _function_source(code: str, name: str) -> str | None:
    """The text of `function name(…){…}` in minified JavaScript, as `String(fn)` gives it."""
    start = code.find(f"function {name}(")
    if start < 0:
        return None
    depth, index, quote = 0, code.index("{", code.index(")", start)), ""
    while index < len(code):
        char = code[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return code[start : index + 1]
        index += 1
    raise ValueError(f"unbalanced braces in function {name} of the iframe-worker shim")


def search_worker(document: str) -> str | None:
    """The URL of Material's search worker in a page (`search` of its `__config`), if any."""
    for script in scripts(document):
        if script.attributes.get("id") == "__config" and not script.governed:
            try:
                search: str | None = json.loads(script.text).get("search")
                return search
            except (ValueError, AttributeError):
                return None
    return None


def script_hashes(document: str, trusted: Iterable[re.Pattern[str]]) -> list[str]:
    """Hashes of the document's inline scripts that are the theme's own, in order, once each."""
    trusted = tuple(trusted)
    hashes = []
    for script in scripts(document):
        if script.governed and any(p.fullmatch(script.text) for p in trusted):
            hashes.append(source_hash(script.text))
    return list(dict.fromkeys(hashes))


def style_attribute_hashes(document: str) -> list[str]:
    """Hashes of the table alignments (`style="text-align: left;"`) in the document."""
    values = (html.unescape(a if a is not None else b) for a, b in _STYLE_ATTRIBUTE.findall(document))
    return list(dict.fromkeys(source_hash(v) for v in values if _ALIGNMENT.fullmatch(v)))


def policy(
    scripts: Iterable[str] = (),
    style_attributes: Iterable[str] = (),
    connect: Iterable[str] = (),
    live_reload: bool = False,
) -> str:
    """The policy text: `scripts` and `style_attributes` are hash sources, `connect` the
    addresses fetch() may reach besides the site itself (its public address).

    `live_reload` is for `mkdocs serve` only, never a built site: its server writes an inline
    script into every page it serves, different each time, which no hash can allow. Inline
    scripts are then allowed (without hashes: a hash makes browsers ignore 'unsafe-inline').
    """
    script_sources = ["'self'", "'unsafe-inline'"] if live_reload else ["'self'", *scripts]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", script_sources),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'", *connect]),
        ("media-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'none'"]),
    ]
    style_attributes = list(style_attributes)
    if style_attributes:
        directives.insert(3, ("style-src-attr", ["'unsafe-hashes'", *style_attributes]))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def meta(policy_text: str) -> str:
    content = html.escape(policy_text, quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="{META_HTTP_EQUIV}" content="{content}">'


def secure(
    document: str,
    trusted: Iterable[re.Pattern[str]],
    connect: Iterable[str] = (),
    also: Iterable[str] = (),
    live_reload: bool = False,
) -> str:
    """The document with its policy: one meta tag right after `<meta charset>` (or the start
    of `<head>`), before any script. `also` holds inline scripts the page creates at run time
    (the iframe-worker's). A policy this function wrote before is replaced."""
    document = _OUR_META.sub("", document)
    hashes = [*script_hashes(document, trusted), *(source_hash(text) for text in also)]
    tag = meta(policy(dict.fromkeys(hashes), style_attribute_hashes(document), connect, live_reload))
    first_script = next((s.start for s in scripts(document)), len(document))
    anchor = _CHARSET.search(document)
    if anchor is None or anchor.start() > first_script:
        anchor = _HEAD.search(document)
    if anchor is None or anchor.start() > first_script:
        raise ValueError("an HTML file without <head> before its first script: no place for its policy")
    return f"{document[: anchor.end()]}\n{tag}{document[anchor.end() :]}"
