"""Feed sources: a dealership's inventory feed fetched on a schedule and imported through an import run.

A minute sweep (``feeds.sweep``) queues a ``feeds.fetch`` job per due source. The job claims the source (moves
``next_run_at`` on, in a short transaction), fetches with no transaction open (``inventory.fetch``), then, in a
second transaction, records the outcome: nothing changed (a 304, the same SFTP file); an error (stored on the source,
the admins warned); or a new file, stored as an import run (``inventory.runs``) whose job produces the import report
and, when it ends, sets the source's state. A source is **failing** while its last fetch or import failed and
**stale** when its feed has not changed for ``stale_after_hours``; the admins get one e-mail per incident (when the
state turns failing or stale, not at every run), and the state returns to ok with the next good run.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record
from showroom.errors import NotFound, ValidationFailed
from showroom.integrations.webhooks_out.targets import TargetRefused, check_url
from showroom.inventory import runs
from showroom.inventory.feed import FeedFormatError, read_feed
from showroom.inventory.fetch import Fetched, FetchFailed, fetch_https, fetch_sftp, sftp_target
from showroom.inventory.schemas import FeedSourceCreate, FeedSourceUpdate
from showroom.mail import Email, send_later
from showroom.models import InventoryFeedSource, InventoryImport, User
from showroom.queue import defer
from showroom.settings import Settings
from showroom.vocabulary import FeedSourceKind, FeedSourceState, InventoryImportStatus, UserRole

FETCH = "feeds.fetch"
_ATTRIBUTES = {"full": "full_feed"}  # API field -> column (``full`` is a reserved word in SQL)
QUEUE = "feeds"


# --- the sources --------------------------------------------------------------------------------------------------


def _kind(url: str) -> FeedSourceKind:
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sftp":
        return FeedSourceKind.sftp
    if scheme in ("https", "http"):
        return FeedSourceKind.https
    raise ValidationFailed("the feed's address must be an https:// or sftp:// URL", field="url")


def _check(source: InventoryFeedSource, settings: Settings) -> None:
    """The source's address and key, as far as they can be checked without a network call."""
    try:
        if source.kind == FeedSourceKind.https:
            check_url(source.url, settings)
        else:
            sftp_target(source.url)
    except (TargetRefused, ValueError) as exc:
        raise ValidationFailed(f"the feed's address {exc}", field="url") from None
    if source.kind == FeedSourceKind.sftp:
        if not source.host_key:
            raise ValidationFailed(
                "an SFTP feed needs the server's host key (`ssh-keyscan -t ed25519 host` prints it)", field="host_key"
            )
        import asyncssh  # lazy: only SFTP sources need it

        try:
            asyncssh.import_public_key(_key_of(source.host_key))
        except (asyncssh.KeyImportError, ValueError):
            raise ValidationFailed(
                "the host key is not an OpenSSH public key (e.g. 'ssh-ed25519 AAAAC3...')", field="host_key"
            ) from None
    elif source.host_key or source.password:
        raise ValidationFailed("a host key and a password are for SFTP feeds only", field="host_key")


def _key_of(line: str) -> str:
    """``ssh-keyscan`` prints ``host keytype key``; the key is the last two fields' first pair from the type on."""
    fields = line.split()
    for index, value in enumerate(fields):
        if value.startswith(("ssh-", "ecdsa-", "sk-")):
            return " ".join(fields[index : index + 2])
    return line


async def create(
    session: AsyncSession, dealership_id: int, body: FeedSourceCreate, actor: Actor, settings: Settings
) -> InventoryFeedSource:
    source = InventoryFeedSource(
        dealership_id=dealership_id,
        kind=_kind(body.url),
        state=FeedSourceState.ok,
        next_run_at=datetime.now(UTC),
        created_by_user_id=actor.user_id,
        **{_ATTRIBUTES.get(k, k): v for k, v in body.model_dump().items()},
    )
    if source.host_key:
        source.host_key = _key_of(source.host_key)
    _check(source, settings)
    session.add(source)
    await session.flush()
    await record(session, actor, "feed_source.create", dealership_id=dealership_id, resource_type="feed_source",
                 resource_id=str(source.id), details={"name": source.name, "url": source.url})  # fmt: skip
    return source


async def get(session: AsyncSession, source_id: uuid.UUID) -> InventoryFeedSource:
    source = await session.get(InventoryFeedSource, source_id, populate_existing=True)
    if source is None:
        raise NotFound("no such feed source")
    return source


