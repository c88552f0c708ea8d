"""labkb/features/scaffold.py: `make new-post` as a function, in tmp_path, without a copy of the project."""

from __future__ import annotations

import datetime as dt

import pytest

from labkb.features import scaffold, translations
from labkb.model import frontmatter
from labkb.model.project import Project
from labkb.model.registries import Registries

REGS = Registries(
    vocabularies={
        "categories": {
            "lab-news": {"en": "Lab news", "es": "Noticias"},
            "practice": {"en": "Practice", "es": "Práctica"},
        }
    },
    authors={"lab-editors": {"name": "Editors"}, "jdoe": {"name": "J. Doe"}},
)


def request(**changes) -> scaffold.PostRequest:
    values = {
        "title": "Buying ICT responsibly",
        "author": "lab-editors",
        "languages": ("en",),
        "category": "practice",
        "description": "What buyers learnt.",
        "date": dt.date(2026, 11, 21),
    }
    values.update(changes)
    return scaffold.PostRequest(**values)


# --- slug_for -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Buying ICT responsibly", "buying-ict-responsibly"),
        ("Contratación pública: ¿qué cambió en 2024?", "contratacion-publica-que-cambio-en-2024"),
        ("  Many   spaces -- and -- dashes  ", "many-spaces-and-dashes"),
        ("Ünïcödé Straße", "unicode-strae"),  # letters without an ASCII form are dropped
        ("C'est l'été", "c-est-l-ete"),
        ("x" * 70, "x" * 60),
        # Cut at 60 characters, never ending with a hyphen.
        ("a" * 59 + " b", "a" * 59),
    ],
)
def test_slug_for(title, slug):
    assert scaffold.slug_for(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "¿¡!?", "日本語のタイトル"])
def test_slug_for_a_title_without_letters_says_so(title):
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.slug_for(title)
    assert str(raised.value) == f"cannot make a file name from the title {title!r}: use some letters"


# --- validate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "the title is empty"),
        ({"description": ""}, "the description is empty: give one or two sentences for listings"),
        (
            {"author": "nobody"},
            "unknown author 'nobody' (known: jdoe, lab-editors); add yourself to data/authors.yml first",
        ),
        ({"category": "news"}, "unknown category 'news' (allowed: lab-news, practice)"),
        ({"languages": ("en", "fr")}, "languages must be one or more of en, es, separated by commas (got en,fr)"),
        ({"languages": ("en", "en")}, "languages must be one or more of en, es, separated by commas (got en,en)"),
        ({"languages": ()}, "languages must be one or more of en, es, separated by commas (got )"),
        ({"title": "x" * 151}, "the title is 151 characters long, at most 150 are allowed: shorten it"),
        ({"description": "y" * 401}, "the description is 401 characters long, at most 400 are allowed: shorten it"),
        (
            {"title": "A <b>bold</b> title"},
            "the title must be plain text, found markup '<b>bold</b> ' at character 3: remove it (the site "
            "shows this field as text; write characters as they are, e.g. & rather than &amp;)",
        ),
        (
            {"titles": {"en": "Fine", "es": "Con\x07campana"}},
            "the title contains an invisible control character (U+0007 control character) at character 4: "
            "delete it and type the text again",
        ),
    ],
)
def test_validate_says_what_to_fix(changes, message):
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.validate(request(**changes), REGS)
    assert str(raised.value) == message


def test_validate_accepts_a_good_request():
    scaffold.validate(request(languages=("es", "en"), titles={"es": "Comprar TIC", "en": "Buying ICT"}), REGS)


# --- new_post -------------------------------------------------------------------------------


def test_new_post_writes_the_original_with_front_matter_from_the_schema(tmp_path):
    project = Project(tmp_path)
    written = scaffold.new_post(project, REGS, request())
    path = tmp_path / "content/en/blog/buying-ict-responsibly.md"
    assert written == [path]
    text = path.read_text(encoding="utf-8")
    front, _, body = text.removeprefix("---\n").partition("---\n")
    assert front == (
        "title: Buying ICT responsibly\n"
        "date: '2026-11-21'\n"
        "authors: [lab-editors]\n"
        "categories: [practice]\n"
        "description: What buyers learnt.\n"
    )
    assert body.startswith("\n<!--\nWrite your post below this comment: 300 to 1000 words")
    assert body.endswith("-->\n")
    # The comment is the whole body: it counts no words and is not published.
    assert body.strip().startswith("<!--") and body.count("-->") == 1


def test_new_post_translation_records_the_originals_fingerprint(tmp_path):
    project = Project(tmp_path)
    titles = {"es": "Comprar TIC con responsabilidad", "en": "Buying ICT responsibly"}
    written = scaffold.new_post(project, REGS, request(languages=("es", "en"), titles=titles))
    spanish = tmp_path / "content/es/blog/buying-ict-responsibly.md"
    english = tmp_path / "content/en/blog/buying-ict-responsibly.md"
    assert written == [spanish, english]  # the original first
    fields = frontmatter.parse(english.read_text(encoding="utf-8")).fields
    assert fields["title"].value == "Buying ICT responsibly"
    assert fields["translation_of"].value == "es"
    assert fields["source_fingerprint"].value == translations.fingerprint(spanish.read_text(encoding="utf-8"))
    original = frontmatter.parse(spanish.read_text(encoding="utf-8")).fields
    assert original["title"].value == "Comprar TIC con responsabilidad"
    assert "translation_of" not in original
    assert "Escriba su artículo debajo de este comentario" in spanish.read_text(encoding="utf-8")


def test_new_post_values_with_yaml_meaning_stay_text(tmp_path):
    title = "Yes: #1 [draft] {x} & 'quotes'"
    scaffold.new_post(Project(tmp_path), REGS, request(title=title, description="no"))
    path = tmp_path / "content/en/blog/yes-1-draft-x-quotes.md"
    fields = frontmatter.parse(path.read_text(encoding="utf-8")).fields
    assert fields["title"].value == title
    assert fields["description"].value == "no"


def test_new_post_refuses_to_overwrite_and_writes_nothing_at_all(tmp_path):
    project = Project(tmp_path)
    spanish = tmp_path / "content/es/blog/buying-ict-responsibly.md"
    spanish.parent.mkdir(parents=True)
    spanish.write_text("mine\n", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.new_post(project, REGS, request(languages=("en", "es")))
    assert str(raised.value) == (
        "content/es/blog/buying-ict-responsibly.md already exists: nothing was written. "
        "Edit that file, or choose another title"
    )
    assert spanish.read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "content/en").exists()


def test_new_post_names_every_file_that_exists(tmp_path):
    project = Project(tmp_path)
    scaffold.new_post(project, REGS, request(languages=("en", "es")))
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.new_post(project, REGS, request(languages=("en", "es")))
    assert str(raised.value).startswith(
        "content/en/blog/buying-ict-responsibly.md, content/es/blog/buying-ict-responsibly.md already exist: "
    )


def test_new_post_validates_before_writing(tmp_path):
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.new_post(Project(tmp_path), REGS, request(author="nobody"))
    assert list(tmp_path.iterdir()) == []
