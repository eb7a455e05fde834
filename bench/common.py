"""Benchmark plumbing: a throwaway migrated database, a server process, and a small keep-alive load generator.

Every benchmark prints its figures as ratios against a baseline measured in the same run, on the same machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from showroom.db import embedded, migrate
from showroom.db.urls import Topology
from showroom.settings import Environment, Settings


@contextlib.contextmanager
def bench_database() -> Iterator[tuple[Settings, Topology]]:
    """A fresh embedded PostgreSQL (or a fresh database on DATABASE_URL's server), migrated."""
    data_dir = Path(tempfile.mkdtemp(prefix="shr-bench-", dir="/tmp"))
    data_dir.chmod(0o755)
    settings = Settings(environment=Environment.test, data_dir=data_dir, database_url=os.environ.get("DATABASE_URL"))
    try:
        topo = migrate.resolve(settings)
        migrate.upgrade(settings, topo)
        yield settings, topo
    finally:
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(module: str, env: dict[str, str], port: int) -> Iterator[None]:
    """Run ``python -m <module>`` (an ASGI server) until the block ends."""
    proc = subprocess.Popen([sys.executable, "-m", module], env={**os.environ, **env, "BENCH_PORT": str(port)})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("bench server did not start")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextlib.asynccontextmanager
async def signed_in_app(settings: Settings, db: Any, email: str, password: str) -> AsyncIterator[httpx.AsyncClient]:
    """The real app served by uvicorn in this event loop on the bench's database, and a client signed in as
    ``email`` (the staff pages' benches: their server time measured over loopback HTTP)."""
    import uvicorn

    from showroom.app import create_app

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(settings.model_copy(update={"port": port, "public_url": base}), database=db)
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(served.serve())
    for _ in range(600):
        if served.started:
            break
        await asyncio.sleep(0.05)
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            login = await http.post("/api/v1/auth/login", json={"email": email, "password": password})
            assert login.status_code == 200, login.text
            yield http
    finally:
        served.should_exit = True
        await task


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)


async def _worker(port: int, request: bytes, stop_at: float, latencies: list[float], errors: list[int]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    done = 0
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append((time.perf_counter() - started) * 1000)
            if not status_line.split(b" ")[1].startswith(b"2"):
                errors.append(1)
            done += 1
    finally:
        writer.close()
    return done


def load(name: str, port: int, path: str, headers: dict[str, str], *, concurrency: int, seconds: float) -> Result:
    """``concurrency`` keep-alive connections issuing GET ``path`` back to back for ``seconds``."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode()

    async def run() -> Result:
        latencies: list[float] = []
        errors: list[int] = []
        stop_at = time.perf_counter() + seconds
        started = time.perf_counter()
        counts = await asyncio.gather(*(_worker(port, request, stop_at, latencies, errors) for _ in range(concurrency)))
        return Result(name, sum(counts), time.perf_counter() - started, latencies, len(errors))

    return asyncio.run(run())


def report(baseline: Result, results: list[Result]) -> None:
    print(f"{'endpoint':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'x rps':>8}{'x p50':>8}")
    for r in (baseline, *results):
        print(
            f"{r.name:<34}{r.rps:>9.0f}{r.p50:>9.2f}{r.pct(0.99):>9.2f}{r.errors:>8}"
            f"{r.rps / baseline.rps:>8.2f}{r.p50 / baseline.p50:>8.2f}"
        )