async def list_all(session: AsyncSession) -> list[InventoryFeedSource]:
    query = select(InventoryFeedSource).order_by(InventoryFeedSource.created_at, InventoryFeedSource.id)
    return list((await session.scalars(query)).all())


async def update(
    session: AsyncSession, source_id: uuid.UUID, body: FeedSourceUpdate, actor: Actor, settings: Settings
) -> InventoryFeedSource:
    source = await get(session, source_id)
    changes = body.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None and key not in ("host_key", "password"):
            raise ValidationFailed(f"{key} cannot be null", field=key)
        setattr(source, _ATTRIBUTES.get(key, key), _key_of(value) if key == "host_key" and value else value)
    if "url" in changes:
        source.kind = _kind(source.url)
    _check(source, settings)
    if {"url", "host_key", "password"} & changes.keys() or changes.get("enabled"):  # fetch at once, from scratch
        source.etag = source.last_modified = source.content_sha256 = None
        source.next_run_at = datetime.now(UTC)
        await queue_fetch(session, source.id, source.dealership_id)
    await session.flush()
    changed = sorted(k if k != "password" else "password (changed)" for k in changes)
    await record(session, actor, "feed_source.update", dealership_id=source.dealership_id,
                 resource_type="feed_source", resource_id=str(source.id), details={"changed": changed})  # fmt: skip
    return source


async def delete(session: AsyncSession, source_id: uuid.UUID, actor: Actor) -> None:
    source = await get(session, source_id)
    await session.delete(source)
    await record(session, actor, "feed_source.delete", dealership_id=source.dealership_id,
                 resource_type="feed_source", resource_id=str(source.id), details={"name": source.name})  # fmt: skip


async def run_now(session: AsyncSession, source_id: uuid.UUID) -> InventoryFeedSource:
    """Fetch the source now (its job queued in the caller's transaction), whatever its schedule."""
    source = await get(session, source_id)
    source.next_run_at = datetime.now(UTC)
    await queue_fetch(session, source.id, source.dealership_id)
    await session.flush()
    return source


async def queue_fetch(session: AsyncSession, source_id: uuid.UUID, dealership_id: int) -> None:
    await defer(session, FETCH, queue=QUEUE, queueing_lock=f"feed-fetch:{source_id}", lock=f"feed-fetch:{source_id}",
                dealership_id=dealership_id, source_id=str(source_id))  # fmt: skip


# --- a run ----------------------------------------------------------------------------------------------------------


@dataclass
class _Claim:
    name: str
    kind: str
    url: str
    host_key: str | None
    password: str | None
    etag: str | None
    last_modified: str | None
    full: bool


async def fetch_and_queue(session: AsyncSession, settings: Settings, source_id: uuid.UUID) -> str:
    """The ``feeds.fetch`` job (``session`` acts for the dealership, no transaction open)."""
    async with session.begin():
        source = await session.get(InventoryFeedSource, source_id, with_for_update={"key_share": True},
                                   populate_existing=True)  # fmt: skip
        now = datetime.now(UTC)
        if source is None or not source.enabled:
            return "no such source, or disabled"
        if source.next_run_at is not None and source.next_run_at > now:
            return "not due"
        busy = await session.scalar(
            select(InventoryImport.id).where(
                InventoryImport.source_id == source_id,
                InventoryImport.status.in_([InventoryImportStatus.queued, InventoryImportStatus.running]),
            )
        )
        source.next_run_at = now + timedelta(minutes=source.interval_minutes)
        source.last_run_at = now
        if busy is not None:
            return "its previous import is still running"
        claim = _Claim(source.name, source.kind, source.url, source.host_key, source.password, source.etag,
                       source.last_modified, source.full_feed)  # fmt: skip
    try:
        fetched = await _fetch(claim, settings)  # no transaction is open here
        error = None
    except FetchFailed as exc:
        fetched, error = None, str(exc)
    async with session.begin():
        source = await session.get(InventoryFeedSource, source_id, with_for_update={"key_share": True},
                                   populate_existing=True)  # fmt: skip
        if source is None:
            return "source deleted meanwhile"
        if error is not None or fetched is None:
            await _set_state(session, source, FeedSourceState.failing, error or "no answer")
            return "failed"
        return await _record_fetch(session, source, fetched)


