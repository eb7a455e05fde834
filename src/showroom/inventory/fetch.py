"""Fetching a feed source's file, with no transaction open: https (conditional GET) or SFTP (pinned host key).

Both answer a :class:`Fetched`: the file, or ``None`` when it has not changed since the validators given (an
https ``304 Not Modified`` for the ``ETag`` / ``Last-Modified`` of the last fetch; for SFTP the file's modification
time and size, kept as its ``last_modified``). Anything that prevents a fetch raises :class:`FetchFailed` with a
sentence an admin can act on.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from showroom.integrations.webhooks_out.targets import TargetRefused, check_host, check_target
from showroom.settings import Settings

USER_AGENT = "Showroom-Feeds/1"
MAX_REDIRECTS = 5
PRIVATE_SETTING = "SHOWROOM_FEED_ALLOW_PRIVATE_TARGETS"
NOT_FEEDS = ("text/html", "application/xhtml+xml", "application/json", "application/xml", "text/xml", "image/")


class FetchFailed(Exception):
    """The feed could not be fetched; the message says why."""


@dataclass
class Fetched:
    content: bytes | None  # None: not changed since the validators sent
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SftpTarget:
    host: str
    port: int
    username: str
    path: str


def sftp_target(url: str) -> SftpTarget:
    """``sftp://user@host[:port]/path`` (the path as on the server: ``/feeds/x.csv``; ``sftp://u@h/~/x.csv`` is
    relative to the user's home)."""
    try:
        parts = urlsplit(url)
        port = parts.port or 22
    except ValueError as exc:
        raise ValueError(f"not a valid sftp:// URL: {exc}") from exc
    if parts.scheme != "sftp" or not parts.hostname:
        raise ValueError("must be an sftp://user@host/path URL")
    if not parts.username:
        raise ValueError("name the SFTP user: sftp://user@host/path")
    if parts.password:
        raise ValueError("do not put the password in the URL: enter it in the password field")
    path = unquote(parts.path)
    if not path or path.endswith("/"):
        raise ValueError("name the feed file's path: sftp://user@host/path/to/feed.csv")
    path = path[3:] if path.startswith("/~/") else path
    return SftpTarget(parts.hostname, port, unquote(parts.username), path)


async def fetch_https(
    url: str, settings: Settings, *, etag: str | None, last_modified: str | None, limit: int
) -> Fetched:
    """GET the feed, conditionally; redirects followed (each target checked again), at most ``limit`` bytes."""
    headers = {"user-agent": USER_AGENT, "accept": "text/csv, text/tab-separated-values, text/plain;q=0.9, */*;q=0.5"}
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    async with httpx.AsyncClient(timeout=settings.feed_timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                await check_target(
                    url, settings, allow_private=settings.feed_allow_private_targets, setting=PRIVATE_SETTING
                )
            except TargetRefused as exc:
                raise FetchFailed(f"{url}: {exc}") from None
            try:
                async with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return await _answer(url, response, limit)
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{url}: {type(exc).__name__}: {exc or 'no answer'}"[:500]) from None
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


async def _answer(url: str, response: httpx.Response, limit: int) -> Fetched:
    if response.status_code == 304:
        return Fetched(None, response.headers.get("etag"), response.headers.get("last-modified"))
    if response.status_code != 200:
        raise FetchFailed(f"{url} answered HTTP {response.status_code} {response.reason_phrase}".rstrip())
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind.startswith(NOT_FEEDS):
        raise FetchFailed(f"{url} answered {kind}, not a CSV or TSV feed")
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            raise FetchFailed(f"{url}: the feed is over the {limit} byte limit (SHOWROOM_MAX_UPLOAD_BYTES)")
    return Fetched(bytes(body), response.headers.get("etag"), response.headers.get("last-modified"))


async def fetch_sftp(
    url: str, settings: Settings, *, host_key: str, password: str | None, last_modified: str | None, limit: int
) -> Fetched:
    """Download the file over SFTP if its modification time or size changed. The server must present exactly the
    pinned ``host_key`` (OpenSSH format): a changed key is refused, never learned."""
    import asyncssh  # lazy: only the worker fetching an SFTP feed needs it

    target = sftp_target(url)
    try:
        await check_host(target.host, settings.feed_allow_private_targets, PRIVATE_SETTING)
    except TargetRefused as exc:
        raise FetchFailed(str(exc)) from None
    try:
        pinned = asyncssh.import_public_key(host_key)
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise FetchFailed(f"the pinned host key is not an OpenSSH public key: {exc}") from None
    try:
        async with (
            asyncio.timeout(settings.feed_timeout),
            asyncssh.connect(
                target.host,
                target.port,
                username=target.username,
                password=password,
                client_keys=None,
                known_hosts=([pinned], [], []),
                preferred_auth="password" if password else "publickey",
            ) as conn,
            conn.start_sftp_client() as sftp,
        ):
            attrs = await sftp.stat(target.path)
            version = f"{int(attrs.mtime or 0)}:{attrs.size}"
            if version == last_modified:
                return Fetched(None, None, version)
            if (attrs.size or 0) > limit:
                raise FetchFailed(f"{target.path}: the feed is over the {limit} byte limit")
            async with sftp.open(target.path, "rb") as handle:
                content: bytes = await handle.read()
            return Fetched(content, None, version)
    except asyncssh.HostKeyNotVerifiable as exc:
        raise FetchFailed(
            f"{target.host}:{target.port} presented a host key other than the pinned one ({exc.reason}): the server "
            "was replaced or someone is in the way; check with its owner, then enter the new key"
        ) from None
    except asyncssh.PermissionDenied:
        raise FetchFailed(
            f"{target.username}@{target.host}: the SFTP server refused the user name or password"
        ) from None
    except asyncssh.SFTPNoSuchFile:
        raise FetchFailed(f"{target.path}: no such file on {target.host}") from None
    except (asyncssh.Error, OSError, TimeoutError) as exc:
        raise FetchFailed(f"{target.host}:{target.port}: {type(exc).__name__}: {exc}"[:500]) from None
