"""Finding 10 (issue 15): the smaller holes, each with the test that failed before its fix."""

from __future__ import annotations

import uuid

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Vehicle
from tests.conftest import new_client
from tests.factories import create_user, unique, vin
from tests.helpers import create_team, sign_in


async def test_nulls_for_required_fields_are_422s_not_500s(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    customer = (await agent.post("/api/v1/customers", json={"first_name": "Nu", "email": "nu@example.com"})).json()
    lead = await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "attribution": {"source": "walk_in"}})
    status = await agent.patch(f"/api/v1/leads/{lead.json()['lead']['id']}", json={"status": None})
    assert status.status_code == 422 and status.json()["field"] == "status", status.text
    country = await agent.patch(f"/api/v1/customers/{customer['id']}", json={"country": None})
    assert country.status_code == 422 and country.json()["field"] == "country", country.text


async def test_only_http_addresses_are_stored_for_links_and_pictures(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    admin = await sign_in(app, team.admin.email)
    base = {"vin": vin(), "make": "Honda", "model": "Accord", "year": 2024}
    for field, bad in (
        ("url", "javascript:alert(document.cookie)"),
        ("video_url", "JaVaScRiPt:alert(1)"),
        ("images", ["data:text/html,<script>alert(1)</script>"]),
        ("images", ["//evil.example/x.png"]),
        ("url", "https://dealer.example/ car"),
    ):
        refused = await manager.post("/api/v1/vehicles", json={**base, field: bad})
        assert refused.status_code == 422 and refused.json()["field"].startswith(field), (field, refused.text)
    ok = await manager.post(
        "/api/v1/vehicles", json={**base, "url": "https://dealer.example/car/1", "images": ["http://img.example/1.jpg"]}
    )
    assert ok.status_code == 201, ok.text
    logo = await admin.patch("/api/v1/dealership", json={"logo_url": "javascript:alert(1)"})
    assert logo.status_code == 422 and logo.json()["field"] == "logo_url"

    feed = (
        "VIN,Make,Model,Year,Price,Images,URL\n"
        f"{vin()},Honda,Civic,2024,25000,javascript:alert(1),javascript:alert(2)\n"
    )
    report = await manager.post("/api/v1/inventory/import", content=feed.encode(), headers={"Content-Type": "text/csv"})
    assert report.status_code == 200, report.text
    async with db.maint_session() as maint:
        civic = await maint.scalar(select(Vehicle).where(Vehicle.dealership_id == team.id, Vehicle.model == "Civic"))
    assert civic is not None and civic.images == [] and civic.url is None


async def test_a_wrong_method_on_a_fixed_path_is_a_405(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    answer = await agent.patch("/api/v1/leads/adf", json={"status": "new"})
    assert answer.status_code == 405 and answer.headers["allow"] == "POST", answer.text
    assert answer.json()["error"] == "MethodNotAllowed"
    assert (await agent.patch(f"/api/v1/leads/{uuid.uuid4()}", json={"status": "new"})).status_code == 404


async def test_the_openapi_document_says_what_the_api_does(app: FastAPI) -> None:
    spec = (await new_client(app).get("/api/v1/openapi.json")).json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    patch = spec["paths"]["/api/v1/leads/{lead_id}"]["patch"]["responses"]
    assert patch["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ValidationErrorBody")
    assert {"400", "401", "403", "404", "422"} <= set(patch)
    stream = spec["paths"]["/api/v1/events"]["get"]["responses"]["200"]["content"]
    assert list(stream) == ["text/event-stream"]
    assert "201" in spec["paths"]["/api/v1/widget/{subdomain}/messages"]["post"]["responses"]


async def test_the_api_docs_page_works_offline_under_a_csp(app: FastAPI) -> None:
    page = await new_client(app).get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "<script" not in page.text.lower()
    assert "/api/v1/leads/{lead_id}" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


async def test_api_answers_are_not_cached(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    for response in (
        await agent.get("/api/v1/leads"),
        await agent.get("/api/v1/leads/not-an-id"),
        await new_client(app).get("/api/v1/openapi.json"),
        await new_client(app).get("/api/v1/no-such-route"),
    ):
        assert response.headers["cache-control"] == "no-store", response.url


async def test_errors_do_not_tell_a_dealership_what_belongs_to_another(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    number = f"+1312558{team.id % 10000:04d}"
    root_team = await sign_in(app, team.admin.email)
    assert (await root_team.patch("/api/v1/dealership", json={"settings": {"sms_number": number}})).status_code == 200
    from tests.helpers import create_super_admin

    root = await sign_in(app, (await create_super_admin(db)).email)
    assert (await root.post(f"/api/v1/dealerships/{team.id}/routing/approve")).status_code == 200
    rival = await sign_in(app, other.admin.email)
    asked = await rival.patch("/api/v1/dealership", json={"settings": {"sms_number": number}})
    assert asked.status_code == 200 and "another dealership" not in asked.text
    assert asked.json()["routing_pending"] == {"sms_number": number}  # waits for the platform's approval

    async with db.maint_session() as maint, maint.begin():
        elsewhere = await create_user(maint, other.id, email=f"{unique('elsewhere')}@example.com")
    invited = await (await sign_in(app, team.admin.email)).post("/api/v1/invitations", json={"email": elsewhere.email})
    assert invited.status_code == 201, invited.text  # the same answer as for anyone: nothing said about them
    mine = await (await sign_in(app, team.admin.email)).post("/api/v1/invitations", json={"email": team.agent.email})
    assert mine.status_code == 409 and "your team" in mine.json()["detail"]
