"""Parameter types shared by every route: ids and dates that fit the database's columns and Python's own range, so
an out-of-range value is a 422 naming the parameter instead of a database error or a row nobody can read back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

INT4_MAX = 2**31 - 1

# An integer primary key (``identity`` columns are int4): for path, query and body ids alike.
DbId = Annotated[int, Field(ge=1, le=INT4_MAX)]

# Every date and time the API accepts lies in these years: PostgreSQL stores far more than Python can read back
# (a follow-up "9999-12-31T23:59:59-14:00" is in year 10000 in UTC), and nothing a dealership plans is outside them.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
_EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC)
_LATEST = datetime(LATEST_YEAR + 1, 1, 1, tzinfo=UTC)
RANGE = f"between {EARLIEST_YEAR}-01-01 and {LATEST_YEAR}-12-31"


def bounded_datetime(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not _EARLIEST <= aware < _LATEST:
        raise ValueError(f"must be {RANGE} (UTC)")
    return value


def _bounded_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must be {RANGE}")
    return value


# A date and time at the edge (body fields and query parameters); without a UTC offset it is read as UTC.
When = Annotated[datetime, AfterValidator(bounded_datetime), Field(description=f"ISO 8601, {RANGE}")]
# A calendar date at the edge.
Day = Annotated[date, AfterValidator(_bounded_date), Field(description=f"YYYY-MM-DD, {RANGE}")]


def http_url(value: str) -> str:
    """An absolute http(s) address with a host and nothing a browser would read otherwise (``javascript:``,
    ``data:``, protocol-relative ``//``, spaces or control characters)."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// address")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain spaces or control characters")
    return value


def is_http_url(value: str | None) -> bool:
    try:
        return value is not None and bool(http_url(value))
    except ValueError:
        return False


# A web address a page will link or load (vehicles' listing, photo and video addresses, a dealership's logo).
WebUrl = Annotated[str, AfterValidator(http_url), Field(description="An absolute http:// or https:// address")]
