"""``/favicon.ico``: the app's icon, asked for by every browser on every page (an SVG, which browsers accept)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)
ICON = Path(__file__).parent / "static" / "favicon.svg"


@lru_cache(maxsize=1)
def _icon() -> bytes:
    return ICON.read_bytes()


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response(
        _icon(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
