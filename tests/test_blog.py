"""The blog per language: listings, archives, categories, feeds, and `make new-post`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from labkb.tools import cli
from tests.conftest import BODY, SENTENCE, Built

SITE_URL = "https://learninglab.example/"


def new_post(root, *args: str) -> int:
    return cli.main(["--root", str(root), "new-post", *args])


def feed_items(path) -> list[tuple[str, str]]:
    channel = ET.parse(path).getroot().find("channel")
    return [(item.findtext("title"), item.findtext("link")) for item in channel.findall("item")]


def fill(path, body: str = BODY) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + body, encoding="utf-8")


def test_blog_index_lists_only_posts_of_its_language(built: Built):
    for language, prefix in (("en", ""), ("es", "es/")):
        html = (built.site / prefix / "blog" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<h2 id="[^"]*"><a href="([^"]+)">', html)
        assert links, language
        for link in links:
            post = built.site / prefix / "blog" / link / "index.html"
            assert post.is_file(), link
            assert 'class="admonition info kb-notice-missing' not in post.read_text(), link


def test_feeds_are_per_language_with_absolute_links(built: Built):
    english = feed_items(built.site / "blog" / "feed.xml")
    spanish = feed_items(built.site / "es" / "blog" / "feed.xml")
    assert english and spanish
    assert all(link.startswith(SITE_URL + "blog/") for _, link in english)
    assert all(link.startswith(SITE_URL + "es/blog/") for _, link in spanish)
    assert not {title for title, _ in english} & {title for title, _ in spanish}
    root = ET.parse(built.site / "es" / "blog" / "feed.xml").getroot()
    assert root.find("channel").findtext("language") == "es"
    creator = "{http://purl.org/dc/elements/1.1/}creator"
    assert {item.findtext(creator) for item in root.iter("item")} == {"Equipo editorial del Laboratorio"}
    english_root = ET.parse(built.site / "blog" / "feed.xml").getroot()
    assert {item.findtext(creator) for item in english_root.iter("item")} == {"Learning Lab editors"}
    page = (built.site / "es" / "about" / "index.html").read_text(encoding="utf-8")
    feed_link = r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)">'
    assert re.findall(feed_link, page) == [f"{SITE_URL}es/blog/feed.xml"]
    english_page = (built.site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.findall(feed_link, english_page) == [f"{SITE_URL}blog/feed.xml"]


def test_posts_show_localised_date_reading_time_and_author(built: Built):
    spanish = next((built.site / "es" / "blog").glob("*/index.html"))
    html = spanish.read_text(encoding="utf-8")
    assert re.search(r'<p class="kb-byline">\d{1,2} de [a-z]+ de \d{4} · \d+ min de lectura', html)
    assert "Sobre la autoría" in html and "Equipo editorial del Laboratorio" in html
    assert "Learning Lab editors" not in html  # the team's name in the page's language (data/authors.yml)
    english = next((built.site / "blog").glob("*/index.html")).read_text(encoding="utf-8")
    assert re.search(r'<p class="kb-byline">\d{1,2} [A-Z][a-z]+ \d{4} · \d+ min read', english)
    assert "Learning Lab editors" in english and "Equipo editorial del Laboratorio" not in english


def test_posts_stay_out_of_the_sidebar(built: Built):
    slugs = {p.parent.name for p in (built.site / "blog").glob("*/index.html")} - {
        "page",
        "archive",
        "category",
    }
    assert slugs
    for page in (built.site / "blog" / "index.html", built.site / "about" / "index.html"):
        html = page.read_text(encoding="utf-8")
        sidebar = html.split("md-sidebar--primary")[1].split("md-sidebar--secondary")[0]
        hrefs = re.findall(r'href="([^"]+)"', sidebar)
        assert hrefs
        assert not [
            h for h in hrefs if any(h.rstrip("/").endswith(f"blog/{slug}") or h.rstrip("/") == slug for slug in slugs)
        ]


def test_new_post_in_both_languages_tops_listings_feeds_categories_and_archive(full_site):
    root = full_site.root
    assert (
        new_post(
            root,
            "--title",
            "Zeta: newest post",
            "--author",
            "lab-editors",
            "--langs",
            "en,es",
            "--category",
            "research",
            "--description",
            "A new post.",
            "--title-es",
            "Zeta: artículo nuevo",
        )
        == 0
    )
    for language in ("en", "es"):
        fill(root / "content" / language / "blog" / "zeta-newest-post.md")
    # Make it the newest: the starter posts may carry today's date too.
    for language in ("en", "es"):
        path = root / "content" / language / "blog" / "zeta-newest-post.md"
        path.write_text(re.sub(r"date: '?[\d-]+'?", "date: '2099-01-01'", path.read_text()))
    assert (
        cli.main(
            [
                "--root",
                str(root),
                "translations",
                "refresh",
                str(root / "content/es/blog/zeta-newest-post.md"),
            ]
        )
        == 0
    )
    full_site.record()  # the new archive year
    result = full_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    for prefix, title in (("", "Zeta: newest post"), ("es/", "Zeta: artículo nuevo")):
        index = (site / prefix / "blog" / "index.html").read_text(encoding="utf-8")
        first = re.search(r'<h2 id="[^"]*"><a href="([^"]+)">([^<]+)</a>', index)
        assert first.groups() == ("zeta-newest-post/", title)
        assert title in (site / prefix / "blog/category/research/index.html").read_text()
        assert title in (site / prefix / "blog/archive/2099/index.html").read_text()
    english = [t for t, _ in feed_items(site / "blog/feed.xml")]
    spanish = [t for t, _ in feed_items(site / "es/blog/feed.xml")]
    assert english[0] == "Zeta: newest post" and "Zeta: artículo nuevo" not in english
    assert spanish[0] == "Zeta: artículo nuevo" and "Zeta: newest post" not in spanish


def test_new_post_creates_valid_files_and_refuses_to_overwrite(site, capsys):
    args = [
        "--title",
        "Buying ICT responsibly",
        "--author",
        "lab-editors",
        "--langs",
        "en,es",
        "--category",
        "practice",
        "--description",
        "What buyers learnt.",
    ]
    assert new_post(site.root, *args) == 0
    english = site.root / "content/en/blog/buying-ict-responsibly.md"
    spanish = site.root / "content/es/blog/buying-ict-responsibly.md"
    assert "translation_of: en" in spanish.read_text()
    capsys.readouterr()
    code, output = site.check(capsys=capsys)
    problems = [line for line in output.splitlines() if line.startswith("content/")]
    assert code == 1 and len(problems) == 2
    english_problem, spanish_problem = sorted(problems)
    assert "the body has 0 words; a blog post has 300 to 1,000 words" in english_problem
    assert "el texto tiene 0 palabras; una entrada de blog tiene entre 300 y 1.000 palabras" in spanish_problem

    fill(english, "Edited by the author.\n")
    before = {path: path.read_bytes() for path in (english, spanish)}
    assert new_post(site.root, *args) == 1
    assert (
        "content/en/blog/buying-ict-responsibly.md, content/es/blog/"
        "buying-ict-responsibly.md already exist: nothing was written"
    ) in capsys.readouterr().err
    assert {path: path.read_bytes() for path in (english, spanish)} == before

    fill(english, SENTENCE * 30)
    fill(spanish, SENTENCE * 30)
    capsys.readouterr()
    code, output = site.check(capsys=capsys)
    assert code == 0, output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--author", "jdoe"],
            "unknown author 'jdoe' (known: lab-editors); add yourself to data/authors.yml first",
        ),
        (
            ["--category", "news"],
            "unknown category 'news' (allowed: lab-news, events, americas, policy, practice, research)",
        ),
        (["--langs", "en,fr"], "languages must be one or more of en, es, separated by commas (got en,fr)"),
    ],
)
def test_new_post_rejects_bad_input_and_writes_nothing(site, capsys, args, message):
    base = {
        "--title": "A title",
        "--author": "lab-editors",
        "--langs": "en",
        "--category": "practice",
        "--description": "Text.",
    }
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    before = sorted(site.root.rglob("*"))
    assert new_post(site.root, *[x for pair in base.items() for x in pair]) == 1
    assert message in capsys.readouterr().err
    assert sorted(site.root.rglob("*")) == before


def test_files_in_the_blogs_generated_folders_are_rejected(site, capsys):
    site.write("content/en/blog/category/x.md", "---\ntitle: X\n---\n\nText.\n")
    code, output = site.check(capsys=capsys)
    assert code == 1
    assert (
        "content/en/blog/category/x.md: 'blog/category/' is made by the site for the blog's "
        "listings: move this file to blog/x.md"
    ) in output


def test_listing_paginates_newest_first_with_pager_links_in_each_language():
    import datetime as dt

    from labkb.features import blog
    from labkb.model import registries
    from labkb.model.project import Project
    from tests.conftest import REPO

    regs = registries.load(Project(REPO))
    posts = [
        blog.Post(
            f"blog/p{n:02}.md",
            "es",
            f"Artículo {n:02}",
            dt.date(2020, 1, n),
            ("lab-editors",),
            ("research",),
            "Resumen.",
            450,
        )
        for n in range(1, 13)
    ]
    the_blog = blog.Blog({"en": [], "es": sorted(posts, key=lambda p: -p.date.toordinal())})
    index = blog.index_listing(the_blog, regs, "es")
    assert index.index("Artículo 12") < index.index("Artículo 03")
    assert "Artículo 02" not in index
    assert "[Artículos anteriores →](page/2.md)" in index
    pages = blog.generated_pages(the_blog, regs, "es")
    second = pages["blog/page/2.md"]
    assert "Artículo 02" in second and "Artículo 01" in second and "Artículo 03" not in second
    assert "[← Artículos más recientes](../index.md)" in second
    assert "3 min de lectura" in second and "2 de enero de 2020" in second
    english = blog.generated_pages(the_blog, regs, "en")
    assert set(english) == set(pages)  # the same pages exist in every language
    assert "There are no posts in English here yet." in english["blog/page/2.md"]


def test_generated_paths_are_the_pages_generated():
    import datetime as dt

    from labkb.features import blog
    from labkb.model import registries
    from labkb.model.project import Project
    from tests.conftest import REPO

    posts = [
        blog.Post(
            f"blog/p{n:02}.md",
            "en",
            f"P{n}",
            dt.date(2019 + n % 2, 1, 1 + n),
            ("lab-editors",),
            ("research", "policy"),
            "D.",
            300,
        )
        for n in range(12)
    ]
    the_blog = blog.Blog({"en": posts, "es": []})
    regs = registries.load(Project(REPO))
    assert sorted(blog.generated_paths(the_blog)) == sorted(blog.generated_pages(the_blog, regs, "es"))
