"""Logs: JSON off a terminal, plain on one, the request id, dealership and caller on every line of a request, and no
secret on any line (issue 15, finding 9)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import secrets
import signal
import subprocess
import sys

import httpx
import pytest

from showroom import logs
from showroom.audit.service import SYSTEM
from showroom.auth import api_keys
from showroom.auth.schemas import ApiKeyCreate
from showroom.db.engine import Database
from showroom.ops import context
from showroom.settings import Settings
from tests.conftest import cli_env
from tests.factories import create_dealership
from tests.test_cli import free_port


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ('127.0.0.1:5 - "POST /api/v1/inbound/email?token=hook-secret-123 HTTP/1.1" 201', "hook-secret-123"),
        ("GET /api/v1/widget/acme/messages?after=3&token=Zm9vYmFyYmF6cXV4MTIzNDU2", "Zm9vYmFyYmF6cXV4MTIzNDU2"),
        ("GET /auth/magic/AbCdEfGhIjKlMnOpQrStUvWx-_12 HTTP/1.1", "AbCdEfGhIjKlMnOpQrStUvWx-_12"),
        ("POST /auth/reset/AbCdEfGhIjKlMnOpQrStUvWx-_12", "AbCdEfGhIjKlMnOpQrStUvWx-_12"),
        ("GET /invitations/AbCdEfGhIjKlMnOpQrStUvWx-_12?next=/app", "AbCdEfGhIjKlMnOpQrStUvWx-_12"),
        ("GET /api/v1/auth/invitations/preview?token=AbCdEfGhIjKlMnOpQrSt", "AbCdEfGhIjKlMnOpQrSt"),
        ("key shr_abcdefghijklmnopqrstuvwxyz0123456789AB refused", "abcdefghijklmnopqrstuvwxyz0123456789AB"),
        ("Authorization: Bearer s3cr3t-value", "s3cr3t-value"),
        ("connecting to postgresql://showroom:pa55word@db:5432/showroom failed", "pa55word"),
        ("SMTP smtp://mailer:smtp-pass@mail.example.com:587 refused", "smtp-pass"),
    ],
)
def test_a_secret_in_a_log_line_is_redacted_and_the_rest_kept(line: str, secret: str) -> None:
    cleaned = logs.redact(line)
    assert secret not in cleaned
    assert logs.REDACTED in cleaned
    assert cleaned.split(" ")[0] == line.split(" ")[0]  # the rest of the line is still there


def test_ordinary_paths_and_ids_are_not_redacted() -> None:
    line = 'GET /api/v1/leads/0b6c2f1e-4a57-4c1e-9d2a-1f0e3a6b7c8d?limit=20&order=created_at HTTP/1.1" 200'
    assert logs.redact(line) == line
    assert logs.redact("/api/v1/invitations/42/cancel") == "/api/v1/invitations/42/cancel"


def _emit(log_format: str, stream: io.StringIO) -> None:
    config = logs.logging_config("info", log_format)
    config["handlers"]["default"]["stream"] = stream
    config["handlers"]["access"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        context.open_context(request_id="rid-1", dealership_id=7)
        context.bind(api_key_id="key-9")
        logging.getLogger("showroom.test").info("hello %s", "?token=abcdefghijklmnop")
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "1.2.3.4:5", "GET", "/auth/magic/AbCdEfGhIjKlMnOpQrSt", "1.1", 302
        )
    finally:
        context.open_context()
        logging.config.dictConfig(logs.logging_config("warning", "plain"))


def test_json_lines_carry_the_context_and_the_access_line_its_parts() -> None:
    out = io.StringIO()
    _emit("json", out)
    first, access = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["message"] == "hello ?token=[redacted]"
    assert (first["level"], first["logger"]) == ("INFO", "showroom.test")
    assert (first["request_id"], first["dealership_id"], first["api_key_id"]) == ("rid-1", 7, "key-9")
    assert access["path"] == "/auth/magic/[redacted]" and access["status"] == 302 and access["request_id"] == "rid-1"
    assert "AbCdEfGh" not in out.getvalue()


def test_plain_lines_on_a_terminal_carry_the_context_too() -> None:
    out = io.StringIO()
    _emit("plain", out)
    first = out.getvalue().splitlines()[0]
    assert first.endswith("showroom.test: hello ?token=[redacted] [request_id=rid-1 dealership_id=7 api_key_id=key-9]")


def test_auto_is_plain_on_a_terminal_and_json_otherwise() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert logs.use_json("auto", io.StringIO()) and not logs.use_json("auto", Tty())
    assert logs.use_json("json", Tty()) and not logs.use_json("plain", io.StringIO())


async def test_the_server_logs_json_with_request_ids_and_callers_and_no_secret(
    settings: Settings, db: Database
) -> None:
    async with db.maint_session() as maint, maint.begin():
        dealer = await create_dealership(maint)
        key_row, key = await api_keys.create(maint, dealer.id, ApiKeyCreate(name="logs", scopes=["leads:read"]), SYSTEM)
    visitor = secrets.token_urlsafe(24)
    link = secrets.token_urlsafe(32)
    hook = "hook-" + secrets.token_hex(8)
    port = free_port()
    env = cli_env(settings, SHOWROOM_INBOUND_EMAIL_SECRET=hook)
    proc = subprocess.Popen(
        [sys.executable, "-m", "showroom", "serve", "--no-worker", "--no-migrate", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for _ in range(150):
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    await asyncio.sleep(0.2)
            listed = await http.get(
                "/api/v1/leads", headers={"Authorization": f"Bearer {key}", "X-Request-ID": "req-leads-1"}
            )
            assert listed.status_code == 200, listed.text
            await http.get(f"/api/v1/widget/{dealer.subdomain}/messages", params={"token": visitor})
            await http.get(f"/auth/magic/{link}")
            await http.get(f"/invitations/{link}")
            await http.post("/api/v1/inbound/email", params={"token": hook}, json={"raw": "x"})
            await http.get("/api/v1/leads", headers={"Authorization": f"Bearer {key}x"})
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=40)
    for secret in (key, key[4:], visitor, link, hook):
        assert secret not in output
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert records, output
    access = [r for r in records if r["logger"] == "uvicorn.access"]
    assert len(access) >= 7
    assert all(r["request_id"] for r in access)
    leads = next(r for r in access if r["request_id"] == "req-leads-1")
    assert (leads["dealership_id"], leads["api_key_id"], leads["status"]) == (dealer.id, key_row.id, 200)
    assert any("/auth/magic/[redacted]" in r["path"] for r in access)
    assert any(r["path"].endswith("token=[redacted]") for r in access)
    assert any(r["level"] == "INFO" for r in records)


def test_a_json_line_carries_no_terminal_colour_codes() -> None:
    formatter = logs.JSONFormatter("%(message)s")
    record = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "Started server process [%d]", (42,), None)
    record.color_message = "Started server process [\x1b[36m%d\x1b[0m]"
    line = formatter.format(record)
    assert "\x1b" not in line and "\\u001b" not in line and "color_message" not in line, line
