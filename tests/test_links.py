"""Link integrity of built output: the real site, the offline bundle, and each kind of break."""

from __future__ import annotations

from pathlib import Path

from labkb.output import site_links
from tests.conftest import Built


def write(folder: Path, relative: str, body: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_each_kind_of_broken_reference_is_found(tmp_path: Path):
    write(
        tmp_path,
        "index.html",
        '<a href="about/">ok</a><a href="about/#team">ok</a>'
        '<a href="about/#nobody">anchor</a><a href="gone/">page</a><img src="logo.png" alt="">'
        '<a href="https://example.org/ok">ok</a><a href="https://exa mple">bad</a>'
        '<a href="mailto:lab@example.org">ok</a><a href="#top">own</a><h1 id="top">x</h1>',
    )
    write(
        tmp_path,
        "about/index.html",
        '<h2 id="team">Team</h2><a href="../index.html#top">ok</a><link rel="stylesheet" href="../assets/site.css">',
    )
    assert sorted(site_links.check(tmp_path)) == sorted(
        [
            "index.html: 'about/#nobody' points to a missing anchor '#nobody'",
            "index.html: <a> points to 'gone/', which does not exist",
            "index.html: <img> points to 'logo.png', which does not exist",
            "index.html: malformed external address 'https://exa mple'",
            "about/index.html: <link> points to '../assets/site.css', which does not exist",
        ]
    )


def test_every_link_of_the_built_site_resolves(built: Built):
    assert site_links.check(built.site) == []
    assert len(site_links.external_links(built.site)) > 5
