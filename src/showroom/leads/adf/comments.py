"""ADF comments: rich text (`<br/>`, HTML tags) to plain text, joining comment elements, and the
"Key: value" pairs in them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element

BREAK = re.compile(r"<br\s*/?>[ \t]*(?:\r?\n)?", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|tr)\b[^<>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 ?/()'#.&-]{0,48}?)\s*:(?!//)\s*(?P<value>.*?)\s*$")
_SEGMENT_SPLIT = re.compile(r",\s+(?=[A-Z][A-Za-z0-9 ]{0,30}:\s)")


def _clean_comment(raw: str) -> str | None:
    text = BREAK.sub("\n", raw)
    text = _BLOCK_TAG.sub("\n", text)
    text = ANY_TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) or None


def rich_text(element: Element) -> str | None:
    """Text of a comment element: `<br/>` children (and `<br />` inside CDATA) become newlines, tags are stripped."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "br":
                parts.append("\n")
            elif child.tag in {"p", "div", "li"}:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return _clean_comment("".join(parts))


def comment_fields(text: str | None) -> dict[str, str]:
    """'Key: value' pairs of a comment (one per line, or comma-separated 'A: 1, B: 2'); keys lower-cased."""
    fields: dict[str, str] = {}
    for line in (text or "").splitlines():
        for segment in _SEGMENT_SPLIT.split(line):
            match = _KEY_VALUE.match(segment)
            if match and match.group("value"):
                key = " ".join(match.group("key").lower().replace("?", " ").split())
                fields.setdefault(key, match.group("value"))
    return fields


def join_comments(elements: Iterable[Element]) -> str | None:
    parts: list[str] = []
    for element in elements:
        text = rich_text(element)
        if text and text not in parts:
            parts.append(text)
    return "\n\n".join(parts) or None
