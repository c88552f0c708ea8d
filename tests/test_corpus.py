"""One corpus per build: every content file is read from disk once and parsed once.

The build runs in this process (MkDocs' own `build()` on the real configuration and
hooks), so that reads and parses can be counted where they happen.
"""

from __future__ import annotations

import builtins
import os
from collections import Counter
from pathlib import Path

from labkb.model import frontmatter, textfile
from labkb.model.corpus import Corpus
from labkb.model.project import Project


def test_corpus_reads_pages_once_with_their_language_and_type(full_site):
    corpus = Corpus.read(Project(full_site.root))
    paths = sorted(p.rel for p in corpus.pages)
    assert paths == sorted(Project(full_site.root).relative(p) for p in Project(full_site.root).markdown_files())
    post = corpus.page("en", "blog/santiago-workshop-2017.md")
    assert post is not None and post.ctype.key == "blog_post" and post.meta["title"].value
    assert corpus.by_source[str(post.path)] is post
    assert corpus.findings == []


def test_corpus_reports_a_file_it_cannot_read_and_goes_on(site):
    (site.root / "content/en/broken.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    corpus = Corpus.read(Project(site.root))
    assert [f.text() for f in corpus.findings] == [
        "content/en/broken.md: this file is not UTF-8 text (byte 14): save it as UTF-8 [file.not-utf8]"
    ]
    assert corpus.page("en", "index.md") is not None


def test_each_content_file_is_read_and_parsed_once_per_build(full_site, monkeypatch, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content = full_site.root / "content"
    files = {str(p) for p in content.rglob("*.md")}
    texts = {Path(p).read_text(encoding="utf-8"): p for p in files}
    reads: Counter[str] = Counter()
    parses: Counter[str] = Counter()

    real_read, real_parse, real_open = textfile.read_text, frontmatter.parse, builtins.open

    def read_text(path, **kwargs):
        reads[str(path)] += 1
        return real_read(path, **kwargs)

    def parse(text):
        if text in texts:
            parses[texts[text]] += 1
        return real_parse(text)

    def opening(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and str(file) in files:
            reads[str(file)] += 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(textfile, "read_text", read_text)
    monkeypatch.setattr(frontmatter, "parse", parse)
    monkeypatch.setattr(builtins, "open", opening)
    monkeypatch.chdir(full_site.root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("BUILD_ONLY_LOCALE", raising=False)
    config = load_config(str(full_site.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)

    assert (tmp_path / "site" / "es" / "index.html").is_file()  # both languages were built
    assert {p for p in reads if p in files} == files
    # Content and data files alike: once each.
    assert set(reads.values()) == {1}, {p: n for p, n in reads.items() if n != 1}
    assert set(parses) == files and set(parses.values()) == {1}, {p: n for p, n in parses.items() if n != 1}
