"""Small core modules, directly: findings, textfile, project, translation fingerprints.

Each was only reached through the command line or a build before; here each function is
called with real input (files in tmp_path) and its exact output.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkb.features import translations
from labkb.model import textfile
from labkb.model.findings import Finding, did_you_mean
from labkb.model.project import Project

# --- labkb/model/findings.py ----------------------------------------------------------------------


def test_finding_text_with_and_without_a_line():
    assert Finding("content/en/a.md", 4, "a problem").text() == "content/en/a.md:4: a problem"
    assert Finding("data/urls.txt", 0, "the file is missing").text() == "data/urls.txt: the file is missing"


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("tab\there", "tab\there"),  # a tab keeps the line whole: left as it is
        ("line\nbreak", "line\\nbreak"),
        ("escape \x1b[31m red", "escape \\x1b[31m red"),
        ("C1 \x85 next line", "C1 \\x85 next line"),
        ("separators \u2028 \u2029", "separators \\u2028 \\u2029"),
        ("delete \x7f", "delete \\x7f"),
        ("accents stay: contratación", "accents stay: contratación"),
    ],
)
def test_finding_text_is_always_one_line(message, shown):
    assert Finding("a.md", 1, message).text() == f"a.md:1: {shown}"
    assert len(Finding(f"dir/{message}.md", 1, message).text().splitlines()) == 1


def test_findings_sort_by_path_then_line_then_message():
    found = [Finding("b.md", 1, "x"), Finding("a.md", 10, "y"), Finding("a.md", 2, "z"), Finding("a.md", 2, "a")]
    assert sorted(found) == [
        Finding("a.md", 2, "a"),
        Finding("a.md", 2, "z"),
        Finding("a.md", 10, "y"),
        Finding("b.md", 1, "x"),
    ]


def test_github_annotation_without_a_line():
    assert Finding("data/a.yml", 0, "50% done: x, y").github() == "::error file=data/a.yml::50%25 done: x, y"


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("autor", ["authors", "title", "date"], " (did you mean 'authors'?)"),
        ("planing", ["planning", "award"], " (did you mean 'planning'?)"),
        ("desc", ["description", "date"], " (did you mean 'description'?)"),  # too far for the ratio: a prefix
        ("xyz", ["planning", "award"], ""),
        ("ab", ["abcdefgh"], ""),  # too short for the prefix rule, too far for the ratio
        ("anything", [], ""),
    ],
)
def test_did_you_mean(word, choices, hint):
    assert str(did_you_mean(word, choices)) == hint


# --- labkb/model/textfile.py ----------------------------------------------------------------------


def test_read_text_turns_every_newline_into_a_line_feed(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"one\r\ntwo\rthree\nfour")
    assert textfile.read_text(path) == "one\ntwo\nthree\nfour"
    assert textfile.read_text(path, newlines=False) == "one\r\ntwo\rthree\nfour"


def test_read_text_drops_a_byte_order_mark_only_when_asked(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b\r\n")
    assert textfile.read_text(path, bom=True) == "a,b\n"
    assert textfile.read_text(path) == "\ufeffa,b\n"


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        (b"\xff", 0),
        (b"caf\xe9 latin-1", 3),
        (b"ok \xc3", 3),  # a sequence cut short at the end
        ("años".encode() + b" \x80", 6),
    ],
)
def test_a_file_that_is_not_utf8_names_the_file_and_the_first_bad_byte(tmp_path, data, byte):
    path = tmp_path / "content" / "en" / "bad.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    with pytest.raises(textfile.NotUTF8Error) as raised:
        textfile.read_text(path)
    error = raised.value
    assert error.byte == byte and error.path == path
    problem = f"this file is not UTF-8 text (byte {byte}): save it as UTF-8"
    assert str(error) == f"{path}: {problem}"
    assert error.finding(Project(tmp_path)) == Finding("content/en/bad.md", 0, problem, "file.not-utf8")
    assert error.text(Project(tmp_path)) == f"content/en/bad.md: {problem} [file.not-utf8]"


def test_the_bad_byte_counts_from_the_start_of_the_file_after_a_byte_order_mark(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    with pytest.raises(textfile.NotUTF8Error) as raised:
        textfile.read_text(path, bom=True)
    assert raised.value.byte == 5


def test_a_missing_file_is_an_os_error_not_a_utf8_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        textfile.read_text(tmp_path / "missing.md")


# --- labkb/model/project.py -----------------------------------------------------------------------


def test_project_paths(tmp_path):
    project = Project(tmp_path)
    page = tmp_path / "content/es/guidance/stages/planning.md"
    assert project.content == tmp_path / "content" and project.data == tmp_path / "data"
    assert project.relative(page) == "content/es/guidance/stages/planning.md"
    assert project.relative(Path("/elsewhere/x.md")) == "/elsewhere/x.md"
    assert project.language_of(page) == "es"
    assert project.language_of(tmp_path / "data/urls.txt") is None
    assert project.language_of(tmp_path / "content") is None
    assert project.page_path(page) == "guidance/stages/planning.md"
    assert project.counterpart(page, "en") == tmp_path / "content/en/guidance/stages/planning.md"


def test_project_relative_resolves_a_path_through_a_link_to_the_checkout(tmp_path):
    real = tmp_path / "real"
    (real / "content/en").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real)
    assert Project(real).relative(link / "content/en/a.md") == "content/en/a.md"


def test_markdown_files_are_sorted_and_never_through_a_link(tmp_path):
    content = tmp_path / "content"
    for relative in ("en/b.md", "en/a/index.md", "es/b.md", "en/notes.txt"):
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    (content / "en/link.md").symlink_to(tmp_path / "outside.md")
    (content / "en/folder.md").mkdir()  # a folder named like a page
    assert [p.relative_to(content).as_posix() for p in Project(tmp_path).markdown_files()] == [
        "en/a/index.md",
        "en/b.md",
        "es/b.md",
    ]


def test_tree_state_changes_when_a_content_or_data_file_does(tmp_path):
    project = Project(tmp_path)
    page = tmp_path / "content/en/a.md"
    page.parent.mkdir(parents=True)
    page.write_text("one", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/labels.yml").write_text("x: y\n", encoding="utf-8")
    first = project.tree_state()
    assert [Path(entry[0]).name for entry in first] == ["a.md", "labels.yml"]
    assert project.tree_state() == first
    page.write_text("two!", encoding="utf-8")  # another size
    assert project.tree_state() != first
    second = project.tree_state()
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # same size, later
    assert project.tree_state() != second
    (tmp_path / "README.md").write_text("outside content/ and data/", encoding="utf-8")
    assert len(project.tree_state()) == 2


def test_tree_state_of_a_project_without_content_is_empty(tmp_path):
    assert Project(tmp_path).tree_state() == ()


# --- labkb/features/translations.py: fingerprint -----------------------------------------------------


def test_fingerprint_is_twelve_hex_characters_of_the_normalised_text():
    text = "---\ntitle: A\n---\n\nBody.\n"
    assert translations.fingerprint(text) == hashlib.sha256(text.encode()).hexdigest()[:12]


@pytest.mark.parametrize(
    "variant",
    [
        "---\r\ntitle: A\r\n---\r\n\r\nBody.\r\n",  # Windows line ends
        "---\rtitle: A\r---\r\rBody.\r",  # old Mac line ends
        "\ufeff---\ntitle: A\n---\n\nBody.\n",  # a byte-order mark
        "---\ntitle: A\n---\n\nBody.",  # no final line break
        "---\ntitle: A\n---\n\nBody.\n\n\n",  # blank lines at the end
        "---   \ntitle: A\t\n---\n\nBody.   \n",  # trailing spaces and tabs
        "---\ntranslation_of: es\ntitle: A\nsource_fingerprint: 0123456789ab\n---\n\nBody.\n",
        "---\ntitle: A\ntranslation_of:   en\n---\n\nBody.\n",
    ],
)
def test_fingerprint_ignores_line_ends_bookkeeping_and_trailing_space(variant):
    assert translations.fingerprint(variant) == translations.fingerprint("---\ntitle: A\n---\n\nBody.\n")


@pytest.mark.parametrize(
    "changed",
    [
        "---\ntitle: B\n---\n\nBody.\n",
        "---\ntitle: A\n---\n\n Body.\n",  # leading space is content (Markdown may depend on it)
        "---\ntitle: A\n---\n\nBody.\nMore.\n",
        # The bookkeeping keys count only in the front matter: in the body they are text.
        "---\ntitle: A\n---\n\nBody.\ntranslation_of: es\n",
        # A front matter closed with '...' ends there too.
        "---\ntitle: A\n...\n\nBody.\nsource_fingerprint: 0123456789ab\n",
    ],
)
def test_fingerprint_changes_with_the_content(changed):
    assert translations.fingerprint(changed) != translations.fingerprint("---\ntitle: A\n---\n\nBody.\n")


def test_fingerprint_of_a_page_without_front_matter_keeps_every_line():
    assert translations.fingerprint("translation_of: es\nBody.\n") != translations.fingerprint("Body.\n")


def test_front_matter_values_keep_their_kinds_quoting_and_lines():
    """Text values are taken from their nodes without PyYAML's constructor (labkb/model/frontmatter.py):
    every other kind still goes through it, and quoting and lines are kept."""
    from labkb.model import frontmatter

    text = (
        "---\ntitle: Plain text\nquoted: '1'\nnumber: 12\nreal: 1.5\nflag: true\nword: yes\nnothing: null\n"
        "tilde: ~\nday: 2024-01-02\nhex: 0x1F\nlist: [a, 'b', 3]\n---\nbody\n"
    )
    fields = frontmatter.parse(text).fields
    read = {key: (node.plain(), type(node.value).__name__, node.unquoted, node.line) for key, node in fields.items()}
    assert read == {
        "title": ("Plain text", "str", True, 2),
        "quoted": ("1", "str", False, 3),
        "number": (12, "int", True, 4),
        "real": (1.5, "float", True, 5),
        "flag": (True, "bool", True, 6),
        "word": ("yes", "str", True, 7),
        "nothing": (None, "NoneType", True, 8),
        "tilde": (None, "NoneType", True, 9),
        "day": ("2024-01-02", "str", True, 10),
        "hex": (31, "int", True, 11),
        "list": (["a", "b", 3], "list", False, 12),
    }


def test_the_content_tree_lists_what_rglob_lists(tmp_path):
    """labkb/checks/engine.py ContentTree: every file and folder below content/ as Path.rglob("*")
    and is_dir() see them: hidden ones too, a link to a folder as a folder (never entered),
    a broken link as a file."""
    from labkb.checks.engine import ContentTree

    content = tmp_path / "content"
    (content / "en" / "a" / "b").mkdir(parents=True)
    (content / "en" / ".hidden").mkdir()
    for name in ("en/a/x.md", "en/.hidden/y.md", "en/.z"):
        (content / name).write_text("x", encoding="utf-8")
    (content / "en" / "link-to-a").symlink_to(content / "en" / "a", target_is_directory=True)
    (content / "en" / "broken").symlink_to(tmp_path / "nowhere")
    tree = ContentTree.of(Project(tmp_path))
    files, folders = set(), set()
    for path in content.rglob("*"):
        (folders if path.is_dir() else files).add(path.relative_to(content).as_posix())
    assert (set(tree.files), set(tree.folders)) == (files, folders)
    assert tree.folders == {"en", "en/a", "en/a/b", "en/.hidden", "en/link-to-a"}
    assert tree.files == {"en/a/x.md", "en/.hidden/y.md", "en/.z", "en/broken"}


YAML_PIECES = ["a: ", "b: ", "- ", "  ", "\n", "x", "1", "1.5", "true", "yes", "null", "~", "2024-01-02", "'q'", '"d"']
YAML_PIECES += ["[", "]", "{", "}", ",", ":", "? ", "---\n", "#c", "|\n  t", "\t", "é", "0x1F", "- - ", "a: b\na: c\n"]
YAML_PIECES += ["a: [b, {c: d}]\n", "k: v\n", "  k: v\n", "[x]: y\n", "{a: b}: c\n", "<<: {a: 1}\n", "="]


def composed(text: str):
    """What the front matter reader made of `text` before it built nodes from the parser's events:
    PyYAML's composer, then `_convert` (labkb/model/frontmatter.py)."""
    from labkb.model import frontmatter

    loader = frontmatter._Loader(text)
    try:
        root = loader.get_single_node()
        errors: list = []
        node = frontmatter._convert(loader, root, 2, errors) if root is not None else None
    except Exception as exc:  # compared with the other way's exception
        return type(exc).__name__
    finally:
        loader.dispose()
    return shown_node(node), [(e.line, str(e.detail)) for e in errors]


