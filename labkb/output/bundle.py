"""The offline bundle: the built site as one zip, the same bytes for the same site."""

from __future__ import annotations

import zipfile
from pathlib import Path

# A fixed timestamp: the same site gives the same zip, whenever it is made.
_EPOCH = (2000, 1, 1, 0, 0, 0)


def make_zip(folder: Path, target: Path) -> int:
    """Zip `folder` (as a top-level folder of the same name) into `target`; returns its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = (Path(folder.name) / path.relative_to(folder)).as_posix()
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    temporary.replace(target)
    return target.stat().st_size
