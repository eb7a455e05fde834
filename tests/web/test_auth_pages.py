"""The sign-in pages and the pages behind e-mailed links, through the real app."""

from __future__ import annotations

import re

import httpx
from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.settings import Settings
from tests.auth.test_links import last_mail_to, sent_once, token_in
from tests.conftest import Worker, new_client
from tests.helpers import PASSWORD, create_team, sign_in


async def form_token(client: httpx.AsyncClient, path: str = "/login") -> str:
    """The CSRF token of the page's form (its cookie is now in the client's jar)."""
    page = await client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


async def test_sign_in_form_signs_in_and_out(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app)
    assert (await client.get("/")).headers["location"] == "/login"
    page = await client.get("/login")
    assert page.status_code == 200 and 'name="password"' in page.text
    token = await form_token(client)
    wrong = await client.post(
        "/login", data={"email": team.agent.email, "password": "nope-nope-nope", "csrf_token": token}
    )
    assert wrong.status_code == 401 and "invalid email or password" in wrong.text
    ok = await client.post("/login", data={"email": team.agent.email, "password": PASSWORD, "csrf_token": token})
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    home = await client.get("/")
    assert team.agent.email in home.text and team.dealership.name in home.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
    assert csrf
    forged = await client.post("/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 303 and (await client.get("/")).status_code == 200  # still signed in
    out = await client.post("/logout", data={"csrf_token": csrf.group(1)})
    assert out.status_code == 303 and (await client.get("/")).headers["location"] == "/login"


async def test_magic_link_page_signs_in_once(app: FastAPI, db: Database, settings: Settings, worker: Worker) -> None:
    team = await create_team(db)
    client = new_client(app)
    csrf = await form_token(client)
    sent = await client.post("/login/link", data={"email": team.manager.email, "kind": "magic", "csrf_token": csrf})
    assert "an e-mail is on its way" in sent.text
    token = token_in(await sent_once(worker, settings, team.manager.email))
    scanner = new_client(app)  # a mail scanner opens the link: that uses nothing up
    assert (await scanner.get(f"/auth/magic/{token}")).status_code == 200
    opened = await client.get(f"/auth/magic/{token}")
    assert (
        opened.status_code == 200
        and "Sign in" in opened.text
        and not opened.headers.get("set-cookie", "").count("showroom_session")
    )
    assert (await client.get("/")).status_code == 303  # not signed in by looking
    used = await client.post(
        f"/auth/magic/{token}", data={"csrf_token": await form_token(client, f"/auth/magic/{token}")}
    )
    assert used.status_code == 303
    assert team.manager.email in (await client.get("/")).text
    other = new_client(app)
    again = await other.post(f"/auth/magic/{token}", data={"csrf_token": await form_token(other)})
    assert again.status_code == 410 and "already used" in again.text


async def test_reset_page_changes_the_password(app: FastAPI, db: Database, settings: Settings, worker: Worker) -> None:
    team = await create_team(db)
    client = new_client(app)
    asked = await client.post(
        "/login/link", data={"email": team.admin.email, "kind": "reset", "csrf_token": await form_token(client)}
    )
    assert "an e-mail is on its way" in asked.text
    token = token_in(await sent_once(worker, settings, team.admin.email))
    form = await client.get(f"/auth/reset/{token}")
    assert form.status_code == 200 and "new-password" in form.text
    weak = await client.post(f"/auth/reset/{token}", data={"password": "short"})
    assert weak.status_code == 422 and "at least 12 characters" in weak.text
    done = await client.post(f"/auth/reset/{token}", data={"password": "Brand-new-passphrase-9"})
    assert done.status_code == 200 and "Password changed" in done.text
    await sign_in(app, team.admin.email, "Brand-new-passphrase-9")


async def test_invitation_page_creates_the_account(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    address = f"joiner-{team.id}@example.com"
    assert (await admin.post("/api/v1/invitations", json={"email": address})).status_code == 201
    await worker("mail")
    token = token_in(last_mail_to(settings, address))
    guest = new_client(app)
    form = await guest.get(f"/invitations/{token}")
    assert team.dealership.name in form.text and address in form.text
    done = await guest.post(f"/invitations/{token}", data={"name": "Jo Joiner", "password": PASSWORD})
    assert done.status_code == 303
    assert address in (await guest.get("/")).text
    reused = await new_client(app).get(f"/invitations/{token}")
    assert reused.status_code == 410
    bogus = await new_client(app).get("/invitations/<script>")
    assert bogus.status_code == 404 and "<script>" not in bogus.text


async def test_sign_in_pages_carry_the_security_headers_of_every_page(app: FastAPI, db: Database) -> None:
    """They had a template environment of their own that set none (no CSP: frameable, sniffable, cacheable)."""
    client = new_client(app)
    for response in (
        await client.get("/login"),
        await client.post(
            "/login",
            data={"email": "nobody@x.example", "password": "nope-nope-nope", "csrf_token": await form_token(client)},
        ),
        await client.get("/auth/reset/" + "x" * 43),
    ):
        csp = response.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, (response.url, response.headers)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
