"""Small readers of a loaded ADF element tree: children by name, normalised text, field values, keys."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element


def kids(element: Element | None, *names: str) -> list[Element]:
    if element is None:
        return []
    return [child for child in element if child.tag in names]


def kid(element: Element | None, *names: str) -> Element | None:
    for name in names:
        for child in kids(element, name):
            return child
    return None


def text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = " ".join("".join(element.itertext()).split())
    return value or None


def own_text(element: Element) -> str | None:
    """Text of the element itself, not of its children (for mixed content left by the fallback parser)."""
    value = " ".join((element.text or "").split())
    return value or None


def field(element: Element | None, *names: str) -> str | None:
    for name in names:
        for child in kids(element, name):
            value = text(child) if not len(child) else own_text(child) or text(child)
            if value:
                return value
    return None


def as_key(value: str | None) -> str:
    return re.sub(r"[\s_]+", "-", (value or "").strip().lower())
