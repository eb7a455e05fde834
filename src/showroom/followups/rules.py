"""When a follow-up step may go (issue 18): on the dealership's working days, inside its opening hours, never within
``gap`` of the last automated message to the same customer, and outside quiet hours in the customer's own time zone.
Pure: the quiet hours come in as a function (``conversations.channels.quiet_until``), the rest as data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_GAP_HOURS = 24


def _clock(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def open_at(at: datetime, hours: Mapping[str, Any], zone: ZoneInfo) -> datetime:
    """``at`` if the showroom is open then, else the next opening time (no working hours set: always open)."""
    if not hours or not any(hours.get(d) for d in DAYS):
        return at
    local = at.astimezone(zone)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        span = hours.get(DAYS[day.weekday()])
        if not span:
            continue
        opens = datetime.combine(day, _clock(span["open"]), zone)
        closes = datetime.combine(day, _clock(span["close"]), zone)
        if at < opens:
            return opens
        if at < closes:
            return at
    return at


def next_allowed(
    now: datetime,
    *,
    hours: Mapping[str, Any],
    zone: ZoneInfo,
    last_automated: datetime | None,
    gap: timedelta,
    quiet_until: Callable[[datetime], datetime | None],
    working_days: bool = True,
) -> datetime | None:
    """None when the step may go now; else the earliest time every rule allows."""
    at = now
    for _ in range(10):  # each rule can only move it later; a few rounds settle it
        moved = at
        if last_automated is not None and moved < last_automated + gap:
            moved = last_automated + gap
        if working_days:
            moved = open_at(moved, hours, zone)
        moved = quiet_until(moved) or moved
        if moved == at:
            break
        at = moved
    return None if at <= now else at
