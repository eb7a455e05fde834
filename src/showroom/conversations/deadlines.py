"""When a handover must be answered by: pure, from the dealership's opening hours (``appointments.slots.Rules``).

A customer waiting now (they asked for a person, it is urgent, or the trigger says so) gets minutes of *open* time:
asked at 10:00, they are answered by 10:15; asked at 18:55 before a 19:00 close, 10 of the 15 minutes are left for
the next opening; asked at night, the minutes count from the next opening. Anything else gets hours, counted from
now when open, else from the next opening. A week with no opening hours at all counts on the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from showroom.appointments.slots import Rules, opening

LOOKAHEAD_DAYS = 14  # a closure longer than this (holidays are not modelled) falls back to its last closing time


def open_spans(rules: Rules, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The open intervals from ``start`` on (UTC), the first cut at ``start`` when it falls inside one."""
    first_day = start.astimezone(rules.zone).date()
    for offset in range(-1, LOOKAHEAD_DAYS):
        span = opening(rules, first_day + timedelta(days=offset))
        if span is None:
            continue
        begins, ends = span[0].astimezone(UTC), span[1].astimezone(UTC)
        if ends > start:
            yield max(begins, start), ends


def reply_deadline(rules: Rules, now: datetime, window: timedelta, *, open_time_only: bool) -> datetime:
    """``now`` + ``window``: of open time only (``open_time_only``), else of clock time from the next opening (now
    when open). The result is UTC."""
    now = now.astimezone(UTC)
    spans = list(open_spans(rules, now))
    if not spans:
        return now + window
    if not open_time_only:
        return spans[0][0] + window
    left = window
    for begins, ends in spans:
        if ends - begins >= left:
            return begins + left
        left -= ends - begins
    return spans[-1][1] + left
