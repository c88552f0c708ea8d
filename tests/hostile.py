"""The hostile corpus: what an outside contributor's pull request might carry.

Each case is a file (or a link) an attacker could add, and the exact finding the checker
must report for it. `test_hostile.py` proves every case is refused by `make check`, the
file cases also by the build; `test_hostile_browser.py` builds the Markdown cases with
the checker switched off and proves that the other walls (sanitizer, escaping) leave
nothing that runs in a browser.
"""

from __future__ import annotations

from tests.conftest import BLOG_FRONT, BODY

POST = "content/en/blog/post.md"
SCRIPT_MESSAGE = "content cannot run scripts"


def post(body: str = "", **front: str) -> str:
    text = BLOG_FRONT
    for key, value in front.items():
        start = text.index(f"\n{key}: ") + 1
        end = text.index("\n", start)
        text = text[:start] + f"{key}: {value}" + text[end:]
    return text + "\n" + BODY + body


# (name, text of content/en/blog/post.md, the finding `make check` must print)
# Line 9 is the first line after BODY (8 lines of front matter and a blank line, BODY's 10 lines + 1).
AFTER = 20
MARKDOWN_CASES = [
    (
        "title-img-onerror",
        post(title='"<img src=x onerror=alert(1)>"'),
        f"{POST}:2: 'title': must be plain text, found markup '<img src=x o' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "title-closes-the-title-element",
        post(title='"</title><script>alert(1)</script>"'),
        f"{POST}:2: 'title': must be plain text, found markup '</title><scr' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "description-breaks-out-of-meta",
        post(description="'\"><img src=x onerror=alert(1)>'"),
        f"{POST}:6: 'description': must be plain text, found markup '<img src=x o' at character 3: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "title-entity-encoded-markup",
        post(title='"&lt;img src=x onerror=alert(1)&gt;"'),
        f"{POST}:2: 'title': must be plain text, found markup '&lt;img src=' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "title-control-character",
        post(title='"Bell \\a in the title"'),
        f"{POST}:2: 'title': contains an invisible control character (U+0007 control character) at character 6: "
        "delete it and type the text again",
    ),
    (
        "title-bidi-override",
        post(title='"Right-to-left \u202e override"'),
        f"{POST}:2: 'title': contains an invisible control character (U+202E right-to-left override) at "
        "character 15: delete it and type the text again",
    ),
    (
        "title-too-long",
        post(title="A" * 1_000),
        f"{POST}:2: 'title': is 1,000 characters long, at most 150 are allowed: shorten it",
    ),
    (
        "comment-that-browsers-end-early",
        post("\n<!--><img src=x onerror=alert(1)>-->\n"),
        f"{POST}:{AFTER}: the event handler 'onerror=' is not allowed in content: remove it ({SCRIPT_MESSAGE})",
    ),
    (
        "comment-ended-by-bang",
        post("\n<!-- x --!><img src=x onerror=alert(1)>-->\n"),
        f"{POST}:{AFTER}: the event handler 'onerror=' is not allowed in content: remove it ({SCRIPT_MESSAGE})",
    ),
    (
        "svg-animate-href",
        post(
            '\n<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
            '<text y="20">Go</text></a></svg>\n'
        ),
        f"{POST}:{AFTER}: <svg> is not allowed in content: save the drawing as a PNG picture next to the page "
        "and show it with ![description](file.png)",
    ),
    (
        "link-title-entity-markup",
        post('\n[Lab](https://example.org "&lt;img src=x onerror=alert(1)&gt;")\n'),
        f"{POST}:{AFTER}: a link's title must be plain text, found markup '&lt;img src=' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "abbreviation-entity-markup",
        post("\nThe ILO works here.\n\n*[ILO]: &lt;img src=x onerror=alert(1)&gt;\n"),
        f"{POST}:{AFTER + 2}: an abbreviation must be plain text, found markup '&lt;img src=' at character 1: "
        "remove it (the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "html-title-attribute-markup",
        post('\n<span title="&lt;img src=x onerror=alert(1)&gt;">hover</span>\n'),
        f"{POST}:{AFTER}: the title must be plain text, found markup '<img src=x o' at character 1: remove it "
        "(the site shows this field as text; write characters as they are, e.g. & rather than &amp;)",
    ),
    (
        "style-background-url",
        post('\n<p style="background:url(https://evil.example/track.png)">styled</p>\n'),
        f"{POST}:{AFTER}: the attribute 'style=' is not allowed on <p>: remove it (allowed: class, dir, id, lang, "
        "title; pages cannot load files from other sites or run scripts)",
    ),
    (
        "video-poster",
        post('\n<video poster="https://evil.example/poster.png"></video>\n'),
        f"{POST}:{AFTER}: <video> is not allowed in content: remove it and link to the video's page instead "
        "(pages do not embed media)",
    ),
    (
        "picture-source-srcset",
        post('\n<picture><source srcset="https://evil.example/a.png"><img src="a.png" alt="A"></picture>\n'),
        f"{POST}:{AFTER}: <picture> is not allowed in content: use one picture: ![description](file.png)",
    ),
    (
        "img-srcset",
        post('\n<img src="../index.md" srcset="https://evil.example/a.png 2x" alt="A">\n'),
        f"{POST}:{AFTER}: the attribute 'srcset=' is not allowed on <img>: remove it (allowed: alt, class, dir, "
        "height, id, lang, loading, src, title, width; pages cannot load files from other sites or run scripts)",
    ),
    (
        "a-ping",
        post('\n<a href="https://example.org" ping="https://evil.example/ping">Lab</a>\n'),
        f"{POST}:{AFTER}: the attribute 'ping=' is not allowed on <a>: remove it (allowed: class, dir, download, "
        "href, id, lang, title; pages cannot load files from other sites or run scripts)",
    ),
    (
        "theme-id-clobbering",
        post("\n## Search {#__search}\n"),
        f"{POST}:{AFTER}: the id '__search' is reserved for the site's own page elements: choose an id not "
        "starting with '__'",
    ),
    (
        "attribute-list-data-attribute",
        post('\n[Lab](https://example.org){ data-md-component="search" }\n'),
        f"{POST}:{AFTER}: the attribute 'data-md-component=' is not allowed here: remove it (allowed: class, dir, "
        "id, lang, title; pages cannot load files from other sites or run scripts)",
    ),
]

