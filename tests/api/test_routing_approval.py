"""Routing identifiers (a texting number, ADF vendor names and ids) route other parties' messages across tenants,
so they route only once a super admin approved them (migration 0012). Before, the first dealership to set one got
it: an admin could take another dealership's number or lead provider before that dealership had set it up."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from showroom.db.engine import Database
from tests.helpers import create_super_admin, create_team, sign_in


async def routed_to(db: Database, number: str, vendor: str) -> tuple[int | None, int | None]:
    async with db.maint_session() as maint:
        by_sms = await maint.scalar(text("select resolve_dealership_by_sms(:n)"), {"n": number})
        by_vendor = await maint.scalar(text("select resolve_adf_vendor(:n, null)"), {"n": vendor})
    return by_sms, by_vendor


async def test_requested_routing_routes_only_once_approved_and_stops_when_given_up(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    number, vendor = f"+1312557{team.id % 10000:04d}", f"Approved Motors {team.id}"
    admin = await sign_in(app, team.admin.email)
    asked = await admin.patch(
        "/api/v1/dealership", json={"settings": {"sms_number": number}, "lead_routing": {"adf_vendor_names": [vendor]}}
    )
    assert asked.status_code == 200, asked.text
    assert asked.json()["routing_pending"] == {"sms_number": number, "adf_vendor_names": [vendor]}
    assert asked.json()["approved_routing"] == {}
    assert await routed_to(db, number, vendor) == (None, None)  # requested is not routed

    rival = await sign_in(app, other.admin.email)  # nobody routes it yet: asking is allowed, approval decides
    assert (await rival.patch("/api/v1/dealership", json={"settings": {"sms_number": number}})).status_code == 200
    assert (await admin.post(f"/api/v1/dealerships/{team.id}/routing/approve")).status_code == 403

    root = await sign_in(app, (await create_super_admin(db)).email)
    approved = await root.post(f"/api/v1/dealerships/{team.id}/routing/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["routing_pending"] == {}
    assert approved.json()["approved_routing"] == {"sms_number": number, "adf_vendor_names": [vendor]}
    assert await routed_to(db, number, vendor) == (team.id, team.id)
    refused = await root.post(f"/api/v1/dealerships/{other.id}/routing/approve")
    assert refused.status_code == 409 and refused.json()["field"] == "settings.sms_number"
    async with db.maint_session() as maint:
        audited = await maint.scalar(
            text("select count(*) from audit_logs where action = 'dealership.routing_approve' and dealership_id = :d"),
            {"d": team.id},
        )
    assert audited == 1

    # settings merge into what is stored: giving the routing up names it, as null or empty
    gave_up = await admin.patch(
        "/api/v1/dealership", json={"settings": {"sms_number": None}, "lead_routing": {"adf_vendor_names": []}}
    )
    assert gave_up.status_code == 200, gave_up.text
    assert await routed_to(db, number, vendor) == (None, None)  # at once, without an approval


async def test_the_service_login_cannot_approve_routing_itself(db: Database) -> None:
    """Defence in depth: even SQL run as the service login (showroom_app) cannot write approved_routing."""
    team = await create_team(db)
    async with db.session(team.id) as session:
        with pytest.raises(DBAPIError, match="platform"):
            async with session.begin():
                await session.execute(
                    text('update dealerships set approved_routing = \'{"sms_number": "+13125550199"}\'')
                )
