"""OpenAPI: the error body every 4xx shares, and per-route error documentation."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    error: str = Field(description="Error class, e.g. NotFound, ValidationFailed")
    detail: str = Field(description="What is wrong, in a sentence")
    field: str | None = Field(default=None, description="Where: a body field path, header or query parameter")


MEANINGS = {
    400: "Bad request (e.g. no dealership chosen)",
    401: "Not signed in, or the session / API key is invalid, expired or revoked",
    403: "Authenticated but not allowed: role, API-key scope or CSRF token",
    404: "Not found (rows of other dealerships are not found either)",
    409: "Conflicts with existing data (duplicate e-mail, VIN, state)",
    410: "The link expired or was already used",
    413: "Request body over the size limit (1 MiB)",
    415: "Unsupported content type",
    422: "Validation failed; `field` says where",
    429: "Too many attempts; see `retry_after` (seconds)",
    503: "Database or mail server unavailable; nothing was changed",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": MEANINGS[code]} for code in codes}
