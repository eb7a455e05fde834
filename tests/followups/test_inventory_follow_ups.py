"""Inventory-driven follow-ups (issue 18): a unit matching what an unconverted lead asked for arrives (by the API or a
feed), or its price drops: one message about that unit, once per unit per lead, sent like any follow-up."""

from __future__ import annotations

import io
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.conversations.followup_tasks import send_step
from showroom.conversations.inventory_tasks import match_units
from showroom.db.engine import Database
from showroom.models import FollowUp, Message, VehicleInterest
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import Shop, create_shop
from tests.factories import create_conversation, create_customer, create_lead, vin
from tests.helpers import sign_in


async def _interested(db: Database, shop: Shop, **interest: Any) -> uuid.UUID:
    """A lead of ``shop`` asking about a vehicle (``interest``), with a chat; its id."""
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, shop.team.id, email=f"{uuid.uuid4().hex[:8]}@inbox-mail.net")
        lead = await create_lead(maint, shop.team.id, customer.id, status=interest.pop("status", "contacted"))
        await create_conversation(maint, lead, channel="chat")
        maint.add(VehicleInterest(dealership_id=shop.team.id, lead_id=lead.id, **interest))
    return lead.id


async def _jobs(db: Database, dealership_id: int) -> list[dict[str, Any]]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            text(
                "select args from procrastinate_jobs where task_name = 'showroom:followup.inventory' "
                "and (args->>'dealership_id')::int = :d order by id"
            ),
            {"d": dealership_id},
        )
        return [r.args for r in rows]


async def _about_units(db: Database, lead_id: uuid.UUID) -> list[FollowUp]:
    async with db.maint_session() as maint:
        query = select(FollowUp).where(FollowUp.lead_id == lead_id, FollowUp.template.like("unit:%"))
        return list((await maint.scalars(query)).all())


async def test_an_arrival_and_a_price_drop_each_reach_the_matching_leads_once(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    shop = await create_shop(db)
    tucson = await _interested(db, shop, make="Hyundai", model="Tucson", vehicle_id=shop.vehicle.id)
    any_year = await _interested(db, shop, make="hyundai", model="tucson")
    ford = await _interested(db, shop, make="Ford", model="F-150")
    sold = await _interested(db, shop, make="Hyundai", model="Tucson", status="sold")
    staff = await sign_in(app, shop.team.manager.email)

    body = {
        "vin": vin(),
        "make": "Hyundai",
        "model": "Tucson",
        "year": 2025,
        "price": 3_199_900,
        "stock_number": "T-77",
    }
    made = await staff.post("/api/v1/vehicles", json=body)
    assert made.status_code == 201, made.text
    [job] = await _jobs(db, shop.team.id)
    assert job["vins"] == [body["vin"]] and job["cheaper"] == []
    async with db.session(shop.team.id) as session:
        assert await match_units(session, job["vins"], job["cheaper"]) == 2
    async with db.session(shop.team.id) as session:
        assert await match_units(session, job["vins"], job["cheaper"]) == 0  # once per unit per lead
    [about] = await _about_units(db, tucson)
    assert about.template == f"unit:{made.json()['id']}" and "just arrived, listed at $31,999" in (about.notes or "")
    assert len(await _about_units(db, any_year)) == 1
    assert await _about_units(db, ford) == [] and await _about_units(db, sold) == []

    priced = await staff.patch(f"/api/v1/vehicles/{shop.vehicle.id}", json={"price": 3_000_000})
    assert priced.status_code == 200, priced.text  # from no price: no news
    cheaper = await staff.patch(f"/api/v1/vehicles/{shop.vehicle.id}", json={"price": 2_500_000})
    assert cheaper.status_code == 200, cheaper.text
    async with db.session(shop.team.id) as session:
        assert await match_units(session, [], [shop.vehicle.id]) == 2
    dearer = await staff.patch(f"/api/v1/vehicles/{shop.vehicle.id}", json={"price": 2_700_000})
    assert dearer.status_code == 200
    jobs = await _jobs(db, shop.team.id)
    assert [j["cheaper"] for j in jobs[1:]] == [[shop.vehicle.id]]  # a rise is no news
    notes = sorted(f.notes or "" for f in await _about_units(db, tucson))
    assert any("is now $25,000" in n for n in notes), notes

    step = next(f for f in await _about_units(db, tucson) if "just arrived" in (f.notes or ""))
    async with db.session(shop.team.id) as session:
        assert await send_step(session, Services.build(settings, db), step.id) == "sent"
    async with db.maint_session() as maint:
        written = (
            await maint.scalars(
                select(Message.content).where(Message.sender == "ai", Message.dealership_id == shop.team.id)
            )
        ).all()
    assert any("T-77" in w for w in written), written


async def test_a_feed_s_new_units_and_price_drops_are_matched_but_not_a_first_feed(app: FastAPI, db: Database) -> None:
    shop = await create_shop(db)
    staff = await sign_in(app, shop.team.manager.email)
    first_vin, second_vin = vin(), vin()

    def feed(*rows: tuple[str, str, str]) -> dict[str, Any]:
        lines = ["VIN\tYear\tMake\tModel\tPrice"] + [f"{v}\t2024\tKia\t{m}\t{p}" for v, m, p in rows]
        return {"file": ("feed.tsv", io.BytesIO("\n".join(lines).encode()), "text/tab-separated-values")}

    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("update vehicles set is_active = false where dealership_id = :d"), {"d": shop.team.id})
    first = await staff.post("/api/v1/inventory/import", files=feed((first_vin, "Sorento", "30000")))
    assert first.status_code == 200, first.text
    assert [j["vins"] for j in await _jobs(db, shop.team.id)] == []  # the first feed is the stock, not news
    second = await staff.post(
        "/api/v1/inventory/import", files=feed((first_vin, "Sorento", "28000"), (second_vin, "Telluride", "45000"))
    )
    assert second.status_code == 200, second.text
    [job] = await _jobs(db, shop.team.id)
    assert job["vins"] == [second_vin] and len(job["cheaper"]) == 1
