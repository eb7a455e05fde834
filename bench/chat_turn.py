"""A full chat turn with the builtin provider, in a big database, vs the raw SQL the turn needs, same run.

    python -m bench.chat_turn [--messages 1000000] [--vehicles 20000] [--concurrency 50] [--seconds 20] [--think 0]
    python -m bench.chat_turn --small     # a quick check that it runs: 5,000 messages, 2,000 vehicles, 10 x 3 s

Target (issue): inbound stored → triggers → inventory search → reply stored, with 1,000,000 messages and 20,000
vehicles in the database, 50 concurrent conversations: p99 under 50 ms on 2 cores, and the turn within 3x of its
raw-SQL floor (p50 and throughput).

Seeding (maintenance login, set-based SQL; the dealerships through ``dealerships.service.create`` so they have
their default persona and escalation triggers): two dealerships, each holding half of everything (the second one
is there so RLS has other tenants' rows to skip); varied vehicles (catalog, VINs with a check digit, colours,
drivetrains, years, prices in cents, a few sold or inactive) sent with COPY; one customer, lead and chat
conversation per 20 messages; messages alternating customer (inbound, received) and AI (outbound, delivered),
2 to 38 per conversation. Then VACUUM ANALYZE, as autovacuum would have done by then.

Service path: ``concurrency`` asyncio workers, each owning one active conversation of the first dealership, doing
turns back to back as ``POST /api/v1/conversations/{id}/messages`` does for an API key (``routes.add_message``): an
app-role session with the tenant set (autobegun, as the request's), ``conversations.service.get``, then
``conversations.turn.receive`` (SYSTEM actor), which commits step 1, asks the builtin provider with no transaction
open and writes the reply in a second transaction; then the request's commit. Latency is the wall time of that
whole block, pool waits included (a failed turn, e.g. a pool timeout, counts as an error with its time). The
customer texts ask for inventory; a turn that ends without an AI reply (a handover, a skip) is counted and the
conversation reset outside the measured time.

Raw SQL floor: the same turns through a raw psycopg pool of the same size, as the BYPASSRLS maintenance login (no
ORM, no RLS: the tenant filter is written out), split into the same two transactions as the service, the
connection going back to the pool in between:

* A: insert the inbound message; ``UPDATE conversations ... RETURNING`` (the counters, the reopening, and the
  conversation's row, which stands for the service's ``get``); the audit record; the lead, customer and dealership
  (one statement); the last 12 messages; the inventory search (the very statement ``relevant_vehicles`` sends for
  the text, built once: the search and its fallbacks, each run only when those before it found nothing); the lead
  score, plus the lead's and customer's score when it changes; the insights (one statement for all of them);
  commit.
* the "provider": the reply text, built from the vehicles found.
* B: ``SELECT ... FOR UPDATE`` of the conversation (with the customer's AI switch), the same staleness check as
  the service, insert the reply (delivered: a chat message), update the counters, insert the lead activity;
  commit.

What the service caches (the inventory catalog, escalation triggers, personas: 30 s per process) the floor does
not read either; the understanding and insights of each text are worked out once, outside the measured time.
Statement for statement the service sends, besides, the tenant ``set_config`` of each transaction, the ``get``
before the UPDATE, a re-read of the customer in B, and (ORM flush order) the reply inserted as ``queued`` then
updated to ``delivered``, and one INSERT per insight.

Pacing: by default each conversation sends its next message as soon as the last is answered (a closed loop: it
measures how many turns per second the process can serve, and latency is then mostly queueing, about 50 / turns
per second). ``--think N`` makes each customer wait N seconds on average (exponentially distributed) between
messages, like people chatting: 50 conversations then offer 50 / N turns per second and the latency is the server
time of a turn under that load.

Both paths run in this process and event loop, one after the other, after a warm-up each; PostgreSQL runs on the
same machine. Besides latency and throughput, each path shows the CPU time per turn of this process (Python) and
of the PostgreSQL server (its processes' CPU time from /proc, when it runs here), which other load on the machine
does not blur.

``--profile FILE`` runs the measured service phase under yappi with its CPU clock (coroutine-aware; the figures then
include the profiler's overhead), saves the stats in pstats format and prints the top functions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import math
import multiprocessing
import os
import pstats
import random
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from bench.common import Result, bench_database
from bench.inventory_import import CATALOG, COLORS, TRANSMISSIONS, VIN_CHARS, YEAR_CODES
from showroom.agent.queries import ladder_sql
from showroom.audit.service import SYSTEM
from showroom.brain.insights import Insight, extract_insights
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.understanding import Understanding
from showroom.conversations import effects, experiment_hook, rows, turn
from showroom.conversations import service as conversations
from showroom.db.engine import Database, open_database
from showroom.db.urls import Topology, libpq
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.experiments import metrics
from showroom.experiments.assignment import ACTIVE_EXPERIMENTS, STICKY_RIDER, active
from showroom.insights.scoring import score
from showroom.inventory.service import (
    SearchWhere,
    catalog,
    closest,
    filters_from_understanding,
    narrows,
    search_where,
)
from showroom.inventory.vin import check_digit
from showroom.models import Message
from showroom.services import Services
from showroom.settings import Settings

# What the benchmark's customers ask, in turn (each conversation starts at its own offset and goes on through the
# warm-up and the measured run). All about inventory, none
# asking for a person, a price negotiation or financing, and never the same question twice within the 12 turns the
# escalation rules look back on.
TURN_TEXTS = (
    "Do you have a red AWD SUV under 40k?",
    "Is the 2022 Tucson still available?",
    "What's your cheapest sedan?",
    "Any used Camry with under 50,000 miles?",
    "Looking for a white Kia Telluride, 2021 or newer",
    "Do you have any electric SUVs in stock?",
    "Got a black Ford Escape with 4x4?",
    "Show me hybrid sedans between 20k and 30k",
    "Do you have a blue Jeep Grand Cherokee?",
    "Any Nissan Rogue under 25k?",
    "Is there a grey BMW X5 on the lot?",
    "I need a truck, do you have a Santa Cruz?",
    "Which Chevrolet Equinox do you have in silver?",
    "Do you carry the Porsche Macan?",
    "Any certified pre-owned RAV4?",
    "Do you have a green Hyundai Palisade with AWD?",
)
# The seeded history.
CUSTOMER_TEXTS = (
    "Hi, I saw a vehicle on your website and wanted to ask a few questions.",
    "Is it still available?",
    "What colours does it come in?",
    "How many miles are on it?",
    "Does it have heated seats and Apple CarPlay?",
    "Can I come by on Saturday morning to see it?",
    "What are your hours on weekends?",
    "Do you have anything similar with all-wheel drive?",
    "Is that a clean title, no accidents?",
    "I have a 2015 Civic I might trade in.",
    "Thanks, that helps a lot!",
    "Does it come with a warranty?",
    "What trim level is that one?",
    "Where exactly is the dealership?",
    "Ok great, I'll think about it and get back to you.",
    "Do you have it in a darker colour?",
    "Is the third row comfortable for adults?",
    "How is the fuel economy on the hybrid?",
    "Can you send me more photos of the interior?",
    "Perfect, see you then.",
)
AI_TEXTS = (
    "Hi! Thanks for reaching out. Happy to help, which vehicle caught your eye?",
    "Yes, it's still available. Would you like to schedule a test drive?",
    "It's available in white, black and a deep blue. Which one do you prefer?",
    "That unit has just over 12,000 miles. Want me to hold it for a visit?",
    "It has heated front seats, Apple CarPlay and Android Auto. Anything else you'd like to know?",
    "Saturday works. We open at 9:00, what time suits you?",
    "We're open Mon-Fri 9:00-19:00 and Sat 9:00-17:00, closed on Sunday.",
    "We have a few AWD options in stock. Shall I send you the list?",
    "The vehicle history report shows a clean title and no reported accidents.",
    "We'd be glad to look at your Civic when you come in. Would you like to book an appraisal?",
    "You're welcome! Is there anything else I can help you with?",
    "It comes with the remaining factory warranty. Want the details by e-mail?",
    "That one is the SEL trim. Would you like to compare it with the Limited?",
)
FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Jose", "Ashley", "Wei", "Priya", "Ahmed", "Fatima",
    "Luis", "Sofia", "Kenji", "Aisha", "Ivan", "Olga",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
)  # fmt: skip
CITIES = (("Chicago", "IL", "606"), ("Matteson", "IL", "604"), ("Gary", "IN", "464"), ("Joliet", "IL", "604"))
FEATURES = (
    "Heated Seats", "Apple CarPlay", "Android Auto", "Backup Camera", "Blind Spot Monitor", "Sunroof",
    "Leather Seats", "Navigation", "Remote Start", "Third Row Seating", "Adaptive Cruise Control", "Tow Package",
)  # fmt: skip
MESSAGES_PER_CONVERSATION = 20  # on average: 2, 4, ... 38
QUIET_NEVER = {"start": "00:00", "end": "00:00"}


# --- seeding ------------------------------------------------------------------------------------------------------


@dataclass
class Seeded:
    dealership_id: int  # the benchmarked one
    other_id: int
    vehicles: int
    conversations: int
    messages: int
    seconds: float
    steps: list[tuple[str, float]] = field(default_factory=list)


async def create_dealerships(db: Database) -> tuple[int, int]:
    ids = []
    async with db.maint_session() as maint, maint.begin():
        for label, city in (("matteson", "Matteson"), ("lakeside", "Chicago")):
            data = DealershipCreate(
                name=f"Bench Motors {city}",
                subdomain=f"bench-{label}",
                contact_email=f"sales@{label}.bench.example",
                contact_phone="+17085550100",
                website=f"https://{label}.bench.example",
                address="4500 Lincoln Hwy",
                city=city,
                state="IL",
                zip="60443",
                timezone="America/Chicago",
            )
            d = await dealerships.create(maint, data, SYSTEM)
            d.agent_config = {**(d.agent_config or {}), "quiet_hours": QUIET_NEVER}
            ids.append(d.id)
    return ids[0], ids[1]


VEHICLE_COLUMNS = (
    "dealership_id", "vin", "stock_number", "make", "model", "year", "trim", "body_style", "exterior_color",
    "interior_color", "mileage", "transmission", "drivetrain", "fuel_type", "msrp", "price", "condition", "status",
    "certified", "description", "features", "url", "is_active",
)  # fmt: skip


def vehicle_row(dealership_id: int, index: int, this_year: int) -> tuple[Any, ...]:
    rng = random.Random(f"chat-turn:{index}")
    make, wmi, models = rng.choice(CATALOG)
    model, trims, body, fuel, drivetrains, base = rng.choice(models)
    condition = rng.choices(("new", "used", "certified"), weights=(35, 55, 10))[0]
    year = rng.choice((this_year, this_year + 1)) if condition == "new" else rng.randrange(2014, this_year + 1)
    serial = f"{index % 1_000_000:06d}"
    plant = VIN_CHARS[(index // 1_000_000) % len(VIN_CHARS)]
    draft = f"{wmi}{''.join(rng.choice(VIN_CHARS) for _ in range(5))}0{YEAR_CODES[(year - 2010) % 30]}{plant}{serial}"
    vin = draft[:8] + check_digit(draft) + draft[9:]
    age = this_year + 1 - year
    dollars = max(4_000, int(base * (0.88**age) * rng.uniform(0.9, 1.2)))
    mileage = rng.randrange(5, 500) if condition == "new" else rng.randrange(3_000, 15_000) * min(age, 12)
    trim = rng.choice(trims)
    status = rng.choices(("available", "pending", "sold", "in_transit"), weights=(88, 4, 6, 2))[0]
    label = {"new": "New", "used": "Used", "certified": "Certified Pre-Owned"}[condition]
    features = rng.sample(FEATURES, rng.randrange(2, 7))
    colour = rng.choice(COLORS)
    return (
        dealership_id, vin, f"{'N' if condition == 'new' else 'U'}{index:06d}", make, model, year, trim, body,
        colour, rng.choice(("Black", "Grey", "Beige")), mileage, rng.choice(TRANSMISSIONS), rng.choice(drivetrains),
        fuel, dollars * 110, dollars * 100, condition, status, condition == "certified",
        f"{label} {year} {make} {model} {trim} in {colour}, {mileage:,} miles. {', '.join(features)}.",
        Jsonb(features), f"https://bench.example/inventory/{make.lower()}-{vin}", rng.random() > 0.03,
    )  # fmt: skip


# Everything below takes %(d)s (dealership id), %(lo)s..%(hi)s (a range of g, the row number within the dealership)
# and %(t0)s (the seeding time). Keys derive from g (md5 → uuid), so the tables link up without lookups.
_G = "FROM generate_series(%(lo)s::int, %(hi)s::int) AS g"
_K = "(2 + 2 * mod(g * 7919, 19))"  # messages in conversation g: 2..38, 20 on average
_T = "(%(t0)s::timestamptz - interval '1 day' - make_interval(mins => mod(g * 7907, 525600)))"  # its start

CUSTOMERS_SQL = f"""
INSERT INTO customers (id, dealership_id, first_name, last_name, full_name, email, email_normalized, phone,
    phone_e164, city, state, zip_code, preferred_contact, lead_score, first_contact_date, last_contact_date,
    total_leads, created_at, updated_at)
