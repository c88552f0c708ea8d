"""The README's command table stays true: it is what `make help` prints, target for target."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO


def test_readme_lists_every_make_target_with_its_help_text():
    printed = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr
    targets = [re.match(r"\s*make (\S+)\s+(.*)", line).groups() for line in printed.stdout.splitlines()]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [
        (name, text.replace("\\|", "|").strip())
        for name, text in re.findall(r"^\| `make ([a-z-]+)` \| (.*) \|$", readme, flags=re.MULTILINE)
    ]
    assert rows == [(name, text.strip()) for name, text in targets]
