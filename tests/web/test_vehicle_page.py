"""Issue 21, a page per vehicle: photos, details and the leads interested in it, reached from the inventory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.models import Appointment, VehicleInterest
from tests.factories import create_customer, create_lead, create_vehicle
from tests.helpers import create_team
from tests.web.test_staff_pages import page_client


async def test_a_vehicle_page_shows_its_photos_details_and_interested_leads(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        car = await create_vehicle(
            maint,
            team.id,
            make="Hyundai",
            model="Tucson",
            year=2024,
            trim="Limited",
            exterior_color="Amazon Gray",
            features=["Heated seats"],
            images=["https://img.test/1.jpg", {"url": "https://img.test/2.jpg"}, "javascript:alert(1)"],
            url="https://dealer.test/tucson",
        )
        other = await create_vehicle(maint, outsider.id)
        wants = await create_lead(maint, team.id, (await create_customer(maint, team.id, full_name="Ana Wants")).id)
        drives = await create_lead(maint, team.id, (await create_customer(maint, team.id, full_name="Bo Drives")).id)
        await create_lead(maint, team.id, (await create_customer(maint, team.id, full_name="Cy Elsewhere")).id)
        maint.add(VehicleInterest(dealership_id=team.id, lead_id=wants.id, vehicle_id=car.id, interest="buy"))
        start = datetime.now(UTC) + timedelta(days=1)
        maint.add(
            Appointment(
                dealership_id=team.id,
                lead_id=drives.id,
                customer_id=drives.customer_id,
                vehicle_id=car.id,
                kind="test_drive",
                source="staff",
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
            )
        )
    client = await page_client(app, team.agent.email)
    listing = (await client.get("/app/inventory")).text
    assert f'href="/app/inventory/{car.id}"' in listing
    page = await client.get(f"/app/inventory/{car.id}")
    assert page.status_code == 200
    html = page.text
    assert "<h1>2024 Hyundai Tucson Limited</h1>" in html and "Amazon Gray" in html and "Heated seats" in html
    assert 'src="https://img.test/1.jpg"' in html and 'src="https://img.test/2.jpg"' in html
    assert "javascript:" not in html and 'href="https://dealer.test/tucson"' in html
    assert "Leads interested (2)" in html and "Ana Wants" in html and "Bo Drives" in html
    assert "test drive (confirmed)" in html and "Cy Elsewhere" not in html
    assert f'href="/app/leads/{wants.id}"' in html
    for path in (f"/app/inventory/{other.id}", "/app/inventory/x1", "/app/inventory/99999999999"):
        missing = await client.get(path)
        assert missing.status_code == 404 and "Not found" in missing.text, path