SELECT md5(%(d)s::text || ':c:' || g)::uuid, %(d)s, n.f, n.l, n.f || ' ' || n.l, n.mail, n.mail,
    '(708) 555-' || lpad(mod(g, 10000)::text, 4, '0'), '+1708' || lpad(g::text, 7, '0'),
    (%(cities)s::text[])[1 + mod(g, 4)], (%(states)s::text[])[1 + mod(g, 4)], (%(zips)s::text[])[1 + mod(g, 4)]
        || lpad(mod(g, 100)::text, 2, '0'),
    (ARRAY['email', 'sms', 'phone'])[1 + mod(g, 3)], mod(g * 13, 90), {_T}, {_T} + interval '1 hour', 1, {_T}, {_T}
{_G}, LATERAL (SELECT (%(first)s::text[])[1 + mod(g, %(nf)s)] AS f,
                       (%(last)s::text[])[1 + mod(g / %(nf)s, %(nl)s)] AS l) AS x,
      LATERAL (SELECT x.f AS f, x.l AS l, lower(x.f || '.' || x.l || g) || '@example.com' AS mail) AS n
"""
LEADS_SQL = f"""
INSERT INTO leads (id, dealership_id, customer_id, lead_number, status, priority, source, source_key, description,
    lead_score, first_contact_date, last_contact_date, created_at, updated_at)
