"""The API against its own OpenAPI document (issue 15): schemathesis generates requests for every operation, with an
API key and with a signed-in session, a bounded number per operation, and checks that no answer is a 5xx and that
every answer's status, content type and body are the ones documented.

The server is real (uvicorn in a thread with its own event loop and pools, on the test database); schemathesis runs
as its CLI (``st run``) against it. Operations that would end the run's own credentials (signing out, switching
tenant, revoking keys, deactivating or demoting users) and the endless event streams are left out.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
import uvicorn
from fastapi import FastAPI

from showroom.app import create_app
from showroom.auth.permissions import SCOPES
from showroom.db.engine import open_database
from showroom.db.urls import Topology, libpq
from showroom.settings import Settings
from tests.e2e.conftest import free_port
from tests.helpers import create_team, sign_in

EXAMPLES_PER_OPERATION = 2
SECONDS_PER_RUN = 30  # CI time: two runs, about a minute together
# Each run takes half of the operations (the CI budget): the integration's with the API key, the staff's with a
# session; together, every operation of the document.
TAGS = {
    "api key": ["leads", "intake", "inventory", "conversations", "widget", "webhooks", "operations"],
    "session": [
        "identity",
        "agent",
        "dealerships",
        "handovers",
        "audit",
        "experiments",
        "appointments",
        "follow-ups",
        "reports",
        "saved replies",
        "crm",
        "imap",
        "exports",
    ],
}
EXCLUDED = [
    ("--exclude-path-regex", r".*/events$"),
    ("--exclude-path", "/api/v1/auth/logout"),
    ("--exclude-path", "/api/v1/auth/switch"),
    ("--exclude-path-regex", r"^/api/v1/api-keys/"),
    ("--exclude-path-regex", r"^/api/v1/users/"),
    # operations endpoints answer 503 by design when not ready (no job worker in this server), and are not the API
    ("--exclude-path-regex", r"^/(?:healthz|readyz|metrics)$"),
]
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def live(settings: Settings, topo: Topology) -> Iterator[str]:
    """The app served over real HTTP from a thread of its own (its own loop and pools, the test database), with the
    webhooks, inbound e-mail and Twilio configured, and no load shedding (a busy test machine is not an overload)."""
    port = free_port()
    configured = Settings.model_validate(
        {
            **settings.model_dump(),
            "webhook_secret": "fuzz-webhook-secret",
            "inbound_email_secret": "fuzz-inbound-secret",
            "twilio_account_sid": "AC" + "0" * 32,  # Twilio's callbacks then answer 403 to unsigned requests
            "twilio_auth_token": "fuzz-twilio-token",
            "public_max_lag_ms": 100_000,
        }
    )
    holder: dict[str, uvicorn.Server] = {}

    def run() -> None:
        async def main() -> None:
            database = open_database(settings, topo.app, topo.maint, process="fuzz")
            app = create_app(configured, database=database)
            server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
            holder["server"] = server
            try:
                await server.serve()
            finally:
                await database.dispose()

        asyncio.run(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base
    holder["server"].should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="module")
async def credentials(app: FastAPI, db: object, topo: Topology) -> AsyncIterator[dict[str, list[str]]]:
    """An API key and a manager's session of a dealership of its own. Afterwards the jobs the fuzzing queued for it
    (thousands of deliveries to the webhook endpoints it registered, at made-up addresses) are cancelled: the suite
    shares one database, and every later test that runs the job worker would otherwise run them (a minute or more)."""
    team = await create_team(db)  # type: ignore[arg-type]
    admin = await sign_in(app, team.admin.email)
    key = await admin.post("/api/v1/api-keys", json={"name": "fuzz", "scopes": sorted(SCOPES)})
    assert key.status_code == 201, key.text
    manager = await sign_in(app, team.manager.email)
    session = manager.cookies.get("showroom_session")
    yield {
        "api key": ["-H", f"Authorization: Bearer {key.json()['key']}"],
        "session": [
            "-H",
            f"Cookie: showroom_session={session}",
            "-H",
            f"X-CSRF-Token: {manager.headers['X-CSRF-Token']}",
        ],
    }
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
        await conn.execute(
            "select procrastinate_cancel_job_v1(id, false, true) from procrastinate_jobs "
            "where status = 'todo' and (args->>'dealership_id')::bigint = %(id)s",
            {"id": team.dealership.id},
        )


def _st() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    assert found, "schemathesis is a dev dependency: pip install -e '.[dev]'"
    return found


@pytest.mark.parametrize("principal", ["api key", "session"])
def test_every_operation_answers_as_documented(
    live: str, credentials: dict[str, list[str]], principal: str, tmp_path: Path
) -> None:
    command = [
        _st(),
        "run",
        f"{live}/api/v1/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--phases",
        "examples,fuzzing",
        "--seed",
        "15",
        "--no-shrink",
        "--workers",
        "1",  # hypothesis is not thread-safe on Python 3.11 (an AST race in its lambda descriptions)
        "--max-time",
        str(SECONDS_PER_RUN),
        "--request-timeout",
        "20",
        "--max-failures",
        "50",
        "--no-color",
        "--warnings",
        "off",
        *[part for pair in EXCLUDED for part in pair],
        *[part for tag in TAGS[principal] for part in ("--include-tag", tag)],
        *credentials[principal],
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout[-12000:] + done.stderr[-3000:]
    tested = re.search(r"Selected: (\d+)/\d+\s+Tested: (\d+)", done.stdout)
    assert tested and tested.group(1) == tested.group(2), done.stdout[-2000:]  # none left out for lack of time
