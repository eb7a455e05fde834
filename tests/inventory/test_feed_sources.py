"""Feed sources (issue 19): a dealership's feed fetched on a schedule from a real local HTTP server (conditional GET
with ETag) or a real local SFTP server (asyncssh, pinned host key), imported through an import run; failing and
stale feeds stored on the source and told to the admins once per incident; bad input refused."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncssh
import pytest
from fastapi import FastAPI, Request, Response
from sqlalchemy import func, select, text, update

from showroom.db.engine import Database
from showroom.models import InventoryFeedSource, InventoryImport
from showroom.queue import defer
from showroom.settings import Settings
from tests.auth.test_links import mails_to
from tests.conftest import Worker
from tests.helpers import Team, create_team, sign_in
from tests.inventory.test_import import vehicles
from tests.servers import serve

SHARED_FEED = Path("/work/shared/fixtures/inventory/world_hyundai_matteson.tsv")
FEED = (
    SHARED_FEED if SHARED_FEED.exists() else Path(__file__).parents[1] / "fixtures/inventory/world_hyundai_matteson.tsv"
)
SOURCES = "/api/v1/inventory/feed-sources"


@dataclass
class DealerSite:
    """The dealer's DMS export: serves ``body`` with an ETag, answers 304 to a matching If-None-Match."""

    body: bytes
    content_type: str = "text/tab-separated-values"
    seen: list[dict[str, str]] = field(default_factory=list)

    def app(self) -> FastAPI:
        site = FastAPI()

        @site.get("/export/inventory.tsv")
        async def feed(request: Request) -> Response:
            self.seen.append(dict(request.headers))
            tag = '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'
            if request.headers.get("if-none-match") == tag:
                return Response(status_code=304, headers={"ETag": tag})
            return Response(self.body, media_type=self.content_type, headers={"ETag": tag})

        return site


@pytest.fixture(autouse=True)
async def _sources_off_afterwards(db: Database) -> AsyncIterator[None]:
    """Later tests' workers must not keep fetching from this file's stopped servers every minute."""
    yield
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(update(InventoryFeedSource).values(enabled=False))


@pytest.fixture
def site() -> Iterator[tuple[DealerSite, str]]:
    dealer = DealerSite(FEED.read_bytes())
    for base in serve(dealer.app()):
        yield dealer, f"{base}/export/inventory.tsv"


@pytest.fixture
def feed_settings(settings: Settings) -> Settings:
    """The worker's settings with the local test servers allowed (private addresses are refused by default)."""
    return settings.model_copy(update={"feed_allow_private_targets": True})


async def source_row(db: Database, source_id: str) -> InventoryFeedSource:
    async with db.maint_session() as maint:
        row = await maint.get(InventoryFeedSource, uuid.UUID(source_id))
        assert row is not None
        return row


async def runs_of(db: Database, source_id: str) -> list[str]:
    async with db.maint_session() as maint:
        query = select(InventoryImport.status).where(InventoryImport.source_id == uuid.UUID(source_id))
        return list((await maint.scalars(query.order_by(InventoryImport.created_at))).all())


def feed_mails(settings: Settings, team: Team) -> list[str]:
    return [str(m["Subject"]) for m in mails_to(settings, team.admin.email) if "Inventory feed" in str(m["Subject"])]


