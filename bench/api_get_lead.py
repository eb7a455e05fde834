"""Authenticated GET of one lead (API key and session cookie) vs a bare raw-psycopg endpoint, same server.

    python -m bench.api_get_lead [--seconds 10] [--concurrency 32]

Target (issue 4): the real endpoint's throughput at least 0.67x the bare one, p50 within 1.5x.
"""

from __future__ import annotations

import argparse
import asyncio
import os

import httpx

from bench.common import bench_database, free_port, load, report, server
from showroom.auth.passwords import _hash
from showroom.auth.tokens import api_key_prefix, hash_token, new_api_key
from showroom.db.engine import open_database
from showroom.db.urls import libpq
from showroom.models import ApiKey, Customer, Dealership, Lead, User

PASSWORD = "benchmark-passphrase-1"


async def seed(settings, topo, leads: int) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    db = open_database(settings, topo.app, topo.maint, process="bench")
    key = new_api_key()
    try:
        async with db.maint_session() as maint, maint.begin():
            d = Dealership(name="Bench Motors", subdomain="bench", contact_email="b@bench.example")
            maint.add(d)
            await maint.flush()
            maint.add(
                User(
                    dealership_id=d.id,
                    email="admin@bench.example",
                    role="dealership_admin",
                    password_hash=_hash(PASSWORD),
                )
            )
            maint.add(
                ApiKey(
                    dealership_id=d.id,
                    name="bench",
                    key_prefix=api_key_prefix(key),
                    key_hash=hash_token(key),
                    scopes=["leads:read"],
                )
            )
            lead_id = None
            for i in range(leads):
                c = Customer(
                    dealership_id=d.id,
                    full_name=f"Customer {i}",
                    email=f"c{i}@example.com",
                    email_normalized=f"c{i}@example.com",
                )
                maint.add(c)
                await maint.flush()
                lead = Lead(
                    dealership_id=d.id,
                    customer_id=c.id,
                    lead_number=f"LEAD-26-{i + 1:05d}",
                    source="api",
                    source_key=f"id:bench:{i}",
                    description="Interested in a Tucson",
                )
                maint.add(lead)
                await maint.flush()
                lead_id = str(lead.id)
        assert lead_id is not None
        return lead_id, key, "admin@bench.example"
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--leads", type=int, default=500)
    args = parser.parse_args()
    with bench_database() as (settings, topo):
        lead_id, key, email = asyncio.run(seed(settings, topo, args.leads))
        port = free_port()
        env = {
            "SHOWROOM_DATA_DIR": str(settings.data_dir),
            "BENCH_MAINT_URL": libpq(topo.maint),
            "SHOWROOM_DB_POOL_SIZE": "10",
            "SHOWROOM_LOGIN_MAX_FAILURES_PER_IP": "1000",
        }
        if settings.database_url:
            env["DATABASE_URL"] = settings.database_url
        with server("bench.api_server", env, port):
            login = httpx.post(
                f"http://127.0.0.1:{port}/api/v1/auth/login", json={"email": email, "password": PASSWORD}
            )
            login.raise_for_status()
            cookie = f"showroom_session={login.cookies['showroom_session']}"
            warm = {"concurrency": args.concurrency, "seconds": 2.0}
            run = {"concurrency": args.concurrency, "seconds": args.seconds}
            load("warm-up", port, f"/bench/raw-lead/{lead_id}", {}, **warm)
            load("warm-up", port, f"/api/v1/leads/{lead_id}", {"Authorization": f"Bearer {key}"}, **warm)
            baseline = load("bare: raw psycopg, no auth/ORM/RLS", port, f"/bench/raw-lead/{lead_id}", {}, **run)
            api_key = load(
                "GET /leads/{id} with API key",
                port,
                f"/api/v1/leads/{lead_id}",
                {"Authorization": f"Bearer {key}"},
                **run,
            )
            session = load("GET /leads/{id} with session", port, f"/api/v1/leads/{lead_id}", {"Cookie": cookie}, **run)
    print(
        f"\n{args.concurrency} concurrent keep-alive clients, {args.seconds:.0f} s each, {os.cpu_count()} CPUs, "
        "client and server on the same machine"
    )
    report(baseline, [api_key, session])


if __name__ == "__main__":
    main()
