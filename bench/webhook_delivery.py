"""Outbound webhook delivery: N events through the outbox to a real local receiver that checks every signature.

    python -m bench.webhook_delivery [--events 10000] [--concurrency 10]

Target (issue 19): "Webhook delivery of 10,000 events to a local receiver: events per second, zero lost and zero
delivered twice as seen by the receiver (it checks webhook-id)".

Setup (not timed): a fresh migrated database, one dealership with a lead, its conversation and one endpoint
subscribed to ``message.received`` on a local receiver (uvicorn in a thread; private targets allowed, as a test
setting); then ``--events`` inbound messages written through the ORM in batches of 500, each flush writing its
outbox rows and ``webhooks.deliver`` jobs (``integrations.webhooks_out.outbox``).

Measured: the job worker (``showroom.jobs.run_jobs``, ``--concurrency`` jobs at a time, the ``webhooks`` queue)
draining every delivery: events per second. Baseline, same run, same receiver: the same number of signed POSTs
sent straight from one pooled httpx client, ``--concurrency`` at a time, with no database (the receiver's and the
HTTP stack's own ceiling). Printed: both rates and their ratio; the receiver's count of distinct webhook-ids (lost =
events - distinct), duplicates, bad signatures; the rows not ``delivered`` in the database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI, Request, Response
from sqlalchemy import func, select

from bench.common import bench_database, free_port
from showroom import jobs
from showroom.audit.service import Actor
from showroom.db.engine import Database, open_database
from showroom.integrations.webhooks_out import service, signing
from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.integrations.webhooks_out.schemas import WebhookEndpointCreate
from showroom.models import Conversation, Customer, Dealership, Lead, Message, WebhookDelivery
from showroom.services import Services
from showroom.settings import Settings

BATCH = 500


class Receiver:
    def __init__(self) -> None:
        self.secret = ""
        self.seen: Counter[str] = Counter()
        self.bad = 0
        self.lock = threading.Lock()

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/hook")
        async def hook(request: Request) -> Response:
            body = await request.body()
            headers = {k.lower(): v for k, v in request.headers.items()}
            ok = signing.verify(self.secret, headers, body)
            with self.lock:
                if not ok:
                    self.bad += 1
                    return Response(status_code=401)
                self.seen[headers["webhook-id"]] += 1
            return Response(status_code=204)

        return app


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


async def seed(db: Database, settings: Settings, url: str, events: int) -> tuple[int, str]:
    async with db.maint_session() as maint, maint.begin():
        dealership = Dealership(name="Bench Motors", subdomain="bench", contact_email="b@bench.example")
        maint.add(dealership)
        await maint.flush()
        email = f"{uuid.uuid4().hex}@inbox-mail.net"
        customer = Customer(dealership_id=dealership.id, full_name="Bench Buyer", email=email, email_normalized=email)
        maint.add(customer)
        await maint.flush()
        lead = Lead(
            dealership_id=dealership.id, customer_id=customer.id, lead_number="B-1", source="api", source_key="bench"
        )
        maint.add(lead)
        await maint.flush()
        conversation = Conversation(
            dealership_id=dealership.id, customer_id=customer.id, lead_id=lead.id, channel="sms"
        )
        maint.add(conversation)
    async with db.session(dealership.id) as session, session.begin():
        body = WebhookEndpointCreate(url=url, event_types=[WebhookEventType.message_received])
        endpoint = await service.create_endpoint(session, dealership.id, body, Actor(), settings)
        secret = endpoint.secret
    for start in range(0, events, BATCH):
        async with db.session(dealership.id) as session, session.begin():
            session.add_all(
                Message(
                    dealership_id=dealership.id,
                    conversation_id=conversation.id,
                    type="inbound",
                    sender="customer",
                    channel="sms",
                    content=f"message {n}",
                    delivery_status="received",
                )
                for n in range(start, min(events, start + BATCH))
            )
    return dealership.id, secret


async def baseline(url: str, secret: str, events: int, concurrency: int) -> float:
    body = json.dumps({"type": "message.received", "data": {"message": {"content": "x" * 120}}}).encode()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(events):
        queue.put_nowait(n)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as client:

        async def sender() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                headers = signing.headers([secret], f"msg_base_{n}", int(time.time()), body)
                response = await client.post(url, content=body, headers=headers)
                assert response.status_code == 204, response.text

        started = time.perf_counter()
        await asyncio.gather(*(sender() for _ in range(concurrency)))
        return time.perf_counter() - started


async def main(events: int, concurrency: int) -> None:
    with bench_database() as (base_settings, topo):
        settings = base_settings.model_copy(
            update={"webhook_allow_private_targets": True, "job_concurrency": concurrency}
        )
        db = open_database(settings, topo.app, topo.maint, process="bench")
        receiver = Receiver()
        try:
            with serving(receiver.app()) as url:
                dealership_id, receiver.secret = await seed(db, settings, url, events)
                base_seconds = await baseline(url, receiver.secret, events, concurrency)
                receiver.seen.clear()
                started = time.perf_counter()
                await jobs.run_jobs(Services.build(settings, db), wait=False, queues=["webhooks"])
                seconds = time.perf_counter() - started
            async with db.maint_session() as maint:
                undelivered = await maint.scalar(
                    select(func.count())
                    .select_from(WebhookDelivery)
                    .where(WebhookDelivery.dealership_id == dealership_id, WebhookDelivery.status != "delivered")
                )
        finally:
            await db.dispose()
    distinct = len(receiver.seen)
    duplicates = sum(n - 1 for n in receiver.seen.values() if n > 1)
    print(f"events: {events}, worker concurrency {concurrency}")
    print(f"baseline (signed POSTs straight to the receiver, no database): {events / base_seconds:8.0f} events/s")
    print(f"outbox -> worker -> receiver:                                  {events / seconds:8.0f} events/s")
    print(f"ratio worker/baseline: {base_seconds / seconds:.2f}")
    print(
        f"receiver: {distinct} distinct webhook-ids, lost {events - distinct}, duplicated {duplicates}, "
        f"bad signatures {receiver.bad}; rows not delivered in the database: {undelivered}"
    )
    if distinct != events or duplicates or receiver.bad or undelivered:
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.concurrency))
