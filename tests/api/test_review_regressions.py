"""Bugs a whole-code review found, each pinned by the request that used to fail (500s, a broken sign-in link, a
lost ADF batch, a VIN typed in lower case)."""

from __future__ import annotations

import base64

import pytest
from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.db.engine import Database
from showroom.models import Customer, Lead, User, VehicleInterest
from showroom.settings import Settings
from tests.auth.test_links import sent_once, token_in
from tests.conftest import Worker, new_client
from tests.factories import create_vehicle
from tests.helpers import approve_routing, create_super_admin, create_team, sign_in
from tests.leads.test_intake_api import count, integration

ADF = """<?xml version="1.0"?>
<adf><prospect>
  <id sequence="1" source="Bench">{external}</id>
  <requestdate>2026-11-20T10:00:00-05:00</requestdate>
  <vehicle interest="buy" status="used"><year>{year}</year><make>Honda</make><model>Civic</model></vehicle>
  <customer><contact><name part="full">{name}</name><email>{email}</email></contact></customer>
  <vendor><vendorname>Lakeside</vendorname></vendor>
</prospect></adf>"""


async def test_a_super_admin_can_sign_in_with_a_magic_link(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    """Their row belongs to no dealership, so RLS hid it from the link's consumer: the link answered 401. (The
    link and its e-mail are written by a maintenance transaction of their own.)"""
    admin = await create_super_admin(db)
    client = new_client(app)
    assert (await client.post("/api/v1/auth/magic-link", json={"email": admin.email})).status_code == 202
    token = token_in(await sent_once(worker, settings, admin.email))
    used = await client.post("/api/v1/auth/magic-link/verify", json={"token": token})
    assert used.status_code == 200, used.text
    assert used.json()["user_id"] == admin.id
    session = await client.get("/api/v1/auth/session")
    assert session.status_code == 200 and session.json()["role"] == "super_admin"
    async with db.maint_session() as maint:
        assert (await maint.scalar(select(User.is_verified).where(User.id == admin.id))) is True


@pytest.mark.parametrize(
    "path",
    ["/api/v1/vehicles/{big}", "/api/v1/users/{big}", "/api/v1/personas/{big}", "/api/v1/leads?assigned_user_id={big}"],
)
async def test_ids_beyond_the_database_integer_range_are_a_422(app: FastAPI, db: Database, path: str) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    response = await admin.get(path.format(big=2**40))
    assert response.status_code == 422, response.text
    assert response.json()["field"]


async def test_an_edited_cursor_is_a_422_naming_the_cursor(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    for forged in ('[["v", "not a date"], ["v", 1]]', '[["dt", "2026-01-01T00:00:00+00:00"], ["v", "x"]]'):
        cursor = base64.urlsafe_b64encode(forged.encode()).decode().rstrip("=")
        response = await admin.get("/api/v1/leads", params={"cursor": cursor})
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "cursor"


async def test_a_naive_expiry_is_a_422_not_a_500(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    response = await admin.post(
        "/api/v1/api-keys", json={"name": "naive", "scopes": ["leads:write"], "expires_at": "2030-01-01T00:00:00"}
    )
    assert response.status_code == 422, response.text
    assert "expires_at" in str(response.json()["field"])


async def test_an_adf_value_too_long_for_its_column_does_not_lose_the_batch(app: FastAPI, db: Database) -> None:
    """One prospect with an over-long provider id and a year beyond int4 used to be a 500 that lost the whole
    batch; now the long values are cut to their columns and the other prospects are stored."""
    team = await create_team(db)
    client = await integration(app, team)
    long_one = ADF.format(external="X" * 400, year=99999999999, name="N" * 400, email="long@example.com")
    fine = ADF.format(external="ok-1", year=2021, name="Ana Ruiz", email="ana@example.com")
    body = f"<batch>{long_one}{fine}</batch>".replace('<?xml version="1.0"?>', "")
    for document in (long_one, fine, body):
        response = await client.post("/api/v1/leads/adf", content=document, headers={"Content-Type": "application/xml"})
        assert response.status_code in (200, 201, 207, 422), response.text
    assert await count(db, Lead, team.id) == 2
    async with db.maint_session() as maint:
        names = set((await maint.scalars(select(Customer.full_name).where(Customer.dealership_id == team.id))).all())
        external = set((await maint.scalars(select(Lead.external_id).where(Lead.dealership_id == team.id))).all())
    assert "Ana Ruiz" in names and any(n.startswith("NNNN") for n in names)
    assert external == {"ok-1", "X" * 255}


async def test_a_vin_in_lower_case_finds_the_vehicle(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        vehicle = await create_vehicle(maint, team.id, vin="1HGCM82633A004352")
    client = await integration(app, team)
    lead = {
        "customer": {"email": "vin@example.com"},
        "vehicles": [{"interest": "buy", "vin": "1hgcm82633a004352"}],
    }
    created = await client.post("/api/v1/leads", json=lead)
    assert created.status_code == 201, created.text
    manager = await sign_in(app, team.manager.email)
    duplicate = await manager.post(
        "/api/v1/vehicles", json={"vin": "1hgcm82633a004352", "make": "Honda", "model": "Accord", "year": 2003}
    )
    assert duplicate.status_code == 409, duplicate.text
    async with db.maint_session() as maint:
        linked = (
            await maint.scalars(
                select(VehicleInterest.vehicle_id).where(VehicleInterest.lead_id == created.json()["lead"]["id"])
            )
        ).all()
    assert linked == [vehicle.id]


@pytest.mark.parametrize("field", ["subject", "from"])
async def test_line_breaks_in_inbound_email_headers_are_a_422(
    app: FastAPI, db: Database, settings: Settings, field: str
) -> None:
    from showroom.app import create_app

    team = await create_team(db)
    configured = Settings.model_validate({**settings.model_dump(), "inbound_email_secret": "inbound-secret-value"})
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        payload = {
            "to": f"leads+{team.dealership.subdomain}@inbound.showroom.example",
            "from": "noreply@dealersite.example",
            "subject": "New lead",
            "text": "hello",
            field: "evil\r\nBcc: victim@example.com",
        }
        response = await new_client(application).post(
            "/api/v1/inbound/email", json=payload, headers={"Authorization": "Bearer inbound-secret-value"}
        )
    assert response.status_code == 422, response.text
    assert field in str(response.json()["field"])
    assert await count(db, Lead, team.id) == 0


async def test_a_texting_number_or_adf_vendor_of_another_dealership_never_routes_to_a_second_one(
    app: FastAPI, db: Database
) -> None:
    """Both route other parties' messages across tenants: a second claim made the resolvers route to neither. The
    second dealership's request waits, unapproved, without being told whose it is (issue 15, finding 10); the
    platform's approval refuses it."""
    first, second = await create_team(db), await create_team(db)
    vendor, number = f"Shared Motors {first.id}", f"+1312555{first.id % 10000:04d}"
    owner = await sign_in(app, first.admin.email)
    claimed = await owner.patch(
        "/api/v1/dealership",
        json={"settings": {"sms_number": number}, "lead_routing": {"adf_vendor_names": [vendor]}},
    )
    assert claimed.status_code == 200, claimed.text
    await approve_routing(app, db, first.id)
    again = await owner.patch("/api/v1/dealership", json={"lead_routing": {"adf_vendor_names": [vendor, "Other"]}})
    assert again.status_code == 200, again.text  # its own claim is no clash
    intruder = await sign_in(app, second.admin.email)
    for body, field in (
        ({"settings": {"sms_number": number}}, "settings.sms_number"),
        ({"lead_routing": {"adf_vendor_names": [vendor.upper()]}}, "lead_routing.adf_vendor_names"),
    ):
        asked = await intruder.patch("/api/v1/dealership", json=body)
        assert asked.status_code == 200 and "another dealership" not in asked.text, asked.text
        assert asked.json()["routing_pending"], field
        root = await sign_in(app, (await create_super_admin(db)).email)
        refused = await root.post(f"/api/v1/dealerships/{second.id}/routing/approve")
        assert refused.status_code == 409 and refused.json()["field"] == field, refused.text
        await intruder.patch(  # settings merge into what is stored: giving a request up names it
            "/api/v1/dealership", json={"settings": {"sms_number": None}, "lead_routing": {"adf_vendor_names": []}}
        )
    async with db.maint_session() as maint:
        routed = await maint.scalar(text("select resolve_adf_vendor(:n, null)"), {"n": vendor})
    assert routed == first.id  # still routed to the dealership that had it
