"""Who a log line is about: the request id, the dealership and the user or API key it acts for.

The request middleware (and the job runner) opens a fresh context; the code that learns the tenant or the caller
binds it (:func:`bind`). The context is a dict held in a ``ContextVar``, mutated in place, so what a dependency binds
is seen by every later line of the same request, including uvicorn's access line written after the response.
Standard library only: any layer may import it."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

FIELDS = ("request_id", "dealership_id", "user_id", "api_key_id", "job")

_current: ContextVar[dict[str, Any] | None] = ContextVar("showroom_log_context", default=None)


def open_context(**values: Any) -> dict[str, Any]:
    """Start the context of a request or a job (forgetting any before it in this task)."""
    context = {k: v for k, v in values.items() if v is not None}
    _current.set(context)
    return context


def bind(**values: Any) -> None:
    """Add what is now known (dealership, user, key) to the current request's or job's context, if there is one."""
    context = _current.get()
    if context is not None:
        context.update({k: v for k, v in values.items() if v is not None})


def current() -> dict[str, Any]:
    return _current.get() or {}
