"""Reading the project's text files: UTF-8, or one clear error that names the file and the byte.

Every content and data file the core reads goes through `read_text`. A file that is not
UTF-8 raises `NotUTF8Error`; loaders that report findings turn it into one (`finding`),
the command line and the MkDocs hooks print its message and stop: never a traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from labkb.model.findings import Finding
from labkb.model.messages import msg
from labkb.model.project import Project


class NotUTF8Error(ValueError):
    """A file that is not UTF-8 text; `byte` is the offset (from 0) of the first bad byte."""

    def __init__(self, path: Path, byte: int) -> None:
        self.path = path
        self.byte = byte
        super().__init__(f"{path}: {self.problem}")

    @property
    def problem(self) -> str:
        return f"this file is not UTF-8 text (byte {self.byte}): save it as UTF-8"

    def finding(self, project: Project) -> Finding:
        """The finding, with the file's path relative to the repository (as messages show it)."""
        return Finding.of(project.relative(self.path), 0, msg("file.not-utf8", byte=self.byte))

    def text(self, project: Project) -> str:
        return self.finding(project).text()


def read_text(path: Path, *, bom: bool = False, newlines: bool = True) -> str:
    """The text of `path` with newlines as '\\n' (like `Path.read_text`).

    `bom=True` drops a leading UTF-8 byte-order mark (spreadsheets write one);
    `newlines=False` keeps '\\r\\n' and '\\r' as they are (for the csv module). Raises
    `NotUTF8Error` for a file that is not UTF-8, and OSError as `Path.read_text` does.
    """
    data = path.read_bytes()
    start = len(codecs.BOM_UTF8) if bom and data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUTF8Error(path, start + exc.start) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if newlines and "\r" in text else text
