"""ASGI middleware: a request id on every request (``X-Request-ID`` in and out) opening the log context of the
request, the body-size limit, and the HTTP metrics (count and latency by route template and status)."""

from __future__ import annotations

import json
import re
import time
import uuid

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

        async def tagged_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
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
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
