"""labkb/checks/content_files.py: which files below content/ may be published, on files in tmp_path."""

from __future__ import annotations

import os

import pytest

from labkb.checks import content_files
from labkb.model.findings import Finding
from labkb.model.project import Project
from tests.conftest import PNG

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 "


@pytest.fixture
def content(tmp_path):
    (tmp_path / "content/en").mkdir(parents=True)
    return tmp_path / "content"


def put(content, relative: str, data: bytes = b"---\ntitle: A\n---\n") -> os.PathLike:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("relative", "data"),
    [
        ("en/index.md", b"---\ntitle: Home\n---\n"),
        ("en/guidance/mapping-risks_2.md", b"x"),
        ("en/figures/chart.png", PNG),
        ("en/figures/photo.jpg", JPEG),
        ("en/figures/photo.jpeg", JPEG),
        ("en/figures/anim.gif", GIF),
        ("en/figures/pic.webp", WEBP),
        ("en/.hidden.js", b"alert(1)"),  # dot-files are never published: not refused, skipped
    ],
)
def test_pages_and_real_pictures_are_accepted(content, relative, data):
    put(content, relative, data)
    assert content_files.refusals(content) == []


@pytest.mark.parametrize(
    ("relative", "data", "message"),
    [
        (
            "en/tool.js",
            b"alert(1)",
            "files of this kind ('.js') are not published: content/ holds only Markdown pages (.md) and pictures "
            "(.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where it is published",
        ),
        (
            "en/makefile",
            b"all:",
            "files of this kind ('makefile') are not published: content/ holds only Markdown pages (.md) and "
            "pictures (.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where it is published",
        ),
        (
            "en/fake.png",
            b"<svg onload=alert(1)>",
            "is named '.png' but is not a PNG picture: save it again in that format",
        ),
        (
            "en/fake.webp",
            b"RIFF\x00\x00\x00\x00AVI ",
            "is named '.webp' but is not a WEBP picture: save it again in that format",
        ),
        ("en/fake.gif", PNG, "is named '.gif' but is not a GIF picture: save it again in that format"),
        (
            "en/My Page.md",
            b"x",
            "the file name 'My Page.md' may only hold lower-case letters, digits, '-', '_' and '.' (it becomes part "
            "of a web address): rename it, e.g. to 'my-page.md'",
        ),
        (
            "en/assets/javascripts/kb.js",
            b"x",
            "'assets/' is where the site keeps its own files (theme, scripts, search index, the page for unknown "
            "addresses): move this file to another folder",
        ),
        (
            "es/search/index.md",
            b"x",
            "'search/' is where the site keeps its own files (theme, scripts, search index, the page for unknown "
            "addresses): move this file to another folder",
        ),
        (
            "en/404.md",
            b"x",
            "'404.md' is where the site keeps its own files (theme, scripts, search index, the page for unknown "
            "addresses): move this file to another folder",
        ),
    ],
)
def test_each_kind_of_unpublishable_file_is_refused_with_why(content, relative, data, message):
    path = put(content, relative, data)
    assert str(content_files.refusal(path, content)) == message
    assert [(r.path, str(r.message)) for r in content_files.refusals(content)] == [(path, message)]


def test_size_limits_for_pages_and_pictures(content):
    page = put(content, "en/long.md", b"x" * (content_files.MAX_MARKDOWN_BYTES + 1))
    assert (
        str(content_files.refusal(page, content))
        == "is 524,289 bytes, a page may have at most 524,288: split it into pages"
    )
    put(content, "en/just.md", b"x" * content_files.MAX_MARKDOWN_BYTES)
    picture = put(content, "en/big.png", PNG + b"\x00" * content_files.MAX_IMAGE_BYTES)
    assert str(content_files.refusal(picture, content)) == (
        f"is {len(PNG) + content_files.MAX_IMAGE_BYTES:,} bytes, a picture may have at most 2,097,152: "
        "save it smaller (for example 1600 pixels wide)"
    )
    assert [r.path.name for r in content_files.refusals(content)] == ["big.png", "long.md"]


def test_a_folder_name_is_refused_once_and_its_files_are_still_looked_at(content):
    put(content, "en/Case Studies/a.md")
    put(content, "en/Case Studies/x.exe", b"MZ")
    refused = content_files.refusals(content)
    assert [(r.path.relative_to(content).as_posix(), str(r.message).split(":")[0]) for r in refused] == [
        (
            "en/Case Studies",
            "the folder name 'Case Studies' may only hold lower-case letters, digits, '-', '_' and '.' (it becomes "
            "part of a web address)",
        ),
        ("en/Case Studies/x.exe", "files of this kind ('.exe') are not published"),
    ]


def test_links_are_refused_and_never_followed(content, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.md").write_text("x", encoding="utf-8")
    (content / "en/notes").symlink_to(secret, target_is_directory=True)
    (content / "en/passwd.md").symlink_to("/etc/passwd")
    (content / "en/.hidden.md").symlink_to("/etc/passwd")  # a link is refused even as a dot-file
    refused = {r.path.name: str(r.message) for r in content_files.refusals(content)}
    assert set(refused) == {"notes", "passwd.md", ".hidden.md"}
    assert all(message.startswith("is a symbolic link: links are never published") for message in refused.values())
    # Asked about a file below a linked folder, the answer is the link too.
    assert str(content_files.refusal(content / "en/notes/key.md", content)).startswith("is a symbolic link")


def test_a_missing_content_folder_refuses_nothing(tmp_path):
    assert content_files.refusals(tmp_path / "content") == []


def test_findings_name_each_file_relative_to_the_checkout(content, tmp_path):
    put(content, "en/run.sh", b"#!/bin/sh")
    assert content_files.findings(Project(tmp_path)) == [
        Finding(
            "content/en/run.sh",
            0,
            "files of this kind ('.sh') are not published: content/ holds only Markdown pages (.md) and pictures "
            "(.png, .jpg, .jpeg, .gif, .webp); remove it, or for a document link to where it is published",
            "file.kind-not-published",
        )
    ]
