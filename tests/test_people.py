"""Bilingual people data (issue 15, point 6): names and roles per language where they differ,
shown in the page's language; the message for an unknown author gives the exact line to add."""

from __future__ import annotations

import re

from labkb.features import blog
from labkb.model import registries
from labkb.model.corpus import Corpus
from labkb.model.project import Project
from tests.conftest import REPO, Site, without_codes
from tests.contribution import add_bilingual_post


def authors(site: Site, text: str) -> registries.Registries:
    site.write("data/authors.yml", text)
    return registries.load(Project(site.root))


def test_the_editorial_team_has_its_name_in_each_language():
    regs = registries.load(Project(REPO))
    assert regs.author_name("lab-editors", "en") == "Learning Lab editors"
    assert regs.author_name("lab-editors", "es") == "Equipo editorial del Laboratorio"
    assert not regs.findings


def test_a_name_written_once_serves_every_language_and_roles_may_differ(site: Site):
    regs = authors(
        site,
        "ana-gomez:\n  name: Ana Gómez\n  role: {en: Procurement officer, es: Funcionaria de compras}\n"
        "  affiliation: {en: City of Example, es: Ciudad de Ejemplo}\n"
        "  bio: {en: Ana buys for the city., es: Ana compra para la ciudad.}\n",
    )
    assert not regs.findings
    assert [regs.author_name("ana-gomez", lang) for lang in ("en", "es")] == ["Ana Gómez", "Ana Gómez"]
    assert regs.author_role("ana-gomez", "es") == "Funcionaria de compras"
    assert regs.author_role("ana-gomez", "en") == "Procurement officer"
    assert regs.author_name("nobody", "es") == "nobody"


def test_a_name_missing_a_language_or_of_the_wrong_shape_is_named_with_its_line(site: Site):
    regs = authors(
        site,
        "a:\n  name: {en: Editors}\n  affiliation: {en: x, es: y}\n  bio: {en: x, es: y}\n"
        "b:\n  name: [x, y]\n  affiliation: {en: x, es: y}\n  bio: {en: x, es: y}\n"
        "c:\n  name: ''\n  affiliation: {en: x, es: y}\n  bio: {en: x, es: y}\n  twitter: x\n",
    )
    messages = without_codes("\n".join(f.text() for f in regs.findings))
    assert "data/authors.yml:2: 'a name' has no Spanish text: add 'es: ...'" in messages
    assert (
        "data/authors.yml:6: author 'b' needs 'name' as text (the same in every language) or one text per "
        "language: {en: ..., es: ...}" in messages
    )
    assert "data/authors.yml:10: author 'c' has no name: add 'name: ...'" in messages
    assert "data/authors.yml:13: author 'c' has an unknown key 'twitter' (expected: name, role, affiliation, bio)" in (
        messages
    )


def test_bylines_author_boxes_and_feeds_use_the_pages_language(site: Site):
    regs = authors(
        site,
        "team:\n  name: {en: The editors, es: El equipo editorial}\n  role: {en: Editors, es: Edición}\n"
        "  affiliation: {en: The Lab, es: El Laboratorio}\n  bio: {en: We edit., es: Editamos.}\n",
    )
    add_bilingual_post(site.root, author="team")
    corpus = Corpus.read(Project(site.root))
    the_blog = blog.load(corpus, ("en", "es"))
    spanish, english = the_blog.by_language["es"][0], the_blog.by_language["en"][0]
    assert "El equipo editorial</p>" in blog.byline(spanish, regs, "es", "")
    assert "The editors</p>" in blog.byline(english, regs, "en", "")
    assert "**El equipo editorial**, Edición, El Laboratorio. Editamos." in blog.author_box(spanish, regs, "es")
    feed = blog.rss(the_blog, regs, "es", "https://x.example/es/blog/", "Lab")
    assert "<dc:creator>El equipo editorial</dc:creator>" in feed and "The editors" not in feed


def test_the_unknown_author_message_gives_the_line_that_fixes_it(full_site: Site, capsys):
    """A contributor's first post: the check names the line to add; added as given, the check passes."""
    add_bilingual_post(full_site.root, author="ana-gomez")
    code, output = full_site.check(capsys=capsys)
    assert code == 1
    problems = [line for line in output.splitlines() if line.endswith("[author.unknown]")]  # English, then Spanish
    assert len(problems) == 2 and problems[0].startswith("content/en/blog/notes-from-a-contributor.md:4: ")
    assert "If this is your first post, add yourself to data/authors.yml in the same pull request" in problems[0]
    line = re.search(r"put this line at the end of that file, '([^']+)'", problems[0]).group(1)
    assert line.startswith("ana-gomez: {name: Your Name, ")
    path = full_site.root / "data/authors.yml"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    code, output = full_site.check(capsys=capsys)
    assert code == 0, output