SELECT md5(%(d)s::text || ':l:' || g)::uuid, %(d)s, md5(%(d)s::text || ':c:' || g)::uuid,
    'LEAD-' || lpad(g::text, 7, '0'), (ARRAY['new', 'contacted', 'qualified', 'appointment'])[1 + mod(g, 4)],
    (ARRAY['low', 'medium', 'medium', 'high'])[1 + mod(g, 4)], 'website_chat', 'chat:' || g,
    'Started a chat on the website', mod(g * 13, 90), {_T}, {_T} + interval '1 hour', {_T}, {_T}
{_G}
"""
INTERESTS_SQL = f"""
INSERT INTO vehicle_interests (dealership_id, lead_id, interest, is_primary, year, make, model, created_at, updated_at)
SELECT %(d)s, md5(%(d)s::text || ':l:' || g)::uuid, 'buy', true, 2019 + mod(g, 7),
    (%(makes)s::text[])[1 + mod(g * 31, %(nm)s)], (%(models)s::text[])[1 + mod(g * 31, %(nm)s)], {_T}, {_T}
{_G}
WHERE mod(g, 5) < 3
"""
CONVERSATIONS_SQL = f"""
INSERT INTO conversations (id, dealership_id, lead_id, customer_id, subject, status, channel, priority, message_count,
    last_message_at, last_customer_message_at, last_ai_message_at, closed_at, created_at, updated_at)
SELECT md5(%(d)s::text || ':v:' || g)::uuid, %(d)s, md5(%(d)s::text || ':l:' || g)::uuid,
    md5(%(d)s::text || ':c:' || g)::uuid, 'Website chat', x.status, 'chat', 'medium', x.k,
    x.t + (x.k - 1) * interval '3 minutes', x.t + (x.k - 2) * interval '3 minutes',
    x.t + (x.k - 1) * interval '3 minutes',
    CASE WHEN x.status = 'resolved' THEN x.t + x.k * interval '3 minutes' END, x.t, x.t + x.k * interval '3 minutes'
{_G}, LATERAL (SELECT {_K} AS k, {_T} AS t,
                       CASE WHEN mod(g, 10) = 0 THEN 'resolved' ELSE 'active' END AS status) AS x
"""
MESSAGES_SQL = f"""
INSERT INTO messages (dealership_id, conversation_id, type, sender, channel, content, delivery_status, delivered_at,
    ai_model, processing_time, created_at, updated_at)
