"""Standard Webhooks signatures (https://www.standardwebhooks.com): ``whsec_`` secrets, ``v1`` HMAC-SHA256 of
``{webhook-id}.{webhook-timestamp}.{body}``, several signatures space-separated while a rotated secret is valid."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping

PREFIX = "whsec_"
TOLERANCE_SECONDS = 5 * 60


def new_secret() -> str:
    """A fresh ``whsec_`` secret: 24 random bytes, base64."""
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256>`` of the signed content."""
    digest = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(signing_secrets: list[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers of a delivery, signed with every secret currently valid (newest first)."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signature(s, msg_id, timestamp, body) for s in signing_secrets),
        "content-type": "application/json",
    }


def verify(secret: str, received: Mapping[str, str], body: bytes, *, now: float | None = None) -> bool:
    """What a receiver does: the timestamp is recent and one of the ``v1`` signatures matches (constant time)."""
    try:
        msg_id, stamp = received["webhook-id"], int(received["webhook-timestamp"])
        expected = signature(secret, msg_id, stamp, body).split(",", 1)[1]
    except (KeyError, ValueError, binascii.Error):
        return False
    if abs((time.time() if now is None else now) - stamp) > TOLERANCE_SECONDS:
        return False
    for part in received.get("webhook-signature", "").split():
        version, _, value = part.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False
