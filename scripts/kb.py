#!/usr/bin/env python3
"""Thin entry point for the knowledge base's commands: `scripts/kb.py --help`."""

import sys
from pathlib import Path

from labkb.tools.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
