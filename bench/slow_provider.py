"""A slow provider: the builtin agent delayed 2 s, 50 conversations answered at once, staff reading meanwhile.

    python -m bench.slow_provider [--conversations 50] [--delay 2] [--rounds 3] [--staff 2] [--baseline-seconds 5]

Target (issue): "a builtin provider artificially delayed 2 s, 50 concurrent conversations: no pool timeouts, and
staff API reads meanwhile keep their normal latency". A turn asks the provider with no transaction open and no
pooled connection held (``conversations.turn``), so 50 turns waiting 2 s each on the provider need none of the
pool's 10 + 10 connections (the defaults, ``SHOWROOM_DB_POOL_SIZE`` / ``SHOWROOM_DB_MAX_OVERFLOW``); were a
connection held across the call, 50 turns would queue for 20 connections (3 waves of 2 s: the pool full most of the
time, the 50 never waiting on the provider at once; ``--hold-connection`` shows it). Steps 1 and 3 of 50 turns
arriving together do need a connection each, briefly: those bursts may fill the pool and wait for it (within
``SHOWROOM_DB_POOL_TIMEOUT``).

Data: ``bench.chat_turn``'s seeding (two dealerships; vehicles, customers, leads, chat conversations with their
history), ``--messages`` and ``--vehicles`` in all; then, in the first dealership, a staff user (role ``user``)
and an API key with the ``conversations:write`` scope, as an integration posting its customers' messages has.

The real app (``showroom.app.create_app`` with its lifespan, the default pool sizes) runs in this process behind
``httpx.ASGITransport``, as the tests drive it: the turns, the staff reads and this bench share one event loop, as
one ``showroom serve`` worker would. Two clients:

* chat: ``POST /api/v1/conversations/{id}/messages`` with the API key (``routes.add_message``: ``service.get``
  then ``turn.receive``), one inventory question to each of ``--conversations`` active chat conversations at
  once; a round ends when every one is answered; ``--rounds`` rounds back to back.
* staff: ``--staff`` loops signed in with a session cookie, each alternating ``GET /api/v1/leads?limit=20`` and
  ``GET /api/v1/conversations/{id}`` (a conversation outside the chat set) back to back: first alone (the
  baseline, ``--baseline-seconds``), then for as long as the chat rounds last.

The delay is a monkeypatch of ``BuiltinProvider.reply`` in this process only (see ``install_delay``): every reply
waits ``--delay`` seconds, then composes as usual (``--hold-connection``, a control run: holding a pooled
connection meanwhile, which the checks below must catch). Measured besides latency: every response that is not 2xx and
every exception (a pool timeout is a 503), the most connections the app engine's pool had checked out (its
``checkout`` events, ``pool.checkedout()``) and, sampled every 5 ms, how often it was full and how late the event
loop ran (CPU: a staff read waits behind the turns' Python work whatever the pool), the connections checked out at
the moment all the round's turns are waiting on the provider, whether a ``SELECT ... FOR UPDATE NOWAIT`` of their
conversations (maintenance login) succeeds at that moment (no row lock held by a waiting turn), and, in the database
afterwards, that every posted message has its AI reply (``in_reply_to``, model ``builtin-1``: the provider answered,
no handover or skip).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
from psycopg.rows import dict_row
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.chat_turn import TURN_TEXTS
from bench.chat_turn import seed as seed_chats
from bench.common import bench_database
from showroom.agent.providers import BuiltinProvider, ProviderReply, ReplyRequest
from showroom.app import create_app
from showroom.auth.passwords import _hash
from showroom.auth.tokens import api_key_prefix, hash_token, new_api_key
from showroom.db.engine import Database, open_database
from showroom.db.urls import Topology, libpq
from showroom.models import ApiKey, User
from showroom.settings import Settings

PASSWORD = "benchmark-passphrase-1"
STAFF_EMAIL = "sales@slow-provider.bench.example"


# --- the slow provider ---------------------------------------------------------------------------------------------


@dataclass
class Watch:
    """The app pool's checked-out connections, and what the provider calls saw."""

    pool: Any
    most: int = 0  # the most connections checked out at once since the last reset
    waiting: int = 0  # turns inside the provider call now
    calls: int = 0
    target: int = 0  # the round's turns: when that many wait on the provider at once, ``all_waiting`` is set
    all_waiting: asyncio.Event = field(default_factory=asyncio.Event)

    def checked_out(self) -> int:
        return int(self.pool.checkedout())

    def reset(self) -> None:
        self.most = self.checked_out()


def watch_pool(db: Database) -> Watch:
    watch = Watch(db.app_engine.sync_engine.pool)

    @event.listens_for(watch.pool, "checkout")
    def checkout(*_: Any) -> None:
        watch.most = max(watch.most, watch.checked_out())

    return watch


