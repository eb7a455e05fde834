"""The dealership's colours as CSS custom properties, with text colours that stay readable on them (WCAG)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from showroom.models import Dealership

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
INK, PAPER = "#111827", "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)


def luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: str) -> str:
    """Dark or white text, whichever contrasts more with ``background``."""
    return INK if contrast(background, INK) >= contrast(background, PAPER) else PAPER


def safe(color: str | None, default: str) -> str:
    return color if color and _HEX.match(color) else default


@dataclass(frozen=True)
class Brand:
    primary: str
    primary_ink: str
    accent: str
    accent_ink: str
    link: str  # the accent when it reads on white (4.5:1), else the default blue

    def css(self) -> str:
        """Only validated #rrggbb values reach this string."""
        return (
            f":root{{--brand:{self.primary};--brand-ink:{self.primary_ink};--accent:{self.accent};"
            f"--accent-ink:{self.accent_ink};--link:{self.link}}}"
        )


def brand_of(dealership: Dealership) -> Brand:
    primary = safe(dealership.primary_color, "#0f172a")
    accent = safe(dealership.accent_color, "#2563eb")
    link = accent if contrast(accent, PAPER) >= 4.5 else "#1d4ed8"
    return Brand(primary, readable_on(primary), accent, readable_on(accent), link)
