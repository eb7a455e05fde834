"""Finding 2 (issue 15): every date the API accepts is bounded (a shared type), and a row holding a date Python cannot
represent (written before the bound, or by another tool) no longer breaks every list that reads it."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from showroom.db.engine import Database
from tests.helpers import create_team, sign_in

YEAR_10000 = "9999-12-31T23:59:59-14:00"  # year 10000 in UTC


async def _lead(app: FastAPI, db: Database) -> tuple[object, str, int]:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    customer = (await agent.post("/api/v1/customers", json={"first_name": "Lee", "email": "lee@example.com"})).json()
    lead = await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "attribution": {"source": "walk_in"}})
    assert lead.status_code == 201, lead.text
    return agent, lead.json()["lead"]["id"], team.id


@pytest.mark.parametrize("when", [YEAR_10000, "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z"])
async def test_a_follow_up_date_out_of_range_is_a_422_naming_the_field(app: FastAPI, db: Database, when: str) -> None:
    agent, lead_id, _ = await _lead(app, db)
    answer = await agent.patch(f"/api/v1/leads/{lead_id}", json={"next_follow_up_date": when})  # type: ignore[attr-defined]
    assert answer.status_code == 422, answer.text
    assert "next_follow_up_date" in answer.json()["field"]
    listed = await agent.get("/api/v1/leads")  # type: ignore[attr-defined]
    assert listed.status_code == 200


async def test_dates_in_range_are_kept(app: FastAPI, db: Database) -> None:
    agent, lead_id, _ = await _lead(app, db)
    answer = await agent.patch(  # type: ignore[attr-defined]
        f"/api/v1/leads/{lead_id}", json={"next_follow_up_date": "2199-12-31T09:00:00-05:00"}
    )
    assert answer.status_code == 200, answer.text


async def test_list_filters_and_api_key_expiries_are_bounded(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    assert (await admin.get("/api/v1/leads", params={"created_after": "10000-01-01T00:00:00Z"})).status_code == 422
    assert (await admin.get("/api/v1/audit-logs", params={"since": YEAR_10000})).status_code == 422
    for expires in (YEAR_10000, "2001-01-01T00:00:00Z"):
        key = await admin.post("/api/v1/api-keys", json={"name": "k", "scopes": ["leads:read"], "expires_at": expires})
        assert key.status_code == 422 and "expires_at" in key.json()["field"], key.text
    assert (await admin.get("/api/v1/api-keys")).status_code == 200


async def test_a_row_with_a_date_python_cannot_hold_does_not_break_the_lists(app: FastAPI, db: Database) -> None:
    agent, lead_id, dealership_id = await _lead(app, db)
    async with db.maint_session() as maint, maint.begin():  # as the old code let it in, or another tool
        await maint.execute(
            text(
                "update leads set next_follow_up_date = '10000-01-01 13:59:59+00', expected_close_date = '-infinity' "
                "where id = :id"
            ),
            {"id": lead_id},
        )
        await maint.execute(
            text("update api_keys set expires_at = 'infinity' where dealership_id = :d"), {"d": dealership_id}
        )
    listed = await agent.get("/api/v1/leads")  # type: ignore[attr-defined]
    assert listed.status_code == 200, listed.text
    one = await agent.get(f"/api/v1/leads/{lead_id}")  # type: ignore[attr-defined]
    assert one.status_code == 200, one.text
    assert one.json()["next_follow_up_date"].startswith("9999-12-31")
    assert one.json()["expected_close_date"].startswith("0001-01-01")
    page = await agent.get(f"/app/leads/{lead_id}")  # type: ignore[attr-defined]
    assert page.status_code == 200
