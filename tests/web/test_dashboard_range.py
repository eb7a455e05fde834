"""The dashboard for a date range: the report's figures, per source and per salesperson, and charts drawn from them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.models import Appointment
from tests.factories import create_customer, create_lead
from tests.helpers import create_team
from tests.web.test_staff_pages import page_client


def _rows(page: str, key: str) -> dict[str, list[str]]:
    table = page.split(f'data-breakdown="{key}"')[1].split("</table>")[0]
    out = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table):
        out[row[0]] = re.findall(r"<td>(.*?)</td>", row[1])
    return out


async def test_a_date_range_shows_the_reports_figures_per_source_and_salesperson(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    zone = ZoneInfo("America/New_York")  # create_team's dealership time zone
    today = datetime.now(UTC).astimezone(zone).date()
    ten_days_ago = datetime(today.year, today.month, today.day, 12, tzinfo=zone) - timedelta(days=10)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        sold = await create_lead(maint, team.id, customer.id, source="website_form", status="sold",
                                 assigned_user_id=team.agent.id, created_at=ten_days_ago)  # fmt: skip
        for _ in range(2):
            await create_lead(maint, team.id, customer.id, source="website_form", created_at=ten_days_ago)
        await create_lead(
            maint, team.id, customer.id, source="phone_call", created_at=ten_days_ago - timedelta(days=30)
        )
        maint.add(Appointment(dealership_id=team.id, lead_id=sold.id, customer_id=customer.id, kind="test_drive",
                              source="agent", status="completed", starts_at=ten_days_ago + timedelta(hours=2),
                              ends_at=ten_days_ago + timedelta(hours=3), created_at=ten_days_ago))  # fmt: skip
    manager = await page_client(app, team.manager.email)
    first, last = (today - timedelta(days=12)).isoformat(), (today - timedelta(days=8)).isoformat()
    page = await manager.get(f"/app?from={first}&to={last}")
    assert page.status_code == 200
    text = page.text
    assert re.search(r'data-kpi="leads">3<', text)
    assert re.search(r'data-kpi="appointments-set">1<', text) and "100%" in text  # shown 1 of 1 decided
    sources = _rows(text, "sources")
    assert sources["website_form"][0] == "3" and sources["website_form"][2:5] == ["1", "1", "1"]
    assert "phone_call" not in sources  # outside the range
    people = _rows(text, "people")
    assert people[team.agent.name or team.agent.email][:3] == ["1", "1", "1"] and people["Unassigned"][0] == "2"
    per_day = text.split("<figcaption>Leads per day</figcaption>")[1].split("</figure>")[0]
    assert sorted(int(v) for v in re.findall(r'data-value="(\d+)"', per_day)) == [0, 0, 0, 0, 3]  # 5 days
    assert f"{first}" in text and f"{last}" in text  # the form keeps the range

    default = await manager.get("/app")
    assert re.search(r'data-kpi="leads">0<', default.text)  # the last 7 days: none
    for query in ("from=yesterday", f"from={last}&to={first}", "from=2020-01-01"):
        bad = await manager.get(f"/app?{query}")
        assert bad.status_code == 422 and 'role="alert"' in bad.text, query
