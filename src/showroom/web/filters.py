"""Jinja filters of the staff pages: times in the dealership's zone, money, labels."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from markupsafe import Markup, escape

from showroom.web.cadence_form import steps_text


def local(value: datetime | None, tz: str) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(tz))


def when(value: datetime | None, tz: str = "UTC") -> str:
    """'14:05' today, 'Mon 3 Feb' this year, '3 Feb 2024' before."""
    at = local(value, tz)
    if at is None:
        return ""
    now = datetime.now(ZoneInfo(tz))
    if at.date() == now.date():
        return at.strftime("%H:%M")
    if at.year == now.year:
        return f"{at:%a} {at.day} {at:%b}"
    return f"{at.day} {at:%b %Y}"


def stamp(value: datetime | None, tz: str = "UTC") -> str:
    at = local(value, tz)
    return "" if at is None else f"{at.day} {at:%b %Y %H:%M}"


def money(cents: int | None) -> str:
    if cents is None:
        return "—"
    return f"${cents / 100:,.0f}"


def miles(value: int | None) -> str:
    return "—" if value is None else f"{value:,} mi"


def label(value: Any) -> str:
    return str(value or "").replace("_", " ").strip().capitalize()


def iso(value: datetime | None) -> str:
    return "" if value is None else value.isoformat()


_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
_LINK = Markup('<a href="{url}" target="_blank" rel="noopener noreferrer nofollow">{url}</a>')


def linkify(text: str | None) -> Markup:
    """Message text made safe for HTML, its http(s) addresses made links that open in a new tab without giving it
    this page (``rel=noopener``); any other scheme (``javascript:``, ``data:``) stays plain text."""
    text = text or ""
    out: list[Markup] = []
    rest = 0
    for found in _URL.finditer(text):
        url = found.group(0).rstrip(_TRAILING)
        out.append(escape(text[rest : found.start()]))
        out.append(_LINK.format(url=url))  # format escapes the url
        rest = found.start() + len(url)
    out.append(escape(text[rest:]))
    return Markup("").join(out)


def install(env: Environment) -> None:
    env.filters.update(
        when=when, stamp=stamp, money=money, miles=miles, label=label, iso=iso, linkify=linkify, steps=steps_text
    )