SELECT %(d)s, md5(%(d)s::text || ':v:' || g)::uuid,
    CASE WHEN mod(s, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
    CASE WHEN mod(s, 2) = 0 THEN 'customer' ELSE 'ai' END,
    'chat',
    CASE WHEN mod(s, 2) = 0 THEN (%(customer_texts)s::text[])[1 + mod(g * 31 + s * 7, %(nc)s)]
         ELSE (%(ai_texts)s::text[])[1 + mod(g * 17 + s * 5, %(na)s)] END,
    CASE WHEN mod(s, 2) = 0 THEN 'received' ELSE 'delivered' END,
    CASE WHEN mod(s, 2) = 1 THEN x.t + s * interval '3 minutes' END,
    CASE WHEN mod(s, 2) = 1 THEN 'builtin-1' END,
    CASE WHEN mod(s, 2) = 1 THEN 20 + mod(g + s, 40) END,
    x.t + s * interval '3 minutes', x.t + s * interval '3 minutes'
{_G}, LATERAL (SELECT {_K} AS k, {_T} AS t) AS x, generate_series(0, x.k - 1) AS s
ORDER BY x.t + s * interval '3 minutes'
"""
SEED_TABLES = ("vehicles", "customers", "leads", "vehicle_interests", "conversations", "messages")


async def seed(settings: Settings, topo: Topology, *, messages: int, vehicles: int) -> Seeded:
    started = time.perf_counter()
    steps: list[tuple[str, float]] = []
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        first, second = await create_dealerships(db)
    finally:
        await db.dispose()
    steps.append(("dealerships (service)", time.perf_counter() - started))
    conversations = max(1, messages // MESSAGES_PER_CONVERSATION)
    this_year = datetime.now(UTC).year
    models = [(make, m[0]) for make, _, ms in CATALOG for m in ms]
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        t0 = await (await conn.execute("SELECT now()")).fetchone()
        assert t0 is not None
        mark = time.perf_counter()
        async with conn.cursor() as cur, cur.copy(f"COPY vehicles ({', '.join(VEHICLE_COLUMNS)}) FROM STDIN") as copy:
            for index in range(vehicles):
                await copy.write_row(vehicle_row(first if index % 2 == 0 else second, index, this_year))
        await conn.commit()
        steps.append((f"{vehicles:,} vehicles (COPY)", time.perf_counter() - mark))
        for name, sql in (
            ("customers", CUSTOMERS_SQL),
            ("leads", LEADS_SQL),
            ("vehicle_interests", INTERESTS_SQL),
            ("conversations", CONVERSATIONS_SQL),
            ("messages", MESSAGES_SQL),
        ):
            mark = time.perf_counter()
            for d, lo, hi in ((first, 1, (conversations + 1) // 2), (second, 1, conversations // 2)):
                params = {
                    "d": d,
                    "lo": lo,
                    "hi": hi,
                    "t0": t0[0],
                    "first": list(FIRST_NAMES),
                    "last": list(LAST_NAMES),
                    "nf": len(FIRST_NAMES),
                    "nl": len(LAST_NAMES),
                    "cities": [c[0] for c in CITIES],
                    "states": [c[1] for c in CITIES],
                    "zips": [c[2] for c in CITIES],
                    "makes": [m[0] for m in models],
                    "models": [m[1] for m in models],
                    "nm": len(models),
                    "customer_texts": list(CUSTOMER_TEXTS),
                    "ai_texts": list(AI_TEXTS),
                    "nc": len(CUSTOMER_TEXTS),
                    "na": len(AI_TEXTS),
                }
                await conn.execute(sql, {k: v for k, v in params.items() if f"%({k})s" in sql})
                await conn.commit()
            steps.append((name, time.perf_counter() - mark))
        counts = await (
            await conn.execute("SELECT (SELECT count(*) FROM vehicles), (SELECT count(*) FROM messages)")
        ).fetchone()
        assert counts is not None
    mark = time.perf_counter()
    # Table owner (or superuser) only: the maintenance login may not VACUUM. Autovacuum would have run by now.
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as owner:
        await owner.execute(f"VACUUM (ANALYZE) {', '.join(SEED_TABLES)}")
    steps.append(("VACUUM ANALYZE", time.perf_counter() - mark))
    return Seeded(first, second, counts[0], conversations, counts[1], time.perf_counter() - started, steps)


# --- the measured turns -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    replies: int = 0
    resets: int = 0  # turns that ended without an AI reply (handover, skip): the conversation was reset after
    errors: int = 0


@dataclass
class Run:
    result: Result
    cpu_ms: float  # this process's CPU time per turn
    pg_cpu_ms: float  # the PostgreSQL server's (all its processes), when it runs on this machine
    tally: Tally


async def reset_conversation(pool: AsyncConnectionPool[Any], conversation_id: uuid.UUID) -> None:
    """Back to an active, AI-handled conversation with no open handover (not measured)."""
    async with pool.connection() as conn:
        await conn.execute(
            "UPDATE handovers SET status = 'resolved', completed_at = now() "
            "WHERE conversation_id = %s AND status IN ('pending', 'accepted', 'in_progress')",
            (conversation_id,),
        )
        await conn.execute(
            "UPDATE conversations SET ai_paused = false, status = 'active', closed_at = NULL, tags = '[]' "
            "WHERE id = %s",
            (conversation_id,),
        )


async def service_worker(
    db: Database,
    services: Services,
    pool: AsyncConnectionPool[Any],
    dealership_id: int,
    conversation_id: uuid.UUID,
    rotation: dict[uuid.UUID, int],
    stop_at: float,
    latencies: list[float],
    tally: Tally,
    think: float,
) -> int:
    done = 0
    while await pause(think, stop_at):
        text = TURN_TEXTS[rotation[conversation_id] % len(TURN_TEXTS)]
        rotation[conversation_id] += 1
        started = time.perf_counter()
        try:
            async with db.session(dealership_id) as session:  # autobegins, as the API request's session does
                conversation = await conversations.get(session, conversation_id)  # as the API route loads it
                _, _, outcome = await turn.receive(session, services, conversation, text, SYSTEM)
                await session.commit()  # the request's commit (turn.receive committed its own transactions)
        except Exception as exc:  # counted (its time too: a failed turn is server time) and shown; the run goes on
            latencies.append((time.perf_counter() - started) * 1000)
            tally.errors += 1
            if tally.errors <= 3:
                print(f"  service turn failed: {exc!r}")
            await reset_conversation(pool, conversation_id)
            done += 1
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        done += 1
        if outcome.reply is not None and outcome.reply.sender == "ai" and outcome.handover is None:
            tally.replies += 1
        else:
            tally.resets += 1
            await reset_conversation(pool, conversation_id)
    return done


@dataclass
class RawText:
    """What the raw floor needs for one customer text, worked out once outside the measured time (as the service's
    catalog, triggers and personas are cached): the inventory search, the understanding, the insights."""

    search_sql: str
    search_params: dict[str, Any]
    fallback_sql: str | None  # the closest units, sent only when the search finds nothing (as the service does)
    fallback_params: dict[str, Any]
    understanding: Understanding
    insights: list[Insight]


async def raw_texts(db: Database, dealership_id: int) -> list[RawText]:
    """For each turn text, the very inventory search ``relevant_vehicles`` sends, with the tenant filter RLS would
    add, and the insights ``record_insights`` stores."""
    async with db.session(dealership_id) as session, session.begin():
        known = await catalog(session)
    out = []
    for text in TURN_TEXTS:
        u = understand(text, known)
        filters = filters_from_understanding(u)
        filters.status = "available"
        if not narrows(filters):
            raise RuntimeError(f"{text!r} does not make the agent search the inventory")
        levels = [search_where(f, known) for f in (filters, *closest(filters))]  # the search and its fallbacks
        tenant = [
            SearchWhere(f"{w.sql} and dealership_id = %(tenant)s", {**w.params, "tenant": dealership_id})
            for w in levels
        ]
        found = ladder_sql(tenant[:1], 5)
        fallback = ladder_sql(tenant[1:], 5, first=1) if len(tenant) > 1 else None
        out.append(
            RawText(
                found.sql,
                found.params,
                fallback.sql if fallback else None,
                fallback.params if fallback else {},
                u,
                extract_insights(text, u),
            )
        )
    return out


# Transaction A (step 1): the inbound message, counted (the UPDATE locks the conversation's row until commit and
# returns it, so it is also the service's ``get``), the audit record, the turn's rows, the history, the inventory
# search, the lead score (+ the lead's and customer's when it changes) and the insights.
RAW_INBOUND = (
    "INSERT INTO messages (id, dealership_id, conversation_id, type, sender, delivery_status, channel, content, "
    "created_at) VALUES (%s, %s, %s, 'inbound', 'customer', 'received', 'chat', %s, %s)"
)
RAW_COUNT_INBOUND = (
    "UPDATE conversations SET message_count = message_count + 1, "
    "last_message_at = greatest(last_message_at, %(at)s), "
    "last_customer_message_at = greatest(last_customer_message_at, %(at)s), "
    "status = CASE WHEN status IN ('resolved', 'waiting_response') THEN 'active' ELSE status END, "
    "closed_at = CASE WHEN status IN ('resolved', 'waiting_response') THEN NULL ELSE closed_at END "
    "WHERE id = %(c)s AND dealership_id = %(d)s "
    "RETURNING lead_id, customer_id, status, channel, is_ai_assisted, ai_paused, ai_persona_id, tags, message_count"
)
RAW_AUDIT = (
    "INSERT INTO audit_logs (dealership_id, actor_type, action, resource_type, resource_id, after, request_id) "
    "VALUES (%s, 'system', 'message.receive', 'message', %s, %s, %s)"
)
RAW_ROWS = (
    "SELECT l.id AS lead_id, l.lead_score, l.description, cu.first_name, cu.ai_enabled, cu.opted_out_channels, "
    "cu.lead_score AS customer_score, d.name, d.is_active, d.operation_mode, d.agent_config, d.persona_name, "
    "d.persona_tone FROM leads l JOIN customers cu ON cu.id = %(cu)s AND cu.dealership_id = %(d)s "
    "JOIN dealerships d ON d.id = %(d)s WHERE l.id = %(l)s AND l.dealership_id = %(d)s"
)
RAW_HISTORY = (
    "SELECT sender, content FROM messages WHERE conversation_id = %s AND type IN ('inbound', 'outbound') "
    "AND id <> %s ORDER BY created_at DESC, id DESC LIMIT 12"
)
RAW_SCORE = (
    "INSERT INTO lead_scores (dealership_id, lead_id, conversation_id, score, factors, model_version, created_at) "
    "VALUES (%s, %s, %s, %s, %s, 'rules-1', %s)"
)
RAW_LEAD_SCORE = "UPDATE leads SET lead_score = %s WHERE id = %s AND dealership_id = %s"
RAW_CUSTOMER_SCORE = "UPDATE customers SET lead_score = %s WHERE id = %s AND dealership_id = %s"
RAW_INSIGHTS = (
    "INSERT INTO customer_insights (dealership_id, customer_id, conversation_id, message_id, insight_type, value, "
    "confidence, source) SELECT %(d)s, %(cu)s, %(c)s, %(m)s, x.t, x.v, x.k, 'rule' "
    "FROM unnest(%(types)s::text[], %(values)s::text[], %(confidence)s::numeric[]) AS x(t, v, k)"
)
# Transaction B (step 3): re-read the conversation under its row lock (with the customer's AI switch), check
# nothing changed, then the reply, its count and the lead activity.
RAW_LOCK = (
    "SELECT c.status, c.ai_paused, c.is_ai_assisted, c.last_customer_message_at, cu.ai_enabled "
    "FROM conversations c JOIN customers cu ON cu.id = c.customer_id "
    "WHERE c.id = %s AND c.dealership_id = %s FOR UPDATE OF c"
)
RAW_REPLY = (
    "INSERT INTO messages (id, dealership_id, conversation_id, type, sender, delivery_status, delivered_at, channel, "
    "content, in_reply_to, ai_model, processing_time, entities, created_at) "
    "VALUES (%s, %s, %s, 'outbound', 'ai', 'delivered', %s, 'chat', %s, %s, 'builtin-1', %s, %s, %s)"
)
RAW_COUNT_REPLY = (
    "UPDATE conversations SET message_count = message_count + 1, last_message_at = greatest(last_message_at, %(at)s), "
    "last_ai_message_at = greatest(last_ai_message_at, %(at)s) WHERE id = %(c)s AND dealership_id = %(d)s"
)
RAW_ACTIVITY = (
    "INSERT INTO lead_activities (dealership_id, lead_id, type, description, message_id, created_at) "
    "VALUES (%s, %s, 'ai_response', 'AI answered (inventory_search)', %s, %s)"
)


async def raw_turn(pool: AsyncConnectionPool[Any], d: int, conversation_id: uuid.UUID, text: str, raw: RawText) -> bool:
    """One turn as the service splits it: transaction A, commit (the connection goes back to the pool), the
    "provider" (the reply text built from the vehicles found), transaction B, commit. False: B found the
    conversation changed and wrote nothing (never happens here: nothing else touches these conversations)."""
    started = time.perf_counter()
    inbound_id, at = uuid.uuid4(), datetime.now(UTC)
    async with pool.connection() as conn, conn.transaction():
        await conn.execute(RAW_INBOUND, (inbound_id, d, conversation_id, text, at))
        conv = await (await conn.execute(RAW_COUNT_INBOUND, {"at": at, "c": conversation_id, "d": d})).fetchone()
        assert conv is not None
        await conn.execute(RAW_AUDIT, (d, str(inbound_id), Jsonb({"conversation_id": str(conversation_id)}), None))
        rows = await (
            await conn.execute(RAW_ROWS, {"cu": conv["customer_id"], "l": conv["lead_id"], "d": d})
        ).fetchone()
        assert rows is not None
        await (await conn.execute(RAW_HISTORY, (conversation_id, inbound_id))).fetchall()
        found = await (await conn.execute(raw.search_sql, raw.search_params)).fetchall()
        if not found and raw.fallback_sql:
            found = await (await conn.execute(raw.fallback_sql, raw.fallback_params)).fetchall()
        scored = score(raw.understanding, rows["lead_score"])
        value, factors = scored.value, scored.factors(rows["lead_score"])
        await conn.execute(RAW_SCORE, (d, conv["lead_id"], conversation_id, value, Jsonb(factors), at))
        if value != rows["lead_score"]:
            await conn.execute(RAW_LEAD_SCORE, (value, conv["lead_id"], d))
        customer_score = max(rows["customer_score"], value) if value else value
        if customer_score != rows["customer_score"]:
            await conn.execute(RAW_CUSTOMER_SCORE, (customer_score, conv["customer_id"], d))
        if raw.insights:
            await conn.execute(
                RAW_INSIGHTS,
                {
                    "d": d,
                    "cu": conv["customer_id"],
                    "c": conversation_id,
                    "m": inbound_id,
                    "types": [i.type for i in raw.insights],
                    "values": [i.value[:2000] for i in raw.insights],
                    "confidence": [round(i.confidence, 2) for i in raw.insights],
                },
            )
    body = "; ".join(f"{v['year']} {v['make']} {v['model']} {v['trim'] or ''} ${v['price'] or 0:,}" for v in found)
    entities = Jsonb({"intent": "inventory_search", "vehicle_ids": [v["id"] for v in found]})
    async with pool.connection() as conn, conn.transaction():
        now = await (await conn.execute(RAW_LOCK, (conversation_id, d))).fetchone()
        assert now is not None
        if (
            now["status"] in ("resolved", "archived")
            or now["ai_paused"]
            or not (now["is_ai_assisted"] and now["ai_enabled"])
            or (now["last_customer_message_at"] is not None and now["last_customer_message_at"] > at)
        ):
            return False
        reply_id, replied = uuid.uuid4(), datetime.now(UTC)
        elapsed_ms = int((time.perf_counter() - started) * 1000)
        await conn.execute(
            RAW_REPLY,
            (
                reply_id,
                d,
                conversation_id,
                replied,
                body or "Nothing right now.",
                inbound_id,
                elapsed_ms,
                entities,
                replied,
            ),
        )
        await conn.execute(RAW_COUNT_REPLY, {"at": replied, "c": conversation_id, "d": d})
        await conn.execute(RAW_ACTIVITY, (d, conv["lead_id"], reply_id, replied))
    return True


async def raw_worker(
    pool: AsyncConnectionPool[Any],
    texts: Sequence[RawText],
    dealership_id: int,
    conversation_id: uuid.UUID,
    rotation: dict[uuid.UUID, int],
    stop_at: float,
    latencies: list[float],
    tally: Tally,
    think: float,
) -> int:
    done = 0
    while await pause(think, stop_at):
        i = rotation[conversation_id] % len(TURN_TEXTS)
        rotation[conversation_id] += 1
        started = time.perf_counter()
        replied = await raw_turn(pool, dealership_id, conversation_id, TURN_TEXTS[i], texts[i])
        latencies.append((time.perf_counter() - started) * 1000)
        if replied:
            tally.replies += 1
        else:
            tally.resets += 1
        done += 1
    return done


async def pause(think: float, stop_at: float) -> bool:
    """Before a customer's next message: a pause of ``think`` seconds on average (exponential, so arrivals are
    random as real customers' are; 0: none). False when the run is over."""
    if think > 0:
        await asyncio.sleep(min(random.expovariate(1 / think), max(stop_at - time.perf_counter(), 0)))
    return time.perf_counter() < stop_at


Workers = Callable[[float, list[float], "Tally"], list[Coroutine[Any, Any, int]]]


async def measure(name: str, seconds: float, workers: Workers, postmaster: int | None) -> Run:
    """``workers(stop_at, latencies, tally)`` gives the coroutines to run until ``stop_at``."""
    latencies: list[float] = []
    tally = Tally()
    cpu, pg = time.process_time(), postgres_cpu(postmaster)
    started = time.perf_counter()
    counts = await asyncio.gather(*workers(started + seconds, latencies, tally))
    elapsed = time.perf_counter() - started
    cpu, pg_after = time.process_time() - cpu, postgres_cpu(postmaster)
    # Processes started during the run count from zero; any that ended during it are missed (the pools keep theirs).
    pg_cpu = sum(v - pg.get(pid, 0.0) for pid, v in pg_after.items()) if pg_after else math.nan
    turns = max(sum(counts), 1)
    return Run(Result(name, turns, elapsed, latencies, tally.errors), cpu * 1000 / turns, pg_cpu * 1000 / turns, tally)


def _service_process(
    settings: Settings,
    topo: Topology,
    dealership_id: int,
    conversations: list[uuid.UUID],
    rotation: dict[uuid.UUID, int],
    start_at: float,
    seconds: float,
    think: float,
) -> tuple[int, list[float], Tally, float]:
    """One of ``--processes`` service processes (as ``showroom serve --workers N`` runs them): its share of the
    conversations, warmed up, then measured from the wall-clock time ``start_at``. Turns, latencies, tally and
    this process's CPU seconds."""

    async def run() -> tuple[int, list[float], Tally, float]:
        db = open_database(settings, topo.app, topo.maint, process="bench")
        services = Services.build(settings, db)
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            libpq(topo.maint), min_size=1, max_size=4, open=False, kwargs={"row_factory": dict_row}
        )
        await pool.open()
        try:

            def workers(stop_at: float, latencies: list[float], tally: Tally) -> list[Coroutine[Any, Any, int]]:
                return [
                    service_worker(db, services, pool, dealership_id, c, rotation, stop_at, latencies, tally, think)
                    for c in conversations
                ]

            await asyncio.gather(*workers(time.perf_counter() + max(start_at - time.time() - 0.5, 0.5), [], Tally()))
            await asyncio.sleep(max(start_at - time.time(), 0))
            latencies: list[float] = []
            tally = Tally()
            cpu = time.process_time()
            counts = await asyncio.gather(*workers(time.perf_counter() + seconds, latencies, tally))
            return sum(counts), latencies, tally, time.process_time() - cpu
        finally:
            await pool.close()
            await db.dispose()

    return asyncio.run(run())


