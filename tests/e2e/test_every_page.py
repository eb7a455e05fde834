"""Issue 21: on every /app page, at 1280 px and at 390 px, no essential control is off-screen.

Every GET page of the staff app is visited (the list is checked against the app's routes, so a new page cannot be
left out) as the dealership admin, who sees every control. A visible control (button, link, field, disclosure) in
the page must lie inside the viewport's width, unless it sits in a box that scrolls sideways on purpose (a wide
table, the pipeline board on a phone); the page itself never scrolls sideways. At 1280 px nothing may need a
sideways scroll at all, boxes included, except a wide table. Screenshots go to $SHOWROOM_SCREENSHOTS when set.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi.routing import APIRoute
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation, ReportSchedule, Vehicle
from showroom.web.app_routes import router as app_router
from showroom.web.export_routes import router as export_router
from tests.e2e.conftest import Server, signed_in_page
from tests.e2e.test_screens import shot
from tests.e2e.test_staff_day import handed_over_chat
from tests.factories import create_experiment
from tests.helpers import PASSWORD, Team

# Fragments and files, not pages: JSON for live updates and notifications, CSV downloads, the car search.
NOT_PAGES = ("/rows", "/live", "/cars", "/notify/", ".csv", "/preview")
# Where the controls are: each visible one's box, and whether an ancestor scrolls sideways (and if it is a table's).
CONTROLS = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const sel = 'main button, main a[href], main input:not([type=hidden]), main select, main textarea, main summary,'
            + ' header button, header a[href]';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    let box = null;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth + 1) { box = p; break; }
    }
    const out_by = Math.max(0, r.right - width, -r.left);
    if (out_by > 1) out.push({what: (el.innerText || el.getAttribute('aria-label') || el.id || el.name || el.tagName)
      .trim().slice(0, 60), by: Math.round(out_by), box: box ? (box.className || box.tagName) : null,
      table: !!(box && box.querySelector('table'))});
  }
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, off: out};
}"""


def app_pages() -> set[str]:
    paths = set()
    for route in [*app_router.routes, *export_router.routes]:
        page = isinstance(route, APIRoute) and "GET" in route.methods and route.path.startswith("/app")
        if page and not any(mark in route.path for mark in NOT_PAGES):
            paths.add(route.path)
    return paths


async def page_paths(server: Server, world: Team, db: Database) -> dict[str, str]:
    conversation_id = await handed_over_chat(server, world, db, name="Paula Pages")
    async with db.maint_session() as maint, maint.begin():
        conversation = await maint.get(Conversation, conversation_id)
        assert conversation is not None
        vehicle_id = await maint.scalar(select(Vehicle.id).where(Vehicle.dealership_id == world.id).limit(1))
        experiment = await create_experiment(maint, world.id, status="draft", traffic_percentage=1)
        schedule = ReportSchedule(
            dealership_id=world.id,
            name="Pages weekly",
            report_type="lead_summary",
            recipients=["gm@inbox-mail.net"],
            frequency="weekly",
            day_of_week=1,
            timezone="America/Chicago",
            next_run_at=datetime.now(UTC) + timedelta(days=1),
        )
        maint.add(schedule)
        await maint.flush()
    async with httpx.AsyncClient(base_url=server.base) as http:
        login = await http.post("/api/v1/auth/login", json={"email": world.admin.email, "password": PASSWORD})
        http.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        persona = await http.post("/api/v1/personas", json={"name": "Pages", "prompt_template": "Hi {{persona_name}}"})
        assert persona.status_code == 201, persona.text
    return {
        "/app": "/app",
        "/app/inbox": "/app/inbox",
        "/app/conversations/{conversation_id}": f"/app/conversations/{conversation_id}",
        "/app/handovers": "/app/handovers",
        "/app/saved-replies": "/app/saved-replies",
        "/app/inventory/{vehicle_id}": f"/app/inventory/{vehicle_id}",
        "/app/customers": "/app/customers",
        "/app/leads/new": "/app/leads/new",
        "/app/leads": "/app/leads",
        "/app/leads/{lead_id}": f"/app/leads/{conversation.lead_id}",
        "/app/customers/{customer_id}": f"/app/customers/{conversation.customer_id}",
        "/app/settings/sources": "/app/settings/sources",
        "/app/inventory": "/app/inventory",
        "/app/personas": "/app/personas",
        "/app/personas/{persona_id}": f"/app/personas/{persona.json()['id']}",
        "/app/settings": "/app/settings",
        "/app/settings/team": "/app/settings/team",
        "/app/settings/api-keys": "/app/settings/api-keys",
        "/app/settings/triggers": "/app/settings/triggers",
        "/app/audit": "/app/audit",
        "/app/settings/webhooks": "/app/settings/webhooks",
        "/app/experiments": "/app/experiments",
        "/app/experiments/new": "/app/experiments/new",
        "/app/experiments/{experiment_id}": f"/app/experiments/{experiment.id}",
        "/app/exports": "/app/exports",
        "/app/calendar": "/app/calendar",
        "/app/settings/crm": "/app/settings/crm",
        "/app/settings/feeds": "/app/settings/feeds",
        "/app/settings/reports": "/app/settings/reports",
        "/app/settings/reports/{schedule_id}": f"/app/settings/reports/{schedule.id}",
    }


async def test_no_essential_control_is_off_screen_on_any_page_at_1280_or_390(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    paths = await page_paths(server, world, db)
    missing = app_pages() - set(paths)
    assert not missing, f"add these /app pages to page_paths: {sorted(missing)}"
    problems = []
    for width, height, size in ((1280, 800, "desktop"), (390, 844, "phone")):
        page = await signed_in_page(browser, server, world.admin.email, width=width, height=height)
        await page.goto(server.base + "/app/inbox")  # the measure itself: a control pushed off-screen is seen
        await page.evaluate(
            "() => { const b = document.createElement('button'); b.textContent = 'Pushed';"
            " b.style.cssText = 'position:fixed;top:0;left:-300px'; document.querySelector('main').append(b); }"
        )
        seen = (await page.evaluate(CONTROLS))["off"]
        assert [c["what"] for c in seen if c["box"] is None] == ["Pushed"], seen
        for route, path in paths.items():
            response = await page.goto(server.base + path)
            assert response is not None and response.status == 200, (path, response and response.status)
            found = await page.evaluate(CONTROLS)
            if found["overflow"] > 1:
                problems.append(f"{size} {path}: the page is {found['overflow']}px wider than the screen")
            for control in found["off"]:
                reachable = control["box"] is not None and (size == "phone" or control["table"])
                if not reachable:
                    problems.append(f"{size} {path}: {control['what']!r} is {control['by']}px off-screen")
            await shot(page, f"every-page{route.replace('/', '-').replace('{', '').replace('}', '')}-{size}")
        await page.context.close()
    assert not problems, "\n".join(problems)
