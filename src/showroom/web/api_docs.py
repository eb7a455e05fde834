"""The API reference page (`/api/v1/docs`): the OpenAPI document rendered on the server, no script at all.

It replaced FastAPI's Swagger UI, which loaded its scripts and styles from a CDN (a blank page offline, third-party
code on our origin, no Content-Security-Policy). The machine-readable document stays at `/api/v1/openapi.json`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from showroom.web.deps import render_page

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(content: dict[str, Any]) -> str:
    for media, body in content.items():
        ref = (body.get("schema") or {}).get("$ref") or (body.get("schema") or {}).get("items", {}).get("$ref")
        return f"{media}: {ref.rsplit('/', 1)[-1]}" if ref else media
    return ""


def operations(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Operations by tag, in the document's order: method, path, summary, permission note, parameters, body,
    responses."""
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            by_tag.setdefault((op.get("tags") or ["other"])[0], []).append(
                {
                    "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "public": op.get("security") == [],
                    "parameters": [
                        (p["name"], p["in"], p.get("required", False), (p.get("schema") or {}).get("description", ""))
                        for p in op.get("parameters", [])
                    ],
                    "body": _schema_name((op.get("requestBody") or {}).get("content", {})),
                    "responses": [
                        (code, r.get("description", ""), _schema_name(r.get("content", {})))
                        for code, r in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return by_tag


@router.get("/api/v1/docs")
async def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render_page(
        request, "api_docs.html", info=spec.get("info", {}), tags=operations(spec), schemas=spec["components"]
    )
