"""When a report schedule runs and which period it reports, in the dealership's time zone (pure: no database).

A daily report at 08:00 reports the previous local day; a weekly one (``day_of_week``, 0 = Sunday) the seven local
days before its run day; a monthly one (``day_of_month`` 1-28) the previous calendar month. A local time that does
not exist on a day (the spring-forward gap) runs at the next minute that does; a time that exists twice (the fall-back
fold) runs at the first. After downtime only the latest period due is sent (``due_period``): one report, not a flood.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from showroom.vocabulary import ReportFrequency


@dataclass(frozen=True)
class Schedule:
    frequency: ReportFrequency
    time_of_day: time
    timezone: str
    day_of_week: int | None = None  # 0 = Sunday
    day_of_month: int | None = None  # 1-28


@dataclass(frozen=True)
class Period:
    start: datetime  # aware, local midnight of the first day
    end: datetime  # exclusive: local midnight after the last day

    @property
    def key(self) -> str:
        """The period's identity in a schedule's idempotency key."""
        return f"{self.start.date().isoformat()}..{self.end.date().isoformat()}"

    def label(self) -> str:
        last = (self.end - timedelta(days=1)).date()
        first = self.start.date()
        if first == last:
            return f"{first:%A %d %B %Y}"
        return f"{first:%d %b %Y} – {last:%d %b %Y}"


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone``, as an aware UTC datetime; a wall time in a DST gap moves to the next minute
    that exists; one in a fold is the first occurrence."""
    wall = datetime.combine(day, at.replace(tzinfo=None, second=0, microsecond=0))
    for _ in range(24 * 60):
        candidate = wall.replace(tzinfo=zone, fold=0)
        if candidate.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
            return candidate.astimezone(UTC)
        wall += timedelta(minutes=1)
    raise ValueError(f"no valid local time near {day} {at} in {zone.key}")  # pragma: no cover - no zone does this


def _runs_on(schedule: Schedule, day: date) -> bool:
    if schedule.frequency == ReportFrequency.daily:
        return True
    if schedule.frequency == ReportFrequency.weekly:
        return (day.isoweekday() % 7) == schedule.day_of_week
    return day.day == schedule.day_of_month


def next_run(schedule: Schedule, after: datetime) -> datetime:
    """The first run strictly after ``after`` (aware), in UTC."""
    zone = ZoneInfo(schedule.timezone)
    day = after.astimezone(zone).date() - timedelta(days=1)
    for _ in range(40):  # a month and some: every frequency runs within it
        if _runs_on(schedule, day):
            run = local_instant(day, schedule.time_of_day, zone)
            if run > after:
                return run
        day += timedelta(days=1)
    raise ValueError("no run within 40 days")  # pragma: no cover - day_of_month is 1-28


def period_of(schedule: Schedule, run: datetime) -> Period:
    """The period a run at ``run`` reports: the days before the local day it runs on."""
    zone = ZoneInfo(schedule.timezone)
    run_day = run.astimezone(zone).date()
    if schedule.frequency == ReportFrequency.daily:
        first = run_day - timedelta(days=1)
    elif schedule.frequency == ReportFrequency.weekly:
        first = run_day - timedelta(days=7)
    else:
        first = (run_day.replace(day=1) - timedelta(days=1)).replace(day=1)
        run_day = run_day.replace(day=1)
    return Period(_midnight(first, zone), _midnight(run_day, zone))


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return local_instant(day, time(0, 0), zone).astimezone(zone)


def due_period(schedule: Schedule, scheduled_for: datetime, now: datetime) -> tuple[Period, datetime]:
    """The period to send now for a schedule due at ``scheduled_for`` (its ``next_run_at``), and its next run. After
    downtime that skipped several runs, only the latest run's period is sent, once."""
    latest = scheduled_for
    while (following := next_run(schedule, latest)) <= now:
        latest = following
    return period_of(schedule, latest), next_run(schedule, latest)
