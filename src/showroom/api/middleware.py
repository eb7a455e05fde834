"""ASGI middleware: a request id on every request (``X-Request-ID`` in and out) opening the log context of the
request, the body-size limit, the HTTP metrics (count and latency by route template and status), and
``Cache-Control: no-store`` on every API answer that sets no caching of its own (they carry customers' data)."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import json
import re
import time
import uuid
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from showroom.ops import context, metrics

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Tags each request with an id and refuses bodies over ``max_body_bytes`` with a JSON 413: at once when
    Content-Length says so, or as soon as a streamed body crosses the limit (raised as an HTTP 413 that the
    app's handler renders, before any handler code sees a byte too many)."""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, uploads: dict[str, int] | None = None, *, metrics: bool = True
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.default_limit = max_body_bytes
        self.uploads = uploads or {}  # path -> its own, larger limit (file uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        context.open_context(request_id=request_id)
        limit = self.uploads.get(scope.get("path", ""), self.default_limit)
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await self._refuse(send, request_id, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise HTTPException(status_code=413, detail=f"request body is over the {limit} byte limit")
            return message

        status = 500  # what the server answers if the app fails before it starts a response
        api = scope.get("path", "").startswith("/api/")

        async def tagged_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                if api and not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        if not self.metrics:
            await self.app(scope, limited_receive, tagged_send)
            return
        start = time.perf_counter()
        try:
            await self.app(scope, limited_receive, tagged_send)
        finally:
            template = getattr(scope.get("route"), "path", None) or "(unmatched)"
            count, latency = metrics.http_series(scope.get("method", ""), template, status)
            count.inc()
            latency.observe(time.perf_counter() - start)

    @staticmethod
    async def _refuse(send: Send, request_id: str, limit: int) -> None:
        detail = f"request body is over the {limit} byte limit"
        body = json.dumps({"error": "PayloadTooLarge", "detail": detail, "field": "body"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", request_id.encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(spec: str) -> list[Network]:
    """``"10.0.0.1, 10.1.0.0/16"`` → networks; a bad entry is a ValueError naming it."""
    out = []
    for item in (part.strip() for part in spec.split(",")):
        if item:
            try:
                out.append(ipaddress.ip_network(item, strict=False))
            except ValueError as exc:
                raise ValueError(f"SHOWROOM_TRUSTED_PROXIES: {item!r} is not an IP address or network") from exc
    return out


def _is_ip(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address parsed once (every request behind a proxy parses its peer's and its client's: a visible cost)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _within(address: str, networks: Iterable[Network]) -> bool:
    ip = _address(address)
    return ip is not None and any(ip in net for net in networks)


class TrustedProxyMiddleware:
    """The client's address and scheme as a trusted reverse proxy reports them (``X-Forwarded-For``,
    ``X-Forwarded-Proto``), and only then: with no trusted proxy configured (the default), or from any other peer,
    those headers are ignored, so nobody picks their own address for the per-address budgets and sign-in throttle.
    The client is the right-most address of ``X-Forwarded-For`` that is not itself a trusted proxy."""

    def __init__(self, app: ASGIApp, trusted: list[Network]) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] in ("http", "websocket") and self.trusted and client and _within(client[0], self.trusted):
            headers = dict(scope.get("headers") or [])
            hops = [h.strip() for h in headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",") if h.strip()]
            origin = next((h for h in reversed(hops) if not _within(h, self.trusted)), None)
            scope = dict(scope)
            if origin is not None and _within(
                origin, [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
            ):
                scope["client"] = (origin, 0)
            proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto
        await self.app(scope, receive, send)


PUBLIC_PREFIXES = ("/api/v1/widget/", "/api/v1/webhooks/")


class PublicTrafficGate:
    """Public traffic (the chat widget, providers' webhooks) yields to staff and API traffic in each process:

    * at most ``limit`` public requests in flight, so they never take the connections staff calls need; one over
      that waits ``wait`` seconds at most;
    * none admitted while the event loop runs late (over ``max_lag`` seconds, an average of the last ~100 ms): a
      chat turn's Python work (understanding, composing) is what delays a staff read on the same loop, so when the
      loop is behind, public requests are shed first.

    A refusal is immediate (no database work): 503 with ``Retry-After``. Event streams and CORS preflights are not
    counted (they hold no connection and little CPU)."""

    TICK = 0.01

    def __init__(self, app: ASGIApp, limit: int, wait: float, max_lag: float = 0.02) -> None:
        self.app = app
        self.slots = asyncio.Semaphore(limit)
        self.wait = wait
        self.max_lag = max_lag
        self.lag = 0.0
        self.monitor: asyncio.Task[None] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or not path.startswith(PUBLIC_PREFIXES)
            or scope.get("method") == "OPTIONS"
            or path.endswith("/events")
        ):
            await self.app(scope, receive, send)
            return
        self._watch()
        if self.lag > self.max_lag or not await self._enter():
            await _busy(send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()

    def _watch(self) -> None:
        if self.monitor is None or self.monitor.done():
            self.monitor = asyncio.get_running_loop().create_task(self._measure())

    async def _measure(self) -> None:
        """How late the loop wakes a 10 ms sleep, smoothed (each sample weighs 10%)."""
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(self.TICK)
            late = max(loop.time() - started - self.TICK, 0.0)
            self.lag = 0.9 * self.lag + 0.1 * late

    async def _enter(self) -> bool:
        if not self.slots.locked():
            await self.slots.acquire()  # a free slot: taken at once
            return True
        if self.wait <= 0:
            return False
        try:
            await asyncio.wait_for(self.slots.acquire(), self.wait)
        except TimeoutError:
            return False
        return True


async def _busy(send: Send) -> None:
    body = json.dumps(
        {"error": "ServiceUnavailable", "detail": "too many public requests right now; retry in 2 s", "field": None}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"2"),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
