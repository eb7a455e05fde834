"""The staff pages through the real app (no browser): who may open what, what they show, what they change."""

from __future__ import annotations

import re

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.db.engine import Database
from showroom.dealerships.branding import brand_of, contrast, readable_on
from showroom.models import ApiKey, Conversation, Dealership, Handover, Lead
from showroom.web.charts import columns
from tests.conftest import new_client
from tests.factories import create_conversation, create_customer, create_lead, create_message
from tests.helpers import Team, create_team, sign_in


async def page_client(app: FastAPI, email: str) -> httpx.AsyncClient:
    client = await sign_in(app, email)
    client.headers.pop("X-CSRF-Token")  # pages are plain browser requests
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


async def chat(db: Database, team: Team, name: str, status: str = "active", **kw: object) -> Conversation:
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id, full_name=name, phone_e164=kw.pop("phone", None))
        lead = await create_lead(maint, team.id, customer.id)
        conversation = await create_conversation(maint, lead, status=status, **kw)
        await create_message(maint, conversation, content=f"Hello from {name}")
    return conversation


async def test_pages_need_a_session_and_redirect_to_the_sign_in(app: FastAPI) -> None:
    client = new_client(app)
    for path in ("/app/inbox", "/app/leads", "/app/settings", "/app/conversations/x"):
        response = await client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/login", path


