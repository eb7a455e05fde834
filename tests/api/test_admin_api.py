"""Dealerships, users and the audit trail through the API, as admins use them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from showroom.db.engine import Database
from tests.conftest import new_client
from tests.factories import unique
from tests.helpers import PASSWORD, create_super_admin, create_team, sign_in


async def test_super_admin_manages_dealerships(app: FastAPI, db: Database) -> None:
    root = await sign_in(app, (await create_super_admin(db)).email)
    sub = unique("lot")
    created = await root.post(
        "/api/v1/dealerships",
        json={
            "name": "Lakeside",
            "subdomain": sub,
            "contact_email": "gm@lakeside.example",
            "timezone": "America/Denver",
        },
    )
    assert created.status_code == 201, created.text
    dealer = created.json()
    assert dealer["agent_config"]["quiet_hours"] == {"start": "21:00", "end": "08:00"}
    assert any(d["id"] == dealer["id"] for d in (await root.get("/api/v1/dealerships")).json())
    bad = [
        ({"subdomain": "A"}, "subdomain"),
        ({"subdomain": "x" * 64}, "subdomain"),
        ({"subdomain": "-edge"}, "subdomain"),
        ({"contact_email": "nope"}, "contact_email"),
        ({"primary_color": "#12345"}, "primary_color"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ]
    for change, field in bad:
        body = {"name": "X", "subdomain": unique("ok"), "contact_email": "a@b.example", **change}
        response = await root.post("/api/v1/dealerships", json=body)
        assert response.status_code == 422 and response.json()["field"] == field, (change, response.text)
    taken = await root.post("/api/v1/dealerships", json={"name": "Y", "subdomain": sub, "contact_email": "a@b.example"})
    assert taken.status_code == 409 and taken.json()["field"] == "subdomain"
    off = await root.post(f"/api/v1/dealerships/{dealer['id']}/deactivate")
    assert off.json()["is_active"] is False
    assert (await root.post(f"/api/v1/dealerships/{dealer['id']}/activate")).json()["is_active"] is True


async def test_dealership_admin_edits_profile_branding_hours_and_settings(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    change = {
        "name": "Lakeside Honda",
        "primary_color": "#0F172A",
        "persona_name": "Sam",
        "persona_tone": "casual",
        "timezone": "America/Chicago",
        "agent_config": {"working_hours": {"mon": {"open": "08:00", "close": "20:00"}, "sun": None}},
        "settings": {
            "handover": {"emails": ["desk@lakeside.example"], "sla_hours": 2},
            "widget_allowed_origins": ["https://www.lakeside.example"],
        },
    }
    response = await admin.patch("/api/v1/dealership", json=change)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["persona_name"] == "Sam" and body["agent_config"]["working_hours"]["mon"]["close"] == "20:00"
    assert body["settings"]["handover"]["sla_hours"] == 2
    closed_before_open = await admin.patch(
        "/api/v1/dealership", json={"agent_config": {"working_hours": {"mon": {"open": "18:00", "close": "09:00"}}}}
    )
    assert closed_before_open.status_code == 422
    bad_origin = await admin.patch("/api/v1/dealership", json={"settings": {"widget_allowed_origins": ["*"]}})
    assert bad_origin.status_code == 422 and bad_origin.json()["field"] == "settings.widget_allowed_origins"
    null_name = await admin.patch("/api/v1/dealership", json={"name": None})
    assert null_name.status_code == 422


async def test_users_edit_themselves_and_admins_cannot_grant_above_their_role(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    admin = await sign_in(app, team.admin.email)
    me = await agent.patch(f"/api/v1/users/{team.agent.id}", json={"name": "Agent Smith"})
    assert me.status_code == 200 and me.json()["name"] == "Agent Smith"
    promote_self = await agent.patch(f"/api/v1/users/{team.agent.id}", json={"role": "manager"})
    assert promote_self.status_code == 403
    to_super = await admin.patch(f"/api/v1/users/{team.agent.id}", json={"role": "super_admin"})
    assert to_super.status_code == 403
    promoted = await admin.patch(f"/api/v1/users/{team.agent.id}", json={"role": "manager"})
    assert promoted.json()["role"] == "manager"
    dup = await admin.post("/api/v1/users", json={"email": team.manager.email})
    assert dup.status_code == 409 and dup.json()["field"] == "email"
    new = await admin.post(
        "/api/v1/users", json={"email": f"{unique('n')}@example.com", "name": "New Hire", "password": PASSWORD}
    )
    assert new.status_code == 201
    await sign_in(app, new.json()["email"])
    weak = await admin.post("/api/v1/users", json={"email": f"{unique('w')}@example.com", "password": "short"})
    assert weak.status_code == 422 and weak.json()["field"] == "password"
    listed = {u["email"] for u in (await agent.get("/api/v1/users")).json()}
    assert team.admin.email in listed and new.json()["email"] in listed


async def test_every_mutation_leaves_an_audit_row_with_changed_fields_only(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    admin = await sign_in(app, team.admin.email)
    started = datetime.now(UTC) - timedelta(seconds=1)
    vehicle = (
        await manager.post(
            "/api/v1/vehicles",
            json={"vin": "1HGCM82633A004352", "make": "Honda", "model": "Accord", "year": 2024, "price": 100},
        )
    ).json()
    await manager.patch(
        f"/api/v1/vehicles/{vehicle['id']}",
        json={"price": 250, "make": "Honda"},
        headers={"User-Agent": "pytest-browser/1.0"},
    )
    key = (await admin.post("/api/v1/api-keys", json={"name": "k", "scopes": ["leads:read"]})).json()
    trail = (
        await admin.get("/api/v1/audit-logs", params={"resource_type": "vehicle", "resource_id": str(vehicle["id"])})
    ).json()["items"]
    assert [e["action"] for e in trail] == ["vehicle.update", "vehicle.create"]
    update = trail[0]
    assert update["before"] == {"price": 100} and update["after"] == {"price": 250}
    assert update["actor_type"] == "user" and update["user_id"] == team.manager.id
    assert update["user_agent"] == "pytest-browser/1.0" and update["ip_address"] and update["request_id"]
    created = (await admin.get("/api/v1/audit-logs", params={"action": "api_key.create"})).json()["items"][0]
    assert created["after"]["key_hash"] == "[redacted]" and key["key"] not in str(created)
    by_actor = (
        await admin.get(
            "/api/v1/audit-logs",
            params={"user_id": team.manager.id, "since": started.isoformat(), "action": "vehicle."},
        )
    ).json()["items"]
    assert {e["action"] for e in by_actor} == {"vehicle.create", "vehicle.update"}
    future = (await admin.get("/api/v1/audit-logs", params={"since": "2199-01-01T00:00:00Z"})).json()["items"]
    assert future == []
    assert (await manager.get("/api/v1/audit-logs")).status_code == 403


async def test_openapi_documents_auth_and_errors(app: FastAPI) -> None:
    spec = (await new_client(app).get("/api/v1/openapi.json")).json()
    assert set(spec["components"]["securitySchemes"]) == {"session", "apiKey"}
    operation = spec["paths"]["/api/v1/leads/{lead_id}"]["get"]
    assert "**Requires** `lead.read`" in operation["description"] and "leads:read" in operation["description"]
    assert {"401", "403", "404"} <= set(operation["responses"])
    assert spec["paths"]["/api/v1/auth/login"]["post"]["security"] == []
    assert (await new_client(app).get("/api/v1/docs")).status_code == 200