async def _fetch(claim: _Claim, settings: Settings) -> Fetched:
    limit = settings.max_upload_bytes
    if claim.kind == FeedSourceKind.sftp:
        return await fetch_sftp(claim.url, settings, host_key=claim.host_key or "", password=claim.password,
                                last_modified=claim.last_modified, limit=limit)  # fmt: skip
    return await fetch_https(claim.url, settings, etag=claim.etag, last_modified=claim.last_modified, limit=limit)


async def _record_fetch(session: AsyncSession, source: InventoryFeedSource, fetched: Fetched) -> str:
    now = datetime.now(UTC)
    digest = hashlib.sha256(fetched.content).hexdigest() if fetched.content is not None else None
    if fetched.content is None or digest == source.content_sha256:
        if fetched.etag:
            source.etag = fetched.etag
        if fetched.last_modified:
            source.last_modified = fetched.last_modified
        since = source.last_change_at or source.created_at
        if now - since > timedelta(hours=source.stale_after_hours):
            hours = int((now - since).total_seconds() // 3600)
            await _set_state(session, source, FeedSourceState.stale, f"the feed has not changed for {hours} hours")
        elif source.state == FeedSourceState.stale:
            await _set_state(session, source, FeedSourceState.ok, None)
        return "not modified"
    problem = _not_a_feed(fetched.content, source.url)
    if problem:
        await _set_state(session, source, FeedSourceState.failing, problem)
        return "not a feed"
    source.etag, source.last_modified, source.content_sha256 = fetched.etag, fetched.last_modified, digest
    source.last_change_at = now
    actor = Actor(user_agent=f"feed source {source.name}"[:500])
    name = source.url.rstrip("/").rsplit("/", 1)[-1][:255] or source.name
    run = await runs.create(session, source.dealership_id, fetched.content, actor=actor, filename=name,
                            full=source.full_feed, source_id=source.id)  # fmt: skip
    return f"import {run.id} queued"


def _not_a_feed(content: bytes, url: str) -> str | None:
    """A file whose header cannot be read as a feed's (an HTML page, a JSON error, no required column)."""
    head = content[: 64 * 1024]
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        rows = read_feed(_Lines(head), filename=None)  # type: ignore[arg-type]  # iterable lines suffice
        next(rows, None)
    except FeedFormatError as exc:
        return f"{url} is not an inventory feed: {exc.reason}"
    except StopIteration:
        return None
    if head.lstrip()[:1] in (b"<", b"{", b"["):
        return f"{url} is not an inventory feed: it starts like HTML, XML or JSON"
    return None


class _Lines:
    """The head of a file as the non-seekable line stream ``read_feed`` takes (no UTF-8 pre-pass over it)."""

    def __init__(self, data: bytes) -> None:
        self._lines = data.splitlines(keepends=True)

    def seekable(self) -> bool:
        return False

    def __iter__(self) -> Any:
        return iter(self._lines)


async def import_ended(session: AsyncSession, run: InventoryImport) -> None:
    """Called in the transaction that ends a source's import run: the source's state follows it."""
    source = await session.get(InventoryFeedSource, run.source_id, with_for_update={"key_share": True})
    if source is None:
        return
    if run.status == InventoryImportStatus.done:
        await _set_state(session, source, FeedSourceState.ok, None)
        return
    # Failed or cancelled: fetch the whole file again next time (a 304 would hide that it never landed).
    source.etag = source.last_modified = source.content_sha256 = None
    if run.status == InventoryImportStatus.failed:
        await _set_state(session, source, FeedSourceState.failing, f"the import failed: {run.error}")


async def _set_state(
    session: AsyncSession, source: InventoryFeedSource, state: FeedSourceState, error: str | None
) -> None:
    """Store the state and the error; warn the admins once per incident (a state they were not told yet)."""
    source.state, source.last_error = state, error
    if state == FeedSourceState.ok:
        source.warned_state = None
        return
    if source.warned_state == state:
        return
    source.warned_state = state
    admins = (
        await session.scalars(
            select(User.email).where(
                User.dealership_id == source.dealership_id,
                User.role == UserRole.dealership_admin,
                User.is_active.is_(True),
            )
        )
    ).all()
    if not admins:
        return
    what = "is failing" if state == FeedSourceState.failing else "has not changed for a while"
    text = (
        f"The inventory feed {source.name!r} ({source.url}) {what}:\n\n{error}\n\n"
        "Until it is fixed the inventory the AI agent offers is not refreshed from it. See Settings > Inventory "
        "feeds. You will not be told again about this incident; the next good run clears it."
    )
    await send_later(session, Email(to=list(admins), subject=f"Inventory feed {source.name!r} {what}", text=text))
