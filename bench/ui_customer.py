"""The customer page of a customer with 50 leads and 5,000 messages (issue 21's figure: under 100 ms server time).

Builds, in a fresh database, a dealership with 2,000 other customers (one lead, one conversation, three messages
each) and one big customer: 50 leads, each with a conversation of 100 messages (5,000), one interaction per
message on their profile (5,000), 300 insights, 20 appointments and 50 follow-ups. Runs the real app with uvicorn
and measures the wall time of ``GET /app/customers/{id}`` on loopback (the whole HTML response), median and p95 of
30, for the big customer and, as the same-run baseline, for a customer with one lead and three messages.

Run: ``.venv/bin/python -m bench.ui_customer``
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from bench.common import bench_database, signed_in_app
from bench.ui_inbox import MESSAGES, PASSWORD, SEED, analyze
from showroom.auth.passwords import _hash
from showroom.db.engine import open_database

BIG = """
with d as (select id from dealerships where subdomain = 'bench'),
c as (
    insert into customers (dealership_id, full_name, first_name, email, email_normalized, preferred_contact)
    select id, 'Big Customer', 'Big', 'big@bench.example', 'big@bench.example', 'sms' from d returning id, dealership_id
), l as (
    insert into leads (dealership_id, customer_id, lead_number, source, source_key, lead_score)
    select c.dealership_id, c.id, 'BIG-' || g, 'website_chat', 'big:' || g, 50 from c, generate_series(1, 50) g
    returning id, customer_id, dealership_id
), vi as (
    insert into vehicle_interests (dealership_id, lead_id, interest, is_primary, year, make, model, max_price)
    select dealership_id, id, 'buy', true, 2024, 'Hyundai', 'Tucson', 4500000 from l
), conv as (
    insert into conversations (dealership_id, lead_id, customer_id, channel, status, last_message_at, message_count)
    select dealership_id, id, customer_id, (array['chat', 'sms', 'email'])[1 + floor(random() * 3)::int], 'active',
           now() - random() * interval '60 days', 100 from l
    returning id, dealership_id, customer_id, lead_id, last_message_at, channel
), m as (
    insert into messages (dealership_id, conversation_id, type, sender, channel, content, delivery_status, created_at)
    select dealership_id, id, case when g % 2 = 0 then 'inbound' else 'outbound' end,
           case when g % 2 = 0 then 'customer' else 'ai' end, channel, 'Message ' || g || ' about the Tucson',
           case when g % 2 = 0 then 'received' else 'delivered' end, last_message_at - g * interval '1 minute'
    from conv, generate_series(1, 100) g
), p as (
    insert into customer_profiles (dealership_id, customer_id, preferences, buying_timeline, last_interaction)
    select dealership_id, id, '{"budget_words": "around 45k", "trade_in_words": "2015 Civic"}', 'this month', now()
    from c returning id, dealership_id
), i as (
    insert into customer_interactions (dealership_id, profile_id, conversation_id, interaction_type, details,
                                       occurred_at)
    select p.dealership_id, p.id, conv.id, case when g % 2 = 0 then 'message_inbound' else 'message_outbound' end,
           jsonb_build_object('channel', conv.channel), conv.last_message_at - g * interval '1 minute'
    from p, conv, generate_series(1, 100) g
), ins as (
    insert into customer_insights (dealership_id, customer_id, conversation_id, insight_type, value, confidence,
                                   source)
    select conv.dealership_id, conv.customer_id, conv.id,
           (array['budget', 'timeline', 'vehicle_preference', 'sentiment', 'buying_intent'])[1 + g % 5],
           'value ' || (g % 40), 0.8, 'rule'
    from conv, generate_series(1, 6) g
), ap as (
    insert into appointments (dealership_id, lead_id, customer_id, kind, status, source, starts_at, ends_at)
    select dealership_id, lead_id, customer_id, 'test_drive', 'completed', 'staff',
           now() - (row_number() over ()) * interval '2 days',
           now() - (row_number() over ()) * interval '2 days' + interval '30 minutes'
    from conv limit 20
)
insert into follow_ups (dealership_id, lead_id, conversation_id, customer_id, kind, channel, scheduled_at, status,
                        cancelled_reason)
select dealership_id, lead_id, id, customer_id, 'ai_nudge', 'email', last_message_at + interval '1 day', 'cancelled',
       'the customer replied'
from conv
"""


async def timed(http: httpx.AsyncClient, path: str, runs: int = 30) -> list[float]:
    for _ in range(5):
        await http.get(path)  # warm the pools and caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = await http.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return times


async def measure() -> None:
    with bench_database() as (settings, topo):
        db = open_database(settings, topo.app, topo.maint, process="bench")
        started = time.perf_counter()
        async with db.maint_engine.begin() as conn:
            await conn.execute(text(SEED), {"n": 2000, "pw": _hash(PASSWORD)})
            await conn.execute(text(MESSAGES))
            await conn.execute(text(BIG))
            big = (await conn.execute(text("select id from customers where email = 'big@bench.example'"))).scalar()
            small = (await conn.execute(text("select id from customers where email = 'c1@bench.example'"))).scalar()
            counts = (
                await conn.execute(
                    text(
                        "select (select count(*) from leads where customer_id = :c),"
                        " (select count(*) from messages m join conversations v on v.id = m.conversation_id"
                        "  where v.customer_id = :c)"
                    ),
                    {"c": big},
                )
            ).one()
        analyze(topo)
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: the big customer has {counts[0]} leads, "
            f"{counts[1]} messages"
        )
        try:
            async with signed_in_app(settings, db, "agent@bench.example", PASSWORD) as http:
                page = await http.get(f"/app/customers/{big}")
                assert "Big Customer" in page.text
                assert "Interactions across channels" in page.text
                baseline = await timed(http, f"/app/customers/{small}")
                heavy = await timed(http, f"/app/customers/{big}")
                size = len((await http.get(f"/app/customers/{big}")).content)
        finally:
            await db.dispose()
    base_median, big_median = statistics.median(baseline), statistics.median(heavy)
    print(
        f"customer page, 1 lead / 3 messages (baseline): median {base_median:.1f} ms, "
        f"p95 {baseline[int(len(baseline) * 0.95) - 1]:.1f} ms"
    )
    print(
        f"customer page, 50 leads / 5,000 messages: median {big_median:.1f} ms, "
        f"p95 {heavy[int(len(heavy) * 0.95) - 1]:.1f} ms, {size / 1024:.1f} KiB "
        f"({big_median / base_median:.2f}x the baseline; target under 100 ms)"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    asyncio.run(measure())
