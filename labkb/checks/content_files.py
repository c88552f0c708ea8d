"""Which files under content/ may be published: Markdown pages and pictures, nothing else.

MkDocs copies every file it finds in its docs folder to the site and follows symbolic
links on the way, so a pull request could publish a script, an HTML page, a link to
the build machine's files, or a file that takes the place of the theme's own script.
Here every path below content/ is looked at without following links, and anything
that is not a known kind, or that would land where the site keeps its own files, is
a finding naming the file. The checker and the build (hooks/checks.py) both use it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from labkb.model.findings import Finding
from labkb.model.messages import Message, msg
from labkb.model.project import Project

MARKDOWN = ".md"
# Pictures a page may show, with the bytes each kind of file starts with.
IMAGES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_MARKDOWN_BYTES = 512 * 1024
# Below content/<lang>/: folders and files where the site keeps its own files (theme and
# site assets, the search index, the 404 page); content may not take their place.
RESERVED_FOLDERS = ("assets", "search")
RESERVED_FILES = ("404.md",)
# File and folder names: lower-case letters, digits, '-', '_' and '.', as in web addresses.
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Refusal:
    path: Path
    message: Message


def refusals(content: Path) -> list[Refusal]:
    """Every path below `content` that must not be published, with why. Dot-files are
    skipped as MkDocs skips them (they are never published), unless they are links."""
    found: list[Refusal] = []
    if not content.is_dir():
        return found
    for folder, dirs, files in os.walk(content, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs):
            path = base / name
            if path.is_symlink():
                found.append(Refusal(path, _LINK))
            elif not name.startswith("."):
                problem = _name_problem(name, folder=True)
                if problem:
                    found.append(Refusal(path, problem))
        # Never walk into links or dot-folders (MkDocs does not publish the latter).
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink() and not d.startswith("."))
        for name in sorted(files):
            path = base / name
            problem = refusal(path, content, walked=True)
            if problem:
                found.append(Refusal(path, problem))
    return found


_LINK = msg("file.link")


def refusal(path: Path, content: Path, walked: bool = False) -> Message | None:
    """Why the file at `path` (below `content`) may not be published, or None.

    `walked`: `path` was found by walking `content` without entering links (`refusals`), so
    none of the folders between them is a link, and they are not looked at again."""
    try:
        info = path.lstat()
    except OSError as exc:
        return msg("file.unreadable", error=exc.strerror)
    if stat.S_ISLNK(info.st_mode) or (not walked and any(p.is_symlink() for p in _folders_between(path, content))):
        return _LINK
    if path.name.startswith("."):
        return None
    if not stat.S_ISREG(info.st_mode):
        return msg("file.not-a-file")
    problem = _name_problem(path.name, folder=False)
    if problem:
        return problem
    relative = path.relative_to(content).parts[1:]  # below content/<lang>/
    if relative and (relative[0] in RESERVED_FOLDERS or "/".join(relative) in RESERVED_FILES):
        where = relative[0] + ("/" if relative[0] in RESERVED_FOLDERS else "")
        return msg("file.reserved-folder", where=where)
    suffix = path.suffix.lower()
    if suffix == MARKDOWN:
        if info.st_size > MAX_MARKDOWN_BYTES:
            return msg("file.page-too-large", size=info.st_size, limit=MAX_MARKDOWN_BYTES)
        return None
    if suffix in IMAGES:
        if info.st_size > MAX_IMAGE_BYTES:
            return msg("file.picture-too-large", size=info.st_size, limit=MAX_IMAGE_BYTES)
        with path.open("rb") as handle:
            head = handle.read(12)
        if not any(head.startswith(magic) for magic in IMAGES[suffix]) or (
            suffix == ".webp" and head[8:12] != b"WEBP"
        ):
            return msg("file.not-that-picture", suffix=suffix, kind=suffix[1:].upper())
        return None
    return msg("file.kind-not-published", kind=path.suffix or path.name, pictures=", ".join(IMAGES))


def _folders_between(path: Path, content: Path) -> list[Path]:
    """The folders from `content` (excluded) down to the one holding `path`."""
    try:
        parts = path.parent.relative_to(content).parts
    except ValueError:
        return []
    return [content.joinpath(*parts[: index + 1]) for index in range(len(parts))]


def _name_problem(name: str, folder: bool) -> Message | None:
    if _NAME.match(name):
        return None
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.") or "name"
    return msg("folder.name" if folder else "file.name", name=repr(name), slug=slug)


def findings(project: Project) -> list[Finding]:
    return [Finding.of(project.relative(r.path), 0, r.message) for r in refusals(project.content)]