async def measure_processes(name: str, processes: int, seconds: float, postmaster: int | None, **share: Any) -> Run:
    """The service phase in ``processes`` processes, the conversations dealt out among them; CPU per turn is theirs
    summed."""
    conversations: list[uuid.UUID] = share.pop("conversations")
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 15  # time to start Python, import the app and warm up
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = [
            loop.run_in_executor(
                pool,
                functools.partial(
                    _service_process,
                    conversations=conversations[i::processes],
                    start_at=start_at,
                    seconds=seconds,
                    **share,
                ),
            )
            for i in range(processes)
        ]
        await asyncio.sleep(max(start_at - time.time(), 0))
        pg = postgres_cpu(postmaster)
        started = time.perf_counter()
        results = await asyncio.gather(*futures)
        elapsed = time.perf_counter() - started
        pg_after = postgres_cpu(postmaster)
    pg_cpu = sum(v - pg.get(pid, 0.0) for pid, v in pg_after.items()) if pg_after else math.nan
    turns = max(sum(r[0] for r in results), 1)
    latencies = [ms for r in results for ms in r[1]]
    tally = Tally(
        replies=sum(r[2].replies for r in results),
        resets=sum(r[2].resets for r in results),
        errors=sum(r[2].errors for r in results),
    )
    cpu = sum(r[3] for r in results)
    return Run(Result(name, turns, elapsed, latencies, tally.errors), cpu * 1000 / turns, pg_cpu * 1000 / turns, tally)


