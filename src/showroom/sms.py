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
    """The provider refused or could not be reached; the message is retried later, unless ``permanent`` (the
    provider refused this message for good: a bad number, an unsubscribed recipient). ``code``: the provider's."""

    def __init__(self, reason: str, *, code: int | None = None, permanent: bool = False) -> None:
        super().__init__(reason)
        self.code = code
        self.permanent = permanent


# Twilio: "Attempt to send to unsubscribed recipient" (the customer texted STOP to Twilio).
TWILIO_UNSUBSCRIBED = 21610


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


class TwilioSms:
    """Twilio's Programmable Messaging REST API (``POST /2010-04-01/Accounts/{sid}/Messages.json``), over httpx:
    async like the rest of the worker, one small form POST, and pointed at a local stand-in in tests by
    ``SHOWROOM_TWILIO_API_URL``. Twilio has no idempotency key for sends: a crash between sending and recording can
    send a text twice (as with any relay that ignores the key). Each text asks for delivery-status callbacks."""

    def __init__(self, settings: Settings, timeout: float = 10.0) -> None:
        if not settings.twilio_account_sid or settings.twilio_auth_token is None:
            raise SmsError(
                "Twilio is not configured: set SHOWROOM_TWILIO_ACCOUNT_SID and SHOWROOM_TWILIO_AUTH_TOKEN",
                permanent=True,
            )
        self.sid = settings.twilio_account_sid
        self.token = settings.twilio_auth_token
        self.url = f"{settings.twilio_api_url.rstrip('/')}/2010-04-01/Accounts/{self.sid}/Messages.json"
        self.timeout = timeout

    async def send(
        self, *, to: str, sender: str | None, body: str, reference: str, status_callback: str | None = None
    ) -> str:
        if not sender:
            raise SmsError("no sending number: set the dealership's settings.sms_number", permanent=True)
        form = {"To": to, "From": sender, "Body": body}
        if status_callback:
            form["StatusCallback"] = status_callback
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(self.url, data=form, auth=(self.sid, self.token.get_secret_value()))
        except httpx.HTTPError as exc:
            raise SmsError(f"Twilio unreachable: {exc.__class__.__name__}") from exc
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code >= 300:
            code = answer.get("code") if isinstance(answer.get("code"), int) else None
            permanent = 400 <= response.status_code < 500 and response.status_code != 429
            detail = answer.get("message") or response.text[:200]
            raise SmsError(f"Twilio error {code or response.status_code}: {detail}", code=code, permanent=permanent)
        return str(answer.get("sid") or reference)


def sms_provider(settings: Settings) -> SmsProvider:
    url = settings.sms_webhook_url
    return WebhookSms(url) if url else OutboxSms(settings)
