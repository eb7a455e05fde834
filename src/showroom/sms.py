"""The one way Showroom sends text messages: an SMS provider behind a small interface.

``SHOWROOM_SMS_WEBHOOK_URL`` set: each message is POSTed as JSON ``{to, from, body, reference}`` to that URL (put
your provider's relay or a Twilio-compatible function behind it), with the header ``Idempotency-Key: <reference>``
(the message id): a message sent again after a crash carries the same key, so the relay can drop the repeat.
Unset: an outbox that stores each message as a JSON file under ``<data dir>/sms-outbox/`` and logs it, so a local
install works without a provider.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import UTC, datetime
from typing import Protocol

import httpx

from showroom.settings import Settings

log = logging.getLogger(__name__)


class SmsError(Exception):
    """The provider refused or could not be reached; the message is retried later."""


class SmsProvider(Protocol):
    async def send(self, *, to: str, sender: str | None, body: str, reference: str) -> str:
        """Send one message; returns the provider's message id."""


class OutboxSms:
    def __init__(self, settings: Settings) -> None:
        self.folder = settings.data_dir / "sms-outbox"

    async def send(self, *, to: str, sender: str | None, body: str, reference: str) -> str:
        message_id = f"outbox-{uuid.uuid4().hex[:12]}"
        record = {
            "id": message_id,
            "to": to,
            "from": sender,
            "body": body,
            "reference": reference,
            "at": datetime.now(UTC).isoformat(),
        }

        def write() -> None:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{message_id}.json").write_text(json.dumps(record, indent=1))

        await asyncio.to_thread(write)
        log.info("sms (outbox) to %s: %s", to, body[:60])
        return message_id


class WebhookSms:
    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url
        self.timeout = timeout

    async def send(self, *, to: str, sender: str | None, body: str, reference: str) -> str:
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(
                    self.url,
                    json={"to": to, "from": sender, "body": body, "reference": reference},
                    headers={"Idempotency-Key": reference},
                )
        except httpx.HTTPError as exc:
            raise SmsError(f"SMS provider unreachable: {exc.__class__.__name__}") from exc
        if response.status_code >= 300:
            raise SmsError(f"SMS provider answered {response.status_code}: {response.text[:200]}")
        try:
            return str(response.json().get("id") or reference)
        except ValueError:
            return reference


def sms_provider(settings: Settings) -> SmsProvider:
    url = settings.sms_webhook_url
    return WebhookSms(url) if url else OutboxSms(settings)
