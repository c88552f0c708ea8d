"""Starts the build context (hooks/_context.py) when a build begins; the first hook."""

from __future__ import annotations

from mkdocs.plugins import event_priority

import _context


@event_priority(200)  # before every other hook's on_config
def on_config(config):
    """Once per build: static-i18n builds the other languages inside the first one's
    build (`building` is then true), and those reuse the context."""
    _context.begin(config)
    return config
