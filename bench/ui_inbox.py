"""The inbox's first render with 10,000 conversations, and the bytes of JS and CSS the UI ships.

Builds a dealership with N conversations (each with a customer, a lead and three messages) in a fresh database,
runs the real app with uvicorn, and measures:

* server: wall time of ``GET /app/inbox`` on loopback (the whole HTML response), median and p95 of 30;
* browser: DOMContentLoaded of the inbox in Debian's chromium (playwright), median of 10 cold navigations;
* the JS and CSS files served (raw and gzip -9).

Run: ``.venv/bin/python bench/ui_inbox.py [N]`` (N defaults to 10000).
"""

from __future__ import annotations

import asyncio
import gzip
import statistics
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy import text

from bench.common import bench_database, signed_in_app
from showroom.auth.passwords import _hash
from showroom.db.engine import Database, open_database
from showroom.db.urls import Topology, libpq
from showroom.web import inbox_queries
from showroom.web.deps import STATIC
from showroom.web.inbox_queries import Tab

PASSWORD = "Bench-passphrase-of-length!"
SEED = """
with d as (
    insert into dealerships (name, subdomain, contact_email) values ('Bench Motors', 'bench', 'b@bench.example')
    returning id
), u as (
    insert into users (dealership_id, email, name, role, password_hash, is_active)
    select id, 'agent@bench.example', 'Bench Agent', 'user', :pw, true from d returning id, dealership_id
), c as (
    insert into customers (dealership_id, full_name, first_name, email, email_normalized)
    select d.id, 'Customer ' || g, 'Customer', 'c' || g || '@bench.example', 'c' || g || '@bench.example'
    from d, generate_series(1, :n) g returning id, dealership_id
), l as (
    insert into leads (dealership_id, customer_id, lead_number, source, source_key, lead_score)
    select dealership_id, id, 'LEAD-' || id, 'website_chat', 'k:' || id, (random() * 100)::int from c
    returning id, customer_id, dealership_id
)
insert into conversations (dealership_id, lead_id, customer_id, channel, status, closed_at, last_message_at,
                           message_count)
select dealership_id, id, customer_id, 'chat', s, case when s = 'resolved' then now() end,
       now() - random() * interval '30 days', 3
from (select l.*, (array['active', 'escalated', 'waiting_response', 'resolved'])[1 + floor(random() * 4)::int] as s
      from l) x
"""
MESSAGES = """
insert into messages (dealership_id, conversation_id, type, sender, channel, content, delivery_status, created_at)
select c.dealership_id, c.id, t.type, t.sender, 'chat', t.content, t.status, c.last_message_at - t.ago
from conversations c cross join (values
    ('inbound', 'customer', 'Is the Tucson still available? What is the best price?', 'received', interval '2 min'),
    ('outbound', 'ai', 'Yes! We have 3 Tucsons in stock. Would you like to come for a test drive?', 'delivered',
     interval '1 min'),
    ('inbound', 'customer', 'Saturday morning works for me.', 'received', interval '0 min')
) as t(type, sender, content, status, ago)
"""


def analyze(topo: Topology) -> None:
    with psycopg.connect(libpq(topo.owner), autocommit=True) as conn:
        conn.execute("analyze")


async def queries(db: Database) -> None:
    """Where the server's time goes: the inbox's two queries alone, through the app role (RLS on)."""
    async with db.maint_session() as maint:
        dealership_id, user_id = (await maint.execute(text("select dealership_id, id from users limit 1"))).one()
    for name, run in (
        ("rows", lambda s: inbox_queries.page(s, Tab.open, user_id, None, None)),
        ("counts", lambda s: inbox_queries.counts(s, user_id)),
    ):
        spent = []
        for _ in range(12):
            async with db.session(dealership_id, user_id) as session, session.begin():
                t0 = time.perf_counter()
                await run(session)
                spent.append((time.perf_counter() - t0) * 1000)
        print(f"  query {name}: median {statistics.median(spent[2:]):.1f} ms")
    import os

    if os.environ.get("BENCH_EXPLAIN"):
        captured = []
        from sqlalchemy import event

        @event.listens_for(db.app_engine.sync_engine, "before_cursor_execute")
        def grab(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            captured.append((statement, parameters))

        async with db.session(dealership_id, user_id) as session, session.begin():
            await inbox_queries.page(session, Tab.open, user_id, None, None)
            statement, parameters = captured[-1]
            conn = await session.connection()
            plan = await conn.exec_driver_sql("explain analyze " + statement, parameters)
            print("\n".join(r[0] for r in plan))


def sizes() -> list[tuple[str, int, int]]:
    out = []
    for name in ("app.js", "widget.js", "app.css"):
        raw = (STATIC / name).read_bytes()
        out.append((name, len(raw), len(gzip.compress(raw, 9))))
    return out


async def measure(n: int) -> None:
    with bench_database() as (settings, topo):
        db = open_database(settings, topo.app, topo.maint, process="bench")
        started = time.perf_counter()
        async with db.maint_engine.begin() as conn:
            await conn.execute(text(SEED), {"n": n, "pw": _hash(PASSWORD)})
            await conn.execute(text(MESSAGES))
        analyze(topo)  # as the owner (the maintenance login may not analyze tables it does not own)
        print(f"seeded {n} conversations ({3 * n} messages) in {time.perf_counter() - started:.1f} s")
        await queries(db)
        try:
            async with signed_in_app(settings, db, "agent@bench.example", PASSWORD) as http:
                for _ in range(5):
                    await http.get("/app/inbox")  # warm the pools and caches
                times = []
                for _ in range(30):
                    t0 = time.perf_counter()
                    response = await http.get("/app/inbox")
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200
                    assert response.text.count('class="row') == 50
                html_bytes = len(response.content)
                dcl = await browser_dcl(str(http.base_url).rstrip("/"), dict(http.cookies))  # the server still up
        finally:
            await db.dispose()
    times.sort()
    print(
        f"inbox HTML, server (loopback wall time): median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, {html_bytes / 1024:.1f} KiB"
    )
    print(f"inbox in chromium: DOMContentLoaded median {statistics.median(dcl):.0f} ms (of {len(dcl)} loads)")
    for name, raw, packed in sizes():
        print(f"{name}: {raw / 1024:.1f} KiB raw, {packed / 1024:.1f} KiB gzip")


async def browser_dcl(base: str, cookies: dict[str, str]) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        results = []
        for _ in range(10):
            context = await browser.new_context()
            await context.add_cookies([{"name": k, "value": v, "url": base} for k, v in cookies.items()])
            page = await context.new_page()
            await page.goto(f"{base}/app/inbox", wait_until="domcontentloaded")
            results.append(
                await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            )
            await context.close()
        await browser.close()
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
