"""A real local webhook receiver (HTTP, on a free port) that checks Standard Webhooks signatures and counts every
``webhook-id`` it accepts, for the tests and the benchmark."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response

from showroom.integrations.webhooks_out import signing
from tests.servers import serve


@dataclass
class Receiver:
    secrets: list[str] = field(default_factory=list)
    fail_with: int | None = None
    seen: Counter[str] = field(default_factory=Counter)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    bad_signatures: int = 0
    refused: int = 0
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/hook")
        async def hook(request: Request) -> Response:
            body = await request.body()
            received = {k.lower(): v for k, v in request.headers.items()}
            with self.lock:
                if self.fail_with is not None:
                    self.refused += 1
                    return Response(status_code=self.fail_with, content="receiver down")
                if not any(signing.verify(s, received, body) for s in self.secrets):
                    self.bad_signatures += 1
                    return Response(status_code=401)
                self.seen[received["webhook-id"]] += 1
                self.bodies.append(json.loads(body))
                self.headers.append(received)
            return Response(status_code=204)

        return app

    @property
    def duplicates(self) -> int:
        return sum(n - 1 for n in self.seen.values() if n > 1)


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    server = serve(receiver.app())
    base = next(server)
    receiver.url = f"{base}/hook"
    try:
        yield receiver
    finally:
        server.close()
