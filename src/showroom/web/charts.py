"""Charts as inline SVG, drawn from the numbers the page already has: no chart library, no script.

Each chart is an ``<svg role="img">`` with a text summary for screen readers and a ``<title>`` per bar.
Colours come from CSS classes (the dealership's accent), so the branding applies.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def _nice_max(value: int) -> int:
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def columns(points: list[tuple[str, int]], label: str, *, width: int = 560, height: int = 200) -> Markup:
    """Vertical bars (e.g. leads per day); every other x label on narrow series."""
    left, bottom, top = 34, 28, 10
    top_value = _nice_max(max((v for _, v in points), default=0))
    plot_w, plot_h = width - left - 6, height - bottom - top
    step = plot_w / max(len(points), 1)
    bar_w = max(step * 0.7, 2)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="chart-svg">'
    ]
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
    every = 1 if len(points) <= 8 else max(2, -(-len(points) // 14))  # at most ~14 labels
    for i, (name, value) in enumerate(points):
        h = plot_h * value / top_value if top_value else 0
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar" data-value="{value}">'
            f"<title>{escape(name)}: {value}</title></rect>"
        )
        if i % every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped or numeric


def bars(items: list[tuple[str, int]], label: str, *, width: int = 560) -> Markup:
    """Horizontal bars with their values (e.g. top lead sources)."""
    row, left = 26, 130
    height = max(len(items), 1) * row + 8
    top_value = max((v for _, v in items), default=0) or 1
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="chart-svg">'
    ]
    for i, (name, value) in enumerate(items):
        y = 4 + i * row
        w = (width - left - 50) * value / top_value
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(name)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" class="bar" data-value="{value}">'
            f"<title>{escape(name)}: {value}</title></rect>"
        )
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 16}">{value}</text>')
    if not items:
        parts.append(f'<text x="{left}" y="20">No data yet</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped or numeric


def split(parts_in: list[tuple[str, int, str]], label: str, *, width: int = 560, height: int = 36) -> Markup:
    """One stacked bar of shares (e.g. AI-handled vs handed over); ``(name, value, css class)``."""
    total = sum(v for _, v, _ in parts_in)
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="chart-svg">'
    ]
    x = 0.0
    for name, value, css in parts_in:
        w = width * value / total if total else 0
        share = f"{value / total:.0%}" if total else "0%"
        out.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" class="{css}" data-value="{value}">'
            f"<title>{escape(name)}: {value} ({share})</title></rect>"
        )
        x += w
    if not total:
        out.append(f'<rect x="0" y="0" width="{width}" height="{height}" class="bar-empty"/>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every value above is escaped or numeric
