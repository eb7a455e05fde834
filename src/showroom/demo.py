"""``showroom serve --demo``: a demo dealership on an empty database, and a way in for whoever runs it."""

from __future__ import annotations

import asyncio
import secrets

from sqlalchemy import func, select

from showroom.audit.service import CLI
from showroom.auth import users
from showroom.auth.schemas import UserCreate
from showroom.auth.service import issue_sign_in_link
from showroom.db.engine import open_database
from showroom.db.urls import Topology
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.models import Dealership, User
from showroom.settings import Settings
from showroom.vocabulary import Language

DEMO_EMAIL = "admin@demo-motors.example"
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
    """Create the demo dealership and its admin on an empty database, and print the admin's password and a
    single-use sign-in link once, then: later starts print no way in (a terminal's scrollback or a collected log
    must not hold one). Returns the lines to show."""

    async def run() -> list[str]:
        db = open_database(settings, topo.app, topo.maint, process="cli")
        lines = []
        try:
            async with db.maint_session() as maint, maint.begin():
                if not await maint.scalar(select(func.count()).select_from(Dealership)):
                    dealership = await dealerships.create(maint, DEMO, CLI)
                    # the demo answers in Spanish too (a dealership enables it in Settings, Languages)
                    dealership.agent_config = {**dealership.agent_config, "languages": [Language.en, Language.es]}
                    password = secrets.token_urlsafe(12)
                    await users.create(
                        maint,
                        db,
                        None,
                        dealership.id,
                        UserCreate(email=DEMO_EMAIL, name="Demo Admin", role="dealership_admin", password=password),
                        CLI,
                        settings,
                        email_link=False,
                    )
                    lines += [
                        f"demo: created dealership {dealership.name!r} (subdomain {dealership.subdomain})",
                        f"demo: sign in as {DEMO_EMAIL} with password {password} (shown once)",
                    ]
                else:
                    return [
                        "demo: the database already has dealerships; nothing seeded (the demo admin signs in with "
                        "the password printed on the first start, or asks the sign-in page for an e-mailed link)"
                    ]
                admin = await maint.scalar(select(User).where(User.email == DEMO_EMAIL, User.is_active))
                assert admin is not None  # created just above
                link = await issue_sign_in_link(
                    maint,
                    user_id=admin.id,
                    dealership_id=admin.dealership_id,
                    email=admin.email,
                    role=admin.role,
                    actor=CLI,
                    settings=settings,
                )
                lines.append(f"demo: or open this single-use sign-in link: {link}")
        finally:
            await db.dispose()
        return lines

    return asyncio.run(run())
