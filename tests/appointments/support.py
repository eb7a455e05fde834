"""A dealership with known hours and capacity, a lead to book for, and a vehicle: the appointments' test world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from showroom.db.engine import Database
from showroom.models import Customer, Dealership, Lead, Vehicle
from tests.factories import create_customer, create_lead, create_vehicle, unique
from tests.helpers import Team, create_team

ZONE = "America/Chicago"
EVERY_DAY = {day: {"open": "09:00", "close": "19:00"} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


@dataclass
class Shop:
    team: Team
    customer: Customer
    lead: Lead
    vehicle: Vehicle


async def create_shop(db: Database, *, capacity: int = 2, hours: dict[str, object] | None = None) -> Shop:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        config = {
            "working_hours": hours or EVERY_DAY,
            "appointment_slot_minutes": 30,
            "appointment_capacity": capacity,
            # follow-ups go whatever the time of day the tests run (their rules have tests of their own)
            "follow_up_working_days": False,
            "quiet_hours": {"start": "00:00", "end": "00:00"},
        }
        await maint.execute(
            update(Dealership).where(Dealership.id == team.id).values(timezone=ZONE, agent_config=config)
        )
        customer = await create_customer(maint, team.id, email=f"{unique('buyer')}@inbox-mail.net")
        lead = await create_lead(maint, team.id, customer.id, status="qualified")
        vehicle = await create_vehicle(maint, team.id, stock_number=unique("STK")[:20])
    return Shop(team, customer, lead, vehicle)


def local_day(days_ahead: int = 2) -> date:
    return (datetime.now(UTC).astimezone(ZoneInfo(ZONE)) + timedelta(days=days_ahead)).date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(ZONE))