def shown_node(node):
    if node is None:
        return None
    value = node.value
    if isinstance(value, dict):
        value = {key: shown_node(child) for key, child in value.items()}
    elif isinstance(value, list):
        value = [shown_node(child) for child in value]
    else:
        value = (type(value).__name__, value)
    return value, node.line, node.key_line, node.unquoted


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=14).map("".join))
def test_front_matter_built_from_events_is_what_the_composer_makes(text):
    from labkb.model import frontmatter

    events: list = []
    try:
        if frontmatter._refused(text, 2, events) is not None:
            return  # refused before anything is built, either way
    except Exception:  # not YAML: the same error either way, before building
        return
    loader = frontmatter._Loader(text)
    errors: list = []
    try:
        built = frontmatter._built(loader, events, 2, errors)
    except Exception as exc:  # compared with the composer's exception
        assert composed(text) == type(exc).__name__
        return
    if built is not None:  # one document: the same nodes, lines, quoting and errors
        assert (shown_node(built), [(e.line, str(e.detail)) for e in errors]) == composed(text)


@pytest.mark.parametrize(
    ("text", "meta", "body", "body_line", "codes"),
    [
        ("---\na: 1\n---\nbody\n", {"a": 1}, "body\n", 4, []),
        ("---\n---\nbody", {}, "body", 3, []),
        ("---\na: 1\n...\n", {"a": 1}, "", 4, []),
        ("---\na: 1\n---", {"a": 1}, "", 4, []),
        ("---\na: 1\n", None, "---\na: 1\n", 1, ["front-matter.never-closed"]),
        ("---", None, "---", 1, ["front-matter.never-closed"]),
        ("no front matter\n", None, "no front matter\n", 1, []),
        ("\ufeff---\r\na: 1\r\n---\r\nbody\r\n", {"a": 1}, "body\n", 4, []),
        ("--- \na: b\n---\t\n\nx\n", {"a": "b"}, "\nx\n", 4, []),
        ("---\na: 1\n----\n---\nb\n", None, "b\n", 5, ["yaml.syntax"]),
    ],
)
def test_front_matter_is_split_from_the_body_at_its_closing_line(text, meta, body, body_line, codes):
    """labkb/model/frontmatter.py `parse` reads line by line only up to the closing '---' or '...'."""
    from labkb.model import frontmatter

    document = frontmatter.parse(text)
    assert (document.meta.plain() if document.meta else None) == meta
    assert (document.body, document.body_line, [e.detail.code for e in document.errors]) == (body, body_line, codes)
