"""A small in-process sliding-window rate limiter (per key: an IP, a conversation).

It limits each server process on its own: with N processes the effective limit is up to N times higher, which
is acceptable for abuse protection of the public widget (docs/operations.md); put a proxy limit in front for more.
"""

from __future__ import annotations

import time
from collections import deque

from showroom.errors import TooManyRequests


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float, what: str) -> None:
        self.limit = limit
        self.window = window_seconds
        self.what = what
        self.hits: dict[str, deque[float]] = {}

    def check(self, key: str) -> None:
        now = time.monotonic()
        hits = self.hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            retry = max(1, int(hits[0] + self.window - now) + 1)
            raise TooManyRequests(f"too many messages from this {self.what}; wait {retry} s", retry_after=retry)
        hits.append(now)
        if len(self.hits) > 50_000:  # forget idle keys so memory stays bounded
            for stale in [k for k, v in self.hits.items() if not v or v[-1] <= now - self.window]:
                del self.hits[stale]
