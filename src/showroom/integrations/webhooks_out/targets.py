"""Where a webhook may go (SSRF): https outside development, never a private, loopback, link-local or reserved
address unless ``SHOWROOM_WEBHOOK_ALLOW_PRIVATE_TARGETS`` allows it. Checked when an endpoint is saved and again
before every delivery (a name may resolve elsewhere later)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from showroom.settings import Environment, Settings

WEBHOOK_SETTING = "SHOWROOM_WEBHOOK_ALLOW_PRIVATE_TARGETS"
PLAIN_HTTP_ALLOWED = (Environment.development, Environment.test)


class TargetRefused(ValueError):
    """The URL may not be called; the message says why."""


def check_url(url: str, settings: Settings) -> str:
    """The URL's host, if its form is acceptable; else :class:`TargetRefused`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError as exc:
        raise TargetRefused(f"not a valid URL: {exc}") from exc
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TargetRefused("must be an absolute https:// URL")
    if parts.scheme == "http" and settings.environment not in PLAIN_HTTP_ALLOWED:
        raise TargetRefused("must use https (plain http is only allowed in development)")
    if parts.username or parts.password:
        raise TargetRefused("must not carry a user name or password")
    return parts.hostname


def _refused_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check_target(
    url: str, settings: Settings, *, allow_private: bool | None = None, setting: str = WEBHOOK_SETTING
) -> None:
    """Refuse ``url`` (:class:`TargetRefused`) if its form is wrong or its host resolves to an address that is not
    public, unless the setting allows private targets (the inventory feeds pass their own: ``allow_private``
    and the name of its ``setting``)."""
    host = check_url(url, settings)
    allowed = settings.webhook_allow_private_targets if allow_private is None else allow_private
    await check_host(host, allowed, setting)


async def check_host(host: str, allow_private: bool, setting: str = WEBHOOK_SETTING) -> None:
    """Refuse a host name that resolves to a private, loopback or reserved address (unless ``allow_private``)."""
    if allow_private:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise TargetRefused(f"the host {host!r} does not resolve ({exc.strerror or exc})") from exc
    for info in infos:
        address = str(info[4][0])
        if _refused_address(address):
            raise TargetRefused(
                f"the host {host!r} resolves to {address}, a private, loopback or reserved address (refused unless "
                f"{setting} is set)"
            )
