# History, 2026-11-26. The first raw baseline skipped dedupe lookups, audit rows, the conversation and the job
# (the service was "0.10x" of it); it now writes the same rows. The service then did ~24 statements per document
# through the ORM (~12 ms of Python CPU, over half of it in unit-of-work flushes) and round robin read every lead
# of every user (3.3 ms at 3,800 leads, growing). Now: migration 0010 indexes the round-robin read, one lock
# statement, number and assignee in one read, the new rows in one statement (db.rows.flush, since retired), hot
# reads and the job through db.engine.fetch_one: 37 -> ~65 docs/s sequential, 0.30x -> 0.58-0.71x of the raw baseline.
# 2026-12-06: db.rows is gone. The service's new rows are written by the session's unit of work (``session.flush()``;
# db.engine.OrderedSession inserts them table by table in foreign-key order: a new customer, the lead, its vehicle
# interests, conversation, activities, audit rows) and the customer's lead count is incremented in SQL. Counted
# through psycopg: ~17 statements per document; rows whose server defaults the ORM reads back (audit rows, vehicle
# interests) get an INSERT ... RETURNING each. Figures not measured again since.
# 2026-12-06, issue 14 (each prospect in its own savepoint, contacts checked and flagged, sources by provider key,
# consent): measured back to back with the code before it, on a machine at load average 6 on 2 CPUs (other work):
# service 0.27x raw before, 0.35x after (--leads 3000 --service-leads 1000); the ratios moved with the load (an
# earlier run of the code before: 0.40x). The service's Python CPU per document, less sensitive to that load:
# 8.98 ms before, 8.70 ms after (1,000 documents; the contact normalisers are now cached). The 0.5x target was not
# shown on this machine either way.
"""ADF lead ingestion: raw psycopg inserts vs the service path (process_payload) vs HTTP POST /api/v1/leads/adf.

    python -m bench.adf_ingest [--leads 20000] [--clients 16] [--service-tasks 4]

Target (issue): the service path at least 0.5x the raw baseline's documents per second.

Every path takes the same generated documents (bench.adf_generator: 30% repeat customers, 5% byte-exact resends)
and runs on its own, freshly seeded dealership in the same database (no truncation): dealership, a
``leads:write`` API key, one sales user for round-robin assignment, and a few hundred vehicles whose VINs and
stock numbers are taken from the generated documents, so some vehicle interests get linked to inventory.

* raw: the same rows as the service, written with plain psycopg statements, one transaction per document:
  parse_adf and the intake's own pure mapping (``to_intake``, ``lead_key``), then the lookups a correct
  implementation needs (the lead by its dedupe key, the customer by e-mail/phone, the next lead number, the
  round-robin user, the linked vehicles) and the writes (customer or its update, lead source upsert, lead,
  vehicle interests, conversation, first-reply job, activity, audit rows; for a resend its activity, the lead's
  last contact and an audit row). As the BYPASSRLS maintenance login, sequential, so without RLS, tenant
  settings, advisory locks or savepoints: the floor under what the service must do.
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
import json
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
from showroom.leads.adf.model import AdfError, ParsedLead
from showroom.leads.adf.parse import parse_adf
from showroom.leads.adf_intake import process_payload, to_intake
from showroom.leads.contacts import full_name, normalize_email, normalize_phone, split_name
from showroom.leads.intake_model import IntakeLead, lead_key, primary_wanted
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

# The rows the service writes, as plain SQL. Per new lead: the customer (inserted, or updated when known) and its
# audit row, the lead source upsert, the lead, its vehicle interests, the conversation, the lead_created activity,
# the first-reply job and the lead's audit row; per resend: the duplicate_received activity, the lead's
# last_contact_date and an audit row. The lookups a correct implementation needs are made too: the lead by its
# dedupe key, the customer by e-mail/phone, the next lead number, the round-robin user and the linked vehicles.
FIND_LEAD_SQL = "select id from leads where dealership_id = %s and source_key = %s"
FIND_CUSTOMER_SQL = """select id from customers where dealership_id = %(d)s
    and (email_normalized = %(email)s or phone_e164 = %(e164)s) order by email_normalized = %(email)s desc limit 1"""
CUSTOMER_SQL = """insert into customers (id, dealership_id, first_name, last_name, full_name, email, email_normalized,
    phone, phone_e164, alternate_phone, address, city, state, zip_code, country, first_contact_date, last_contact_date,
    total_leads)
    values (%(id)s, %(d)s, %(first)s, %(last)s, %(full)s, %(email)s, %(email)s, %(phone)s, %(e164)s, %(alternate)s,
    %(address)s, %(city)s, %(state)s, %(zip)s, coalesce(%(country)s, 'US'), %(now)s, %(now)s, 1)"""
KNOWN_CUSTOMER_SQL = """update customers set last_contact_date = %(now)s, total_leads = total_leads + 1,
    email = coalesce(email, %(email)s), email_normalized = coalesce(email_normalized, %(email)s),
    phone = coalesce(phone, %(phone)s), phone_e164 = coalesce(phone_e164, %(e164)s),
    first_name = coalesce(first_name, %(first)s), last_name = coalesce(last_name, %(last)s) where id = %(id)s"""
SOURCE_SQL = """insert into lead_sources (id, dealership_id, name, type, total_leads) values (%s, %s, %s, %s, 1)
    on conflict (dealership_id, name) do update set total_leads = lead_sources.total_leads + 1 returning id"""
NUMBER_SQL = """select lead_number from leads where dealership_id = %s and lead_number >= %s and lead_number < %s
    order by lead_number desc limit 1"""
ROUND_ROBIN_SQL = """select u.id from users u
    where u.dealership_id = %s and u.is_active and u.role in ('user', 'manager')
    order by (select max(l.created_at) from leads l where l.assigned_user_id = u.id) asc nulls first, u.id
    limit 1"""
VEHICLES_SQL = """select id, vin, stock_number from vehicles where dealership_id = %s
    and (vin = any(%s) or stock_number = any(%s))"""
LEAD_SQL = """insert into leads (id, dealership_id, customer_id, source_id, assigned_user_id, lead_number, source,
    source_key, external_id, description, timeframe, request_type, request_category, first_contact_date,
    last_contact_date, original_payload)
    values (%(id)s, %(d)s, %(customer)s, %(source)s, %(user)s, %(number)s, 'adf_email', %(key)s, %(external)s,
    %(description)s, %(timeframe)s, %(request_type)s, %(category)s, %(now)s, %(now)s, %(original)s)"""
INTEREST_SQL = """insert into vehicle_interests (id, dealership_id, lead_id, vehicle_id, interest, is_primary, year,
    make, model, trim, body_style, vin, stock_number, condition, exterior_color, interior_color, price, mileage,
    mileage_max, fuel_type, transmission, features)
    values (%(id)s, %(d)s, %(lead)s, %(vehicle)s, %(interest)s, %(primary)s, %(year)s, %(make)s, %(model)s,
    %(trim)s, %(body)s, %(vin)s, %(stock)s, %(condition)s, %(colour)s, %(interior)s, %(price)s, %(mileage)s,
    %(mileage_max)s, %(fuel)s, %(transmission)s, %(features)s)"""
CONVERSATION_SQL = """insert into conversations (id, dealership_id, lead_id, customer_id, assigned_user_id, subject,
    channel) values (%s, %s, %s, %s, %s, %s, %s)"""
ACTIVITY_SQL = """insert into lead_activities (id, dealership_id, lead_id, type, description, external_id, created_at)
    values (%s, %s, %s, %s, %s, %s, %s)"""
TOUCH_LEAD_SQL = "update leads set last_contact_date = %s where id = %s"
JOB_SQL = """select unnest(procrastinate_defer_jobs_v1(array[row('agent', 'showroom:conversation.first_reply', 0,
    null, null, %s::jsonb, null)::procrastinate_job_to_defer_v1]))"""
AUDIT_SQL = """insert into audit_logs (id, dealership_id, actor_type, action, resource_type, resource_id, after,
    details) values (%s, %s, 'system', %s, %s, %s, %s, %s)"""


def _cut(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


def _customer_row(
    customer_id: uuid.UUID, d: int, lead: IntakeLead, email: str | None, phone: str | None, now: datetime
) -> dict[str, Any]:
    c = lead.customer
    first, last = c.first_name, c.last_name
    if not (first or last) and c.full_name:
        first, last = split_name(c.full_name)
    return {
        "id": customer_id,
        "d": d,
        "first": _cut(first, 100),
        "last": _cut(last, 100),
        "full": _cut(full_name(first, last, fallback=c.full_name or "Unknown"), 255),
        "email": email,
        "phone": _cut(c.phone, 50),
        "e164": phone,
        "alternate": _cut(c.alternate_phone, 50),
        "address": _cut(c.address, 255),
        "city": _cut(c.city, 100),
        "state": _cut(c.state, 50),
        "zip": _cut(c.zip_code, 20),
        "country": c.country,
        "now": now,
    }


def _interest_rows(d: int, lead_id: uuid.UUID, lead: IntakeLead, ours: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    primary_done = False
    for v in lead.vehicles:
        wanted = v.interest in WANTED
        rows.append(
            {
                "id": uuid.uuid4(),
                "d": d,
                "lead": lead_id,
                "vehicle": (ours.get(f"vin:{v.vin}") or ours.get(f"stock:{v.stock_number}")) if wanted else None,
                "interest": v.interest,
                "primary": wanted and not primary_done,
                "year": v.year if v.year and 1900 <= v.year <= 2100 else None,
                "make": _cut(v.make, 100),
                "model": _cut(v.model, 100),
                "trim": _cut(v.trim, 100),
                "body": _cut(v.body_style, 100),
                "vin": v.vin if v.vin and len(v.vin) == 17 else None,
                "stock": _cut(v.stock_number, 50),
                "condition": v.condition if v.condition in ("new", "used", "cpo", "any") else None,
                "colour": _cut(v.exterior_color, 100),
                "interior": _cut(v.interior_color, 100),
                "price": v.price,
                "mileage": v.mileage if v.interest in ("trade-in", "sell") else None,
                "mileage_max": v.mileage if wanted else None,
                "fuel": _cut(v.fuel_type, 50),
                "transmission": _cut(v.transmission, 100),
                "features": Jsonb(v.features),
            }
        )
        primary_done = primary_done or wanted
    return rows


def _raw_one(conn: psycopg.Connection[Any], d: int, document: bytes) -> str:
    """One document, in its own transaction: 'created' or 'duplicate'."""
    lead = to_intake(parse_adf(document, region="US"), document.decode())
    email = normalize_email(lead.customer.email)
    phone = lead.customer.phone_e164 or normalize_phone(lead.customer.phone, "US")
    key = lead_key(lead, email, phone)
    now = datetime.now(UTC)
    with conn.transaction():
        found = conn.execute(FIND_LEAD_SQL, [d, key]).fetchone()
        if found is not None:
            conn.execute(
                ACTIVITY_SQL,
                [
                    uuid.uuid4(),
                    d,
                    found[0],
                    "duplicate_received",
                    "The same enquiry arrived again",
                    lead.external_id,
                    now,
                ],
            )
            conn.execute(TOUCH_LEAD_SQL, [now, found[0]])
            details = Jsonb({"source": lead.source_type, "provider": lead.provider})
            conn.execute(AUDIT_SQL, [uuid.uuid4(), d, "lead.duplicate_received", "lead", str(found[0]), None, details])
            return "duplicate"
        known = conn.execute(FIND_CUSTOMER_SQL, {"d": d, "email": email, "e164": phone}).fetchone()
        if known is None:
            customer_id = uuid.uuid4()
            conn.execute(CUSTOMER_SQL, _customer_row(customer_id, d, lead, email, phone, now))
            created = Jsonb({"via": "intake"})
            conn.execute(AUDIT_SQL, [uuid.uuid4(), d, "customer.create", "customer", str(customer_id), None, created])
        else:
            customer_id = known[0]
            conn.execute(KNOWN_CUSTOMER_SQL, _customer_row(customer_id, d, lead, email, phone, now))
        provider = (lead.provider or "ADF Email")[:100]
        source_row = conn.execute(SOURCE_SQL, [uuid.uuid4(), d, provider, lead.source_type]).fetchone()
        prefix = f"LEAD-{now.year % 100:02d}-"
        last = conn.execute(NUMBER_SQL, [d, prefix, prefix[:-1] + "."]).fetchone()
        number = f"{prefix}{int(last[0].rsplit('-', 1)[1]) + 1 if last else 1:05d}"
        user = conn.execute(ROUND_ROBIN_SQL, [d]).fetchone()
        vins = [v.vin for v in lead.vehicles if v.vin]
        stocks = [v.stock_number for v in lead.vehicles if v.stock_number]
        ours: dict[str, int] = {}
        if vins or stocks:
            for vid, vin, stock in conn.execute(VEHICLES_SQL, [d, vins, stocks]):
                ours[f"vin:{vin}"] = vid
                if stock:
                    ours[f"stock:{stock}"] = vid
        lead_id = uuid.uuid4()
        assert source_row is not None
        conn.execute(
            LEAD_SQL,
            {
                "id": lead_id,
                "d": d,
                "customer": customer_id,
                "source": source_row[0],
                "user": user[0] if user else None,
                "number": number,
                "key": key,
                "external": _cut(lead.external_id, 255),
                "description": lead.message,
                "timeframe": _cut(lead.timeframe, 100),
                "request_type": _cut(lead.request_type, 50),
                "category": _cut(lead.request_category, 100),
                "now": lead.received_at,
                "original": Jsonb(lead.original),
            },
        )
        rows = _interest_rows(d, lead_id, lead, ours)
        if rows:
            with conn.cursor() as cur:
                cur.executemany(INTEREST_SQL, rows)
        wanted = primary_wanted(lead.vehicles)
        what = f" about {wanted.label()}" if wanted and wanted.label() else ""
        if lead.open_conversation:
            conversation_id = uuid.uuid4()
            channel = "email" if email else "sms" if phone else "chat"
            conn.execute(
                CONVERSATION_SQL,
                [
                    conversation_id,
                    d,
                    lead_id,
                    customer_id,
                    user[0] if user else None,
                    f"{provider}{what}"[:255],
                    channel,
                ],
            )
            conn.execute(JOB_SQL, [json.dumps({"conversation_id": str(conversation_id), "dealership_id": d})])
        description = f"Lead {number} from {provider}{what}"
        conn.execute(ACTIVITY_SQL, [uuid.uuid4(), d, lead_id, "lead_created", description, None, now])
        after = {"lead_number": number, "source": lead.source_type, "source_key": key, "customer_id": str(customer_id)}
        conn.execute(AUDIT_SQL, [uuid.uuid4(), d, "lead.create", "lead", str(lead_id), Jsonb(after), Jsonb({})])
    return "created"


def raw_ingest(maint_url: str, tenant: Tenant, leads: list[GeneratedLead], split: int) -> tuple[Measured, Measured]:
    """All documents, with the time and outcomes at ``split`` documents too (the prefix the slower paths take)."""
    outcomes: Counter[str] = Counter()
    at_split = Measured(f"raw psycopg, first {split} documents", split, 0.0)
    with psycopg.connect(maint_url) as conn:
        started = time.perf_counter()
        for index, lead in enumerate(leads):
            if index == split:
                at_split.seconds, at_split.outcomes = time.perf_counter() - started, outcomes.copy()
            try:
                outcomes[_raw_one(conn, tenant.dealership_id, lead.document)] += 1
            except AdfError:
                outcomes["error"] += 1
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
