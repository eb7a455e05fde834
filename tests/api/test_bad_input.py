"""Bad input gets a 4xx with a JSON body saying what and where, and changes nothing."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.db.engine import Database
from showroom.models import Customer, Vehicle
from tests.conftest import new_client
from tests.factories import create_customer, create_lead
from tests.helpers import create_team, sign_in


async def _count(db: Database, model: type, dealership_id: int) -> int:
    async with db.maint_session() as maint:
        return int(
            await maint.scalar(select(func.count()).select_from(model).where(model.dealership_id == dealership_id)) or 0
        )  # type: ignore[attr-defined]


async def test_malformed_json_is_a_422_naming_the_problem(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    response = await manager.post(
        "/api/v1/vehicles",
        content=b'{"vin": "1HGCM82633A004352", "make":',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == "ValidationFailed" and response.json()["detail"].startswith("malformed JSON")
    assert await _count(db, Vehicle, team.id) == 0


async def test_wrong_types_and_unknown_fields_name_the_field(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    wrong = await agent.post("/api/v1/customers", json={"first_name": ["not", "a", "string"]})
    assert wrong.status_code == 422 and wrong.json()["field"] == "first_name"
    unknown = await agent.post("/api/v1/customers", json={"first_name": "A", "is_admin": True})
    assert unknown.status_code == 422 and unknown.json()["field"] == "is_admin"
    nested = await agent.patch("/api/v1/dealership", json={"settings": {"handover": {"sla_hours": "soon"}}})
    assert nested.status_code == 403  # a sales agent may not edit the dealership at all
    admin = await sign_in(app, team.admin.email)
    nested = await admin.patch("/api/v1/dealership", json={"settings": {"handover": {"sla_hours": "soon"}}})
    assert nested.status_code == 422 and nested.json()["field"] == "settings.handover.sla_hours"
    assert await _count(db, Customer, team.id) == 0


async def test_bodies_over_one_mebibyte_are_refused(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    huge = b'{"first_name": "' + b"x" * (1024 * 1024) + b'"}'
    response = await agent.post("/api/v1/customers", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {
        "error": "PayloadTooLarge",
        "detail": "request body is over the 1048576 byte limit",
        "field": "body",
    }

    async def chunks():  # type: ignore[no-untyped-def]  # no Content-Length: counted as it streams
        for _ in range(20):
            yield b"y" * 65536

    streamed = await agent.post("/api/v1/customers", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert await _count(db, Customer, team.id) == 0


async def test_sql_and_html_metacharacters_are_just_text(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    name = "Robert'); DROP TABLE customers;-- <script>alert(1)</script>"
    created = await agent.post("/api/v1/customers", json={"first_name": name})
    assert created.status_code == 201
    assert created.json()["first_name"] == name
    found = await agent.get("/api/v1/customers", params={"q": "'); DROP"})
    assert [c["first_name"] for c in found.json()["items"]] == [name]
    assert await _count(db, Customer, team.id) == 1


async def test_tokens_of_the_wrong_shape_are_401(app: FastAPI, db: Database) -> None:
    client = new_client(app)
    for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-key", "Bearer shr_" + "!" * 40):
        response = await client.get("/api/v1/leads", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["field"] == "Authorization"
    unknown = await client.get("/api/v1/leads", headers={"Authorization": "Bearer shr_" + "a" * 43})
    assert unknown.status_code == 401 and unknown.json()["detail"] == "unknown, revoked or expired API key"
    client.cookies["showroom_session"] = "x'; select pg_sleep(10);--"
    assert (await client.get("/api/v1/leads")).status_code == 401
    assert (await new_client(app).get("/api/v1/leads")).status_code == 401


async def test_another_dealerships_session_cannot_touch_this_dealership(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
    intruder = await sign_in(app, other.admin.email)
    for method, path, body in (
        ("GET", f"/api/v1/leads/{lead.id}", None),
        ("PATCH", f"/api/v1/leads/{lead.id}", {"status": "contacted"}),
        ("DELETE", f"/api/v1/leads/{lead.id}", None),
        ("GET", f"/api/v1/customers/{customer.id}", None),
        ("PATCH", f"/api/v1/users/{team.agent.id}", {"name": "pwned"}),
    ):
        response = await intruder.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
    listing = await intruder.get("/api/v1/leads")
    assert all(item["id"] != str(lead.id) for item in listing.json()["items"])
    async with db.maint_session() as maint:
        assert (await maint.get(type(lead), lead.id)).status == "new"  # type: ignore[union-attr]


async def test_revoked_and_expired_api_keys_stop_working(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    created = (await admin.post("/api/v1/api-keys", json={"name": "site", "scopes": ["leads:read"]})).json()
    key = created["key"]
    assert key.startswith("shr_") and created["key_prefix"] == key[:12]
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key}"
    assert (await client.get("/api/v1/leads")).status_code == 200
    assert (await client.get("/api/v1/vehicles")).status_code == 403  # outside its scopes
    listed = (await admin.get("/api/v1/api-keys")).json()
    assert "key" not in listed[0] and listed[0]["last_used_at"] is not None
    assert (await admin.delete(f"/api/v1/api-keys/{created['id']}")).status_code == 200
    assert (await client.get("/api/v1/leads")).status_code == 401
    past = await admin.post(
        "/api/v1/api-keys", json={"name": "old", "scopes": ["leads:read"], "expires_at": "2020-01-01T00:00:00Z"}
    )
    assert past.status_code == 422 and past.json()["field"] == "expires_at"
    bad_scope = await admin.post("/api/v1/api-keys", json={"name": "x", "scopes": ["everything"]})
    assert bad_scope.status_code == 422 and "unknown scope" in bad_scope.json()["detail"]