async def test_an_https_feed_is_fetched_conditionally_and_imported(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], feed_settings: Settings
) -> None:
    dealer, url = site
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    created = await admin.post(SOURCES, json={"name": "DMS export", "url": url, "interval_minutes": 30})
    assert created.status_code == 201, created.text
    source = created.json()
    assert source["kind"] == "https" and source["state"] == "ok" and source["has_password"] is False

    await worker("feeds", "imports", settings=feed_settings)  # the first fetch is queued when the source is added
    assert await runs_of(db, source["id"]) == ["done"]
    assert await vehicles(db, team.id, active=True) == 143
    row = await source_row(db, source["id"])
    assert row.etag and row.last_change_at and row.state == "ok" and row.last_error is None
    assert row.next_run_at and row.next_run_at > datetime.now(UTC) + timedelta(minutes=29)
    report = (await admin.get("/api/v1/inventory/imports")).json()[0]
    assert report["source_id"] == source["id"] and report["report"]["added"] == 143

    # Unchanged: the server answers 304 to the ETag it gave, and nothing is imported.
    assert (await admin.post(f"{SOURCES}/{source['id']}/run")).status_code == 202
    await worker("feeds", "imports", settings=feed_settings)
    assert dealer.seen[-1].get("if-none-match") == row.etag
    assert await runs_of(db, source["id"]) == ["done"]

    # 43 units left the feed: they become inactive, so the agent (which offers active units only) stops offering
    # them; they stay for the leads that point at them.
    dealer.body = b"".join(FEED.read_bytes().splitlines(keepends=True)[:101])
    await admin.post(f"{SOURCES}/{source['id']}/run")
    await worker("feeds", "imports", settings=feed_settings)
    assert await runs_of(db, source["id"]) == ["done", "done"]
    assert await vehicles(db, team.id, active=True) == 100 and await vehicles(db, team.id) == 143
    listed = (await admin.get("/api/v1/vehicles", params={"limit": 200})).json()["items"]
    assert len(listed) == 100
    assert feed_mails(feed_settings, team) == []


async def test_the_minute_sweep_fetches_the_sources_that_are_due(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], feed_settings: Settings
) -> None:
    dealer, url = site
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    source = (await admin.post(SOURCES, json={"name": "DMS", "url": url})).json()
    await worker("feeds", "imports", settings=feed_settings)
    fetched = len(dealer.seen)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(InventoryFeedSource)
            .where(InventoryFeedSource.id == uuid.UUID(source["id"]))
            .values(next_run_at=func.now() - text("interval '1 minute'"))
        )
    async with db.session() as session, session.begin():  # as procrastinate's periodic defer would
        await defer(session, "feeds.sweep", queue="maintenance", timestamp=0)
    await worker("maintenance", "feeds", "imports", settings=feed_settings)
    assert len(dealer.seen) == fetched + 1  # due: fetched (a 304)
    row = await source_row(db, source["id"])
    assert row.next_run_at and row.next_run_at > datetime.now(UTC) + timedelta(minutes=59)  # not due again
    async with db.session() as session, session.begin():
        await defer(session, "feeds.sweep", queue="maintenance", timestamp=1)
    await worker("maintenance", "feeds", "imports", settings=feed_settings)
    assert len(dealer.seen) == fetched + 1