async def test_another_dealerships_rows_are_a_404_page(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    conversation = await chat(db, team, "Private Person")
    client = await page_client(app, outsider.admin.email)
    for path in (
        f"/app/conversations/{conversation.id}",
        f"/app/conversations/{conversation.id}/live",
        f"/app/leads/{conversation.lead_id}",
        "/app/conversations/not-a-uuid",
        "/app/personas/999999",
    ):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert "Private Person" not in response.text and "Not found" in response.text
    own = await page_client(app, team.agent.email)
    mine = await own.get(f"/app/conversations/{conversation.id}")
    assert mine.status_code == 200 and "Private Person" in mine.text


async def test_admin_pages_are_403_for_a_sales_agent(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await page_client(app, team.agent.email)
    for path in ("/app/settings", "/app/settings/api-keys", "/app/audit"):
        assert (await agent.get(path)).status_code == 403, path
    assert "Settings" not in (await agent.get("/app/inbox")).text.split("<main")[0]
    admin = await page_client(app, team.admin.email)
    for path in ("/app/settings", "/app/settings/api-keys", "/app/audit", "/app/settings/team"):
        assert (await admin.get(path)).status_code == 200, path


async def test_inbox_filters_search_and_counts(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    await chat(db, team, "Erin Escalated", status="escalated", ai_paused=True)
    await chat(db, team, "Andy Active", phone="+13125550142")
    await chat(db, team, "Mia Mine", assigned_user_id=team.agent.id)
    await chat(db, team, "Carl Closed", status="resolved", closed_at=func.now())
    client = await page_client(app, team.agent.email)
    escalated = (await client.get("/app/inbox?tab=escalated")).text
    assert "Erin Escalated" in escalated and "Andy Active" not in escalated and "Needs a human" in escalated
    mine = (await client.get("/app/inbox?tab=mine")).text
    assert "Mia Mine" in mine and "Erin Escalated" not in mine
    assert "Carl Closed" not in (await client.get("/app/inbox")).text
    assert "Carl Closed" in (await client.get("/app/inbox?tab=closed")).text
    by_phone = (await client.get("/app/inbox?q=555-0142")).text
    assert "Andy Active" in by_phone and "Mia Mine" not in by_phone
    rows = (await client.get("/app/inbox/rows?tab=open")).json()
    assert rows["counts"] == {
        "open": 3,
        "mine": 1,
        "unassigned": 2,
        "escalated": 1,
        "ai": 2,
        "waiting": 0,
        "snoozed": 0,
        "closed": 1,
    }
    assert rows["html"].count('class="row') == 3 and 'aria-label="1 unread"' in rows["html"]


async def test_inbox_pages_with_a_cursor_newest_first(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    for i in range(55):
        await chat(db, team, f"Customer {i:02d}")
    client = await page_client(app, team.agent.email)
    first = (await client.get("/app/inbox/rows")).json()
    assert first["html"].count('class="row') == 50 and first["next_cursor"]
    assert first["html"].index("Customer 54") < first["html"].index("Customer 53")
    second = (await client.get("/app/inbox/rows", params={"cursor": first["next_cursor"]})).json()
    assert second["html"].count('class="row') == 5 and second["next_cursor"] is None
    assert "Customer 00" in second["html"] and "Customer 00" not in first["html"]


async def test_opening_a_conversation_marks_it_read_and_shows_its_state(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Rita Reader", channel="sms")
    client = await page_client(app, team.agent.email)
    assert 'aria-label="1 unread"' in (await client.get("/app/inbox")).text
    page = (await client.get(f"/app/conversations/{conversation.id}")).text
    assert "Reply to" in page and "Sms" in page and "Take over" in page
    assert 'aria-label="1 unread"' not in (await client.get("/app/inbox")).text


async def test_settings_forms_save_with_the_csrf_token_only(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get("/app/settings")).text)
    forged = await client.post("/app/settings/widget", data={"csrf_token": "nope", "origins": "https://evil.example"})
    assert forged.status_code == 403
    saved = await client.post(
        "/app/settings/widget", data={"csrf_token": token, "origins": "https://www.lakeside.example/\nhttp://x.test"}
    )
    assert saved.status_code == 303
    bad = await client.post("/app/settings/widget", data={"csrf_token": token, "origins": "not an origin"})
    assert bad.status_code == 422 and "not an origin" in bad.text
    colours = await client.post(
        "/app/settings/profile",
        data={
            "csrf_token": token,
            "name": "Lakeside",
            "contact_email": "s@lakeside.example",
            "timezone": "UTC",
            "primary_color": "#ffee00",
            "accent_color": "#0f766e",
            "secondary_color": "#ffffff",
            "persona_name": "Sam",
        },
    )
    assert colours.status_code == 303
    async with db.maint_session() as maint:
        d = await maint.get(Dealership, team.id)
    assert d is not None and d.settings["widget_allowed_origins"] == ["https://www.lakeside.example", "http://x.test"]
    assert d.settings["handover"]["sla_hours"] == 24  # the other settings kept
    page = await client.get("/app/inbox")
    assert "--brand:#ffee00;--brand-ink:#111827" in page.text  # dark text on a light brand colour
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"])
    assert nonce and f'<style nonce="{nonce.group(1)}">' in page.text
    assert "script-src 'self';" in page.headers["content-security-policy"]


async def test_an_api_key_is_shown_once(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get("/app/settings/api-keys")).text)
    created = await client.post(
        "/app/settings/api-keys", data={"csrf_token": token, "name": "website", "scopes": ["leads:write"]}
    )
    assert created.status_code == 201 and created.headers["cache-control"] == "no-store"
    key = re.search(r'id="new-key">(shr_[A-Za-z0-9_]+)<', created.text)
    assert key
    listed = (await client.get("/app/settings/api-keys")).text
    assert key.group(1) not in listed and "website" in listed
    works = await new_client(app).get("/api/v1/leads", headers={"Authorization": f"Bearer {key.group(1)}"})
    assert works.status_code == 200
    async with db.maint_session() as maint:
        assert await maint.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.dealership_id == team.id)) == 1


async def test_the_persona_test_chat_runs_the_pipeline_and_leaves_nothing_behind(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await sign_in(app, team.manager.email)

    async def rows() -> tuple[int, int, int]:
        async with db.maint_session() as maint:
            counted = [
                await maint.scalar(select(func.count()).select_from(model).where(model.dealership_id == team.id))
                for model in (Conversation, Lead, Handover)
            ]
        return counted[0] or 0, counted[1] or 0, counted[2] or 0

    before = await rows()
    answer = await client.post("/app/personas/test-chat", json={"messages": ["Hi, do you have any SUVs?"]})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["replies"] and body["replies"][0]["from"] == "ai" and not body["handed_over"]
    escalated = await client.post(
        "/app/personas/test-chat", json={"messages": ["Hi", "I want to speak to a manager right now"]}
    )
    assert escalated.json()["handed_over"] is True
    assert await rows() == before
    anonymous = await new_client(app).post("/app/personas/test-chat", json={"messages": ["hi"]})
    assert anonymous.status_code == 401
    client.headers["X-CSRF-Token"] = "forged"
    forged = await client.post("/app/personas/test-chat", json={"messages": ["hi"]})
    assert forged.status_code == 403


async def test_dashboard_counts_real_leads(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    for name in ("One", "Two", "Three"):
        await chat(db, team, name)
    client = await page_client(app, team.agent.email)
    page = (await client.get("/")).text
    assert re.search(r'data-kpi="leads-today">3<', page)
    assert re.search(r'data-kpi="ai-handled">3<', page)
    assert 'data-value="3"' in page  # today's bar in the per-day chart


async def test_widget_script_is_served_for_other_sites(app: FastAPI) -> None:
    client = new_client(app)
    script = await client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert script.headers["content-encoding"] == "gzip" and "window.Showroom" in script.text
    assert script.headers["cross-origin-resource-policy"] == "cross-origin"
    again = await client.get("/widget.js", headers={"If-None-Match": script.headers["etag"]})
    assert again.status_code == 304


def test_brand_colours_keep_text_readable() -> None:
    for colour in ("#000000", "#ffffff", "#ffee00", "#7c2d12", "#2563eb", "#0f766e"):
        assert contrast(colour, readable_on(colour)) >= 4.5, colour
    brand = brand_of(Dealership(primary_color="#ffffff", accent_color="#fde047"))
    assert brand.link == "#1d4ed8"  # a pale accent is not used for links on white


def test_charts_draw_the_numbers_they_are_given() -> None:
    svg = str(columns([("Mon", 2), ("Tue", 0), ("Wed", 4)], "Leads <per> day"))
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([0-9.]+)"', svg)]
    assert heights[0] * 2 == heights[2] and heights[1] == 0
    assert "Leads &lt;per&gt; day" in svg


async def test_an_unknown_trigger_action_changes_nothing(app: FastAPI, db: Database) -> None:
    """It used to disable the trigger: anything but "enable" counted as "disable"."""
    from showroom.models import EscalationTrigger

    team = await create_team(db)
    async with db.maint_session() as maint:
        trigger = await maint.scalar(
            select(EscalationTrigger).where(EscalationTrigger.dealership_id == team.id, EscalationTrigger.is_active)
        )
    assert trigger is not None
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get("/app/settings/triggers")).text)
    odd = await client.post(f"/app/settings/triggers/{trigger.id}", data={"csrf_token": token, "action": "archive"})
    assert odd.status_code == 422 and "unknown action" in odd.text
    async with db.maint_session() as maint:
        assert await maint.scalar(select(EscalationTrigger.is_active).where(EscalationTrigger.id == trigger.id))
    off = await client.post(f"/app/settings/triggers/{trigger.id}", data={"csrf_token": token, "action": "disable"})
    assert off.status_code == 303
    async with db.maint_session() as maint:
        assert not await maint.scalar(select(EscalationTrigger.is_active).where(EscalationTrigger.id == trigger.id))


async def test_bad_ids_and_parameters_of_pages_answer_with_pages(app: FastAPI, db: Database) -> None:
    """An id beyond the column's range, or a malformed query, got the API's JSON 422 (or the database's)."""
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get("/app/settings/team")).text)
    for response in (
        await client.get("/app/personas/99999999999"),
        await client.post("/app/settings/users/99999999999", data={"csrf_token": token, "action": "deactivate"}),
        await client.post("/app/settings/api-keys/abc/revoke", data={"csrf_token": token}),
    ):
        assert response.status_code == 404, (response.url, response.text)
        assert response.headers["content-type"].startswith("text/html") and "There is nothing here" in response.text
    query = await client.get("/app/inventory", params={"page": "0"})
    assert query.status_code == 422 and query.headers["content-type"].startswith("text/html")
    assert "page" in query.text


async def test_the_leads_filters_any_option_is_no_filter(app: FastAPI, db: Database) -> None:
    """The filter form sends "Any" as an empty parameter (`source=`): a bug answered it with an error page."""
    team = await create_team(db)
    client = await sign_in(app, team.manager.email)
    page = await client.get("/app/leads?view=table&q=&status=&source=&assigned=&sort=-created_at")
    assert page.status_code == 200, page.text
    export = await client.get("/app/exports/leads.csv?status=&source=&assigned=&q=")
    assert export.status_code == 200
    assert export.text.startswith("\ufefflead_id,")