@dataclass
class Samples:
    """Every ``TICK`` seconds: the pool's checked-out connections and how late the event loop woke this task (time
    the loop spent on other work: a staff read waits that long too, whatever the pool)."""

    checked_out: list[int] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)


TICK = 0.005


async def sample(watch: Watch, samples: Samples, stop: asyncio.Event) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(TICK)
        samples.lag_ms.append(max((time.perf_counter() - started - TICK) * 1000, 0.0))
        samples.checked_out.append(watch.checked_out())


def install_delay(delay: float, watch: Watch, hold: AsyncEngine | None = None) -> None:
    """BENCHMARK ONLY, this process only: every builtin reply waits ``delay`` seconds first, as a slow LLM would
    (the product's code is untouched; the turn calls ``provider.reply`` as always). ``hold``: the control run, the
    wait holds one of that engine's connections, as a turn holding its connection across the call would."""
    compose = BuiltinProvider.reply

    async def slow_reply(self: BuiltinProvider, req: ReplyRequest) -> ProviderReply:
        watch.calls += 1
        watch.waiting += 1
        if watch.waiting == watch.target:
            watch.all_waiting.set()
        try:
            if hold is None:
                await asyncio.sleep(delay)
            else:
                async with hold.connect() as conn:
                    await conn.exec_driver_sql("select 1")
                    await asyncio.sleep(delay)
        finally:
            watch.waiting -= 1
        return await compose(self, req)

    BuiltinProvider.reply = slow_reply  # type: ignore[method-assign]


# --- seeding ---------------------------------------------------------------------------------------------------------


@dataclass
class Setup:
    dealership_id: int
    api_key: str
    chats: list[uuid.UUID]  # the conversations the customers write to
    warm_up: uuid.UUID  # one more, for the warm-up turn
    staff_reads: uuid.UUID  # the one staff open


async def prepare(settings: Settings, topo: Topology, *, messages: int, vehicles: int, conversations: int) -> Setup:
    seeded = await seed_chats(settings, topo, messages=messages, vehicles=vehicles)
    d = seeded.dealership_id
    key = new_api_key()
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        async with db.maint_session() as maint, maint.begin():
            maint.add(User(dealership_id=d, email=STAFF_EMAIL, role="user", password_hash=_hash(PASSWORD)))
            maint.add(
                ApiKey(
                    dealership_id=d,
                    name="bench integration",
                    key_prefix=api_key_prefix(key),
                    key_hash=hash_token(key),
                    scopes=["conversations:write"],
                )
            )
    finally:
        await db.dispose()
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint), row_factory=dict_row) as conn:
        rows = await (
            await conn.execute(
                "SELECT id FROM conversations WHERE dealership_id = %s AND status = 'active' AND NOT ai_paused "
                "ORDER BY md5(id::text) LIMIT %s",
                (d, conversations + 2),
            )
        ).fetchall()
    if len(rows) < conversations + 2:
        raise SystemExit(f"only {len(rows)} active conversations; seed more --messages")
    ids = [row["id"] for row in rows]
    return Setup(d, key, ids[:conversations], ids[-2], ids[-1])


# --- the clients -----------------------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # status codes and exceptions, as text
    seconds: float = 0.0
    samples: Samples = field(default_factory=Samples)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")


