"""When a schedule runs and which period it reports: local time, DST gap and fold, downtime."""

from __future__ import annotations

from datetime import UTC, datetime, time

from showroom.reports.periods import Schedule, due_period, next_run, period_of
from showroom.vocabulary import ReportFrequency

CHICAGO = "America/Chicago"


def test_a_daily_report_runs_at_the_local_time_and_reports_the_day_before() -> None:
    daily = Schedule(ReportFrequency.daily, time(8, 0), CHICAGO)
    run = next_run(daily, datetime(2026, 12, 7, 13, 0, tzinfo=UTC))  # 07:00 in Chicago (CST, UTC-6)
    assert run == datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
    period = period_of(daily, run)
    assert (period.start.isoformat(), period.end.isoformat()) == (
        "2026-12-06T00:00:00-06:00",
        "2026-12-07T00:00:00-06:00",
    )
    assert period.label() == "Sunday 06 December 2026"


def test_a_time_in_the_spring_forward_gap_runs_at_the_next_valid_minute() -> None:
    daily = Schedule(ReportFrequency.daily, time(2, 30), CHICAGO)  # 2026-03-08: 02:00 jumps to 03:00
    run = next_run(daily, datetime(2026, 3, 8, 0, 0, tzinfo=UTC))
    assert run.astimezone(UTC) == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)  # 03:00 CDT
    assert next_run(daily, run) == datetime(2026, 3, 9, 7, 30, tzinfo=UTC)  # 02:30 CDT the next day


def test_a_time_in_the_fall_back_fold_runs_once_at_the_first() -> None:
    daily = Schedule(ReportFrequency.daily, time(1, 30), CHICAGO)  # 2026-11-01: 01:00-02:00 happens twice
    run = next_run(daily, datetime(2026, 11, 1, 0, 0, tzinfo=UTC))
    assert run == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 CDT
    assert next_run(daily, run) == datetime(2026, 11, 2, 7, 30, tzinfo=UTC)  # not 01:30 CST the same night


def test_weekly_on_monday_reports_the_week_before_and_monthly_the_month_before() -> None:
    weekly = Schedule(ReportFrequency.weekly, time(7, 0), CHICAGO, day_of_week=1)
    run = next_run(weekly, datetime(2026, 12, 2, tzinfo=UTC))  # a Wednesday
    assert run.astimezone(UTC) == datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # Monday 07:00 CST
    assert period_of(weekly, run).key == "2026-11-30..2026-12-07"
    monthly = Schedule(ReportFrequency.monthly, time(6, 0), CHICAGO, day_of_month=1)
    run = next_run(monthly, datetime(2026, 12, 2, tzinfo=UTC))
    assert run == datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
    assert period_of(monthly, run).key == "2026-12-01..2027-01-01"


def test_after_downtime_only_the_latest_missed_period_is_sent() -> None:
    daily = Schedule(ReportFrequency.daily, time(8, 0), CHICAGO)
    missed_since = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    period, following = due_period(daily, missed_since, datetime(2026, 12, 5, 15, 0, tzinfo=UTC))
    assert period.key == "2026-12-04..2026-12-05"
    assert following == datetime(2026, 12, 6, 14, 0, tzinfo=UTC)
