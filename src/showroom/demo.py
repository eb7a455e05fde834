"""``showroom serve --demo``: a demo dealership on an empty database, so a first run has something to show."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from showroom.audit.service import CLI
from showroom.db.engine import open_database
from showroom.db.urls import Topology
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.models import Dealership
from showroom.settings import Settings

DEMO = DealershipCreate(
    name="Demo Motors",
    subdomain="demo",
    contact_email="sales@demo-motors.example",
    contact_phone="+1 312 555 0100",
    website="https://demo-motors.example",
    city="Chicago",
    state="IL",
    timezone="America/Chicago",
    primary_color="#0f172a",
    accent_color="#2563eb",
    persona_name="Alex",
    welcome_message="Hi! I'm Alex from Demo Motors. Looking for something in particular?",
)


def seed_demo(settings: Settings, topo: Topology) -> list[str]:
    """Create the demo dealership if there is no dealership at all. Returns lines to show the user."""

    async def run() -> list[str]:
        db = open_database(settings, topo.app, topo.maint, process="cli")
        try:
            async with db.maint_session() as maint, maint.begin():
                if await maint.scalar(select(func.count()).select_from(Dealership)):
                    return ["demo: the database already has dealerships; nothing seeded"]
                dealership = await dealerships.create(maint, DEMO, CLI)
                return [f"demo: created dealership {dealership.name!r} (subdomain {dealership.subdomain})"]
        finally:
            await db.dispose()

    return asyncio.run(run())
