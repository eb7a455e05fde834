"""Composite tenant keys (migration 0023) vs the single-column keys before it, same database, same run.

    python -m bench.tenant_keys [--conversations 20000] [--messages 200000] [--ops 3000]

Seeds one dealership (customers, leads, conversations, messages), then, as the service login under RLS with the
tenant set, times the hot writes and reads whose cost the keys change: inserting a message (its primary key and
its foreign-key check to the conversation) and reading a message and a lead by id. Measured at head, after a
downgrade to 0023 (the baseline, before the tenant keys), and at head again; prints head / baseline per
operation. Also prints how long the upgrade and the downgrade took on this data.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import psycopg
from alembic import command

from bench.common import bench_database
from showroom.db import migrate
from showroom.db.urls import Topology, libpq
from showroom.settings import Settings

SEED = """
insert into dealerships (name, subdomain, contact_email) values ('Bench', 'bench-keys', 'b@bench.example')
returning id
"""


def seed(owner: str, conversations: int, messages: int) -> int:
    with psycopg.connect(owner, autocommit=True) as conn:
        row = conn.execute(SEED).fetchone()
        assert row is not None
        d = int(row[0])
        conn.execute(
            "insert into customers (dealership_id, full_name, email_normalized) "
            "select %s, 'C ' || g, 'c' || g || '@x.example' from generate_series(1, %s) g",
            (d, conversations),
        )
        conn.execute(
            "insert into leads (dealership_id, customer_id, lead_number, source, source_key) "
            "select %s, id, 'L' || row_number() over (), 'website_form', id::text from customers",
            (d,),
        )
        conn.execute(
            "insert into conversations (dealership_id, lead_id, customer_id, channel) "
            "select %s, id, customer_id, 'chat' from leads",
            (d,),
        )
        conn.execute(
            "insert into messages (dealership_id, conversation_id, type, sender, channel, content, delivery_status) "
            "select %s, c.id, 'inbound', 'customer', 'chat', 'hello ' || g, 'received' "
            "from conversations c, generate_series(1, %s) g",
            (d, max(1, messages // conversations)),
        )
        conn.execute("analyze")
    return d


def timed(label: str, n: int, op: Callable[[int], Any]) -> tuple[str, float]:
    start = time.perf_counter()
    for i in range(n):
        op(i)
    return label, (time.perf_counter() - start) / n * 1e6  # µs per operation


def measure(app: str, d: int, ops: int) -> dict[str, float]:
    with psycopg.connect(app) as conn:
        conn.execute("select set_config('app.dealership_id', %s, false)", (str(d),))
        conversations = [r[0] for r in conn.execute("select id from conversations")]
        messages = [r[0] for r in conn.execute("select id from messages limit 50000")]
        leads = [r[0] for r in conn.execute("select id from leads")]
        conn.commit()
        rng = random.Random(7)

        def insert(i: int) -> None:
            conn.execute(
                "insert into messages (dealership_id, conversation_id, type, sender, channel, content, "
                "delivery_status) values (%s, %s, 'inbound', 'customer', 'chat', 'bench', 'received')",
                (d, rng.choice(conversations)),
            )
            if i % 100 == 99:
                conn.commit()

        results = dict(
            [
                timed("insert a message", ops, insert),
                timed(
                    "read a message by id",
                    ops,
                    lambda _: conn.execute("select * from messages where id = %s", (rng.choice(messages),)).fetchone(),
                ),
                timed(
                    "read a lead by id",
                    ops,
                    lambda _: conn.execute("select * from leads where id = %s", (rng.choice(leads),)).fetchone(),
                ),
            ]
        )
        conn.rollback()
    return results


def migrate_to(settings: Settings, topo: Topology, revision: str) -> float:
    start = time.perf_counter()
    if revision == "head":
        migrate.upgrade(settings, topo)
    else:
        with migrate.owner_connection(topo) as conn, conn.begin():
            command.downgrade(migrate.alembic_config(conn), revision)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--ops", type=int, default=3_000)
    args = parser.parse_args()
    with bench_database() as (settings, topo):
        d = seed(libpq(topo.owner), args.conversations, args.messages)
        app = libpq(topo.app)
        head = [measure(app, d, args.ops)]
        down = migrate_to(settings, topo, "0023")
        base = measure(app, d, args.ops)
        up = migrate_to(settings, topo, "head")
        head.append(measure(app, d, args.ops))
    print(f"{args.conversations} conversations, {args.messages} messages; {args.ops} operations each")
    print(f"migration 0023 on this data: upgrade {up:.1f} s, downgrade {down:.1f} s")
    print(f"{'operation':<24} {'baseline µs':>12} {'head µs':>9} {'head / baseline':>16}")
    for op, us in base.items():
        mean = statistics.mean(h[op] for h in head)
        print(f"{op:<24} {us:>12.0f} {mean:>9.0f} {mean / us:>16.2f}")


if __name__ == "__main__":
    main()
