"""The envelope sender (``MAIL FROM``) of Showroom's mail: where mail servers return what they cannot deliver.

Every message goes out from ``<local>+<token>@<domain>`` (VERP) on ``SHOWROOM_BOUNCE_ADDRESS`` (default
``bounces@<SHOWROOM_INBOUND_EMAIL_DOMAIN>``), so a bounce says by its own recipient what bounced, whatever the
remote server puts in it. The token names the dealership and the row: ``m<dealership>-<message id, base32>`` (a
customer's message), ``c<dealership>-<hand-off id, base32>`` (a lead handed to the dealership's CRM) or
``r<dealership>-<schedule>-<first day><day after the last>`` (a report's period), then a
tag, an HMAC of the rest keyed with ``SHOWROOM_SECRET_KEY``: a bounce cannot be made up to fail another message or
tell a schedule's owner a lie. Mail with no row of its own (sign-in links, staff notices) goes from the bare
bounce address. No bounce address configured: the From address, as before (bounces are then not read)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass
from datetime import date
from email.utils import getaddresses

from showroom.settings import Settings

MAX_LOCAL = 64  # RFC 5321
_TOKEN = re.compile(r"([mcr])([0-9]{1,10})-([a-z0-9-]{1,40})-([a-z2-7]{10})")
_REPORT_REF = re.compile(r"([0-9]{1,10})-([0-9]{8})([0-9]{8})")
_MESSAGE_REF = re.compile(r"[a-z2-7]{26}")


@dataclass(frozen=True)
class MessageRef:
    """A customer's outbound message."""

    dealership_id: int
    message_id: uuid.UUID


@dataclass(frozen=True)
class HandoffRef:
    """A lead's ADF e-mail to the dealership's CRM (``crm_handoffs``)."""

    dealership_id: int
    handoff_id: uuid.UUID


@dataclass(frozen=True)
class ReportRef:
    """One period of a report schedule: ``start`` its first local day, ``end`` the day after its last."""

    dealership_id: int
    schedule_id: int
    start: date
    end: date


BounceRef = MessageRef | HandoffRef | ReportRef


def base_address(settings: Settings) -> str | None:
    """The configured bounce address, or None (bounces are not read)."""
    if settings.bounce_address:
        return settings.bounce_address
    return f"bounces@{settings.inbound_email_domain}" if settings.inbound_email_domain else None


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=").lower()


def _tag(settings: Settings, body: str) -> str:
    key = settings.secret_key.get_secret_value().encode()
    return _b32(hmac.new(key, f"bounce:{body}".encode(), hashlib.sha256).digest())[:10]


def token_body(ref: BounceRef) -> str:
    """The token without its tag (what an ``Email`` carries to the mailer)."""
    if isinstance(ref, MessageRef):
        return f"m{ref.dealership_id}-{_b32(ref.message_id.bytes)}"
    if isinstance(ref, HandoffRef):
        return f"c{ref.dealership_id}-{_b32(ref.handoff_id.bytes)}"
    return f"r{ref.dealership_id}-{ref.schedule_id}-{ref.start:%Y%m%d}{ref.end:%Y%m%d}"


def envelope_sender(settings: Settings, body: str | None) -> str | None:
    """The ``MAIL FROM`` of a message whose token body is ``body`` (None: mail with no row of its own): the VERP
    address, the bare bounce address, or None (no bounce address: the From address is used)."""
    base = base_address(settings)
    if base is None:
        return None
    local, _, domain = base.rpartition("@")
    if body is None:
        return base
    verp = f"{local}+{body}-{_tag(settings, body)}"
    return f"{verp}@{domain}" if len(verp) <= MAX_LOCAL else base


def _ours(settings: Settings, address: str) -> str | None:
    """The token of ``address`` if it is our bounce address ("" for the bare one), else None."""
    base = base_address(settings)
    if base is None:
        return None
    local, _, domain = base.rpartition("@")
    their_local, _, their_domain = address.strip().lower().rpartition("@")
    if their_domain != domain:
        return None
    if their_local == local:
        return ""
    prefix = f"{local}+"
    return their_local[len(prefix) :] if their_local.startswith(prefix) else None


def _addresses(recipients: str | list[str] | None) -> list[str]:
    if not recipients:
        return []
    joined = recipients if isinstance(recipients, str) else ", ".join(recipients)
    return [address for _, address in getaddresses([joined]) if address]


def to_bounce_address(settings: Settings, recipients: str | list[str] | None) -> bool:
    """Is any of ``recipients`` our bounce address, with a token or without, genuine or not."""
    return any(_ours(settings, address) is not None for address in _addresses(recipients))


def bounced_ref(settings: Settings, recipients: str | list[str] | None) -> BounceRef | None:
    """What the first recipient with a genuine token names, else None (no token, a forged or damaged one)."""
    for address in _addresses(recipients):
        token = _ours(settings, address)
        found = _TOKEN.fullmatch(token) if token else None
        if found is None:
            continue
        kind, dealership, ref, tag = found.groups()
        body = f"{kind}{dealership}-{ref}"
        if not hmac.compare_digest(tag, _tag(settings, body)):
            continue
        parsed = _parse(kind, int(dealership), ref)
        if parsed is not None:
            return parsed
    return None


def _parse(kind: str, dealership_id: int, ref: str) -> BounceRef | None:
    try:
        if kind in "mc" and _MESSAGE_REF.fullmatch(ref):
            found = uuid.UUID(bytes=base64.b32decode(ref.upper() + "======"))
            return MessageRef(dealership_id, found) if kind == "m" else HandoffRef(dealership_id, found)
        report = _REPORT_REF.fullmatch(ref)
        if kind == "r" and report:
            start, end = (date(int(d[:4]), int(d[4:6]), int(d[6:])) for d in report.groups()[1:])
            return ReportRef(dealership_id, int(report.group(1)), start, end)
    except ValueError:
        return None
    return None
