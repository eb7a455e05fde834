"""``/widget.js``: the chat widget's script, embeddable on any site the dealership allows (see docs/ui.md)."""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)
SCRIPT = Path(__file__).parent / "static" / "widget.js"


@lru_cache(maxsize=1)
def _script() -> tuple[bytes, bytes, str]:
    raw = SCRIPT.read_bytes()
    return raw, gzip.compress(raw, compresslevel=9, mtime=0), '"' + hashlib.sha256(raw).hexdigest()[:16] + '"'


@router.get("/widget.js")
async def widget_js(request: Request) -> Response:
    raw, packed, etag = _script()
    headers = {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        "ETag": etag,
        "Vary": "Accept-Encoding",
        "Access-Control-Allow-Origin": "*",  # public code; lets hosts add integrity/crossorigin attributes
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, headers=headers)


def snippet(base_url: str, subdomain: str) -> str:
    return f'<script src="{base_url}/widget.js" data-dealership="{subdomain}" async></script>'