async def bench(
    settings: Settings,
    topo: Topology,
    seeded: Seeded,
    *,
    concurrency: int,
    seconds: float,
    think: float,
    profile: str | None,
    processes: int = 1,
    experiment: bool = False,
) -> tuple[Run, Run, tuple[Run, list[float], list[float], list[float], tuple[list[float], list[float]]] | None]:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    services = Services.build(settings, db)
    size = settings.db_pool_size + settings.db_max_overflow  # the app engine's most connections
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        libpq(topo.maint), min_size=settings.db_pool_size, max_size=size, open=False, kwargs={"row_factory": dict_row}
    )
    await pool.open()
    try:
        d = seeded.dealership_id
        async with pool.connection() as conn:
            rows = await (
                await conn.execute(
                    "SELECT id FROM conversations WHERE dealership_id = %s AND status = 'active' AND NOT ai_paused "
                    "ORDER BY md5(id::text) LIMIT %s",
                    (d, 2 * concurrency),
                )
            ).fetchall()
        if len(rows) < 2 * concurrency:
            raise RuntimeError(f"only {len(rows)} active conversations; seed more messages")
        # Each path has conversations of its own, so neither sees the other's questions in the history.
        raw_conversations = [row["id"] for row in rows[:concurrency]]
        service_conversations = [row["id"] for row in rows[concurrency:]]
        rotation = {row["id"]: i for i, row in enumerate(rows)}
        texts = await raw_texts(db, d)

        def raw(stop_at: float, latencies: list[float], tally: Tally) -> list[Coroutine[Any, Any, int]]:
            return [
                raw_worker(pool, texts, d, c, rotation, stop_at, latencies, tally, think) for c in raw_conversations
            ]

        def service(stop_at: float, latencies: list[float], tally: Tally) -> list[Coroutine[Any, Any, int]]:
            return [
                service_worker(db, services, pool, d, c, rotation, stop_at, latencies, tally, think)
                for c in service_conversations
            ]

        postmaster = await find_postmaster(pool)
        await measure("warm-up", 2.0, raw, postmaster)
        await measure("warm-up", 2.0, service, postmaster)
        baseline = await measure("raw SQL floor: psycopg, maint, no ORM/RLS", seconds, raw, postmaster)
        if profile:
            yappi = start_profile()
        if processes > 1:
            real = await measure_processes(
                f"service: turn.receive(), {processes} processes",
                processes,
                seconds,
                postmaster,
                settings=settings,
                topo=topo,
                dealership_id=d,
                conversations=service_conversations,
                rotation=rotation,
                think=think,
            )
        else:
            counts: list[float] = []
            with timed_counts(counts) if experiment else contextlib.nullcontext():
                real = await measure("service: turn.receive(), builtin provider", seconds, service, postmaster)
        if profile:
            stop_profile(yappi, profile)
        with_experiment = None
        if experiment:
            await start_experiment(pool, d)
            ACTIVE_EXPERIMENTS.drop(d)  # as the service's own start does when its transaction commits
            hooks: list[float] = []
            counts_with: list[float] = []
            with timed_experiment_hooks(hooks), timed_counts(counts_with):
                await measure("warm-up", 2.0, service, postmaster)
                hooks.clear()
                counts_with.clear()
                run = await measure("service, an experiment running (100%)", seconds, service, postmaster)
            solo = await rider_cost(db, d, service_conversations[0])
            with_experiment = (run, hooks, counts, counts_with, solo)
        return baseline, real, with_experiment
    finally:
        await pool.close()
        await db.dispose()


