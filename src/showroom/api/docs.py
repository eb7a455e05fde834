"""OpenAPI: the error body every 4xx shares, and per-route error documentation."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    error: str = Field(description="Error class, e.g. NotFound, ValidationFailed")
    detail: str = Field(description="What is wrong, in a sentence")
    field: str | None = Field(default=None, description="Where: a body field path, header or query parameter")


MEANINGS = {
    400: "Bad request: a body that cannot be parsed, or no dealership chosen",
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


class FieldError(BaseModel):
    field: str = Field(description="Where: a body field path, header or query parameter")
    detail: str


class ValidationErrorBody(ErrorBody):
    """The 422 the API returns (not FastAPI's default shape): the first problem, and every problem in `errors`."""

    errors: list[FieldError] | None = Field(default=None, description="Every problem found, when there are several")


EVENT_STREAM = {
    "description": "Server-sent events (`text/event-stream`) until the client goes away",
    "content": {"text/event-stream": {"schema": {"type": "string"}}},
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
_INVALID = {"application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrorBody"}}}


def document_errors(schema: dict[str, Any], public: set[tuple[str, str]]) -> None:
    """Make the document say what the API does: the 422 body is ours (not FastAPI's default), event streams are
    `text/event-stream`, and every operation lists the refusals every route can give (401/403/400 when it needs a
    sign-in, 404 when its path names a row, 413/415/422 when it takes input, 503 when the database is away).
    ``public``: the (method, path) pairs that need no sign-in."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorBody, FieldError, ValidationErrorBody):
        components[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            responses = op.setdefault("responses", {})
            if method == "get" and path.endswith("/events"):
                responses["200"] = EVENT_STREAM
            takes_input = bool(op.get("parameters") or op.get("requestBody"))
            wanted = {"503"}
            if (method.upper(), path) not in public:
                wanted |= {"400", "401", "403"}
            if "{" in path:
                wanted.add("404")
            if takes_input:
                wanted.add("422")
            if op.get("requestBody"):
                wanted |= {"400", "413", "415"}  # 400: a body that is not JSON at all
            for code in sorted(wanted):
                if code not in responses:
                    responses[code] = {"description": MEANINGS[int(code)]}
            for code, response in responses.items():
                if code == "422":
                    response["content"] = _INVALID
                elif code.startswith(("4", "5")) and "application/json" not in response.get("content", {}):
                    response["content"] = _ERROR  # refusals are our JSON body, even from a route that answers HTML
