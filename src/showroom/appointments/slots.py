"""Bookable slots from a dealership's working hours and per-slot capacity. Pure: no database, no clock of its own.

A day's slots start at opening time and last ``minutes``; the last one ends at closing time at the latest. A slot
holds ``capacity`` appointments; an appointment takes a place in every slot it overlaps.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_MINUTES = 30
DEFAULT_CAPACITY = 2


@dataclass(frozen=True)
class Rules:
    """What decides the slots: the week's hours ({"mon": {"open": "09:00", "close": "19:00"}, "sun": None, ...}),
    the time zone, the slot length and how many appointments a slot takes."""

    hours: Mapping[str, Any]
    timezone: str
    minutes: int = DEFAULT_MINUTES
    capacity: int = DEFAULT_CAPACITY

    @classmethod
    def of(cls, agent_config: Mapping[str, Any] | None, timezone: str) -> Rules:
        config = agent_config or {}
        return cls(
            hours=config.get("working_hours") or {},
            timezone=timezone,
            minutes=int(config.get("appointment_slot_minutes") or DEFAULT_MINUTES),
            capacity=int(config.get("appointment_capacity") or DEFAULT_CAPACITY),
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    places_left: int


def _clock(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def opening(rules: Rules, day: date) -> tuple[datetime, datetime] | None:
    """The day's opening and closing instants (aware, in the dealership's zone), or None when closed."""
    span = rules.hours.get(DAYS[day.weekday()])
    if not span:
        return None
    zone = rules.zone
    return (
        datetime.combine(day, _clock(span["open"]), zone),
        datetime.combine(day, _clock(span["close"]), zone),
    )


def day_slots(rules: Rules, day: date) -> list[tuple[datetime, datetime]]:
    """The slots of ``day`` (start, end), full or not."""
    span = opening(rules, day)
    if span is None:
        return []
    step = timedelta(minutes=rules.minutes)
    out = []
    start = span[0]
    while start + step <= span[1]:
        out.append((start, start + step))
        start += step
    return out


def outside_hours(rules: Rules, starts_at: datetime, ends_at: datetime) -> str | None:
    """Why the visit does not fit the working hours, or None when it does."""
    local = starts_at.astimezone(rules.zone)
    span = opening(rules, local.date())
    if span is None:
        return f"the showroom is closed on {local.strftime('%A')}s"
    if starts_at < span[0] or ends_at > span[1]:
        hours = f"{span[0].strftime('%H:%M')}-{span[1].strftime('%H:%M')}"
        return f"outside working hours ({local.strftime('%A')} {hours}, {rules.timezone})"
    return None


def overlapped(rules: Rules, starts_at: datetime, ends_at: datetime) -> list[tuple[datetime, datetime]]:
    """The slots of its day a visit from ``starts_at`` to ``ends_at`` takes a place in."""
    day = starts_at.astimezone(rules.zone).date()
    return [(s, e) for s, e in day_slots(rules, day) if s < ends_at and starts_at < e]


def taken(slot: tuple[datetime, datetime], booked: Iterable[tuple[datetime, datetime]]) -> int:
    return sum(1 for s, e in booked if s < slot[1] and slot[0] < e)


def free(
    rules: Rules,
    first: date,
    last: date,
    booked: Sequence[tuple[datetime, datetime]],
    now: datetime,
) -> list[Slot]:
    """Every slot from ``first`` to ``last`` (days, inclusive) that starts after ``now`` and has a place left.

    The bookings are sorted once and each day looks only at those that can overlap it (a binary search by start,
    widened by the longest booking), so a busy calendar costs in proportion to its days, not days times bookings."""
    spans = sorted((s.timestamp(), e.timestamp()) for s, e in booked)  # plain numbers: aware datetimes compare slowly
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0.0)
    after = now.timestamp()
    out = []
    day = first
    while day <= last:
        today = day_slots(rules, day)
        if today:
            times = [(a.timestamp(), b.timestamp()) for a, b in today]
            opens, closes = times[0][0], times[-1][1]
            near = [
                (s, e)
                for s, e in spans[bisect_left(starts, opens - longest) : bisect_left(starts, closes)]
                if e > opens
            ]
            for (a, b), (ta, tb) in zip(today, times, strict=True):
                if ta <= after:
                    continue
                left = rules.capacity - sum(1 for s, e in near if s < tb and ta < e)
                if left > 0:
                    out.append(Slot(a, b, left))
        day += timedelta(days=1)
    return out


def nearest(slots: Sequence[Slot], wanted: datetime, count: int = 2) -> list[Slot]:
    """The ``count`` free slots closest in time to ``wanted`` (earlier first on a tie), in time order."""
    ranked = sorted(slots, key=lambda s: (abs((s.starts_at - wanted).total_seconds()), s.starts_at))
    return sorted(ranked[:count], key=lambda s: s.starts_at)


@dataclass(frozen=True)
class Choice:
    """What to do with a requested time: book ``slot`` when it is free, else offer ``offer`` (nearest first in
    time order; empty when nothing is free nearby)."""

    slot: Slot | None
    offer: list[Slot]


def choose(wanted: datetime, free_slots: Sequence[Slot], count: int = 2) -> Choice:
    """Book the free slot that starts at ``wanted``; otherwise offer the ``count`` nearest free slots."""
    exact = next((s for s in free_slots if s.starts_at == wanted), None)
    if exact is not None:
        return Choice(exact, [])
    return Choice(None, nearest(free_slots, wanted, count))
