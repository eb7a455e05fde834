"""The Reply-To of a conversation's e-mails: an address that brings the customer's answer back into the same
conversation, whatever their mail client does with In-Reply-To.

``r-<dealership id>-<conversation id, base32>-<tag>@<SHOWROOM_INBOUND_EMAIL_DOMAIN>``: the tag is an HMAC of the
two ids keyed with ``SHOWROOM_SECRET_KEY``, so an address cannot be made up to post into another conversation or
dealership. The local part stays under RFC 5321's 64 characters. Mail to that domain reaches Showroom through the
e-mail webhook (``POST /api/v1/webhooks/email``) or the IMAP mailbox; without the domain set, replies go to the
dealership's contact address instead (a person reads them)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid
from email.utils import getaddresses

from showroom.settings import Settings

_LOCAL = re.compile(r"r-([0-9]{1,10})-([a-z2-7]{26})-([a-z2-7]{10})")


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=").lower()


def _tag(settings: Settings, dealership_id: int, conversation_id: uuid.UUID) -> str:
    key = settings.secret_key.get_secret_value().encode()
    digest = hmac.new(key, f"reply:{dealership_id}:{conversation_id}".encode(), hashlib.sha256).digest()
    return _b32(digest)[:10]


def reply_address(settings: Settings, dealership_id: int, conversation_id: uuid.UUID) -> str | None:
    """The conversation's reply address, or None when no inbound domain is configured."""
    domain = settings.inbound_email_domain
    if not domain:
        return None
    tag = _tag(settings, dealership_id, conversation_id)
    return f"r-{dealership_id}-{_b32(conversation_id.bytes)}-{tag}@{domain}"


def replied_conversation(settings: Settings, recipients: str | list[str] | None) -> tuple[int, uuid.UUID] | None:
    """(dealership id, conversation id) of the first recipient that is a genuine reply address, else None."""
    domain = (settings.inbound_email_domain or "").lower()
    if not domain or not recipients:
        return None
    joined = recipients if isinstance(recipients, str) else ", ".join(recipients)
    for _, address in getaddresses([joined]):
        local, _, host = address.strip().lower().rpartition("@")
        found = _LOCAL.fullmatch(local) if host == domain else None
        if found is None:
            continue
        dealership_id = int(found.group(1))
        try:
            conversation_id = uuid.UUID(bytes=base64.b32decode(found.group(2).upper() + "======"))
        except (ValueError, TypeError):
            continue
        if hmac.compare_digest(found.group(3), _tag(settings, dealership_id, conversation_id)):
            return dealership_id, conversation_id
    return None
