"""labkb/output/bundle.py: the offline zip from a small folder in tmp_path, without a build."""

from __future__ import annotations

import os
import zipfile

from labkb.output import bundle


def folder(root, files: dict[str, bytes]):
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


FILES = {"index.html": b"<p>home</p>", "es/index.html": "<p>inicio ñ</p>".encode(), "assets/a.js": b"x" * 5000}


def test_the_zip_holds_the_folder_by_name_in_sorted_order(tmp_path):
    site = folder(tmp_path / "learning-lab", FILES)
    (site / "empty").mkdir()
    target = tmp_path / "dist" / "bundle.zip"
    size = bundle.make_zip(site, target)
    assert size == target.stat().st_size
    assert not (tmp_path / "dist" / "bundle.zip.part").exists()
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [
            "learning-lab/assets/a.js",
            "learning-lab/es/index.html",
            "learning-lab/index.html",
        ]
        assert archive.read("learning-lab/es/index.html") == FILES["es/index.html"]
        for info in archive.infolist():
            assert info.date_time == (2000, 1, 1, 0, 0, 0)
            assert info.external_attr == 0o644 << 16
            assert info.compress_type == zipfile.ZIP_DEFLATED


def test_the_same_site_gives_the_same_bytes_whenever_and_wherever_it_is_zipped(tmp_path):
    first = folder(tmp_path / "one" / "learning-lab", FILES)
    second = folder(tmp_path / "two" / "learning-lab", dict(reversed(FILES.items())))  # written in another order
    for path in second.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # other times, other modes
        if path.is_file():
            path.chmod(0o600)
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    bundle.make_zip(first, a)
    bundle.make_zip(second, b)
    assert a.read_bytes() == b.read_bytes()
    (second / "index.html").write_bytes(b"<p>changed</p>")
    bundle.make_zip(second, b)
    assert a.read_bytes() != b.read_bytes()


def test_zipping_again_replaces_the_old_zip(tmp_path):
    site = folder(tmp_path / "site", FILES)
    target = tmp_path / "site.zip"
    target.write_bytes(b"old")
    bundle.make_zip(site, target)
    with zipfile.ZipFile(target) as archive:
        assert len(archive.namelist()) == 3
