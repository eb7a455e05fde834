"""Dates PostgreSQL can store and Python cannot hold (after 9999, before year 1, ±infinity) read as the nearest
value Python has, instead of failing the whole statement: one bad row must not break a list (issue 15, finding 2).

The edge refuses such values (``api.types.When``); rows written before that, or by other tools, still read. The
loaders wrap psycopg's own (its C implementation), so an ordinary value costs one extra Python call.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import psycopg
from psycopg.abc import AdaptContext, Buffer
from psycopg.adapt import Loader
from psycopg.pq import Format

_EDGES: dict[str, tuple[Any, Any]] = {
    "timestamptz": (datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)),
    "timestamp": (datetime.min, datetime.max),
    "date": (date.min, date.max),
}


def _clamping(name: str, fmt: Format) -> type[Loader]:
    low, high = _EDGES[name]
    found = psycopg.adapters.get_loader(psycopg.adapters.types[name].oid, fmt)
    assert found is not None
    inner_class: Any = found

    class Clamped(Loader):
        format = fmt

        def __init__(self, oid: int, context: AdaptContext | None = None) -> None:
            super().__init__(oid, context)
            self._inner = inner_class(oid, context)

        def load(self, data: Buffer) -> Any:
            try:
                return self._inner.load(data)
            except psycopg.DataError:
                return low if _before_year_one(bytes(data), fmt) else high

    Clamped.__name__ = Clamped.__qualname__ = f"Clamped{name.title()}{fmt.name.title()}Loader"
    return Clamped


def _before_year_one(data: bytes, fmt: Format) -> bool:
    if fmt is Format.BINARY:  # microseconds or days since 2000-01-01, big-endian and signed
        return int.from_bytes(data, "big", signed=True) < 0
    return data.startswith(b"-") or data.endswith(b" BC") or b" BC" in data


_installed: list[bool] = []


def install() -> None:
    """Register the clamping loaders on psycopg's global adapters (every connection made afterwards uses them);
    once per process."""
    if _installed:
        return
    _installed.append(True)
    for name in _EDGES:
        for fmt in (Format.TEXT, Format.BINARY):
            psycopg.adapters.register_loader(name, _clamping(name, fmt))
