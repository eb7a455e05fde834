"""The one error hierarchy. Services raise these; the app renders them as JSON (or HTML)."""

from __future__ import annotations

from typing import Any


class ShowroomError(Exception):
    """Base of everything the product raises on purpose."""


class ConfigError(ShowroomError):
    """Bad configuration: the message says what to fix. The CLI prints it on one line."""


class AppError(ShowroomError):
    """An expected failure of a request: rendered as ``{"error", "detail", "field"}``."""

    status_code = 400

    def __init__(self, detail: str, *, field: str | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": type(self).__name__, "detail": self.detail}
        if self.field is not None:
            out["field"] = self.field
        out.update(self.extra)
        return out


class BadRequest(AppError):
    status_code = 400


class Unauthorized(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class Gone(AppError):
    status_code = 410


class PayloadTooLarge(AppError):
    status_code = 413


class UnsupportedMediaType(AppError):
    status_code = 415


class ValidationFailed(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429

    def __init__(self, detail: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(detail, field=field, extra={"retry_after": retry_after})
        self.retry_after = retry_after


class ServiceUnavailable(AppError):
    status_code = 503
