"""Browser tests: the real server (uvicorn, on the test database), Debian's chromium through playwright, and a
second local web server on another origin that embeds the chat widget behind a strict Content-Security-Policy.

They skip, saying why, only when no chromium binary is installed (`.ci/run` installs it, so CI never skips).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import update

from showroom.db.engine import Database
from showroom.models import Dealership
from showroom.settings import Settings
from tests.helpers import PASSWORD, Team, create_team

CHROMIUM = os.environ.get("SHOWROOM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
]
FEED = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no chromium binary at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium) to run the "
        "browser tests (.ci/run does)",
        allow_module_level=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    settings: Settings


@pytest.fixture(scope="session")
async def server(settings: Settings, db: Database) -> AsyncIterator[Server]:
    """The whole app on a real port, in the test session's event loop (so it shares the test database pools)."""
    from showroom.app import create_app

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    own = settings.model_copy(update={"port": port, "public_url": base})
    app = create_app(own, database=db)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2)
    uv = uvicorn.Server(config)
    task = asyncio.create_task(uv.serve())
    for _ in range(200):
        if uv.started:
            break
        await asyncio.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield Server(base, own)
    uv.should_exit = True
    await asyncio.wait_for(task, timeout=15)


class _Host(BaseHTTPRequestHandler):
    showroom = ""
    subdomain = ""

    def do_GET(self) -> None:
        if self.path == "/host.css":
            body = b"body{font-family:Georgia,serif;color:rgb(0,128,0)} button{background:rgb(255,0,0)!important}"
            self._send(body, "text/css")
            return
        widget = (
            f'<script src="{self.showroom}/widget.js" data-dealership="{self.subdomain}" async></script>'
            if self.path.startswith("/shop")
            else ""
        )
        page = (
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>Lakeside Motors</title><link rel="stylesheet" href="/host.css"></head>'
            '<body><h1>Lakeside Motors</h1><button id="host-button" type="button">Host button</button>'
            f"{widget}</body></html>"
        ).encode()
        self._send(page, "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self' {self.showroom}; connect-src 'self' {self.showroom}; "
            "style-src 'self'; img-src 'self' data:",
        )
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@dataclass
class HostSite:
    origin: str


@pytest.fixture(scope="module")
def host_site(server: Server, world: Team) -> Iterator[HostSite]:
    """A dealer's website on another origin (another port), embedding the widget, with a strict CSP."""
    handler = type("Handler", (_Host,), {"showroom": server.base, "subdomain": world.dealership.subdomain})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield HostSite(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.shutdown()


@pytest.fixture(scope="module")
async def world(db: Database, server: Server) -> Team:
    """A dealership (branded, with the demo inventory and a widget origin to be set) and its staff."""
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(Dealership)
            .where(Dealership.id == team.id)
            .values(primary_color="#7c2d12", accent_color="#0f766e", welcome_message="Hi! I'm Alex. Ask me anything.")
        )
    async with httpx.AsyncClient(base_url=server.base) as http:
        login = await http.post("/api/v1/auth/login", json={"email": team.admin.email, "password": PASSWORD})
        http.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        with FEED.open("rb") as feed:
            imported = await http.post(
                "/api/v1/inventory/import", files={"file": ("feed.tsv", feed, "text/tab-separated-values")}
            )
        assert imported.status_code == 200, imported.text
    return team


async def allow_origin(db: Database, team: Team, origin: str) -> None:
    async with db.maint_session() as maint, maint.begin():
        d = await maint.get(Dealership, team.id)
        assert d is not None
        d.settings = {**(d.settings or {}), "widget_allowed_origins": [origin]}


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        await chromium.close()


async def signed_in_page(browser: Any, server: Server, email: str, *, width: int = 1280, height: int = 800) -> Any:
    context = await browser.new_context(viewport={"width": width, "height": height})
    page = await context.new_page()
    await page.goto(f"{server.base}/login")
    await page.get_by_label("E-mail").first.fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{server.base}/")
    return page
