"""The pure slot arithmetic: slots from opening time, capacity across overlapping visits, closed days, the hours
check, the nearest free slots, and a day on which the clocks change."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from showroom.appointments import slots

CHICAGO = ZoneInfo("America/Chicago")
WEEK = {d: {"open": "09:00", "close": "11:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat")} | {"sun": None}
RULES = slots.Rules(hours=WEEK, timezone="America/Chicago", minutes=30, capacity=2)
MONDAY = date(2026, 3, 2)
LONG_AGO = datetime(2000, 1, 1, tzinfo=CHICAGO)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHICAGO)


def test_a_day_is_cut_into_slots_from_opening_to_closing() -> None:
    assert [s for s, _ in slots.day_slots(RULES, MONDAY)] == [
        at(MONDAY, 9),
        at(MONDAY, 9, 30),
        at(MONDAY, 10),
        at(MONDAY, 10, 30),
    ]
    assert slots.day_slots(RULES, MONDAY - timedelta(days=1)) == []  # Sunday: closed


def test_a_slot_is_free_until_its_capacity_is_taken_by_overlapping_visits() -> None:
    booked = [(at(MONDAY, 9), at(MONDAY, 9, 30)), (at(MONDAY, 9, 15), at(MONDAY, 10, 15))]
    free = {s.starts_at: s.places_left for s in slots.free(RULES, MONDAY, MONDAY, booked, LONG_AGO)}
    assert free == {at(MONDAY, 9, 30): 1, at(MONDAY, 10): 1, at(MONDAY, 10, 30): 2}  # 9:00 is full


def test_slots_already_started_are_not_offered() -> None:
    free = slots.free(RULES, MONDAY, MONDAY, [], at(MONDAY, 10))
    assert [s.starts_at for s in free] == [at(MONDAY, 10, 30)]


def test_the_hours_check_says_why() -> None:
    assert slots.outside_hours(RULES, at(MONDAY, 9), at(MONDAY, 11)) is None
    assert "outside working hours" in (slots.outside_hours(RULES, at(MONDAY, 10, 45), at(MONDAY, 11, 15)) or "")
    assert "closed on Sundays" in (slots.outside_hours(RULES, at(MONDAY, 9) - timedelta(days=1), at(MONDAY, 10)) or "")


def test_the_nearest_free_slots_are_the_closest_in_time_in_order() -> None:
    free = slots.free(RULES, MONDAY, MONDAY + timedelta(days=1), [], LONG_AGO)
    assert [s.starts_at for s in slots.nearest(free, at(MONDAY, 12))] == [at(MONDAY, 10), at(MONDAY, 10, 30)]
    tuesday = MONDAY + timedelta(days=1)
    assert [s.starts_at for s in slots.nearest(free, at(MONDAY, 23))] == [at(tuesday, 9), at(tuesday, 9, 30)]


def test_slots_keep_local_time_on_the_day_the_clocks_change() -> None:
    dst = date(2026, 3, 9)  # Monday after the US spring change (Sunday 8 March)
    first, *_ = slots.day_slots(RULES, dst)
    assert first[0].astimezone(CHICAGO).hour == 9 and first[0].utcoffset() == timedelta(hours=-5)
    assert slots.day_slots(RULES, MONDAY)[0][0].utcoffset() == timedelta(hours=-6)


def test_rules_read_the_dealership_settings_with_defaults() -> None:
    rules = slots.Rules.of({"working_hours": WEEK}, "America/Chicago")
    assert (rules.minutes, rules.capacity) == (slots.DEFAULT_MINUTES, slots.DEFAULT_CAPACITY)
    rules = slots.Rules.of({"appointment_slot_minutes": 60, "appointment_capacity": 3}, "UTC")
    assert (rules.minutes, rules.capacity, dict(rules.hours)) == (60, 3, {})
