# Profile of the service path (service at ~0.10x raw, below the 0.5x target), 2026-11-26, 2000 documents through
# service_ingest sequentially, with wall-clock timers wrapped around the intake functions and py-spy sampling:
# ~30 SQL statements per document (raw: 4-5), each paying SQLAlchemy ORM compile/flush/result work; the process is
# CPU-bound in Python (~22 ms CPU of ~27 ms wall per document, PostgreSQL ~5 ms), so concurrent tasks barely help,
# and the dealership-wide advisory locks (lead number, round robin) held to commit serialise them anyway.
# Top 5 costs, ms per document (share of ~27 ms with the timers on):
#   1. find_or_create_customer  3.7 (14%): 2 advisory locks, SELECT by e-mail and by phone, INSERT, audit row.
#   2. region() twice          2.8 (10%): SELECT dealerships.settings in adf_intake._one and again in intake().
#   3. _lead_source             2.6  (9%): INSERT ... ON CONFLICT DO NOTHING + SELECT every time, then an UPDATE of
#                                          lead_sources.total_leads (one hot row per provider).
#   4. _vehicle_interests       2.5  (9%): VIN/stock SELECT + ORM flush of the interest rows.
#   5. _round_robin             2.0  (7%): lead_routing SELECT, advisory lock, correlated max(created_at) per user;
#      next to it next_lead_number 1.2, 3 set_config round trips 0.8, parse_adf itself only ~1.0 (4%).
"""ADF lead ingestion: raw psycopg inserts vs the service path (process_payload) vs HTTP POST /api/v1/leads/adf.

    python -m bench.adf_ingest [--leads 20000] [--clients 16] [--service-tasks 4]

Target (issue): the service path at least 0.5x the raw baseline's documents per second.

Every path takes the same generated documents (bench.adf_generator: 30% repeat customers, 5% byte-exact resends)
and runs on its own, freshly seeded dealership in the same database (no truncation): dealership, a
``leads:write`` API key, one sales user for round-robin assignment, and a few hundred vehicles whose VINs and
stock numbers are taken from the generated documents, so some vehicle interests get linked to inventory.

* raw: parse_adf (which also normalises e-mail and phone), then one transaction per distinct lead with a
  customer row (only for a customer's first lead: the generator's ground truth stands in for dedupe), a lead row
  (with the raw XML as its original payload, like the service), its vehicle_interests rows (linked to inventory
  from an in-memory VIN/stock map) and one lead_activities row; as the BYPASSRLS maintenance login, with no ORM,
  no RLS, no audit, no conversation row and no dedupe queries. Resends are parsed, then skipped.
* service: ``process_payload`` on an app-role session with the tenant set, one transaction per document,
  sequentially, then again with ``--service-tasks`` concurrent tasks (each on a fresh dealership).
* HTTP: the real server in a subprocess, ``--clients`` keep-alive connections posting the documents.

Correctness is checked by counting against the generator's ground truth: leads (their provider ids, which are
the leads' external ids), exact-duplicate deliveries, customers, and for HTTP the 201/200 split.

docs/s below counts every document (resends included) per wall-clock second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import insert

from bench.adf_generator import GeneratedLead, generate_leads
from bench.common import bench_database, free_port, server
from showroom.audit.service import SYSTEM
from showroom.auth.tokens import api_key_prefix, hash_token, new_api_key
from showroom.db.engine import Database, open_database
from showroom.db.urls import libpq
from showroom.leads.adf import AdfError, ParsedLead, parse_adf
from showroom.leads.adf_intake import process_payload
from showroom.models import ApiKey, Dealership, User, Vehicle
from showroom.settings import Settings

VENDOR = "Bench Motors"
SEED_VEHICLES = 300
WANTED = ("buy", "lease", "test-drive")


# --- ground truth and seeding -----------------------------------------------------------------------------------


@dataclass
class Truth:
    documents: int
    duplicates: int  # byte-exact resends: must not create leads
    lead_ids: set[str]  # provider ids of the distinct leads (become leads.external_id)
    customers: int

    @property
    def leads(self) -> int:
        return len(self.lead_ids)


def ground_truth(leads: list[GeneratedLead]) -> Truth:
    distinct = [lead for lead in leads if lead.duplicate_of is None]
    return Truth(
        documents=len(leads),
        duplicates=len(leads) - len(distinct),
        lead_ids={lead.provider_id for lead in distinct},
        customers=len({lead.customer_index for lead in distinct}),
    )


def inventory_from(parsed: list[ParsedLead], count: int) -> list[dict[str, Any]]:
    """Units for the bench dealership: wanted vehicles of the documents that name a VIN, spread over the run."""
    candidates: dict[str, dict[str, Any]] = {}
    for lead in parsed:
        for v in lead.vehicles:
            if v.interest in WANTED and v.vin and len(v.vin) == 17 and v.make and v.model and v.year:
                candidates.setdefault(
                    v.vin,
                    {"vin": v.vin, "stock_number": v.stock_number, "make": v.make, "model": v.model, "year": v.year},
                )
    units = list(candidates.values())
    step = max(1, len(units) // max(1, count))
    return units[::step][:count]


@dataclass
class Tenant:
    dealership_id: int
    key: str
    user_id: int
    by_vin: dict[str, int]
    by_stock: dict[str, int]


async def seed(db: Database, label: str, units: list[dict[str, Any]]) -> Tenant:
    key = new_api_key()
    async with db.maint_session() as maint, maint.begin():
        d = Dealership(name=f"{VENDOR} {label}", subdomain=f"bench-{label}", contact_email=f"{label}@bench.example")
        maint.add(d)
        await maint.flush()
        user = User(dealership_id=d.id, email=f"sales-{label}@bench.example", role="user", name="Sales Person")
        maint.add(user)
        maint.add(
            ApiKey(
                dealership_id=d.id,
                name="bench",
                key_prefix=api_key_prefix(key),
                key_hash=hash_token(key),
                scopes=["leads:write"],
            )
        )
        await maint.flush()
        rows = (
            await maint.execute(
                insert(Vehicle).returning(Vehicle.id, Vehicle.vin, Vehicle.stock_number),
                [{"dealership_id": d.id, **unit} for unit in units],
            )
        ).all()
    by_vin = {vin: vid for vid, vin, _ in rows}
    by_stock = {stock: vid for vid, _, stock in rows if stock}
    return Tenant(d.id, key, user.id, by_vin, by_stock)


# --- results ----------------------------------------------------------------------------------------------------


@dataclass
class Measured:
    name: str
    documents: int
    seconds: float
    outcomes: Counter[str] = field(default_factory=Counter)  # created / duplicate / error, or HTTP statuses
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds


@dataclass
class Counted:
    leads: int
    lost: int  # distinct provider ids with no lead
    extra: int  # leads that are not one of the distinct provider ids, or a second lead of one
    customers: int
    duplicate_activities: int
    possible_duplicates: int  # 'possible_duplicate' notes: one customer split in two by the order of arrival
    linked: int


def count(maint_url: str, dealership_id: int, truth: Truth) -> Counted:
    with psycopg.connect(maint_url) as conn:
        leads = conn.execute("select external_id from leads where dealership_id = %s", [dealership_id]).fetchall()
        external = [row[0] for row in leads]
        customers = conn.execute("select count(*) from customers where dealership_id = %s", [dealership_id]).fetchone()
        activities = conn.execute(
            "select count(*) filter (where type = 'duplicate_received'), count(*) filter (where type = "
            "'possible_duplicate') from lead_activities where dealership_id = %s",
            [dealership_id],
        ).fetchone()
        linked = conn.execute(
            "select count(*) from vehicle_interests where dealership_id = %s and vehicle_id is not null",
            [dealership_id],
        ).fetchone()
    assert customers is not None
    assert activities is not None
    assert linked is not None
    found = Counter(external)
    lost = len(truth.lead_ids - set(found))
    extra = sum(n for ext, n in found.items() if ext not in truth.lead_ids) + sum(
        n - 1 for ext, n in found.items() if ext in truth.lead_ids and n > 1
    )
    return Counted(len(external), lost, extra, customers[0], activities[0], activities[1], linked[0])


def check(label: str, counted: Counted, truth: Truth, measured: Measured | None) -> list[str]:
    lines = [
        f"{'PASS' if counted.lost == 0 else 'FAIL'} {label}: zero lost "
        f"({counted.leads} leads for {truth.leads} distinct documents, {counted.lost} missing)",
        f"{'PASS' if counted.extra == 0 else 'FAIL'} {label}: zero duplicated "
        f"({counted.extra} extra leads; {truth.duplicates} resends)",
        f"{'PASS' if counted.customers == truth.customers else 'INFO'} {label}: customers "
        f"{counted.customers} (generator: {truth.customers}; possible_duplicate notes: "
        f"{counted.possible_duplicates}); vehicle interests linked to inventory: {counted.linked}",
    ]
    if measured is not None:
        o = measured.outcomes
        created, duplicate = (o["201"], o["200"]) if "201" in o or "200" in o else (o["created"], o["duplicate"])
        ok = created == truth.leads and duplicate == truth.duplicates and sum(o.values()) == created + duplicate
        lines.append(
            f"{'PASS' if ok else 'FAIL'} {label}: outcomes {dict(sorted(o.items()))} vs expected "
            f"{truth.leads} created / {truth.duplicates} duplicate; duplicate_received activities "
            f"{counted.duplicate_activities}"
        )
    return lines


# --- a. raw psycopg baseline ------------------------------------------------------------------------------------

CUSTOMER_SQL = """insert into customers (id, dealership_id, first_name, last_name, full_name, email, email_normalized,
    phone, phone_e164, city, state, zip_code, first_contact_date, last_contact_date, total_leads)
    values (%(id)s, %(d)s, %(first)s, %(last)s, %(full)s, %(email)s, %(email)s, %(phone)s, %(e164)s, %(city)s,
    %(state)s, %(zip)s, %(now)s, %(now)s, 1)"""
LEAD_SQL = """insert into leads (id, dealership_id, customer_id, assigned_user_id, lead_number, source, source_key,
    external_id, description, timeframe, request_type, first_contact_date, last_contact_date, original_payload)
    values (%(id)s, %(d)s, %(customer)s, %(user)s, %(number)s, 'adf_email', %(key)s, %(external)s, %(description)s,
    %(timeframe)s, %(request_type)s, %(now)s, %(now)s, %(original)s)"""
INTEREST_SQL = """insert into vehicle_interests (dealership_id, lead_id, vehicle_id, interest, is_primary, year, make,
    model, trim, body_style, vin, stock_number, condition, exterior_color, price, mileage)
    values (%(d)s, %(lead)s, %(vehicle)s, %(interest)s, %(primary)s, %(year)s, %(make)s, %(model)s, %(trim)s,
    %(body)s, %(vin)s, %(stock)s, %(condition)s, %(colour)s, %(price)s, %(mileage)s)"""
ACTIVITY_SQL = """insert into lead_activities (dealership_id, lead_id, type, description)
    values (%(d)s, %(lead)s, 'lead_created', %(description)s)"""


def _customer_row(customer_id: uuid.UUID, d: int, parsed: ParsedLead, now: datetime) -> dict[str, Any]:
    c = parsed.customer
    phone = c.primary_phone
    return {
        "id": customer_id,
        "d": d,
        "first": c.first_name,
        "last": c.last_name,
        "full": (c.full_name or "Unknown")[:255],
        "email": c.email,
        "phone": phone.number if phone else None,
        "e164": phone.e164 if phone else None,
        "city": c.city,
        "state": c.region,
        "zip": c.postal_code,
        "now": now,
    }


def _interest_rows(tenant: Tenant, lead_id: uuid.UUID, parsed: ParsedLead) -> list[dict[str, Any]]:
    rows = []
    primary_done = False
    for v in parsed.vehicles:
        wanted = v.interest in WANTED
        linked = tenant.by_vin.get(v.vin or "") or tenant.by_stock.get(v.stock_number or "")
        rows.append(
            {
                "d": tenant.dealership_id,
                "lead": lead_id,
                "vehicle": linked if wanted else None,
                "interest": v.interest,
                "primary": wanted and not primary_done,
                "year": v.year,
                "make": v.make,
                "model": v.model,
                "trim": v.trim,
                "body": v.body_style,
                "vin": v.vin,
                "stock": v.stock_number,
                "condition": v.condition,
                "colour": v.exterior_color,
                "price": v.price_cents,
                "mileage": v.mileage,
            }
        )
        primary_done = primary_done or wanted
    return rows


def raw_ingest(maint_url: str, tenant: Tenant, leads: list[GeneratedLead], split: int) -> tuple[Measured, Measured]:
    """All documents, with the time and outcomes at ``split`` documents too (the prefix the slower paths take)."""
    customers: dict[int, uuid.UUID] = {}
    outcomes: Counter[str] = Counter()
    d = tenant.dealership_id
    year = datetime.now(UTC).year % 100
    at_split = Measured(f"raw psycopg, first {split} documents", split, 0.0)
    with psycopg.connect(maint_url) as conn:
        started = time.perf_counter()
        for index, lead in enumerate(leads):
            if index == split:
                at_split.seconds, at_split.outcomes = time.perf_counter() - started, outcomes.copy()
            try:
                parsed = parse_adf(lead.document, region="US")
            except AdfError:
                outcomes["error"] += 1
                continue
            if lead.duplicate_of is not None:  # ground truth instead of dedupe queries
                outcomes["duplicate"] += 1
                continue
            now = datetime.now(UTC)
            lead_id = uuid.uuid4()
            primary = parsed.primary_id
            external = primary.value if primary else None
            issuer = primary.source.lower() if primary and primary.source else "api"
            with conn.transaction():
                customer_id = customers.get(lead.customer_index)
                if customer_id is None:
                    customer_id = customers[lead.customer_index] = uuid.uuid4()
                    conn.execute(CUSTOMER_SQL, _customer_row(customer_id, d, parsed, now))
                outcomes["created"] += 1
                number = f"LEAD-{year:02d}-{outcomes['created']:05d}"
                original = {"format": "adf", "raw": lead.document.decode(), "warnings": parsed.warnings}
                conn.execute(
                    LEAD_SQL,
                    {
                        "id": lead_id,
                        "d": d,
                        "customer": customer_id,
                        "user": tenant.user_id,
                        "number": number,
                        "key": f"id:{issuer}:{external}",
                        "external": external,
                        "description": parsed.comments,
                        "timeframe": parsed.timeframe and parsed.timeframe[:100],
                        "request_type": parsed.request_type,
                        "now": now,
                        "original": Jsonb(original),
                    },
                )
                rows = _interest_rows(tenant, lead_id, parsed)
                if rows:
                    with conn.cursor() as cur:
                        cur.executemany(INTEREST_SQL, rows)
                description = f"Lead {number} from {parsed.provider_name}"
                conn.execute(ACTIVITY_SQL, {"d": d, "lead": lead_id, "description": description})
        seconds = time.perf_counter() - started
    if split >= len(leads):
        at_split.seconds, at_split.outcomes = seconds, outcomes.copy()
    return at_split, Measured(f"raw psycopg, all {len(leads)} documents", len(leads), seconds, outcomes)


# --- b. the service path ----------------------------------------------------------------------------------------


async def service_ingest(db: Database, tenant: Tenant, leads: list[GeneratedLead], tasks: int) -> Measured:
    outcomes: Counter[str] = Counter()
    documents = iter(lead.document for lead in leads)

    async def worker() -> None:
        for document in documents:  # one shared iterator: each document is taken by exactly one task
            async with db.session(tenant.dealership_id) as s, s.begin():
                results = await process_payload(
                    s,
                    document,
                    content_type="application/xml",
                    actor=SYSTEM,
                    dealership_id=tenant.dealership_id,
                    channel="cli",
                )
            for r in results:
                outcomes["error" if r.result is None else "duplicate" if r.result.duplicate else "created"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    seconds = time.perf_counter() - started
    name = f"service: process_payload, {tasks} task{'s' if tasks > 1 else ''}"
    return Measured(name, len(leads), seconds, outcomes)


# --- c. HTTP ----------------------------------------------------------------------------------------------------


async def _poster(port: int, key: str, documents: Iterator[bytes], outcomes: Counter[str], lat: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = f"POST /api/v1/leads/adf HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
    head += "Content-Type: application/xml\r\n"
    try:
        for body in documents:
            started = time.perf_counter()
            writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            lat.append((time.perf_counter() - started) * 1000)
            outcomes[status_line.split(b" ")[1].decode()] += 1
    finally:
        writer.close()


def http_ingest(port: int, tenant: Tenant, leads: list[GeneratedLead], clients: int) -> Measured:
    async def run() -> Measured:
        outcomes: Counter[str] = Counter()
        latencies: list[float] = []
        documents = iter(lead.document for lead in leads)
        started = time.perf_counter()
        await asyncio.gather(*(_poster(port, tenant.key, documents, outcomes, latencies) for _ in range(clients)))
        seconds = time.perf_counter() - started
        return Measured(f"HTTP POST /leads/adf, {clients} clients", len(leads), seconds, outcomes, latencies)

    return asyncio.run(run())


# --- main -------------------------------------------------------------------------------------------------------


def report(baseline: Measured, results: list[Measured]) -> None:
    print(f"{'path':<48}{'docs':>7}{'seconds':>9}{'docs/s':>9}{'x raw':>7}{'p50 ms':>8}{'p99 ms':>8}")
    for r in (baseline, *results):
        ordered = sorted(r.latencies_ms)
        p50 = f"{statistics.median(ordered):>8.1f}" if ordered else f"{'':>8}"
        p99 = f"{ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]:>8.1f}" if ordered else f"{'':>8}"
        print(f"{r.name:<48}{r.documents:>7}{r.seconds:>9.1f}{r.rate:>9.0f}{r.rate / baseline.rate:>7.2f}{p50}{p99}")


async def prepare(settings: Settings, topo: Any, units: list[dict[str, Any]], labels: list[str]) -> list[Tenant]:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        return [await seed(db, label, units) for label in labels]
    finally:
        await db.dispose()


async def service_run(
    settings: Settings, topo: Any, tenant: Tenant, leads: list[GeneratedLead], tasks: int
) -> Measured:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        return await service_ingest(db, tenant, leads, tasks)
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=20000, help="documents to generate (the raw baseline takes all)")
    parser.add_argument(
        "--service-leads", type=int, default=4000, help="the first N documents for the service and HTTP paths (0: all)"
    )
    parser.add_argument("--clients", type=int, default=16, help="concurrent HTTP clients")
    parser.add_argument("--service-tasks", type=int, default=4, help="tasks of a 2nd service run (<2: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    leads = generate_leads(args.leads, seed=args.seed, vendor_name=VENDOR)
    prefix = leads[: args.service_leads or None]
    truth, prefix_truth = ground_truth(leads), ground_truth(prefix)
    units = inventory_from([parse_adf(lead.document) for lead in prefix], SEED_VEHICLES)
    print(
        f"generated {truth.documents} documents in {time.perf_counter() - started:.1f} s: {truth.leads} distinct "
        f"leads, {truth.duplicates} resends, {truth.customers} customers; the service and HTTP paths take the first "
        f"{prefix_truth.documents} ({prefix_truth.leads} leads, {prefix_truth.duplicates} resends, "
        f"{prefix_truth.customers} customers); {len(units)} vehicles seeded per dealership",
        flush=True,
    )
    labels = ["raw", "service", "http"] + (["service-concurrent"] if args.service_tasks > 1 else [])
    checks: list[str] = []
    with bench_database() as (settings, topo):
        maint_url = libpq(topo.maint)
        tenants = dict(zip(labels, asyncio.run(prepare(settings, topo, units, labels)), strict=True))

        baseline, raw_all = raw_ingest(maint_url, tenants["raw"], leads, len(prefix))
        checks += check("raw", count(maint_url, tenants["raw"].dealership_id, truth), truth, raw_all)
        print(f"raw: {baseline.rate:.0f} docs/s (first {len(prefix)}), {raw_all.rate:.0f} docs/s (all)", flush=True)
        results = [raw_all]

        runs = [("service", 1)] + ([("service-concurrent", args.service_tasks)] if args.service_tasks > 1 else [])
        for label, tasks in runs:
            results.append(asyncio.run(service_run(settings, topo, tenants[label], prefix, tasks)))
            counted = count(maint_url, tenants[label].dealership_id, prefix_truth)
            checks += check(f"service x{tasks}", counted, prefix_truth, results[-1])
            print(f"service x{tasks}: {results[-1].rate:.0f} docs/s", flush=True)

        port = free_port()
        env = {
            "SHOWROOM_DATA_DIR": str(settings.data_dir),
            "BENCH_MAINT_URL": maint_url,
            "SHOWROOM_DB_POOL_SIZE": "10",
        }
        if settings.database_url:
            env["DATABASE_URL"] = settings.database_url
        with server("bench.api_server", env, port):
            results.append(http_ingest(port, tenants["http"], prefix, args.clients))
        counted = count(maint_url, tenants["http"].dealership_id, prefix_truth)
        checks += check(f"http x{args.clients}", counted, prefix_truth, results[-1])

    print(
        f"\n{os.cpu_count()} CPUs, client and server on the same machine; x raw: against the raw baseline on the same "
        f"{len(prefix)} documents; target: service >= 0.5x raw; total {time.perf_counter() - started:.0f} s"
    )
    report(baseline, results)
    print()
    for line in checks:
        print(line)


if __name__ == "__main__":
    main()
