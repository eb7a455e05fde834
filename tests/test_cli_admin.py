"""Bootstrapping and scripting a fresh install from the command line."""

from __future__ import annotations

import subprocess
import sys

from fastapi import FastAPI

from showroom.settings import Settings
from tests.conftest import cli_env, new_client
from tests.factories import unique


def run(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "showroom", *args],
        env=cli_env(settings),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_a_fresh_install_is_scripted_end_to_end(settings: Settings, app: FastAPI) -> None:
    sub = unique("cli")
    made = run(
        settings,
        "dealership",
        "create",
        "--name",
        "Lakeside Honda",
        "--subdomain",
        sub,
        "--contact-email",
        "sales@lakeside.example",
        "--timezone",
        "America/Chicago",
    )
    assert made.returncode == 0, made.stderr
    assert f"(subdomain {sub})" in made.stdout
    assert sub in run(settings, "dealership", "list").stdout

    admin_email = f"{sub}-admin@example.com"
    admin = run(
        settings,
        "user",
        "create",
        "--email",
        admin_email,
        "--role",
        "dealership_admin",
        "--dealership",
        sub,
        "--password-stdin",
        stdin="A-long-admin-passphrase\n",
    )
    assert admin.returncode == 0, admin.stderr
    client = new_client(app)
    login = await client.post("/api/v1/auth/login", json={"email": admin_email, "password": "A-long-admin-passphrase"})
    assert login.status_code == 200

    agent = run(
        settings,
        "user",
        "create",
        "--email",
        f"{sub}-agent@example.com",
        "--role",
        "user",
        "--dealership",
        sub,
        "--link",
    )
    link = agent.stdout.strip().splitlines()[-1].rsplit(" ", 1)[1]
    token = link.rsplit("/", 1)[1]
    assert (await new_client(app).post("/api/v1/auth/magic-link/verify", json={"token": token})).status_code == 200

    key = run(settings, "api-key", "create", "--dealership", sub, "--name", "Website", "--scope", "leads:read")
    assert key.returncode == 0, key.stderr
    secret = key.stdout.strip().splitlines()[-1].rsplit(" ", 1)[1]
    integration = new_client(app)
    integration.headers["Authorization"] = f"Bearer {secret}"
    assert (await integration.get("/api/v1/leads")).status_code == 200

    audit = await client.get(
        "/api/v1/audit-logs",
        params={"actor_type": "system", "action": "api_key.create"},
        headers={"X-CSRF-Token": login.json()["csrf_token"]},
    )
    assert audit.status_code == 200 and audit.json()["items"][0]["user_agent"] == "showroom-cli"

    number = "+1312555" + str(login.json()["dealership_id"] % 10000).zfill(4)
    asked = await client.patch(
        "/api/v1/dealership",
        json={"settings": {"sms_number": number}},
        headers={"X-CSRF-Token": login.json()["csrf_token"]},
    )
    assert asked.status_code == 200, asked.text
    listed = next(line for line in run(settings, "dealership", "list").stdout.splitlines() if f"\t{sub}\t" in line)
    assert listed.endswith("routing waits for approval: sms_number")
    approved = run(settings, "dealership", "approve-routing", sub)
    assert approved.returncode == 0 and f"approved sms_number: {number}" in approved.stdout, approved.stderr
    listed = next(line for line in run(settings, "dealership", "list").stdout.splitlines() if f"\t{sub}\t" in line)
    assert "waits for approval" not in listed


def test_cli_mistakes_are_one_line_errors(settings: Settings) -> None:
    cases = [
        (
            ["dealership", "create", "--name", "X", "--subdomain", "-bad-", "--contact-email", "x@example.com"],
            "--subdomain: subdomain must be",
        ),
        (
            ["dealership", "create", "--name", "X", "--subdomain", "fine-sub", "--contact-email", "not-an-email"],
            "--contact-email",
        ),
        (
            [
                "user",
                "create",
                "--email",
                "a@example.com",
                "--role",
                "user",
                "--dealership",
                "no-such-dealer",
                "--link",
            ],
            "no dealership with subdomain 'no-such-dealer'",
        ),
        (["user", "create", "--email", "a@example.com", "--role", "wizard", "--link"], "--role"),
        (["api-key", "create", "--dealership", "x", "--name", "n", "--scope", "root"], "--scope: unknown scope"),
        (["dealership", "approve-routing", "no-such-dealer"], "no dealership with subdomain 'no-such-dealer'"),
    ]
    for args, message in cases:
        result = run(settings, *args)
        assert result.returncode != 0, args
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    weak = run(
        settings,
        "user",
        "create",
        "--email",
        "b@example.com",
        "--role",
        "super_admin",
        "--password-stdin",
        stdin="password1234\n",
    )
    assert weak.returncode != 0 and "too common" in weak.stderr


def test_help_describes_the_admin_commands(settings: Settings) -> None:
    out = run(settings, "--help").stdout
    for command in ("dealership", "user", "api-key"):
        assert command in out
    assert "Create a staff account" in run(settings, "user", "--help").stdout
    assert "--password-stdin" in run(settings, "user", "create", "--help").stdout