async def start_experiment(pool: AsyncConnectionPool[Any], dealership_id: int) -> None:
    """A running experiment taking every conversation (started long ago, so the seeded ones enter on their next
    turn): a control and a variant with its own tone and sign-off. Maintenance login, as the seeding is."""
    async with pool.connection() as conn:
        row = await (
            await conn.execute(
                "INSERT INTO prompt_experiments (dealership_id, name, status, start_date, traffic_percentage, "
                "primary_metric) VALUES (%s, 'bench', 'running', now() - interval '10 years', 100, "
                "'customer_replied') RETURNING id",
                (dealership_id,),
            )
        ).fetchone()
        assert row is not None
        await conn.execute(
            "INSERT INTO prompt_variants (dealership_id, experiment_id, name, is_control, traffic_allocation, "
            "settings) VALUES (%s, %s, 'A', true, 50, '{}'), (%s, %s, 'B', false, 50, %s)",
            (dealership_id, row["id"], dealership_id, row["id"], Jsonb({"tone": "casual", "sign_off": "Talk soon!"})),
        )


@contextlib.contextmanager
def timed_experiment_hooks(into: list[float]) -> Iterator[None]:
    """Time what an experiment adds to each turn: the assignment (the sticky read, or the entry's insert) and the
    customer message's metric events, as the two hooks turn.py calls (milliseconds per call, into ``into``)."""
    originals = (
        experiment_hook.assignment.variant_for,
        experiment_hook.customer_message,
        experiment_hook.inbound_riders,
    )

    def timed(func: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                into.append((time.perf_counter() - started) * 1000)

        return wrapper

    experiment_hook.assignment.variant_for = timed(originals[0])  # type: ignore[method-assign]
    experiment_hook.customer_message = timed(originals[1])  # type: ignore[method-assign]
    experiment_hook.inbound_riders = timed(originals[2])  # type: ignore[method-assign]
    try:
        yield
    finally:
        (  # type: ignore[method-assign]
            experiment_hook.assignment.variant_for,
            experiment_hook.customer_message,
            experiment_hook.inbound_riders,
        ) = originals


async def rider_cost(
    db: Database, dealership_id: int, conversation_id: uuid.UUID, rounds: int = 300
) -> tuple[list[float], list[float]]:
    """What the experiment's riders add to the counting statement, alone (no other turn on the event loop, so no
    queueing in the figures): the same conversation's customer messages counted ``rounds`` times without riders
    and ``rounds`` times with a conversation's first-turn riders (the sticky read and ``customer_replied``),
    alternately, in one transaction rolled back at the end (ms per call)."""
    without: list[float] = []
    with_riders: list[float] = []
    async with db.session(dealership_id) as session, session.begin():
        conversation = await conversations.get(session, conversation_id)
        experiments = await active(session)
        for i in range(2 * rounds):
            message = Message(
                id=uuid.uuid4(),
                dealership_id=dealership_id,
                conversation_id=conversation_id,
                type="inbound",
                sender="customer",
                delivery_status="received",
                channel="chat",
                content="Any Tucson?",
                created_at=datetime.now(UTC),
            )
            session.add(message)
            await session.flush()  # not timed: what is timed is the counting statement
            riders = []
            if i % 2:
                sticky = {"sticky_conversation_id": conversation_id, "sticky_experiments": [e.id for e in experiments]}
                replied = metrics.replied_params(uuid.uuid4(), message.id)  # a conversation not recorded yet
                assert replied is not None
                replied["replied_conversation_id"] = conversation_id
                riders = [
                    rows.Rider("sticky", STICKY_RIDER, sticky),
                    rows.Rider("replied", metrics.REPLIED_RIDER, replied),
                ]
            started = time.perf_counter()
            await rows.count_message(session, conversation, message, riders=riders)
            (with_riders if i % 2 else without).append((time.perf_counter() - started) * 1000)
        await session.rollback()
    return without[10:], with_riders[10:]  # after the first compile of each shape


@contextlib.contextmanager
def timed_counts(into: list[float]) -> Iterator[None]:
    """Time the statement that counts a message (milliseconds per call, into ``into``): an experiment's sticky read,
    its entry and ``customer_replied`` ride on it (``rows.Rider``), so what they add shows here, not in the hooks."""
    original = rows.count_message

    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            into.append((time.perf_counter() - started) * 1000)

    for module in (turn, effects):  # where a turn calls it from
        setattr(module, "count_message", timed)  # noqa: B010
    try:
        yield
    finally:
        for module in (turn, effects):
            setattr(module, "count_message", original)  # noqa: B010


def start_profile() -> Any:
    try:
        import yappi  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise SystemExit("--profile needs yappi (pip install yappi)") from None
    yappi.set_clock_type("cpu")
    yappi.start()
    return yappi


def stop_profile(yappi: Any, path: str) -> None:
    yappi.stop()
    yappi.get_func_stats().save(path, type="pstat")
    print(f"\nyappi CPU profile of the service phase, saved to {path}; top 25 by own time:")
    stats = pstats.Stats(path)
    stats.sort_stats("tottime").print_stats(25)
    print("showroom functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats("showroom", 30)


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process, from /proc (Linux)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu(postmaster: int | None) -> dict[int, float]:
    """CPU seconds so far of the PostgreSQL server and each of its processes (empty if it is not local)."""
    if postmaster is None or not os.path.isdir("/proc"):
        return {}
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_stat(int(entry))
            if stat is not None and (stat[0] == postmaster or int(entry) == postmaster):
                out[int(entry)] = stat[1]
    return out


async def find_postmaster(pool: AsyncConnectionPool[Any]) -> int | None:
    """The server's pid, when it runs on this machine (the parent of our backend)."""
    async with pool.connection() as conn:
        row = await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone()
    stat = _proc_stat(row["pid"]) if row else None
    if stat is None:
        return None
    parent = _proc_stat(stat[0])
    return stat[0] if parent is not None else None


# --- report -------------------------------------------------------------------------------------------------------

P99_TARGET_MS = 50.0
RATIO_TARGET = 3.0


def report(baseline: Run, real: Run, concurrency: int, think: float) -> None:
    print(
        f"{'path':<44}{'turns/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'py cpu':>8}{'pg cpu':>8}{'errors':>8}"
        f"{'resets':>8}{'x turns/s':>11}{'x p50':>8}"
    )
    b = baseline.result
    for run in (baseline, real):
        r = run.result
        print(
            f"{r.name:<44}{r.rps:>9.1f}{r.p50:>9.2f}{r.pct(0.99):>9.2f}{run.cpu_ms:>8.2f}{run.pg_cpu_ms:>8.2f}"
            f"{r.errors:>8}{run.tally.resets:>8}{r.rps / b.rps:>11.2f}{r.p50 / b.p50:>8.2f}"
        )
    r = real.result
    p99 = r.pct(0.99)
    slower = max(r.p50 / b.p50, b.rps / r.rps)
    print("\npy cpu / pg cpu: CPU ms per turn of this Python process / of the PostgreSQL server (all its processes)")
    if not think:
        print(
            f"closed loop: latency ~ turns in flight / throughput, so p99 < {P99_TARGET_MS:.0f} ms with {concurrency} "
            f"in flight needs > {concurrency * 1000 / P99_TARGET_MS:.0f} turns/s; --think N paces the customers"
        )
    print(f"service p99 < {P99_TARGET_MS:.0f} ms: {p99:.1f} ms -> {'PASS' if p99 < P99_TARGET_MS else 'FAIL'}")
    print(
        f"service within {RATIO_TARGET:.0f}x of the raw floor (p50 x{r.p50 / b.p50:.2f}, throughput "
        f"x{b.rps / r.rps:.2f} slower): {'PASS' if slower <= RATIO_TARGET else 'FAIL'}"
    )


EXPERIMENT_TARGET_MS = 1.0


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else math.nan


def report_experiment(
    without: Run,
    run: Run,
    hooks: list[float],
    counts: list[float],
    counts_with: list[float],
    solo: tuple[list[float], list[float]],
) -> None:
    """The service with and without an experiment, same run; and the experiment hooks' own time per turn."""
    a, b = without.result, run.result
    print(f"\n{'path':<44}{'turns/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'py cpu':>8}{'pg cpu':>8}{'errors':>8}")
    for r, x in ((a, without), (b, run)):
        print(
            f"{r.name:<44}{r.rps:>9.1f}{r.p50:>9.2f}{r.pct(0.99):>9.2f}{x.cpu_ms:>8.2f}{x.pg_cpu_ms:>8.2f}{r.errors:>8}"
        )
    print(
        f"with / without: p50 x{b.p50 / a.p50:.2f}, p99 x{b.pct(0.99) / a.pct(0.99):.2f}, "
        f"py cpu per turn {run.cpu_ms - without.cpu_ms:+.2f} ms, "
        f"pg cpu per turn {run.pg_cpu_ms - without.pg_cpu_ms:+.2f} ms"
    )
    per_turn = sorted(hooks)
    if per_turn:
        p99 = per_turn[min(len(per_turn) - 1, int(0.99 * len(per_turn)))]
        p50 = per_turn[len(per_turn) // 2]
        print(
            f"experiment hooks (assignment read/insert; metric events), {len(per_turn):,} calls: p50 {p50:.3f} ms, "
            f"p99 {p99:.3f} ms"
        )
    print(
        f"counting a message (the statement the sticky read, the entry and customer_replied ride on), in the runs, "
        f"{len(counts):,} / {len(counts_with):,} calls: p50 {_p(counts, 0.5):.3f} / {_p(counts_with, 0.5):.3f} ms, "
        f"p99 {_p(counts, 0.99):.3f} / {_p(counts_with, 0.99):.3f} ms without / with the experiment (queueing "
        "included: compare the next line)"
    )
    bare, ridden = solo
    # p99 of a few hundred calls on a busy machine is noisy: the larger of the p50 and p99 differences counts
    added = max(_p(ridden, 0.99) - _p(bare, 0.99), _p(ridden, 0.5) - _p(bare, 0.5))
    print(
        f"counting alone, {len(bare)} calls each: without riders p50 {_p(bare, 0.5):.3f} p99 {_p(bare, 0.99):.3f} ms; "
        f"with the first turn's riders (sticky read, customer_replied) p50 {_p(ridden, 0.5):.3f} "
        f"p99 {_p(ridden, 0.99):.3f} ms"
    )
    if per_turn:
        total = p99 + max(added, 0.0)
        print(
            f"assignment adds at p99: hooks {p99:.3f} ms + riders {added:+.3f} ms = {total:.3f} ms -> "
            f"{'PASS' if total < EXPERIMENT_TARGET_MS else 'FAIL'} (< {EXPERIMENT_TARGET_MS:g} ms)"
        )


FULL = {"messages": 1_000_000, "vehicles": 20_000, "concurrency": 50, "seconds": 20.0}
SMALL = {"messages": 5_000, "vehicles": 2_000, "concurrency": 10, "seconds": 3.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, help="messages seeded (default 1,000,000)")
    parser.add_argument("--vehicles", type=int, help="vehicles seeded (default 20,000)")
    parser.add_argument("--concurrency", type=int, help="concurrent conversations per path (default 50)")
    parser.add_argument("--seconds", type=float, help="measured seconds per path (default 20)")
    parser.add_argument(
        "--small",
        action="store_true",
        help="a quick check that the bench runs (figures not meaningful): defaults become 5,000 messages, 2,000 "
        "vehicles, 10 conversations, 3 s",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a customer waits before the next message (default 0: back to back, the most turns/s)",
    )
    parser.add_argument("--profile", metavar="FILE", help="cProfile the service phase into FILE (pstats)")
    parser.add_argument(
        "--experiment",
        action="store_true",
        help="then run the service phase again with a prompt experiment taking every conversation, and show what "
        "assignment and metric events add to a turn (target: < 1 ms at p99)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="run the service phase in N processes, as `showroom serve --workers N` does (py cpu: their sum)",
    )
    args = parser.parse_args()
    sizes = SMALL if args.small else FULL
    for name, value in sizes.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    with bench_database() as (settings, topo):
        seeded = asyncio.run(seed(settings, topo, messages=args.messages, vehicles=args.vehicles))
        print(
            f"seeded {seeded.vehicles:,} vehicles, {seeded.conversations:,} customers/leads/chat conversations and "
            f"{seeded.messages:,} messages over 2 dealerships in {seeded.seconds:.1f} s"
        )
        print("  " + ", ".join(f"{name} {secs:.1f} s" for name, secs in seeded.steps))
        baseline, real, with_experiment = asyncio.run(
            bench(
                settings,
                topo,
                seeded,
                concurrency=args.concurrency,
                seconds=args.seconds,
                think=args.think,
                profile=args.profile,
                processes=args.processes,
                experiment=args.experiment,
            )
        )
    pace = f"a message every {args.think:g} s on average" if args.think else "turns back to back"
    print(
        f"\n{args.concurrency} concurrent conversations, {pace}, for {args.seconds:.0f} s each, "
        f"{os.cpu_count()} CPUs, PostgreSQL on the same machine"
    )
    report(baseline, real, args.concurrency, args.think)
    if with_experiment is not None:
        report_experiment(real, *with_experiment)


if __name__ == "__main__":
    main()