async def test_a_failing_feed_is_stored_on_the_source_and_told_once(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], feed_settings: Settings
) -> None:
    dealer, url = site
    dealer.body, dealer.content_type = b"<!doctype html><html><body>Log in</body></html>", "text/html"
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    source = (await admin.post(SOURCES, json={"name": "Website", "url": url})).json()
    await worker("feeds", "imports", "mail", settings=feed_settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "failing" and "text/html, not a CSV or TSV feed" in shown["last_error"]
    assert await runs_of(db, source["id"]) == []
    assert await vehicles(db, team.id) == 0

    # A page served as text/plain is read, and refused for what it is, not imported.
    dealer.content_type = "text/plain"
    await admin.post(f"{SOURCES}/{source['id']}/run")
    await worker("feeds", "imports", "mail", settings=feed_settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "failing" and "is not an inventory feed" in shown["last_error"], shown["last_error"]
    assert await runs_of(db, source["id"]) == []
    assert feed_mails(feed_settings, team) == ["Inventory feed 'Website' is failing"]  # one incident, one e-mail

    # Fixed: the next run imports and clears the state; a new failure is a new incident.
    dealer.body, dealer.content_type = FEED.read_bytes(), "text/csv"
    await admin.post(f"{SOURCES}/{source['id']}/run")
    await worker("feeds", "imports", "mail", settings=feed_settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "ok" and shown["last_error"] is None
    assert await vehicles(db, team.id, active=True) == 143


async def test_a_feed_that_does_not_change_goes_stale_once(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], feed_settings: Settings
) -> None:
    _, url = site
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    source = (await admin.post(SOURCES, json={"name": "DMS", "url": url, "stale_after_hours": 24})).json()
    await worker("feeds", "imports", settings=feed_settings)
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            update(InventoryFeedSource)
            .where(InventoryFeedSource.id == uuid.UUID(source["id"]))
            .values(last_change_at=func.now() - text("interval '30 hours'"))
        )
    for _ in range(2):
        await admin.post(f"{SOURCES}/{source['id']}/run")
        await worker("feeds", "imports", "mail", settings=feed_settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "stale" and "has not changed for 30 hours" in shown["last_error"]
    assert feed_mails(feed_settings, team) == ["Inventory feed 'DMS' has not changed for a while"]


async def test_a_feed_on_a_private_address_is_refused_unless_allowed(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], settings: Settings
) -> None:
    _, url = site
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    source = (await admin.post(SOURCES, json={"name": "DMS", "url": url})).json()
    await worker("feeds", "imports", settings=settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "failing" and "a private, loopback or reserved address" in shown["last_error"]
    assert "SHOWROOM_FEED_ALLOW_PRIVATE_TARGETS" in shown["last_error"]
    assert await vehicles(db, team.id) == 0


async def test_bad_sources_are_refused_with_the_field(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    manager = await sign_in(app, team.manager.email)
    assert (await manager.post(SOURCES, json={"name": "x", "url": "https://dms.example/f.csv"})).status_code == 403
    cases = [
        ({"name": "x", "url": "ftp://dms.example/f.csv"}, "url", "https:// or sftp://"),
        ({"name": "x", "url": "https://user:pw@dms.example/f.csv"}, "url", "user name or password"),
        ({"name": "x", "url": "sftp://dms.example/f.csv", "host_key": "ssh-ed25519 AAAA"}, "url", "user"),
        ({"name": "x", "url": "sftp://dms@dms.example/feeds/"}, "url", "file's path"),
        ({"name": "x", "url": "sftp://dms@dms.example/f.csv"}, "host_key", "host key"),
        ({"name": "x", "url": "sftp://dms@dms.example/f.csv", "host_key": "not a key"}, "host_key", "OpenSSH"),
        ({"name": "x", "url": "https://dms.example/f.csv", "password": "pw"}, "host_key", "SFTP feeds only"),
        ({"name": "x", "url": "https://dms.example/f.csv", "interval_minutes": 1}, None, "interval_minutes"),
        ({"name": "DMS\u0000", "url": "https://dms.example/f.csv"}, None, "NUL character"),
    ]
    for body, where, words in cases:
        answer = await admin.post(SOURCES, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert words in answer.text, (body, answer.text)
        if where:
            assert answer.json()["field"] == where, (body, answer.json())


# --- SFTP ----------------------------------------------------------------------------------------------------------


class _Login(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return (username, password) == ("dms", "feed-pass")


@dataclass
class SftpSite:
    port: int
    host_key: str
    root: Path


async def _sftp_server(root: Path) -> tuple[asyncssh.SSHAcceptor, SftpSite]:
    key = asyncssh.generate_private_key("ssh-ed25519")
    server = await asyncssh.create_server(
        _Login, "127.0.0.1", 0, server_host_keys=[key],
        sftp_factory=lambda chan: asyncssh.SFTPServer(chan, chroot=str(root).encode()),
    )  # fmt: skip
    port = server.sockets[0].getsockname()[1]
    return server, SftpSite(port, key.export_public_key().decode().strip(), root)


@pytest.fixture
async def sftp(tmp_path: Path) -> AsyncIterator[SftpSite]:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "inventory.tsv").write_bytes(FEED.read_bytes())
    server, site = await _sftp_server(tmp_path)
    yield site
    server.close()
    await server.wait_closed()


async def test_an_sftp_feed_is_imported_and_a_changed_host_key_refused(
    app: FastAPI, db: Database, worker: Worker, sftp: SftpSite, feed_settings: Settings, tmp_path: Path
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    url = f"sftp://dms@127.0.0.1:{sftp.port}/feeds/inventory.tsv"
    scanned = f"[127.0.0.1]:{sftp.port} {sftp.host_key}"  # as ssh-keyscan prints it
    created = await admin.post(SOURCES, json={"name": "DMS", "url": url, "host_key": scanned, "password": "feed-pass"})
    assert created.status_code == 201, created.text
    source = created.json()
    assert source["kind"] == "sftp" and source["has_password"] is True and "password" not in source
    await worker("feeds", "imports", settings=feed_settings)
    assert await runs_of(db, source["id"]) == ["done"]
    assert await vehicles(db, team.id, active=True) == 143

    # The same file (modification time and size): not downloaded again, nothing imported.
    await admin.post(f"{SOURCES}/{source['id']}/run")
    await worker("feeds", "imports", settings=feed_settings)
    assert await runs_of(db, source["id"]) == ["done"]
    assert (await source_row(db, source["id"])).state == "ok"

    # Another server (another host key) where the pinned one was: refused, said, nothing imported.
    other_root = tmp_path / "other"
    (other_root / "feeds").mkdir(parents=True)
    (other_root / "feeds" / "inventory.tsv").write_bytes(b"".join(FEED.read_bytes().splitlines(keepends=True)[:11]))
    impostor, site = await _sftp_server(other_root)
    try:
        moved = await admin.patch(
            f"{SOURCES}/{source['id']}", json={"url": f"sftp://dms@127.0.0.1:{site.port}/feeds/inventory.tsv"}
        )
        assert moved.status_code == 200, moved.text
        await worker("feeds", "imports", "mail", settings=feed_settings)
    finally:
        impostor.close()
        await impostor.wait_closed()
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert shown["state"] == "failing" and "host key other than the pinned one" in shown["last_error"]
    assert await runs_of(db, source["id"]) == ["done"]
    assert await vehicles(db, team.id, active=True) == 143
    assert feed_mails(feed_settings, team) == ["Inventory feed 'DMS' is failing"]

    # A wrong password is said as such.
    await admin.patch(f"{SOURCES}/{source['id']}", json={"url": url, "password": "wrong"})
    await worker("feeds", "imports", settings=feed_settings)
    shown = (await admin.get(f"{SOURCES}/{source['id']}")).json()
    assert "refused the user name or password" in shown["last_error"]


async def test_the_admins_feeds_page_adds_sources_and_shows_their_errors(
    app: FastAPI, db: Database, worker: Worker, site: tuple[DealerSite, str], feed_settings: Settings
) -> None:
    from tests.web.test_staff_pages import csrf_of, page_client

    page = "/app/settings/feeds"
    dealer, url = site
    dealer.body, dealer.content_type = b'{"error": "not logged in"}', "application/json"
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    token = csrf_of((await client.get(page)).text)
    refused = await client.post(page, data={"csrf_token": token, "name": "DMS", "url": "ftp://dms.example/f.csv"})
    assert refused.status_code == 422 and "https:// or sftp://" in refused.text
    added = await client.post(page, data={"csrf_token": token, "name": "DMS export", "url": url, "full": "full"})
    assert added.status_code == 303
    await worker("feeds", "imports", settings=feed_settings)
    shown = (await client.get(page)).text
    assert "DMS export" in shown and 'data-state="failing"' in shown and "application/json, not a CSV" in shown

    dealer.body, dealer.content_type = FEED.read_bytes(), "text/csv"
    async with db.maint_session() as maint:
        source_id = await maint.scalar(
            select(InventoryFeedSource.id).where(InventoryFeedSource.dealership_id == team.id)
        )
    assert (await client.post(f"{page}/{source_id}/run", data={"csrf_token": token})).status_code == 303
    await worker("feeds", "imports", settings=feed_settings)
    shown = (await client.get(page)).text
    assert 'data-state="ok"' in shown and "143 / 143" in shown

    manager = await page_client(app, team.manager.email)
    assert (await manager.get(page)).status_code == 403
    assert "/app/settings/feeds" not in (await manager.get("/app/settings")).text