async def timed(phase: Phase, call: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await call()
    except Exception as exc:  # an app exception surfaces here under ASGITransport: counted, the run goes on
        phase.latencies_ms.append((time.perf_counter() - started) * 1000)
        phase.failures.append(type(exc).__name__)
        return None
    phase.latencies_ms.append((time.perf_counter() - started) * 1000)
    if not response.is_success:
        phase.failures.append(str(response.status_code))
    return response


async def staff_loop(client: httpx.AsyncClient, conversation_id: uuid.UUID, phase: Phase, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await timed(phase, lambda: client.get("/api/v1/leads", params={"limit": 20}))
        await timed(phase, lambda: client.get(f"/api/v1/conversations/{conversation_id}"))


async def staff_phase(
    clients: list[httpx.AsyncClient],
    conversation_id: uuid.UUID,
    phase: Phase,
    until: Awaitable[Any],
    watch: Watch | None = None,
) -> Any:
    """The staff loops (and the sampler, given ``watch``), running until ``until`` is done; its result."""
    stop = asyncio.Event()
    loops = [asyncio.create_task(staff_loop(c, conversation_id, phase, stop)) for c in clients]
    if watch is not None:
        loops.append(asyncio.create_task(sample(watch, phase.samples, stop)))
    started = time.perf_counter()
    try:
        return await until
    finally:
        stop.set()
        await asyncio.gather(*loops)
        phase.seconds = time.perf_counter() - started


def new_client(app: Any, address: str, **headers: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers, timeout=120)


@dataclass
class LockCheck:
    checked_out: int  # app pool connections checked out while every turn of the round waited on the provider
    waiting: int
    locked: str | None  # None: FOR UPDATE NOWAIT on their conversations succeeded


async def check_locks(watch: Watch, maint_url: str, conversations: list[uuid.UUID]) -> LockCheck:
    """Once all the round's turns wait on the provider: the pool's count, and whether their rows can be locked."""
    await watch.all_waiting.wait()
    checked_out, waiting = watch.checked_out(), watch.waiting
    locked = None
    async with await psycopg.AsyncConnection.connect(maint_url) as conn:
        try:
            async with conn.transaction(force_rollback=True):
                await conn.execute(
                    "SELECT id FROM conversations WHERE id = ANY(%s) FOR UPDATE NOWAIT", (conversations,)
                )
        except psycopg.errors.LockNotAvailable as exc:
            locked = str(exc).strip()
    return LockCheck(checked_out, waiting, locked)


async def chat_round(
    chat: httpx.AsyncClient, setup: Setup, round_no: int, phase: Phase, posted: list[uuid.UUID]
) -> None:
    async def post(i: int, conversation_id: uuid.UUID) -> None:
        text = TURN_TEXTS[(i + round_no) % len(TURN_TEXTS)]
        response = await timed(
            phase, lambda: chat.post(f"/api/v1/conversations/{conversation_id}/messages", json={"content": text})
        )
        if response is not None and response.is_success:
            posted.append(uuid.UUID(response.json()["id"]))

    await asyncio.gather(*(post(i, c) for i, c in enumerate(setup.chats)))


# --- the run ---------------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    baseline: Phase
    loaded: Phase
    turns: Phase
    most_baseline: int
    most_loaded: int
    checks: list[LockCheck]
    posted: list[uuid.UUID]
    replies: int
    provider_calls: int
    pool_size: int
    max_overflow: int


async def run(settings: Settings, topo: Topology, setup: Setup, args: argparse.Namespace) -> Outcome:
    db = open_database(settings, topo.app, topo.maint, process="web")
    app = create_app(settings, database=db)
    watch = watch_pool(db)
    install_delay(args.delay, watch, db.app_engine if args.hold_connection else None)
    maint_url = libpq(topo.maint)
    try:
        async with app.router.lifespan_context(app):
            staff = [new_client(app, f"10.0.1.{i + 1}") for i in range(args.staff)]
            chat = new_client(app, "10.0.2.1", Authorization=f"Bearer {setup.api_key}")
            for client in staff:
                login = await client.post("/api/v1/auth/login", json={"email": STAFF_EMAIL, "password": PASSWORD})
                login.raise_for_status()
            # Warm-up: staff reads, and one (slow) turn to load the per-process caches (catalog, triggers, persona).
            warm = Phase("warm-up")
            warm_turn = chat.post(f"/api/v1/conversations/{setup.warm_up}/messages", json={"content": TURN_TEXTS[0]})
            await staff_phase(staff, setup.staff_reads, warm, warm_turn)

            watch.reset()
            baseline = Phase("staff reads, no chat load")
            await staff_phase(staff, setup.staff_reads, baseline, asyncio.sleep(args.baseline_seconds), watch)
            most_baseline = watch.most

            watch.reset()
            calls_before = watch.calls
            loaded = Phase(f"staff reads, {len(setup.chats)} slow turns")
            turns = Phase(f"POST message ({args.delay:g} s provider)")
            posted: list[uuid.UUID] = []
            checks: list[LockCheck] = []

            async def rounds() -> None:
                for round_no in range(args.rounds):
                    watch.target, watch.all_waiting = len(setup.chats), asyncio.Event()
                    check = asyncio.create_task(check_locks(watch, maint_url, setup.chats))
                    await chat_round(chat, setup, round_no, turns, posted)
                    if watch.all_waiting.is_set():
                        checks.append(await check)
                    else:  # they never all waited at once (e.g. failed turns): no check this round
                        check.cancel()

            await staff_phase(staff, setup.staff_reads, loaded, rounds(), watch)
            most_loaded = watch.most
            for client in (*staff, chat):
                await client.aclose()
    finally:
        await db.dispose()
    async with await psycopg.AsyncConnection.connect(maint_url) as conn:
        row = await (
            await conn.execute(
                "SELECT count(*) FROM messages WHERE in_reply_to = ANY(%s) AND sender = 'ai' "
                "AND ai_model = 'builtin-1'",
                (posted,),
            )
        ).fetchone()
    return Outcome(
        baseline,
        loaded,
        turns,
        most_baseline,
        most_loaded,
        checks,
        posted,
        row[0] if row else 0,
        watch.calls - calls_before,
        settings.db_pool_size,
        settings.db_max_overflow,
    )


def report(o: Outcome, args: argparse.Namespace) -> None:
    b = o.baseline
    print(
        f"{'path':<40}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
        f"{'x p50':>7}{'x p99':>7}"
    )
    for phase in (o.baseline, o.loaded, o.turns):
        n = len(phase.latencies_ms)
        rate = f"{n / phase.seconds:>8.1f}" if phase.seconds else f"{'':>8}"
        ratios = f"{phase.p50 / b.p50:>7.2f}{phase.pct(0.99) / b.pct(0.99):>7.2f}" if phase is not o.turns else ""
        print(
            f"{phase.name:<40}{n:>9}{rate}{phase.p50:>9.2f}{phase.pct(0.99):>9.2f}"
            f"{max(phase.latencies_ms, default=float('nan')):>9.2f}{len(phase.failures):>8}{ratios}"
        )
    capacity = o.pool_size + o.max_overflow
    print(
        f"\napp pool: {o.pool_size} + {o.max_overflow} overflow; most checked out at once: {o.most_baseline} "
        f"(baseline), {o.most_loaded} (during the slow turns)"
    )
    for phase in (o.baseline, o.loaded):
        full = phase.samples.checked_out
        lag = Phase("lag", phase.samples.lag_ms)
        print(
            f"{phase.name}: pool full {100 * sum(n >= capacity for n in full) / max(len(full), 1):.0f}% of the "
            f"time; event loop late by p50 {lag.p50:.1f} ms, p99 {lag.pct(0.99):.1f} ms, max "
            f"{max(lag.latencies_ms, default=0.0):.1f} ms (every {TICK * 1000:.0f} ms)"
        )
    for i, c in enumerate(o.checks):
        lock = "their conversations lockable (FOR UPDATE NOWAIT ok)" if c.locked is None else f"LOCKED: {c.locked}"
        print(
            f"round {i + 1}: {c.waiting} turns waiting on the provider, {c.checked_out} connections checked out, {lock}"
        )
    failures = o.baseline.failures + o.loaded.failures + o.turns.failures
    expected = len(o.posted)
    bad = [f for f in failures if not f.isdigit() or f.startswith("5")]
    checks = [
        (not bad, f"no pool timeout, 5xx or exception: {len(bad)} ({', '.join(sorted(set(bad))) or 'none'})"),
        (not failures, f"every request succeeded: {len(failures)} failed"),
        (
            expected == args.rounds * args.conversations and o.replies == expected,
            f"AI replies written: {o.replies} for {expected} messages posted ({args.rounds} x {args.conversations}); "
            f"provider calls {o.provider_calls}",
        ),
        (
            len(o.checks) == args.rounds and all(c.locked is None for c in o.checks),
            f"no conversation row locked while its turn waits on the provider ({len(o.checks)} of {args.rounds} "
            "rounds checked)",
        ),
        (
            len(o.checks) == args.rounds and all(c.checked_out <= args.staff for c in o.checks),
            f"connections checked out while all {args.conversations} turns wait: at most "
            f"{max((c.checked_out for c in o.checks), default=0)} (<= {args.staff} staff loops: none held by a turn; "
            f"{len(o.checks)} of {args.rounds} rounds checked)",
        ),
    ]
    print()
    for ok, line in checks:
        print(f"{'PASS' if ok else 'FAIL'} {line}")
    print(
        f"\nstaff reads during the slow turns vs alone: p50 x{o.loaded.p50 / b.p50:.2f}, p99 "
        f"x{o.loaded.pct(0.99) / b.pct(0.99):.2f} (the issue: 'keep their normal latency')"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=50, help="conversations answered at once")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds added to every builtin reply")
    parser.add_argument("--rounds", type=int, default=3, help="messages per conversation, one round after another")
    parser.add_argument("--staff", type=int, default=2, help="concurrent staff read loops")
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    parser.add_argument(
        "--hold-connection",
        action="store_true",
        help="control run: each provider wait holds a pooled connection (what the checks must catch)",
    )
    parser.add_argument("--messages", type=int, default=20_000, help="messages seeded (chat_turn's seeding)")
    parser.add_argument("--vehicles", type=int, default=2_000, help="vehicles seeded")
    args = parser.parse_args()
    with bench_database() as (settings, topo):
        setup = asyncio.run(
            prepare(settings, topo, messages=args.messages, vehicles=args.vehicles, conversations=args.conversations)
        )
        outcome = asyncio.run(run(settings, topo, setup, args))
    print(
        f"\n{args.conversations} conversations x {args.rounds} rounds, provider delayed {args.delay:g} s, "
        f"{args.staff} staff loops; {os.cpu_count()} CPUs, app, clients and PostgreSQL on the same machine"
        + (
            "\nCONTROL RUN (--hold-connection): every provider wait holds a pooled connection"
            if args.hold_connection
            else ""
        )
    )
    report(outcome, args)


if __name__ == "__main__":
    main()