# (name, how to make the file, the finding): "text:...", "bytes:<hex>", "link:<target>"
FILE_CASES = [
    (
        "html-page",
        "content/en/evil.html",
        "text:<script>alert(1)</script>",
        "content/en/evil.html: files of this kind ('.html') are not published: content/ holds only Markdown "
        "pages (.md) and pictures (.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where "
        "it is published",
    ),
    (
        "svg-with-script",
        "content/en/figures/logo.svg",
        'text:<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "content/en/figures/logo.svg: files of this kind ('.svg') are not published: content/ holds only Markdown "
        "pages (.md) and pictures (.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where "
        "it is published",
    ),
    (
        "markdown-other-extension",
        "content/en/blog/hidden.markdown",
        "text:<script>alert(1)</script>",
        "content/en/blog/hidden.markdown: files of this kind ('.markdown') are not published: content/ holds only "
        "Markdown pages (.md) and pictures (.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link "
        "to where it is published",
    ),
    (
        "replaces-the-site-script",
        "content/en/assets/javascripts/kb.js",
        "text:alert(1)",
        "content/en/assets/javascripts/kb.js: 'assets/' is where the site keeps its own files (theme, scripts, "
        "search index, the page for unknown addresses): move this file to another folder",
    ),
    (
        "replaces-the-favicon",
        "content/en/assets/images/favicon.png",
        "png",
        "content/en/assets/images/favicon.png: 'assets/' is where the site keeps its own files (theme, scripts, "
        "search index, the page for unknown addresses): move this file to another folder",
    ),
    (
        "replaces-the-feed",
        "content/en/blog/feed.xml",
        "text:<rss></rss>",
        "content/en/blog/feed.xml: files of this kind ('.xml') are not published: content/ holds only Markdown "
        "pages (.md) and pictures (.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where "
        "it is published",
    ),
    (
        "replaces-the-search-index",
        "content/es/search/search_index.json",
        "text:{}",
        # A file below content/es/: its message is in Spanish.
        "content/es/search/search_index.json: 'search/' es donde el sitio guarda sus propios archivos (tema, scripts, "
        "índice de búsqueda, la página para direcciones desconocidas): mueva este archivo a otra carpeta",
    ),
    (
        "symlink-to-environment",
        "content/en/blog/env.md",
        "link:/proc/self/environ",
        "content/en/blog/env.md: is a symbolic link: links are never published (they could point anywhere on the "
        "build machine); put the file itself here, or link to its page in the Markdown",
    ),
    (
        "relative-symlink-to-git-config",
        "content/en/config.png",
        "link:../../.git/config",
        "content/en/config.png: is a symbolic link: links are never published (they could point anywhere on the "
        "build machine); put the file itself here, or link to its page in the Markdown",
    ),
    (
        "symlinked-folder",
        "content/en/machine",
        "link:/etc",
        "content/en/machine: is a symbolic link: links are never published (they could point anywhere on the "
        "build machine); put the file itself here, or link to its page in the Markdown",
    ),
    (
        "picture-that-is-not-one",
        "content/en/figures/chart2.png",
        "text:<html><script>alert(1)</script></html>",
        "content/en/figures/chart2.png: is named '.png' but is not a PNG picture: save it again in that format",
    ),
    (
        "file-name-with-newline",
        "content/en/blog/x\n::error::forged.md",
        "text:x",
        "content/en/blog/x\\n::error::forged.md: the file name 'x\\n::error::forged.md' may only hold lower-case "
        "letters, digits, '-', '_' and '.' (it becomes part of a web address): rename it, e.g. to "
        "'x-error-forged.md'",
    ),
]
