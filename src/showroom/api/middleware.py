"""ASGI middleware: a request id on every request (``X-Request-ID`` in and out), the body-size limit, and
``Cache-Control: no-store`` on every API answer that sets no caching of its own (they carry customers' data)."""

from __future__ import annotations

import json
import re
import uuid

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Tags each request with an id and refuses bodies over ``max_body_bytes`` with a JSON 413: at once when
    Content-Length says so, or as soon as a streamed body crosses the limit (raised as an HTTP 413 that the
    app's handler renders, before any handler code sees a byte too many)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, uploads: dict[str, int] | None = None) -> None:
        self.app = app
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

        api = scope.get("path", "").startswith("/api/")

        async def tagged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                if api and not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, limited_receive, tagged_send)

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
