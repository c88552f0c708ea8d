"""The picture of the procurement cycle: an SVG made at build time, each stage a link.

Every stage is text inside a link (not colour alone), so it reads the same on screen,
in print and to a screen reader, which announces a list of links under the figure's
title. Colours come from the theme's CSS variables, with print-safe fallbacks.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 680, 430
RADIUS = 150
BOX_W, BOX_H = 200, 84


@dataclass(frozen=True)
class Stage:
    label: str
    url: str
    count: int  # guidance documents for this stage


def _lines(label: str, width: int = 22) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def svg(stages: list[Stage], title: str, description: str, count_labels: tuple[str, str]) -> str:
    """`count_labels`: (singular, plural) format strings with {count}, e.g. "{count} documents"."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    points = []
    for index in range(len(stages)):
        angle = -math.pi / 2 + 2 * math.pi * index / len(stages)
        points.append((cx + RADIUS * 1.45 * math.cos(angle), cy + RADIUS * math.sin(angle) + 8))
    arrows = []
    for index, (x1, y1) in enumerate(points):
        x2, y2 = points[(index + 1) % len(points)]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        if not length:
            continue
        # Leave each box where the segment crosses its edge, with a small gap.
        edge = min((BOX_W / 2) / abs(dx) if dx else math.inf, (BOX_H / 2) / abs(dy) if dy else math.inf)
        t = edge + 6 / length
        if t >= 0.5:
            continue  # boxes too close for an arrow
        arrows.append(
            f'<line x1="{x1 + dx * t:.0f}" y1="{y1 + dy * t:.0f}" x2="{x2 - dx * t:.0f}" '
            f'y2="{y2 - dy * t:.0f}" class="kb-cycle__arrow" marker-end="url(#kb-cycle-head)"/>'
        )
    nodes = []
    for number, ((x, y), stage) in enumerate(zip(points, stages, strict=True), start=1):
        lines = _lines(f"{number}. {stage.label}", width=20)
        count = count_labels[0 if stage.count == 1 else 1].format(count=stage.count)
        first_y = y - (len(lines) * 19) / 2 + 2
        # The link's name is its visible text (WCAG 2.5.3, label in name), no aria-label; spaces
        # between the <text> elements (SVG draws none) keep its words apart.
        texts = " ".join(
            f'<text x="{x:.0f}" y="{first_y + i * 19:.0f}" class="kb-cycle__label">{html.escape(line)}</text>'
            for i, line in enumerate(lines)
        )
        nodes.append(
            f'<a href="{html.escape(stage.url)}" class="kb-cycle__stage">'
            f'<rect x="{x - BOX_W / 2:.0f}" y="{y - BOX_H / 2:.0f}" width="{BOX_W}" '
            f'height="{BOX_H}" rx="12"/>'
            f"{texts} "
            f'<text x="{x:.0f}" y="{first_y + len(lines) * 19 + 2:.0f}" class="kb-cycle__count">'
            f"{html.escape(count)}</text></a>"
        )
    return (
        f'<figure class="kb-cycle"><svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="group" aria-labelledby="kb-cycle-title kb-cycle-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="kb-cycle-title">{html.escape(title)}</title>'
        f'<desc id="kb-cycle-desc">{html.escape(description)}</desc>'
        '<defs><marker id="kb-cycle-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="kb-cycle__head"/></marker></defs>'
        + "".join(arrows)
        + "".join(nodes)
        + f"</svg><figcaption>{html.escape(description)}</figcaption></figure>\n"
    )
